import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import type { Role } from './accounts.tables.ts';

// Staff bring in the people they work with; only an admin creates another admin.
const staffMayInvite: readonly Role[] = ['staff', 'partner_admin', 'partner_reviewer', 'funder', 'edi_officer'];

export function invitableRoles(actor: Actor | null): Role[] {
  if (hasAnyRole(actor, ['admin'])) return [...staffMayInvite, 'admin'];
  if (hasAnyRole(actor, ['staff'])) return [...staffMayInvite];
  return [];
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
