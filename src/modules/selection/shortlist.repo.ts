import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- shortlist read model (decision 0003)
import { users } from '../accounts/accounts.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- shortlist read model (decision 0003)
import { applicationChoices, applications } from '../applications/applications.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- shortlist read model and the post's row lock (decision 0003)
import { posts } from '../posts/posts.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- shortlist read model (decision 0003)
import { studentProfiles } from '../students/students.tables.ts';
import { reviewCounts } from './counted-reviews.ts';
import { reviews, shortlistDecisions, shortlistEntries } from './selection.tables.ts';

// The candidates of one post: the submitted applications that ranked it, with the study details a
// partner may see. Read only; equality-monitoring data and funding answers are never joined here.
export interface CandidateRow {
  applicationId: string;
  rank: number;
  submittedAt: Date | null;
  name: string;
  email: string;
  course: string | null;
  studyLevel: string | null;
  yearOfStudy: number | null;
}

export type ShortlistDecisionRow = typeof shortlistDecisions.$inferSelect & { fixedByName: string };

export function createShortlistRepo(db: Db) {
  return {
    async candidates(postId: string, exec: Db = db): Promise<CandidateRow[]> {
      return exec
        .select({
          applicationId: applications.id,
          rank: applicationChoices.rank,
          submittedAt: applications.submittedAt,
          name: users.name,
          email: users.email,
          course: studentProfiles.course,
          studyLevel: studentProfiles.studyLevel,
          yearOfStudy: studentProfiles.yearOfStudy,
        })
        .from(applicationChoices)
        .innerJoin(applications, eq(applications.id, applicationChoices.applicationId))
        .innerJoin(users, eq(users.id, applications.studentId))
        .leftJoin(studentProfiles, eq(studentProfiles.userId, applications.studentId))
        .where(and(eq(applicationChoices.postId, postId), eq(applications.status, 'submitted')))
        .orderBy(asc(applications.submittedAt), asc(applications.id));
    },
    async submittedReviews(postId: string, exec: Db = db): Promise<{ applicationId: string; scores: Record<string, number> }[]> {
      return exec
        .select({ applicationId: reviews.applicationId, scores: reviews.scores })
        .from(reviews)
        .where(and(eq(reviews.postId, postId), isNotNull(reviews.submittedAt), reviewCounts(exec)));
    },
    async entries(postId: string, exec: Db = db): Promise<string[]> {
      const rows = await exec.select({ applicationId: shortlistEntries.applicationId }).from(shortlistEntries).where(eq(shortlistEntries.postId, postId));
      return rows.map((r) => r.applicationId);
    },
    async decision(postId: string, exec: Db = db): Promise<ShortlistDecisionRow | undefined> {
      const [row] = await exec
        .select({ postId: shortlistDecisions.postId, fixedBy: shortlistDecisions.fixedBy, fixedAt: shortlistDecisions.fixedAt, fixedByName: users.name })
        .from(shortlistDecisions)
        .innerJoin(users, eq(users.id, shortlistDecisions.fixedBy))
        .where(eq(shortlistDecisions.postId, postId));
      return row;
    },
    // Locks the post row for the rest of the transaction: saving and fixing one post's shortlist take turns.
    async lockPost(postId: string, exec: Db): Promise<boolean> {
      const [row] = await exec.select({ id: posts.id }).from(posts).where(eq(posts.id, postId)).for('update');
      return row !== undefined;
    },
    async replaceEntries(postId: string, applicationIds: readonly string[], by: { userId: string; at: Date }, exec: Db): Promise<void> {
      const kept = new Set(await this.entries(postId, exec));
      const wanted = new Set(applicationIds);
      for (const id of kept) {
        if (!wanted.has(id)) await exec.delete(shortlistEntries).where(and(eq(shortlistEntries.postId, postId), eq(shortlistEntries.applicationId, id)));
      }
      const added = applicationIds.filter((id) => !kept.has(id));
      if (added.length > 0) await exec.insert(shortlistEntries).values(added.map((applicationId) => ({ postId, applicationId, addedBy: by.userId, addedAt: by.at })));
    },
    async insertDecision(values: typeof shortlistDecisions.$inferInsert, exec: Db): Promise<void> {
      await exec.insert(shortlistDecisions).values(values);
    },
  };
}

export type ShortlistRepo = ReturnType<typeof createShortlistRepo>;
