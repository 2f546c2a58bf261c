import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';

// The university sees every organisation; a partner's or funder's users see only their own.
export function isUniversityStaff(actor: Actor | null): boolean {
  return hasAnyRole(actor, ['staff', 'admin']);
}

export function canViewOrganisation(actor: Actor | null, organisationId: string): boolean {
  return isUniversityStaff(actor) || (actor !== null && actor.organisationId === organisationId);
}

// Offices, units and details: staff, or the organisation's own coordinator.
export function canManageOrganisation(actor: Actor | null, organisationId: string): boolean {
  return isUniversityStaff(actor) || (hasAnyRole(actor, ['partner_admin']) && actor?.organisationId === organisationId);
}
