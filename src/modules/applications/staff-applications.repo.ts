import { and, asc, eq, sql } from 'drizzle-orm';
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

export interface AllocationApplicantRow {
  id: string;
  status: 'submitted' | 'withdrawn';
  profile: Pick<StudentProfileRow, 'studyLevel' | 'course' | 'yearOfStudy' | 'expectedGraduation' | 'languages'> | null;
  // ranked posts, best first
  posts: string[];
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

    // The allocation's read of a round: every submitted or withdrawn application (in id order) with the
    // profile facts eligibility needs and its ranked posts in order, as one JSON value, each post named by
    // its place in the round's list of posts (the list comes with it). One row per choice through the
    // driver cost seconds at 20,000 applications (200,000 choices) on the embedded database, and the
    // posts' ids repeated made the text three times longer; one JSON text parses in milliseconds.
    async allocationApplicants(roundId: string): Promise<AllocationApplicantRow[]> {
      const result = await db.execute(sql`
        with p as (
          select id, (row_number() over (order by id) - 1)::int as n from ${posts} where round_id = ${roundId}
        ), c as (
          select ac.application_id, json_agg(p.n order by ac.rank) as posts
          from ${applicationChoices} ac
          join ${applications} a2 on a2.id = ac.application_id
          join p on p.id = ac.post_id
          where a2.round_id = ${roundId} and a2.status in ('submitted', 'withdrawn')
          group by ac.application_id
        )
        select json_build_object(
          'posts', (select coalesce(json_agg(p.id order by p.n), '[]'::json) from p),
          'applications', (
            select coalesce(json_agg(json_build_array(a.id, a.status, sp.study_level, sp.course, sp.year_of_study, sp.expected_graduation, sp.languages, coalesce(c.posts, '[]'::json)) order by a.id), '[]'::json)
            from ${applications} a
            left join ${studentProfiles} sp on sp.user_id = a.student_id
            left join c on c.application_id = a.id
            where a.round_id = ${roundId} and a.status in ('submitted', 'withdrawn')
          )
        )::text as data`);
      const [row] = (result as unknown as { rows: { data: string }[] }).rows;
      type Tuple = [string, 'submitted' | 'withdrawn', StudentProfileRow['studyLevel'] | null, string | null, number | null, string | null, StudentProfileRow['languages'] | null, number[]];
      const data = JSON.parse(row?.data ?? '{"posts":[],"applications":[]}') as { posts: string[]; applications: Tuple[] };
      return data.applications.map(([id, status, studyLevel, course, yearOfStudy, expectedGraduation, languages, choices]) => ({
        id,
        status,
        profile: studyLevel === null || course === null || yearOfStudy === null || expectedGraduation === null ? null : { studyLevel, course, yearOfStudy, expectedGraduation, languages: languages ?? [] },
        posts: choices.map((n) => data.posts[n] as string),
      }));
    },

    // every post of the round with what eligibility checks
    async requirementsOfRound(roundId: string): Promise<{ postId: string; levels: StaffChoiceRow['levels']; courses: string[]; minYear: number | null; languages: StaffChoiceRow['languages'] }[]> {
      return db.select({ postId: posts.id, levels: posts.levels, courses: posts.courses, minYear: posts.minYear, languages: posts.languages }).from(posts).where(eq(posts.roundId, roundId));
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
