// Allocation runs for tests of publishing and offers: an input built from test applications and
// posts, computed by the real engine and stored as the allocation module stores a run.
import { eq, max } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { allocate, type AllocationInput, type AllocationStudent } from '../../src/modules/matching/deferred-acceptance.ts';
import { allocationRuns } from '../../src/modules/matching/matching.tables.ts';
import { toStoredResult } from '../../src/modules/matching/stored-runs.ts';

export type AllocationRunRow = typeof allocationRuns.$inferSelect;

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// students: application id → posts in the student's order; posts: post id → places and the partner's ranking
export function allocationInput(
  students: readonly (Omit<AllocationStudent, 'preferences'> & { preferences: readonly { id: string }[] })[],
  posts: readonly { post: { id: string }; capacity?: number; ranking: readonly string[] }[],
  constraints: Pick<AllocationInput, 'forced' | 'excluded'> = {},
): AllocationInput {
  return {
    students: students.map((s) => ({ ...s, preferences: s.preferences.map((p) => p.id) })).sort((a, b) => byCodeUnit(a.id, b.id)),
    posts: posts.map((p) => ({ id: p.post.id, capacity: p.capacity ?? 1, ranking: [...p.ranking] })).sort((a, b) => byCodeUnit(a.id, b.id)),
    ...constraints,
  };
}

// A dry run of the round, numbered after the round's last run.
export async function createAllocationRun(db: Db, options: { roundId: string; input: AllocationInput; runBy: string; now: Date; rerunOf?: string }): Promise<AllocationRunRow> {
  const [last] = await db.select({ n: max(allocationRuns.number) }).from(allocationRuns).where(eq(allocationRuns.roundId, options.roundId));
  const result = allocate(options.input);
  const [row] = await db
    .insert(allocationRuns)
    .values({
      roundId: options.roundId,
      number: (last?.n ?? 0) + 1,
      algorithmVersion: result.algorithmVersion,
      input: options.input,
      result: toStoredResult(result),
      rerunOf: options.rerunOf ?? null,
      computeMs: 1,
      runBy: options.runBy,
      runAt: options.now,
    })
    .returning();
  if (!row) throw new Error('allocation run not stored');
  return row;
}
