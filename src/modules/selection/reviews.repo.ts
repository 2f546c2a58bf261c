import { and, arrayOverlaps, asc, eq, inArray, isNull, ne, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- review read model (decision 0003)
import { users } from '../accounts/accounts.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- review read model (decision 0003)
import { applicationAnswers, applicationChoices, applications } from '../applications/applications.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- review read model (decision 0003)
import { posts } from '../posts/posts.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- review read model (decision 0003)
import { roundQuestions } from '../rounds/round-questions.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- review read model (decision 0003)
import { rounds } from '../rounds/rounds.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- review read model (decision 0003)
import { studentProfiles } from '../students/students.tables.ts';
import { reviewConflicts, reviewerAssignments, reviews, rubricCriteria, selectionSettings, shortlistDecisions, shortlistEntries, type Recommendation } from './selection.tables.ts';

// The review side of selection: reviewer assignments, a reviewer's queue, the application as a
// reviewer may see it, reviews and conflicts. Reads join other modules' tables (decision 0003);
// funding answers and equality data are never joined here.

export const REVIEWER_ROLES = ['partner_reviewer', 'partner_admin'] as const;

export interface ReviewPost {
  id: string;
  title: string;
  organisationId: string;
  roundId: string;
  roundName: string;
  roundTimeZone: string;
}

export interface SelectionSettingsRow {
  reviewsPerApplication: number;
  anonymised: boolean;
}

export interface ReviewerRow {
  id: string;
  name: string;
  email: string;
  roles: string[];
}

export interface AssignmentRow extends ReviewerRow {
  assignedAt: Date;
  // false when the user was disabled or moved to another organisation after being assigned
  eligible: boolean;
}

export interface QueueRow {
  applicationId: string;
  postId: string;
  postTitle: string;
  submittedAt: Date | null;
  reviewSubmittedAt: Date | null;
  reviewUpdatedAt: Date | null;
}

export interface ReviewContextRow {
  applicationId: string;
  roundId: string;
  studentId: string;
  statement: string;
  submittedAt: Date | null;
  cvFileId: string | null;
  motivation: string;
  rank: number;
  name: string;
  email: string;
  studentNumber: string | null;
  course: string | null;
  studyLevel: string | null;
  yearOfStudy: number | null;
  languages: { language: string; level: string }[] | null;
}

export interface CriterionRow {
  id: string;
  position: number;
  name: string;
  description: string;
  weight: number;
  descriptors: string[];
}

export interface ReviewRow {
  id: string;
  reviewerId: string;
  reviewerName: string;
  scores: Record<string, number>;
  comment: string;
  recommendation: Recommendation | null;
  submittedAt: Date | null;
  updatedAt: Date;
}

const activeReviewer = (organisationId: string) =>
  and(eq(users.organisationId, organisationId), isNull(users.disabledAt), arrayOverlaps(users.roles, [...REVIEWER_ROLES]));

export function createReviewsRepo(db: Db) {
  return {
    async findPost(postId: string): Promise<ReviewPost | undefined> {
      const [row] = await db
        .select({ id: posts.id, title: posts.title, organisationId: posts.organisationId, roundId: posts.roundId, roundName: rounds.name, roundTimeZone: rounds.timeZone })
        .from(posts)
        .innerJoin(rounds, eq(rounds.id, posts.roundId))
        .where(eq(posts.id, postId));
      return row;
    },

    // no row: the defaults of the table (K 2, anonymised)
    async settings(roundId: string): Promise<SelectionSettingsRow> {
      const [row] = await db
        .select({ reviewsPerApplication: selectionSettings.reviewsPerApplication, anonymised: selectionSettings.anonymised })
        .from(selectionSettings)
        .where(eq(selectionSettings.roundId, roundId));
      return row ?? { reviewsPerApplication: 2, anonymised: true };
    },

    // who a partner admin may assign: active reviewers and admins of their own organisation
    async reviewerCandidates(organisationId: string): Promise<ReviewerRow[]> {
      return db.select({ id: users.id, name: users.name, email: users.email, roles: users.roles }).from(users).where(activeReviewer(organisationId)).orderBy(asc(users.name), asc(users.email));
    },

    async assignments(postId: string, organisationId: string): Promise<AssignmentRow[]> {
      const rows = await db
        .select({ id: users.id, name: users.name, email: users.email, roles: users.roles, assignedAt: reviewerAssignments.assignedAt, organisationId: users.organisationId, disabledAt: users.disabledAt })
        .from(reviewerAssignments)
        .innerJoin(users, eq(users.id, reviewerAssignments.reviewerId))
        .where(eq(reviewerAssignments.postId, postId))
        .orderBy(asc(users.name), asc(users.email));
      return rows.map(({ organisationId: org, disabledAt, ...row }) => ({
        ...row,
        eligible: org === organisationId && disabledAt === null && row.roles.some((r) => (REVIEWER_ROLES as readonly string[]).includes(r)),
      }));
    },

    async isAssigned(postId: string, reviewerId: string, exec: Db = db): Promise<boolean> {
      const [row] = await exec
        .select({ postId: reviewerAssignments.postId })
        .from(reviewerAssignments)
        .where(and(eq(reviewerAssignments.postId, postId), eq(reviewerAssignments.reviewerId, reviewerId)));
      return row !== undefined;
    },

    async assign(values: typeof reviewerAssignments.$inferInsert, exec: Db = db): Promise<boolean> {
      const rows = await exec.insert(reviewerAssignments).values(values).onConflictDoNothing().returning({ postId: reviewerAssignments.postId });
      return rows.length > 0;
    },

    async unassign(postId: string, reviewerId: string, exec: Db = db): Promise<boolean> {
      const rows = await exec
        .delete(reviewerAssignments)
        .where(and(eq(reviewerAssignments.postId, postId), eq(reviewerAssignments.reviewerId, reviewerId)))
        .returning({ postId: reviewerAssignments.postId });
      return rows.length > 0;
    },

    // the submitted applications that rank a post
    async submittedApplicationIds(postId: string): Promise<string[]> {
      const rows = await db
        .select({ id: applications.id })
        .from(applicationChoices)
        .innerJoin(applications, eq(applications.id, applicationChoices.applicationId))
        .where(and(eq(applicationChoices.postId, postId), eq(applications.status, 'submitted')));
      return rows.map((r) => r.id);
    },

    async conflictsOn(applicationIds: readonly string[]): Promise<{ applicationId: string; reviewerId: string }[]> {
      if (applicationIds.length === 0) return [];
      return db
        .select({ applicationId: reviewConflicts.applicationId, reviewerId: reviewConflicts.reviewerId })
        .from(reviewConflicts)
        .where(inArray(reviewConflicts.applicationId, [...applicationIds]));
    },

    async postsAssignedTo(reviewerId: string, organisationId: string): Promise<{ id: string; title: string }[]> {
      return db
        .select({ id: posts.id, title: posts.title })
        .from(reviewerAssignments)
        .innerJoin(posts, eq(posts.id, reviewerAssignments.postId))
        .where(and(eq(reviewerAssignments.reviewerId, reviewerId), eq(posts.organisationId, organisationId)))
        .orderBy(asc(posts.title));
    },

    // a partner admin's published (or closed) posts, for choosing reviewers
    async organisationPosts(organisationId: string): Promise<{ id: string; title: string; roundName: string; reviewers: number; submitted: number }[]> {
      return db
        .select({
          id: posts.id,
          title: posts.title,
          roundName: rounds.name,
          reviewers: sql<number>`(select count(*)::int from ${reviewerAssignments} where ${reviewerAssignments.postId} = ${posts.id})`,
          submitted: sql<number>`(select count(*)::int from ${applicationChoices} join ${applications} on ${applications.id} = ${applicationChoices.applicationId} where ${applicationChoices.postId} = ${posts.id} and ${applications.status} = 'submitted')`,
        })
        .from(posts)
        .innerJoin(rounds, eq(rounds.id, posts.roundId))
        .where(and(eq(posts.organisationId, organisationId), inArray(posts.status, ['published', 'closed'])))
        .orderBy(asc(rounds.name), asc(posts.title));
    },

    // every submitted application ranking a post the reviewer is assigned to, minus their conflicts,
    // with their own review's state; oldest submission first
    async queue(reviewerId: string, organisationId: string): Promise<QueueRow[]> {
      return db
        .select({
          applicationId: applications.id,
          postId: posts.id,
          postTitle: posts.title,
          submittedAt: applications.submittedAt,
          reviewSubmittedAt: reviews.submittedAt,
          reviewUpdatedAt: reviews.updatedAt,
        })
        .from(reviewerAssignments)
        .innerJoin(posts, eq(posts.id, reviewerAssignments.postId))
        .innerJoin(applicationChoices, eq(applicationChoices.postId, posts.id))
        .innerJoin(applications, eq(applications.id, applicationChoices.applicationId))
        .leftJoin(reviews, and(eq(reviews.applicationId, applications.id), eq(reviews.postId, posts.id), eq(reviews.reviewerId, reviewerId)))
        .where(
          and(
            eq(reviewerAssignments.reviewerId, reviewerId),
            eq(posts.organisationId, organisationId),
            eq(applications.status, 'submitted'),
            notExists(
              db
                .select({ one: sql`1` })
                .from(reviewConflicts)
                .where(and(eq(reviewConflicts.applicationId, applications.id), eq(reviewConflicts.reviewerId, reviewerId))),
            ),
          ),
        )
        .orderBy(asc(applications.submittedAt), asc(applications.id), asc(posts.title));
    },

    async hasConflict(applicationId: string, reviewerId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: reviewConflicts.applicationId })
        .from(reviewConflicts)
        .where(and(eq(reviewConflicts.applicationId, applicationId), eq(reviewConflicts.reviewerId, reviewerId)));
      return row !== undefined;
    },

    // a submitted application ranking the post, with what a reviewer may see and what anonymity hides
    async context(applicationId: string, postId: string): Promise<ReviewContextRow | undefined> {
      const [row] = await db
        .select({
          applicationId: applications.id,
          roundId: applications.roundId,
          studentId: applications.studentId,
          statement: applications.statement,
          submittedAt: applications.submittedAt,
          cvFileId: applications.cvFileId,
          motivation: applicationChoices.motivation,
          rank: applicationChoices.rank,
          name: users.name,
          email: users.email,
          studentNumber: studentProfiles.studentNumber,
          course: studentProfiles.course,
          studyLevel: studentProfiles.studyLevel,
          yearOfStudy: studentProfiles.yearOfStudy,
          languages: studentProfiles.languages,
        })
        .from(applications)
        .innerJoin(applicationChoices, and(eq(applicationChoices.applicationId, applications.id), eq(applicationChoices.postId, postId)))
        .innerJoin(users, eq(users.id, applications.studentId))
        .leftJoin(studentProfiles, eq(studentProfiles.userId, applications.studentId))
        .where(and(eq(applications.id, applicationId), eq(applications.status, 'submitted')));
      return row;
    },

    // the answers to the round's questions; declarations ("agreed") say nothing about the candidate
    async answers(applicationId: string): Promise<{ prompt: string; value: string }[]> {
      return db
        .select({ prompt: roundQuestions.prompt, value: applicationAnswers.value })
        .from(applicationAnswers)
        .innerJoin(roundQuestions, eq(roundQuestions.id, applicationAnswers.questionId))
        .where(and(eq(applicationAnswers.applicationId, applicationId), ne(roundQuestions.kind, 'declaration')))
        .orderBy(asc(roundQuestions.position), asc(roundQuestions.createdAt));
    },

    async rubric(roundId: string): Promise<CriterionRow[]> {
      return db
        .select({ id: rubricCriteria.id, position: rubricCriteria.position, name: rubricCriteria.name, description: rubricCriteria.description, weight: rubricCriteria.weight, descriptors: rubricCriteria.descriptors })
        .from(rubricCriteria)
        .where(eq(rubricCriteria.roundId, roundId))
        .orderBy(asc(rubricCriteria.position), asc(rubricCriteria.createdAt));
    },

    async shortlistState(postId: string, applicationId: string): Promise<{ fixed: boolean; listed: boolean }> {
      const [decision] = await db.select({ postId: shortlistDecisions.postId }).from(shortlistDecisions).where(eq(shortlistDecisions.postId, postId));
      const [entry] = await db
        .select({ postId: shortlistEntries.postId })
        .from(shortlistEntries)
        .where(and(eq(shortlistEntries.postId, postId), eq(shortlistEntries.applicationId, applicationId)));
      return { fixed: decision !== undefined, listed: entry !== undefined };
    },

    // the reviews of an application to a post, without those of reviewers who declared a conflict
    async reviewsOf(applicationId: string, postId: string): Promise<ReviewRow[]> {
      return db
        .select({
          id: reviews.id,
          reviewerId: reviews.reviewerId,
          reviewerName: users.name,
          scores: reviews.scores,
          comment: reviews.comment,
          recommendation: reviews.recommendation,
          submittedAt: reviews.submittedAt,
          updatedAt: reviews.updatedAt,
        })
        .from(reviews)
        .innerJoin(users, eq(users.id, reviews.reviewerId))
        .where(
          and(
            eq(reviews.applicationId, applicationId),
            eq(reviews.postId, postId),
            notExists(
              db
                .select({ one: sql`1` })
                .from(reviewConflicts)
                .where(and(eq(reviewConflicts.applicationId, reviews.applicationId), eq(reviewConflicts.reviewerId, reviews.reviewerId))),
            ),
          ),
        )
        .orderBy(asc(reviews.submittedAt), asc(users.name));
    },

    // one statement, so two presses at once cannot both insert; a submitted review is final and
    // is left as it is (false)
    async saveUnlessSubmitted(values: typeof reviews.$inferInsert & { updatedAt: Date }, exec: Db = db): Promise<boolean> {
      const { applicationId: _a, postId: _p, reviewerId: _r, ...changes } = values;
      const rows = await exec
        .insert(reviews)
        .values(values)
        .onConflictDoUpdate({ target: [reviews.applicationId, reviews.postId, reviews.reviewerId], set: changes, setWhere: isNull(reviews.submittedAt) })
        .returning({ id: reviews.id });
      return rows.length > 0;
    },

    async insertConflict(values: typeof reviewConflicts.$inferInsert, exec: Db = db): Promise<boolean> {
      const rows = await exec.insert(reviewConflicts).values(values).onConflictDoNothing().returning({ id: reviewConflicts.applicationId });
      return rows.length > 0;
    },

    async deleteDrafts(applicationId: string, reviewerId: string, exec: Db = db): Promise<number> {
      const rows = await exec
        .delete(reviews)
        .where(and(eq(reviews.applicationId, applicationId), eq(reviews.reviewerId, reviewerId), isNull(reviews.submittedAt)))
        .returning({ id: reviews.id });
      return rows.length;
    },
  };
}

export type ReviewsRepo = ReturnType<typeof createReviewsRepo>;
