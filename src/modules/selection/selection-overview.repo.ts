import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- staff selection read model (decision 0003)
import { users } from '../accounts/accounts.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- staff selection read model (decision 0003)
import { applicationChoices, applications } from '../applications/applications.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- staff selection read model (decision 0003)
import { posts } from '../posts/posts.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- staff selection read model (decision 0003)
import { studentProfiles } from '../students/students.tables.ts';
import { reviewConflicts, reviewerAssignments, reviews, shortlistDecisions, shortlistEntries, type Recommendation } from './selection.tables.ts';

// The staff view of a round's selection: who reviews which post, how far review has come, the
// conflicts declared and the shortlists. Read only; equality-monitoring data and funding answers are
// never joined here.

export interface OverviewPostRow {
  id: string;
  title: string;
  places: number;
  status: string;
  organisationId: string;
}

export interface OverviewAssignmentRow {
  postId: string;
  reviewerId: string;
  reviewerName: string;
  assignedAt: Date;
}

export interface OverviewCandidateRow {
  postId: string;
  applicationId: string;
  rank: number;
  submittedAt: Date | null;
  name: string;
  course: string | null;
  studyLevel: string | null;
  yearOfStudy: number | null;
}

export interface OverviewReviewRow {
  id: string;
  postId: string;
  applicationId: string;
  reviewerId: string;
  reviewerName: string;
  scores: Record<string, number>;
  comment: string;
  recommendation: Recommendation | null;
  submittedAt: Date | null;
}

export interface OverviewConflictRow {
  applicationId: string;
  reviewerId: string;
  reviewerName: string;
  reviewerOrganisationId: string | null;
  reason: string;
  declaredAt: Date;
}

export interface OverviewShortlistRow {
  postId: string;
  applicationId: string;
  addedAt: Date;
  addedByName: string;
}

export interface OverviewDecisionRow {
  postId: string;
  fixedAt: Date;
  fixedByName: string;
}

export function createSelectionOverviewRepo(db: Db) {
  return {
    async roundPosts(roundId: string, postId?: string): Promise<OverviewPostRow[]> {
      return db
        .select({ id: posts.id, title: posts.title, places: posts.places, status: posts.status, organisationId: posts.organisationId })
        .from(posts)
        .where(and(eq(posts.roundId, roundId), inArray(posts.status, ['published', 'closed']), postId === undefined ? undefined : eq(posts.id, postId)))
        .orderBy(asc(posts.title), asc(posts.id));
    },

    async assignments(postIds: readonly string[]): Promise<OverviewAssignmentRow[]> {
      if (postIds.length === 0) return [];
      return db
        .select({ postId: reviewerAssignments.postId, reviewerId: reviewerAssignments.reviewerId, reviewerName: users.name, assignedAt: reviewerAssignments.assignedAt })
        .from(reviewerAssignments)
        .innerJoin(users, eq(users.id, reviewerAssignments.reviewerId))
        .where(inArray(reviewerAssignments.postId, [...postIds]))
        .orderBy(asc(users.name), asc(users.id));
    },

    // the submitted applications of the round that rank the posts
    async candidates(roundId: string, postIds: readonly string[]): Promise<OverviewCandidateRow[]> {
      if (postIds.length === 0) return [];
      return db
        .select({
          postId: applicationChoices.postId,
          applicationId: applications.id,
          rank: applicationChoices.rank,
          submittedAt: applications.submittedAt,
          name: users.name,
          course: studentProfiles.course,
          studyLevel: studentProfiles.studyLevel,
          yearOfStudy: studentProfiles.yearOfStudy,
        })
        .from(applicationChoices)
        .innerJoin(applications, eq(applications.id, applicationChoices.applicationId))
        .innerJoin(users, eq(users.id, applications.studentId))
        .leftJoin(studentProfiles, eq(studentProfiles.userId, applications.studentId))
        .where(and(eq(applications.roundId, roundId), eq(applications.status, 'submitted'), inArray(applicationChoices.postId, [...postIds])))
        .orderBy(asc(users.name), asc(applications.id));
    },

    // submitted reviews only: a draft is the reviewer's own until they submit it
    async submittedReviews(postIds: readonly string[]): Promise<OverviewReviewRow[]> {
      if (postIds.length === 0) return [];
      return db
        .select({
          id: reviews.id,
          postId: reviews.postId,
          applicationId: reviews.applicationId,
          reviewerId: reviews.reviewerId,
          reviewerName: users.name,
          scores: reviews.scores,
          comment: reviews.comment,
          recommendation: reviews.recommendation,
          submittedAt: reviews.submittedAt,
        })
        .from(reviews)
        .innerJoin(users, eq(users.id, reviews.reviewerId))
        .where(and(inArray(reviews.postId, [...postIds]), isNotNull(reviews.submittedAt)))
        .orderBy(asc(reviews.submittedAt), asc(users.name));
    },

    async conflicts(roundId: string): Promise<OverviewConflictRow[]> {
      return db
        .select({
          applicationId: reviewConflicts.applicationId,
          reviewerId: reviewConflicts.reviewerId,
          reviewerName: users.name,
          reviewerOrganisationId: users.organisationId,
          reason: reviewConflicts.reason,
          declaredAt: reviewConflicts.declaredAt,
        })
        .from(reviewConflicts)
        .innerJoin(applications, eq(applications.id, reviewConflicts.applicationId))
        .innerJoin(users, eq(users.id, reviewConflicts.reviewerId))
        .where(eq(applications.roundId, roundId))
        .orderBy(asc(reviewConflicts.declaredAt), asc(users.name));
    },

    async shortlistEntries(postIds: readonly string[]): Promise<OverviewShortlistRow[]> {
      if (postIds.length === 0) return [];
      return db
        .select({ postId: shortlistEntries.postId, applicationId: shortlistEntries.applicationId, addedAt: shortlistEntries.addedAt, addedByName: users.name })
        .from(shortlistEntries)
        .innerJoin(users, eq(users.id, shortlistEntries.addedBy))
        .where(inArray(shortlistEntries.postId, [...postIds]));
    },

    async decisions(postIds: readonly string[]): Promise<OverviewDecisionRow[]> {
      if (postIds.length === 0) return [];
      return db
        .select({ postId: shortlistDecisions.postId, fixedAt: shortlistDecisions.fixedAt, fixedByName: users.name })
        .from(shortlistDecisions)
        .innerJoin(users, eq(users.id, shortlistDecisions.fixedBy))
        .where(inArray(shortlistDecisions.postId, [...postIds]));
    },
  };
}

export type SelectionOverviewRepo = ReturnType<typeof createSelectionOverviewRepo>;
