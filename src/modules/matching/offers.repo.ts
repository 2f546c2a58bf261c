import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, max, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- offers read model: the student's name, address and zone, and the student's row lock (decision 0003)
import { users } from '../accounts/accounts.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- offers read model: the applications of a round (decision 0003)
import { applicationChoices, applications } from '../applications/applications.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- offers read model: the post's organisation and office (decision 0003)
import { offices, organisations } from '../partners/partners.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- offers read model: the offered post (decision 0003)
import { posts } from '../posts/posts.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- offers read model: the round's name and zone (decision 0003)
import { rounds } from '../rounds/rounds.tables.ts';
import { allocationOutcomes, allocationRuns, offers, type OfferStatus } from './matching.tables.ts';

export type AllocationRun = typeof allocationRuns.$inferSelect;
export type Offer = typeof offers.$inferSelect;
export type AllocationOutcome = typeof allocationOutcomes.$inferSelect;

// when a user has no zone of their own, times are shown in the university's
export const DEFAULT_TIME_ZONE = 'Europe/London';

export interface RoundInfo {
  id: string;
  name: string;
  timeZone: string;
  offersBy: string;
}

export interface PostInfo {
  id: string;
  roundId: string;
  title: string;
  organisationId: string;
  organisationName: string;
  city: string;
  country: string;
  officeTimeZone: string;
  earliestStart: string;
  latestStart: string;
  durationMonths: number;
}

export interface ApplicantInfo {
  applicationId: string;
  studentId: string;
  status: string;
  name: string;
  email: string;
  timeZone: string;
  active: boolean;
}

export interface OfferListRow {
  id: string;
  applicationId: string;
  studentName: string;
  postId: string;
  postTitle: string;
  status: OfferStatus;
  respondBy: Date;
  sentAt: Date;
  respondedAt: Date | null;
}

const postColumns = {
  id: posts.id,
  roundId: posts.roundId,
  title: posts.title,
  organisationId: posts.organisationId,
  organisationName: organisations.name,
  city: offices.city,
  country: offices.country,
  officeTimeZone: offices.timeZone,
  earliestStart: posts.earliestStart,
  latestStart: posts.latestStart,
  durationMonths: posts.durationMonths,
};

const applicantColumns = {
  applicationId: applications.id,
  studentId: applications.studentId,
  status: applications.status,
  name: users.name,
  email: users.email,
  timeZone: users.timeZone,
  disabledAt: users.disabledAt,
};

type ApplicantRow = { applicationId: string; studentId: string; status: string; name: string; email: string; timeZone: string | null; disabledAt: Date | null };

function applicant(row: ApplicantRow): ApplicantInfo {
  return { applicationId: row.applicationId, studentId: row.studentId, status: row.status, name: row.name, email: row.email, timeZone: row.timeZone ?? DEFAULT_TIME_ZONE, active: row.disabledAt === null };
}

export function createOffersRepo(db: Db) {
  return {
    // runs
    async findRun(id: string, exec: Db = db): Promise<AllocationRun | undefined> {
      const [row] = await exec.select().from(allocationRuns).where(eq(allocationRuns.id, id));
      return row;
    },
    // Locks the round's runs for the rest of the transaction: two publications of one round take turns.
    async lockRunsOfRound(roundId: string, exec: Db): Promise<void> {
      await exec.select({ id: allocationRuns.id }).from(allocationRuns).where(eq(allocationRuns.roundId, roundId)).for('update');
    },
    async newestRunNumber(roundId: string, exec: Db = db): Promise<number | null> {
      const [row] = await exec.select({ n: max(allocationRuns.number) }).from(allocationRuns).where(eq(allocationRuns.roundId, roundId));
      return row?.n ?? null;
    },
    async latestPublishedRun(roundId: string, exec: Db = db): Promise<AllocationRun | undefined> {
      const [row] = await exec
        .select()
        .from(allocationRuns)
        .where(and(eq(allocationRuns.roundId, roundId), isNotNull(allocationRuns.publishedAt)))
        .orderBy(desc(allocationRuns.number))
        .limit(1);
      return row;
    },
    async countPublishedBefore(roundId: string, number: number, exec: Db = db): Promise<number> {
      const [row] = await exec
        .select({ n: count() })
        .from(allocationRuns)
        .where(and(eq(allocationRuns.roundId, roundId), isNotNull(allocationRuns.publishedAt), lt(allocationRuns.number, number)));
      return Number(row?.n ?? 0);
    },
    async markPublished(id: string, values: { publishedBy: string; publishedAt: Date; respondBy: Date }, exec: Db): Promise<boolean> {
      const rows = await exec
        .update(allocationRuns)
        .set(values)
        .where(and(eq(allocationRuns.id, id), isNull(allocationRuns.publishedAt)))
        .returning({ id: allocationRuns.id });
      return rows.length === 1;
    },

    // read models
    async round(id: string, exec: Db = db): Promise<RoundInfo | undefined> {
      const [row] = await exec.select({ id: rounds.id, name: rounds.name, timeZone: rounds.timeZone, offersBy: rounds.offersBy }).from(rounds).where(eq(rounds.id, id));
      return row;
    },
    async post(id: string, exec: Db = db): Promise<PostInfo | undefined> {
      const [row] = await exec
        .select(postColumns)
        .from(posts)
        .innerJoin(organisations, eq(organisations.id, posts.organisationId))
        .innerJoin(offices, eq(offices.id, posts.officeId))
        .where(eq(posts.id, id));
      return row;
    },
    async postsByIds(ids: readonly string[], exec: Db = db): Promise<PostInfo[]> {
      if (ids.length === 0) return [];
      return exec
        .select(postColumns)
        .from(posts)
        .innerJoin(organisations, eq(organisations.id, posts.organisationId))
        .innerJoin(offices, eq(offices.id, posts.officeId))
        .where(inArray(posts.id, [...ids]));
    },
    // every application of the round, any status, with how to write to its student
    async applicantsOfRound(roundId: string, exec: Db = db): Promise<ApplicantInfo[]> {
      const rows = await exec.select(applicantColumns).from(applications).innerJoin(users, eq(users.id, applications.studentId)).where(eq(applications.roundId, roundId));
      return rows.map(applicant);
    },
    async applicant(applicationId: string, exec: Db = db): Promise<(ApplicantInfo & { roundId: string }) | undefined> {
      const [row] = await exec
        .select({ ...applicantColumns, roundId: applications.roundId })
        .from(applications)
        .innerJoin(users, eq(users.id, applications.studentId))
        .where(eq(applications.id, applicationId));
      return row && { ...applicant(row), roundId: row.roundId };
    },
    async studentNames(applicationIds: readonly string[], exec: Db = db): Promise<Map<string, string>> {
      if (applicationIds.length === 0) return new Map();
      const rows = await exec
        .select({ id: applications.id, name: users.name })
        .from(applications)
        .innerJoin(users, eq(users.id, applications.studentId))
        .where(inArray(applications.id, [...applicationIds]));
      return new Map(rows.map((r) => [r.id, r.name]));
    },
    async choicesOf(applicationId: string, exec: Db = db): Promise<{ postId: string; rank: number; title: string }[]> {
      return exec
        .select({ postId: applicationChoices.postId, rank: applicationChoices.rank, title: posts.title })
        .from(applicationChoices)
        .innerJoin(posts, eq(posts.id, applicationChoices.postId))
        .where(eq(applicationChoices.applicationId, applicationId))
        .orderBy(asc(applicationChoices.rank));
    },

    // outcomes
    async insertOutcomes(rows: (typeof allocationOutcomes.$inferInsert)[], exec: Db): Promise<void> {
      // in slices: one statement per few hundred rows keeps the parameters under the protocol's limit
      for (let i = 0; i < rows.length; i += 500) await exec.insert(allocationOutcomes).values(rows.slice(i, i + 500));
    },
    async outcome(runId: string, applicationId: string, exec: Db = db): Promise<AllocationOutcome | undefined> {
      const [row] = await exec
        .select()
        .from(allocationOutcomes)
        .where(and(eq(allocationOutcomes.runId, runId), eq(allocationOutcomes.applicationId, applicationId)));
      return row;
    },
    // the application's outcome in the latest published run that has one
    async latestOutcomeOf(applicationId: string, exec: Db = db): Promise<(AllocationOutcome & { runNumber: number; publishedAt: Date | null }) | undefined> {
      const [row] = await exec
        .select({ outcome: allocationOutcomes, runNumber: allocationRuns.number, publishedAt: allocationRuns.publishedAt })
        .from(allocationOutcomes)
        .innerJoin(allocationRuns, eq(allocationRuns.id, allocationOutcomes.runId))
        .where(and(eq(allocationOutcomes.applicationId, applicationId), isNotNull(allocationRuns.publishedAt)))
        .orderBy(desc(allocationRuns.number))
        .limit(1);
      return row && { ...row.outcome, runNumber: row.runNumber, publishedAt: row.publishedAt };
    },
    // applications already told, in an earlier published run of the round, that they were not placed
    async toldUnplaced(roundId: string, beforeNumber: number, exec: Db = db): Promise<Set<string>> {
      const rows = await exec
        .select({ id: allocationOutcomes.applicationId })
        .from(allocationOutcomes)
        .innerJoin(allocationRuns, eq(allocationRuns.id, allocationOutcomes.runId))
        .where(
          and(
            eq(allocationRuns.roundId, roundId),
            lt(allocationRuns.number, beforeNumber),
            isNotNull(allocationRuns.publishedAt),
            isNull(allocationOutcomes.postId),
            isNotNull(allocationOutcomes.notifiedAt),
          ),
        );
      return new Set(rows.map((r) => r.id));
    },

    // offers
    async liveOffersOfRound(roundId: string, exec: Db = db): Promise<Offer[]> {
      return exec
        .select()
        .from(offers)
        .where(and(eq(offers.roundId, roundId), or(eq(offers.status, 'open'), eq(offers.status, 'accepted'))));
    },
    async insertOffer(values: typeof offers.$inferInsert, exec: Db): Promise<Offer> {
      const [row] = await exec.insert(offers).values(values).returning();
      if (!row) throw new Error('offer not stored');
      return row;
    },
    // an open offer only: an accepted one is never touched
    async supersede(id: string, by: string | null, exec: Db): Promise<boolean> {
      const rows = await exec
        .update(offers)
        .set({ status: 'superseded', supersededBy: by })
        .where(and(eq(offers.id, id), eq(offers.status, 'open')))
        .returning({ id: offers.id });
      return rows.length === 1;
    },
    async findOffer(id: string, exec: Db = db): Promise<Offer | undefined> {
      const [row] = await exec.select().from(offers).where(eq(offers.id, id));
      return row;
    },
    // Locks the student's row for the rest of the transaction: a student's acceptances take turns, so two
    // offers (of different rounds) cannot both be accepted at once.
    async lockStudent(studentId: string, exec: Db): Promise<void> {
      await exec.select({ id: users.id }).from(users).where(eq(users.id, studentId)).for('update');
    },
    async lockOffer(id: string, exec: Db): Promise<Offer | undefined> {
      const [row] = await exec.select().from(offers).where(eq(offers.id, id)).for('update');
      return row;
    },
    // moves an open offer to its answer; false when it was no longer open
    async answer(id: string, values: { status: 'accepted' | 'declined' | 'expired'; respondedAt: Date | null; declineReason?: string | null }, exec: Db): Promise<boolean> {
      const rows = await exec
        .update(offers)
        .set(values)
        .where(and(eq(offers.id, id), eq(offers.status, 'open')))
        .returning({ id: offers.id });
      return rows.length === 1;
    },
    async acceptedOfStudent(studentId: string, exceptOfferId: string, exec: Db = db): Promise<Offer | undefined> {
      const [row] = await exec
        .select()
        .from(offers)
        .where(and(eq(offers.studentId, studentId), eq(offers.status, 'accepted'), ne(offers.id, exceptOfferId)))
        .limit(1);
      return row;
    },
    async offersOfApplication(applicationId: string, exec: Db = db): Promise<(Offer & { postTitle: string })[]> {
      const rows = await exec
        .select({ offer: offers, postTitle: posts.title })
        .from(offers)
        .innerJoin(posts, eq(posts.id, offers.postId))
        .where(eq(offers.applicationId, applicationId))
        .orderBy(desc(offers.sentAt), desc(offers.id));
      return rows.map((r) => ({ ...r.offer, postTitle: r.postTitle }));
    },
    async offersOfRound(roundId: string, exec: Db = db): Promise<OfferListRow[]> {
      return exec
        .select({
          id: offers.id,
          applicationId: offers.applicationId,
          studentName: users.name,
          postId: offers.postId,
          postTitle: posts.title,
          status: offers.status,
          respondBy: offers.respondBy,
          sentAt: offers.sentAt,
          respondedAt: offers.respondedAt,
        })
        .from(offers)
        .innerJoin(users, eq(users.id, offers.studentId))
        .innerJoin(posts, eq(posts.id, offers.postId))
        .where(eq(offers.roundId, roundId))
        .orderBy(asc(posts.title), asc(users.name), desc(offers.sentAt));
    },
    async offersOfPost(postId: string, exec: Db = db): Promise<Offer[]> {
      return exec.select().from(offers).where(eq(offers.postId, postId)).orderBy(desc(offers.sentAt));
    },
    async statusCounts(roundId: string, exec: Db = db): Promise<Map<OfferStatus, number>> {
      const rows = await exec
        .select({ status: offers.status, n: sql<number>`count(*)::int` })
        .from(offers)
        .where(eq(offers.roundId, roundId))
        .groupBy(offers.status);
      return new Map(rows.map((r) => [r.status, Number(r.n)]));
    },
  };
}

export type OffersRepo = ReturnType<typeof createOffersRepo>;
