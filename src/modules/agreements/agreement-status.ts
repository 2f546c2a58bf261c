import { daysBetween } from '../../platform/time/zoned.ts';

export const agreementStatuses = ['draft', 'active', 'expiring', 'expired'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

export const agreementStatusNames: Record<AgreementStatus, string> = {
  draft: 'Draft (not signed)',
  active: 'Active',
  expiring: 'Expiring within 90 days',
  expired: 'Expired',
};

export const EXPIRING_WITHIN_DAYS = 90;

// Derived from the dates, never stored.
export function agreementStatus(agreement: { signedOn: string | null; validTo: string }, today: string): AgreementStatus {
  if (agreement.signedOn === null) return 'draft';
  if (today > agreement.validTo) return 'expired';
  if (daysBetween(today, agreement.validTo) <= EXPIRING_WITHIN_DAYS) return 'expiring';
  return 'active';
}
