import { z } from 'zod';
import { isUuid, requiredText } from '../../platform/http/form-fields.ts';
import { constraintKinds } from './matching.tables.ts';

// A staff constraint on the round's allocation: a placement imposed, or a pair excluded, with a reason.
export const constraintForm = z.object({
  kind: z.enum(constraintKinds, { error: 'Choose a forced placement or an excluded pair' }),
  applicationId: z.string({ error: 'Choose a student' }).refine(isUuid, 'Choose a student'),
  postId: z.string({ error: 'Choose a post' }).refine(isUuid, 'Choose a post'),
  reason: requiredText('the reason', 1000),
});
export type ConstraintForm = z.infer<typeof constraintForm>;

export const runShows = ['all', 'placed', 'unplaced', 'withdrawn', 'forced'] as const;
export type RunShow = (typeof runShows)[number];

// The run page's assignment table: which students, which page.
export const runQuery = z.object({
  show: z.enum(runShows).catch('all'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type RunQuery = z.infer<typeof runQuery>;

export function parseRunQuery(query: unknown): RunQuery {
  return runQuery.parse(query ?? {});
}

// "Compare with run N"
export const compareQuery = z.object({
  with: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});

export function parseCompareQuery(query: unknown): number | undefined {
  return compareQuery.parse(query ?? {}).with;
}
