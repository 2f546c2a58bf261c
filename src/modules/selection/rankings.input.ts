import { z } from 'zod';
import { isUuid, manyOf } from '../../platform/http/form-fields.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';

// The ranking form: for each candidate listed (a hidden "candidate" field each), a position select
// named "position-<application id>" (empty: none) and a "not appointable" checkbox (value: the id).
export interface RankingEntryInput {
  applicationId: string;
  // what was typed, kept to show again: '' when none
  position: string;
  notAppointable: boolean;
}

export interface RankingEntry {
  applicationId: string;
  position: number | null;
  notAppointable: boolean;
}

const candidateId = z.string().refine(isUuid, 'Choose candidates from the list');

const rankingShape = z.object({
  candidate: manyOf(candidateId),
  notAppointable: manyOf(candidateId),
});

export const positionField = (applicationId: string) => `position-${applicationId}`;

export type RankingFormResult = { ok: true; entries: RankingEntryInput[] } | { ok: false; errors: FieldErrors; entries: RankingEntryInput[] };

// The typed form, as entries: every candidate the form listed, and any id ticked or given a position.
export function parseRankingForm(body: unknown): RankingFormResult {
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const parsed = rankingShape.safeParse(record);
  if (!parsed.success) return { ok: false, errors: { ranking: 'Choose candidates from the list' }, entries: [] };
  const ids = new Set(parsed.data.candidate);
  const ticked = new Set(parsed.data.notAppointable);
  for (const id of ticked) ids.add(id);
  const positions = new Map<string, string>();
  for (const [key, value] of Object.entries(record)) {
    if (!key.startsWith('position-')) continue;
    const id = key.slice('position-'.length);
    if (!isUuid(id)) return { ok: false, errors: { ranking: 'Choose candidates from the list' }, entries: [] };
    positions.set(id, typeof value === 'string' ? value.trim().slice(0, 10) : '');
    ids.add(id);
  }
  const entries = [...ids].map((applicationId) => ({ applicationId, position: positions.get(applicationId) ?? '', notAppointable: ticked.has(applicationId) }));
  return { ok: true, entries };
}

// The rules of a ranking, against the post's interviewed candidates (id → name): a strict order 1..k
// without gaps or repeats, every candidate either placed or "not appointable" (not both), none other.
// Errors are keyed by the field they point at.
export function checkRanking(entries: readonly RankingEntryInput[], candidates: ReadonlyMap<string, string>): { ok: true; ranking: RankingEntry[] } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (entries.some((e) => !candidates.has(e.applicationId))) {
    return { ok: false, errors: { ranking: 'The ranking names someone who is not an interviewed candidate of this post. Reload the page and rank again.' } };
  }
  const chosen = entries.filter((e) => e.position !== '' || e.notAppointable);
  if (chosen.length === 0) return { ok: false, errors: { ranking: 'Give each candidate a position, or mark them not appointable' } };
  const ranking: RankingEntry[] = [];
  const byPosition = new Map<number, string[]>();
  for (const [applicationId, name] of candidates) {
    const entry = entries.find((e) => e.applicationId === applicationId);
    const field = positionField(applicationId);
    const typed = entry?.position ?? '';
    const notAppointable = entry?.notAppointable ?? false;
    if (typed !== '' && !/^\d{1,4}$/.test(typed)) {
      errors[field] = `The position of ${name} must be a whole number`;
      continue;
    }
    const position = typed === '' ? null : Number(typed);
    if (position !== null && notAppointable) {
      errors[field] = `${name} has a position and is marked not appointable: choose one`;
      continue;
    }
    if (position === null && !notAppointable) {
      errors[field] = `Give ${name} a position, or mark them not appointable`;
      continue;
    }
    if (position !== null) {
      if (position < 1 || position > candidates.size) {
        errors[field] = `The position of ${name} must be between 1 and ${candidates.size}`;
        continue;
      }
      const list = byPosition.get(position) ?? [];
      list.push(applicationId);
      byPosition.set(position, list);
    }
    ranking.push({ applicationId, position, notAppointable });
  }
  for (const [position, ids] of byPosition) {
    if (ids.length < 2) continue;
    const names = ids.map((id) => candidates.get(id) ?? id);
    for (const id of ids) errors[positionField(id)] ??= `Position ${position} is given to more than one candidate (${names.join(', ')})`;
  }
  if (Object.keys(errors).length === 0) {
    const used = [...byPosition.keys()].sort((a, b) => a - b);
    const gap = used.findIndex((p, i) => p !== i + 1);
    if (gap >= 0) errors.ranking = `The positions must run 1, 2, 3… without gaps: position ${gap + 1} is missing`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  ranking.sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || (a.applicationId < b.applicationId ? -1 : 1));
  return { ok: true, ranking };
}
