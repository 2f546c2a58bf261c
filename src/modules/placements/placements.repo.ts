import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- placements read model: the intern's name (decision 0003)
import { users } from '../accounts/accounts.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- placements read model: the post's title (decision 0003)
import { posts } from '../posts/posts.tables.ts';
import { placements } from './placements.tables.ts';

export type Placement = typeof placements.$inferSelect;

export interface PlacementListRow {
  id: string;
  applicationId: string;
  studentName: string;
  postId: string;
  postTitle: string;
  status: Placement['status'];
  createdAt: Date;
}

export function createPlacementsRepo(db: Db) {
  return {
    async insert(values: typeof placements.$inferInsert, exec: Db = db): Promise<Placement> {
      const [row] = await exec.insert(placements).values(values).returning();
      if (!row) throw new Error('placement not stored');
      return row;
    },
    async findForStudent(studentId: string, roundId?: string, exec: Db = db): Promise<Placement[]> {
      return exec
        .select()
        .from(placements)
        .where(roundId ? and(eq(placements.studentId, studentId), eq(placements.roundId, roundId)) : eq(placements.studentId, studentId))
        .orderBy(asc(placements.createdAt));
    },
    async listForRound(roundId: string, exec: Db = db): Promise<PlacementListRow[]> {
      return exec
        .select({
          id: placements.id,
          applicationId: placements.applicationId,
          studentName: users.name,
          postId: placements.postId,
          postTitle: posts.title,
          status: placements.status,
          createdAt: placements.createdAt,
        })
        .from(placements)
        .innerJoin(users, eq(users.id, placements.studentId))
        .innerJoin(posts, eq(posts.id, placements.postId))
        .where(eq(placements.roundId, roundId))
        .orderBy(asc(posts.title), asc(users.name));
    },
  };
}

export type PlacementsRepo = ReturnType<typeof createPlacementsRepo>;
