import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import type { NavLink } from '../../platform/views/page-context.ts';

// The main navigation shows what the user's roles can reach, and nothing else.
export function navigationFor(actor: Actor | null): NavLink[] {
  if (!actor) return [];
  const links: NavLink[] = [{ href: '/', label: 'Home' }];
  if (hasAnyRole(actor, ['staff', 'admin'])) links.push({ href: '/invitations/new', label: 'Invite someone' });
  if (hasAnyRole(actor, ['admin'])) {
    links.push({ href: '/admin/users', label: 'Users' }, { href: '/admin/audit', label: 'Audit log' }, { href: '/admin/outbox', label: 'Outbox' });
  }
  links.push({ href: '/account', label: 'Your account' });
  return links;
}
