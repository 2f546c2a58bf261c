import { and, eq, notExists, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { reviewConflicts, reviews } from './selection.tables.ts';

// A submitted review counts unless its reviewer has since declared a conflict of interest on the
// application (decision 0006): the review pages, the shortlist and the ranking read the same reviews.
export function reviewCounts(exec: Db): SQL {
  return notExists(
    exec
      .select({ one: sql`1` })
      .from(reviewConflicts)
      .where(and(eq(reviewConflicts.applicationId, reviews.applicationId), eq(reviewConflicts.reviewerId, reviews.reviewerId))),
  );
}
