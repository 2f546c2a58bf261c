import { formatDateTime } from '../../platform/views/DateTime.tsx';
import type { Eligibility } from '../posts/eligibility.ts';

// An override as staff see it: who decided, when and why. eligible null: the override was removed.
export interface OverrideDecisionRow {
  id: number;
  postId: string | null;
  eligible: boolean | null;
  reason: string;
  decidedByName: string;
  decidedAt: Date;
}

// A computed result, the override in force (if any), and what counts.
export interface EffectiveEligibility {
  computed: Eligibility;
  override: OverrideDecisionRow | undefined;
  eligible: boolean;
}

export const ROUND_KEY = 'round';

// The newest decision per post (or ROUND_KEY) wins; a removal leaves the computed result in force.
export function overridesInForce<T extends { id: number; postId: string | null; eligible: boolean | null; decidedAt: Date }>(history: readonly T[]): Map<string, T> {
  const sorted = [...history].sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime() || a.id - b.id);
  const latest = new Map<string, T>();
  for (const row of sorted) latest.set(row.postId ?? ROUND_KEY, row);
  for (const [key, row] of latest) if (row.eligible === null) latest.delete(key);
  return latest;
}

export function effective(computed: Eligibility, override: OverrideDecisionRow | undefined): EffectiveEligibility {
  return { computed, override, eligible: override?.eligible ?? computed.eligible };
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

// "Not eligible: <reasons> Overridden by <name> on <date>: <reason>", in plain words.
export function describeEligibility(result: EffectiveEligibility, timeZone: string): string {
  const computed = result.computed.eligible ? 'Eligible.' : `Not eligible: ${result.computed.reasons.map(sentence).join(' ')}`;
  if (!result.override) return computed;
  const decision = result.override.eligible ? 'eligible' : 'not eligible';
  return `${computed} Overridden to ${decision} by ${result.override.decidedByName} on ${formatDateTime(result.override.decidedAt, timeZone)}: ${sentence(result.override.reason)}`;
}
