import { and, asc, eq, inArray, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- ranking read model (decision 0003)
import { users } from '../accounts/accounts.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- ranking read model (decision 0003)
import { applications } from '../applications/applications.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- whether the round's allocation is published (decision 0003)
import { allocationRuns } from '../matching/matching.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the post's row lock (decision 0003)
import { posts } from '../posts/posts.tables.ts';
import { reviewCounts } from './counted-reviews.ts';
import { interviewScores, interviewSlots, postRankings, reviews } from './selection.tables.ts';

// An interviewed candidate of a post: a submitted application holding a booked slot of the post that
// has started. They are on the fixed shortlist, so the partner knows their name.
export interface InterviewedRow {
  applicationId: string;
  name: string;
  interviewedAt: Date;
}

export interface RankingRow {
  applicationId: string;
  position: number | null;
  notAppointable: boolean;
  rankedAt: Date;
  rankedByName: string;
}

export function createRankingsRepo(db: Db) {
  return {
    async interviewed(postId: string, now: Date, exec: Db = db): Promise<InterviewedRow[]> {
      return exec
        .select({ applicationId: applications.id, name: users.name, interviewedAt: interviewSlots.startsAt })
        .from(interviewSlots)
        .innerJoin(applications, eq(applications.id, interviewSlots.applicationId))
        .innerJoin(users, eq(users.id, applications.studentId))
        .where(and(eq(interviewSlots.postId, postId), lte(interviewSlots.startsAt, now), eq(applications.status, 'submitted')))
        .orderBy(asc(users.name), asc(applications.id));
    },
    async submittedReviews(postId: string, ids: readonly string[]): Promise<{ applicationId: string; scores: Record<string, number> }[]> {
      if (ids.length === 0) return [];
      return db
        .select({ applicationId: reviews.applicationId, scores: reviews.scores })
        .from(reviews)
        .where(and(eq(reviews.postId, postId), isNotNull(reviews.submittedAt), inArray(reviews.applicationId, [...ids]), reviewCounts(db)));
    },
    async submittedInterviewScores(postId: string, ids: readonly string[]): Promise<{ applicationId: string; scores: Record<string, number> }[]> {
      if (ids.length === 0) return [];
      return db
        .select({ applicationId: interviewScores.applicationId, scores: interviewScores.scores })
        .from(interviewScores)
        .where(and(eq(interviewScores.postId, postId), isNotNull(interviewScores.submittedAt), inArray(interviewScores.applicationId, [...ids])));
    },
    async ranking(postId: string, exec: Db = db): Promise<RankingRow[]> {
      return exec
        .select({
          applicationId: postRankings.applicationId,
          position: postRankings.position,
          notAppointable: postRankings.notAppointable,
          rankedAt: postRankings.rankedAt,
          rankedByName: users.name,
        })
        .from(postRankings)
        .innerJoin(users, eq(users.id, postRankings.rankedBy))
        .where(eq(postRankings.postId, postId))
        .orderBy(asc(postRankings.position), asc(postRankings.applicationId));
    },
    // a published allocation of the round fixes every ranking in it
    async allocationPublished(roundId: string, exec: Db = db): Promise<boolean> {
      const [row] = await exec
        .select({ id: allocationRuns.id })
        .from(allocationRuns)
        .where(and(eq(allocationRuns.roundId, roundId), isNotNull(allocationRuns.publishedAt)))
        .limit(1);
      return row !== undefined;
    },
    // Locks the post row for the rest of the transaction: two saves of one ranking take turns.
    async lockPost(postId: string, exec: Db): Promise<boolean> {
      const [row] = await exec.select({ id: posts.id }).from(posts).where(eq(posts.id, postId)).for('update');
      return row !== undefined;
    },
    // the whole ranking replaced: delete, then insert (positions are unique per post)
    async replace(postId: string, entries: readonly { applicationId: string; position: number | null; notAppointable: boolean }[], by: { userId: string; at: Date }, exec: Db): Promise<void> {
      await exec.delete(postRankings).where(eq(postRankings.postId, postId));
      if (entries.length === 0) return;
      await exec.insert(postRankings).values(entries.map((e) => ({ postId, applicationId: e.applicationId, position: e.position, notAppointable: e.notAppointable, rankedBy: by.userId, rankedAt: by.at })));
    },
  };
}

export type RankingsRepo = ReturnType<typeof createRankingsRepo>;
