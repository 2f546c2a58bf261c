import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- read model joins (decision 0003)
import { offices, units } from '../partners/partners.tables.ts';
import { postEvents, posts, type PostStatus } from './posts.tables.ts';

export type Post = typeof posts.$inferSelect;
export type NewPost = typeof posts.$inferInsert;
export type PostEvent = typeof postEvents.$inferSelect;
export type PostRow = Post & { officeName: string; city: string; country: string; unitName: string | null };

export function createPostsRepo(db: Db) {
  const withPlace = {
    post: posts,
    officeName: offices.name,
    city: offices.city,
    country: offices.country,
    unitName: units.name,
  };
  const flatten = (rows: { post: Post; officeName: string; city: string; country: string; unitName: string | null }[]): PostRow[] =>
    rows.map((r) => ({ ...r.post, officeName: r.officeName, city: r.city, country: r.country, unitName: r.unitName }));

  return {
    async listForRound(roundId: string, organisationId?: string): Promise<PostRow[]> {
      const rows = await db
        .select(withPlace)
        .from(posts)
        .innerJoin(offices, eq(offices.id, posts.officeId))
        .leftJoin(units, eq(units.id, posts.unitId))
        .where(and(eq(posts.roundId, roundId), organisationId ? eq(posts.organisationId, organisationId) : undefined))
        .orderBy(asc(posts.status), asc(posts.title));
      return flatten(rows);
    },
    async findById(id: string, exec: Db = db): Promise<Post | undefined> {
      const [row] = await exec.select().from(posts).where(eq(posts.id, id));
      return row;
    },
    async findRow(id: string): Promise<PostRow | undefined> {
      const rows = await db.select(withPlace).from(posts).innerJoin(offices, eq(offices.id, posts.officeId)).leftJoin(units, eq(units.id, posts.unitId)).where(eq(posts.id, id));
      return flatten(rows)[0];
    },
    async statusCounts(roundId: string, organisationId?: string): Promise<Map<PostStatus, number>> {
      const rows = await db
        .select({ status: posts.status, n: count() })
        .from(posts)
        .where(and(eq(posts.roundId, roundId), organisationId ? eq(posts.organisationId, organisationId) : undefined))
        .groupBy(posts.status);
      return new Map(rows.map((r) => [r.status, r.n]));
    },
    async countCounting(roundId: string, organisationId: string, exec: Db = db): Promise<number> {
      const [row] = await exec
        .select({ n: count() })
        .from(posts)
        .where(and(eq(posts.roundId, roundId), eq(posts.organisationId, organisationId), inArray(posts.status, ['submitted', 'published'])));
      return row?.n ?? 0;
    },
    async insert(values: NewPost, exec: Db = db): Promise<Post> {
      const [row] = await exec.insert(posts).values(values).returning();
      if (!row) throw new Error('Post not stored');
      return row;
    },
    async update(id: string, values: Partial<NewPost>, exec: Db = db): Promise<void> {
      await exec.update(posts).set(values).where(eq(posts.id, id));
    },
    // moves a post only from the status the caller saw (two staff pressing at once: one wins)
    async moveStatus(id: string, from: readonly PostStatus[], values: Partial<NewPost> & { status: PostStatus }, exec: Db = db): Promise<boolean> {
      const rows = await exec
        .update(posts)
        .set(values)
        .where(and(eq(posts.id, id), inArray(posts.status, [...from])))
        .returning({ id: posts.id });
      return rows.length > 0;
    },
    async insertEvent(values: typeof postEvents.$inferInsert, exec: Db = db): Promise<void> {
      await exec.insert(postEvents).values(values);
    },
    async listEvents(postId: string): Promise<PostEvent[]> {
      return db.select().from(postEvents).where(eq(postEvents.postId, postId)).orderBy(desc(postEvents.at), desc(postEvents.id));
    },
    // serialises quota checks of one round: the second submitter waits for the first
    async lockRound(roundId: string, exec: Db): Promise<void> {
      await exec.execute(sql`select pg_advisory_xact_lock(hashtext(${`post-quota:${roundId}`}))`);
    },
  };
}

export type PostsRepo = ReturnType<typeof createPostsRepo>;
