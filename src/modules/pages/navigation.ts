import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import type { NavLink } from '../../platform/views/page-context.ts';

// The main navigation shows what the user's roles can reach, and nothing else.
export function navigationFor(actor: Actor | null): NavLink[] {
  const catalogue: NavLink = { href: '/posts', label: 'Internships' };
  // the catalogue is a public showcase
  if (!actor) return [{ href: '/', label: 'Home' }, catalogue];
  const links: NavLink[] = [{ href: '/', label: 'Home' }, catalogue];
  if (hasAnyRole(actor, ['staff', 'admin'])) {
    links.push({ href: '/partners', label: 'Organisations' }, { href: '/agreements', label: 'Agreements' }, { href: '/rounds', label: 'Rounds' }, { href: '/courses', label: 'Courses' }, { href: '/invitations/new', label: 'Invite someone' });
  } else if (hasAnyRole(actor, ['partner_admin', 'partner_reviewer']) && actor.organisationId) {
    links.push({ href: `/partners/${actor.organisationId}`, label: 'Your organisation' }, { href: '/rounds', label: 'Rounds and posts' }, { href: '/reviews', label: 'Reviews' }, { href: '/interviews', label: 'Interviews' });
    if (hasAnyRole(actor, ['partner_admin'])) links.push({ href: '/invitations/new', label: 'Invite a reviewer' });
  }
  if (hasAnyRole(actor, ['student'])) links.push({ href: '/applications', label: 'Your applications' }, { href: '/profile', label: 'Your profile' });
  // aggregate equality monitoring, for the edi_officer only
  if (hasAnyRole(actor, ['edi_officer'])) links.push({ href: '/equality', label: 'Equality monitoring' });
  if (hasAnyRole(actor, ['admin'])) {
    links.push({ href: '/admin/users', label: 'Users' }, { href: '/admin/audit', label: 'Audit log' }, { href: '/admin/outbox', label: 'Outbox' });
  }
  links.push({ href: '/account', label: 'Your account' });
  return links;
}
