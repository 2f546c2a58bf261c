import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- staff applications read model (decision 0003)
import { users } from '../accounts/accounts.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- staff applications read model (decision 0003)
import { posts } from '../posts/posts.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- staff applications read model (decision 0003)
import { roundQuestions } from '../rounds/round-questions.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- staff applications read model (decision 0003)
import { studentProfiles } from '../students/students.tables.ts';
import { applicationAnswers, applicationChoices, applicationEvents, applicationFunding, applications, applicationSubmissions, eligibilityOverrides, type FundingAnswers } from './applications.tables.ts';

// The staff read model of a round's applications: the student, their profile and their ranked posts
// in a few queries per round. Read only; equality-monitoring data is never joined here.
const rowColumns = {
  id: applications.id,
  roundId: applications.roundId,
  studentId: applications.studentId,
  status: applications.status,
  submittedAt: applications.submittedAt,
  withdrawnAt: applications.withdrawnAt,
  createdAt: applications.createdAt,
  updatedAt: applications.updatedAt,
  cvFileId: applications.cvFileId,
  name: users.name,
  email: users.email,
  // null when the student has no profile yet
  profile: studentProfiles,
};

const detailColumns = {
  ...rowColumns,
  statement: applications.statement,
  withdrawReason: applications.withdrawReason,
};

const choiceColumns = {
  applicationId: applicationChoices.applicationId,
  rank: applicationChoices.rank,
  postId: applicationChoices.postId,
  motivation: applicationChoices.motivation,
  title: posts.title,
  postStatus: posts.status,
  levels: posts.levels,
  courses: posts.courses,
  minYear: posts.minYear,
  languages: posts.languages,
};

const overrideColumns = {
  id: eligibilityOverrides.id,
  applicationId: eligibilityOverrides.applicationId,
  postId: eligibilityOverrides.postId,
  eligible: eligibilityOverrides.eligible,
  reason: eligibilityOverrides.reason,
  decidedBy: eligibilityOverrides.decidedBy,
  decidedByName: users.name,
  decidedAt: eligibilityOverrides.decidedAt,
};

export type StudentProfileRow = typeof studentProfiles.$inferSelect;

export interface StaffApplicationRow {
  id: string;
  roundId: string;
  studentId: string;
  status: typeof applications.$inferSelect.status;
  submittedAt: Date | null;
  withdrawnAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  cvFileId: string | null;
  name: string;
  email: string;
  profile: StudentProfileRow | null;
}

export interface StaffApplicationDetailRow extends StaffApplicationRow {
  statement: string;
  withdrawReason: string | null;
}

export interface StaffChoiceRow {
  applicationId: string;
  rank: number;
  postId: string;
  motivation: string;
  title: string;
  postStatus: typeof posts.$inferSelect.status;
  levels: typeof posts.$inferSelect.levels;
  courses: string[];
  minYear: number | null;
  languages: typeof posts.$inferSelect.languages;
}

export interface OverrideRow {
  id: number;
  applicationId: string;
  postId: string | null;
  eligible: boolean | null;
  reason: string;
  decidedBy: string;
  decidedByName: string;
  decidedAt: Date;
}

export function createStaffApplicationsRepo(db: Db) {
  const base = () => db.select(rowColumns).from(applications).innerJoin(users, eq(users.id, applications.studentId)).leftJoin(studentProfiles, eq(studentProfiles.userId, applications.studentId));

  return {
    async listForRound(roundId: string): Promise<StaffApplicationRow[]> {
      return base().where(eq(applications.roundId, roundId));
    },

    async findInRound(roundId: string, applicationId: string): Promise<StaffApplicationDetailRow | undefined> {
      const [row] = await db
        .select(detailColumns)
        .from(applications)
        .innerJoin(users, eq(users.id, applications.studentId))
        .leftJoin(studentProfiles, eq(studentProfiles.userId, applications.studentId))
        .where(and(eq(applications.roundId, roundId), eq(applications.id, applicationId)));
      return row;
    },

    // the ranked posts of every application of the round, with each post's requirements
    async choicesForRound(roundId: string): Promise<StaffChoiceRow[]> {
      return db
        .select(choiceColumns)
        .from(applicationChoices)
        .innerJoin(applications, eq(applications.id, applicationChoices.applicationId))
        .innerJoin(posts, eq(posts.id, applicationChoices.postId))
        .where(eq(applications.roundId, roundId))
        .orderBy(asc(applicationChoices.applicationId), asc(applicationChoices.rank));
    },

    async choicesOf(applicationId: string): Promise<StaffChoiceRow[]> {
      return db.select(choiceColumns).from(applicationChoices).innerJoin(posts, eq(posts.id, applicationChoices.postId)).where(eq(applicationChoices.applicationId, applicationId)).orderBy(asc(applicationChoices.rank));
    },

    // every override of the round's applications, oldest first, with who decided
    async overridesForRound(roundId: string, exec: Db = db): Promise<OverrideRow[]> {
      return exec
        .select(overrideColumns)
        .from(eligibilityOverrides)
        .innerJoin(applications, eq(applications.id, eligibilityOverrides.applicationId))
        .innerJoin(users, eq(users.id, eligibilityOverrides.decidedBy))
        .where(eq(applications.roundId, roundId))
        .orderBy(asc(eligibilityOverrides.decidedAt), asc(eligibilityOverrides.id));
    },

    async overridesOf(applicationId: string, exec: Db = db): Promise<OverrideRow[]> {
      return exec
        .select(overrideColumns)
        .from(eligibilityOverrides)
        .innerJoin(users, eq(users.id, eligibilityOverrides.decidedBy))
        .where(eq(eligibilityOverrides.applicationId, applicationId))
        .orderBy(asc(eligibilityOverrides.decidedAt), asc(eligibilityOverrides.id));
    },

    async insertOverride(values: typeof eligibilityOverrides.$inferInsert, exec: Db): Promise<void> {
      await exec.insert(eligibilityOverrides).values(values);
    },

    // the round's posts that the filter offers
    async postsOfRound(roundId: string): Promise<{ id: string; title: string }[]> {
      return db.select({ id: posts.id, title: posts.title }).from(posts).where(eq(posts.roundId, roundId)).orderBy(asc(posts.title));
    },

    // the answers to the round's questions, in the order of the form
    async answersOf(applicationId: string): Promise<{ questionId: string; prompt: string; kind: string; position: number; value: string }[]> {
      return db
        .select({ questionId: roundQuestions.id, prompt: roundQuestions.prompt, kind: roundQuestions.kind, position: roundQuestions.position, value: applicationAnswers.value })
        .from(applicationAnswers)
        .innerJoin(roundQuestions, eq(roundQuestions.id, applicationAnswers.questionId))
        .where(eq(applicationAnswers.applicationId, applicationId))
        .orderBy(asc(roundQuestions.position), asc(roundQuestions.createdAt));
    },

    async fundingOf(applicationId: string): Promise<{ answers: FundingAnswers; updatedAt: Date } | undefined> {
      const [row] = await db.select({ answers: applicationFunding.answers, updatedAt: applicationFunding.updatedAt }).from(applicationFunding).where(eq(applicationFunding.applicationId, applicationId));
      return row;
    },

    async eventsOf(applicationId: string) {
      return db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, applicationId)).orderBy(asc(applicationEvents.at), asc(applicationEvents.id));
    },

    async submissionsOf(applicationId: string) {
      return db.select().from(applicationSubmissions).where(eq(applicationSubmissions.applicationId, applicationId)).orderBy(asc(applicationSubmissions.id));
    },
  };
}

export type StaffApplicationsRepo = ReturnType<typeof createStaffApplicationsRepo>;
