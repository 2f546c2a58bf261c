import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import type { Role } from './accounts.tables.ts';

// Staff bring in the people they work with; only an admin creates another admin.
const staffMayInvite: readonly Role[] = ['staff', 'partner_admin', 'partner_reviewer', 'funder', 'edi_officer'];

export function invitableRoles(actor: Actor | null): Role[] {
  if (hasAnyRole(actor, ['admin'])) return [...staffMayInvite, 'admin'];
  if (hasAnyRole(actor, ['staff'])) return [...staffMayInvite];
  // a partner's coordinator brings in their organisation's reviewers
  if (hasAnyRole(actor, ['partner_admin']) && actor?.organisationId) return ['partner_reviewer'];
  return [];
}

export function isUniversityStaffActor(actor: Actor | null): boolean {
  return hasAnyRole(actor, ['staff', 'admin']);
}

// Partner and funder people belong to an organisation of that kind.
export function organisationKindFor(role: Role): 'partner' | 'funder' | undefined {
  if (role === 'partner_admin' || role === 'partner_reviewer') return 'partner';
  if (role === 'funder') return 'funder';
  return undefined;
}

export function canInvite(actor: Actor | null, role: Role): boolean {
  return invitableRoles(actor).includes(role);
}

export function canManageUsers(actor: Actor | null): boolean {
  return hasAnyRole(actor, ['admin']);
}

// A session idles out sooner for accounts that reach other people's data.
export function idleSecondsFor(userRoles: readonly string[]): number {
  return userRoles.every((role) => role === 'student') ? 2 * 60 * 60 : 30 * 60;
}

export const ABSOLUTE_SESSION_SECONDS = 12 * 60 * 60;
