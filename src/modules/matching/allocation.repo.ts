import { and, asc, count, desc, eq, inArray, isNotNull, max, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- allocation read model (decision 0003)
import { users } from '../accounts/accounts.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- allocation read model (decision 0003)
import { applications } from '../applications/applications.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- allocation read model (decision 0003)
import { posts } from '../posts/posts.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the round's row lock while a run takes its number (decision 0003)
import { rounds } from '../rounds/rounds.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- allocation read model (decision 0003)
import { postRankings } from '../selection/selection.tables.ts';
import type { AllocationStatistics } from './deferred-acceptance.ts';
import { allocationConstraints, allocationRuns, type ConstraintKind } from './matching.tables.ts';

export type AllocationRunRow = typeof allocationRuns.$inferSelect;

export interface ConstraintRow {
  id: string;
  kind: ConstraintKind;
  applicationId: string;
  studentName: string;
  postId: string;
  postTitle: string;
  reason: string;
  createdByName: string;
  createdAt: Date;
}

export interface RunSummaryRow {
  id: string;
  number: number;
  runAt: Date;
  runByName: string;
  publishedAt: Date | null;
  rerunOf: string | null;
  statistics: AllocationStatistics;
}

export interface PostRankingStatusRow {
  id: string;
  title: string;
  status: string;
  places: number;
  ranked: number;
  notAppointable: number;
  rankedAt: Date | null;
}

export function createAllocationRepo(db: Db) {
  return {
    // the round's posts that take part (published), with how far their ranking has got
    async postsWithRankings(roundId: string): Promise<PostRankingStatusRow[]> {
      return db
        .select({
          id: posts.id,
          title: posts.title,
          status: posts.status,
          places: posts.places,
          ranked: sql<number>`count(${postRankings.position})::int`,
          notAppointable: sql<number>`count(*) filter (where ${postRankings.notAppointable})::int`,
          rankedAt: max(postRankings.rankedAt),
        })
        .from(posts)
        .leftJoin(postRankings, eq(postRankings.postId, posts.id))
        .where(and(eq(posts.roundId, roundId), eq(posts.status, 'published')))
        .groupBy(posts.id)
        .orderBy(asc(posts.title), asc(posts.id));
    },
    // every application of the round that took part (submitted or withdrawn), with the student's name
    async applicants(roundId: string): Promise<{ id: string; name: string; email: string; status: string }[]> {
      return db
        .select({ id: applications.id, name: users.name, email: users.email, status: applications.status })
        .from(applications)
        .innerJoin(users, eq(users.id, applications.studentId))
        .where(and(eq(applications.roundId, roundId), inArray(applications.status, ['submitted', 'withdrawn'])))
        .orderBy(asc(users.name), asc(applications.id));
    },
    async postTitles(roundId: string): Promise<{ id: string; title: string; places: number }[]> {
      return db.select({ id: posts.id, title: posts.title, places: posts.places }).from(posts).where(eq(posts.roundId, roundId)).orderBy(asc(posts.title), asc(posts.id));
    },
    async constraints(roundId: string): Promise<ConstraintRow[]> {
      const creator = sql<string>`(select ${users.name} from ${users} where ${users.id} = ${allocationConstraints.createdBy})`;
      return db
        .select({
          id: allocationConstraints.id,
          kind: allocationConstraints.kind,
          applicationId: allocationConstraints.applicationId,
          studentName: users.name,
          postId: allocationConstraints.postId,
          postTitle: posts.title,
          reason: allocationConstraints.reason,
          createdByName: creator,
          createdAt: allocationConstraints.createdAt,
        })
        .from(allocationConstraints)
        .innerJoin(applications, eq(applications.id, allocationConstraints.applicationId))
        .innerJoin(users, eq(users.id, applications.studentId))
        .innerJoin(posts, eq(posts.id, allocationConstraints.postId))
        .where(eq(allocationConstraints.roundId, roundId))
        .orderBy(asc(allocationConstraints.createdAt), asc(allocationConstraints.id));
    },
    async findConstraint(roundId: string, kind: ConstraintKind, applicationId: string, postId: string, exec: Db = db): Promise<{ id: string } | undefined> {
      const [row] = await exec
        .select({ id: allocationConstraints.id })
        .from(allocationConstraints)
        .where(and(eq(allocationConstraints.roundId, roundId), eq(allocationConstraints.kind, kind), eq(allocationConstraints.applicationId, applicationId), eq(allocationConstraints.postId, postId)));
      return row;
    },
    async insertConstraint(values: typeof allocationConstraints.$inferInsert, exec: Db): Promise<string> {
      const [row] = await exec.insert(allocationConstraints).values(values).returning({ id: allocationConstraints.id });
      if (!row) throw new Error('constraint not stored');
      return row.id;
    },
    async deleteConstraint(roundId: string, id: string, exec: Db): Promise<typeof allocationConstraints.$inferSelect | undefined> {
      const [row] = await exec
        .delete(allocationConstraints)
        .where(and(eq(allocationConstraints.roundId, roundId), eq(allocationConstraints.id, id)))
        .returning();
      return row;
    },
    async runs(roundId: string): Promise<RunSummaryRow[]> {
      return db
        .select({
          id: allocationRuns.id,
          number: allocationRuns.number,
          runAt: allocationRuns.runAt,
          runByName: users.name,
          publishedAt: allocationRuns.publishedAt,
          rerunOf: allocationRuns.rerunOf,
          statistics: sql<AllocationStatistics>`${allocationRuns.result}->'statistics'`,
        })
        .from(allocationRuns)
        .innerJoin(users, eq(users.id, allocationRuns.runBy))
        .where(eq(allocationRuns.roundId, roundId))
        .orderBy(desc(allocationRuns.number));
    },
    async findRun(id: string): Promise<(AllocationRunRow & { runByName: string }) | undefined> {
      const [row] = await db
        .select({ run: allocationRuns, runByName: users.name })
        .from(allocationRuns)
        .innerJoin(users, eq(users.id, allocationRuns.runBy))
        .where(eq(allocationRuns.id, id));
      return row ? { ...row.run, runByName: row.runByName } : undefined;
    },
    async findRunByNumber(roundId: string, number: number): Promise<AllocationRunRow | undefined> {
      const [row] = await db
        .select()
        .from(allocationRuns)
        .where(and(eq(allocationRuns.roundId, roundId), eq(allocationRuns.number, number)));
      return row;
    },
    // Locks the round row for the rest of the transaction: two runs of one round take turns for a number.
    async lockRound(roundId: string, exec: Db): Promise<boolean> {
      const [row] = await exec.select({ id: rounds.id }).from(rounds).where(eq(rounds.id, roundId)).for('update');
      return row !== undefined;
    },
    async nextRunNumber(roundId: string, exec: Db): Promise<number> {
      const [row] = await exec.select({ n: max(allocationRuns.number) }).from(allocationRuns).where(eq(allocationRuns.roundId, roundId));
      return (row?.n ?? 0) + 1;
    },
    async insertRun(values: typeof allocationRuns.$inferInsert, exec: Db): Promise<string> {
      const [row] = await exec.insert(allocationRuns).values(values).returning({ id: allocationRuns.id });
      if (!row) throw new Error('run not stored');
      return row.id;
    },
    async countRuns(roundId: string): Promise<number> {
      const [row] = await db.select({ n: count() }).from(allocationRuns).where(eq(allocationRuns.roundId, roundId));
      return row?.n ?? 0;
    },
    async publishedCount(roundId: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(allocationRuns)
        .where(and(eq(allocationRuns.roundId, roundId), isNotNull(allocationRuns.publishedAt)));
      return row?.n ?? 0;
    },
  };
}

export type AllocationRepo = ReturnType<typeof createAllocationRepo>;
