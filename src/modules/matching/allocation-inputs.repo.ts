import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- allocation input read model (decision 0003)
import { posts } from '../posts/posts.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- allocation input read model (decision 0003)
import { postRankings } from '../selection/selection.tables.ts';
import { allocationConstraints, allocationRuns, offers, type ConstraintKind, type OfferStatus } from './matching.tables.ts';

// What an allocation run reads besides the applications (which come with their eligibility from the
// applications module): the round's published posts, their rankings, the staff constraints, and after a
// published run the offers and their answers. A few queries per round, each ordered so the engine needs
// no sort.
export function createAllocationInputsRepo(db: Db) {
  return {
    async publishedPosts(roundId: string): Promise<{ id: string; title: string; places: number }[]> {
      return db
        .select({ id: posts.id, title: posts.title, places: posts.places })
        .from(posts)
        .where(and(eq(posts.roundId, roundId), eq(posts.status, 'published')))
        .orderBy(asc(posts.id));
    },
    // Each ranked post of the round → its ranked candidates by position ("not appointable" left out), as
    // one JSON value: a row per ranking entry through the driver cost seconds at 180,000 entries. (Naming
    // candidates by a number instead of their id made the text shorter but the query slower.)
    async rankings(roundId: string): Promise<Map<string, string[]>> {
      const result = await db.execute(sql`
        select coalesce(json_object_agg(r.post_id, r.ids), '{}'::json)::text as data
        from (
          select pr.post_id, json_agg(pr.application_id order by pr.position) as ids
          from ${postRankings} pr
          join ${posts} p on p.id = pr.post_id
          where p.round_id = ${roundId} and pr.position is not null
          group by pr.post_id
        ) r`);
      const [row] = (result as unknown as { rows: { data: string }[] }).rows;
      return new Map(Object.entries(JSON.parse(row?.data ?? '{}') as Record<string, string[]>));
    },
    async constraints(roundId: string): Promise<{ kind: ConstraintKind; applicationId: string; postId: string; reason: string }[]> {
      return db
        .select({ kind: allocationConstraints.kind, applicationId: allocationConstraints.applicationId, postId: allocationConstraints.postId, reason: allocationConstraints.reason })
        .from(allocationConstraints)
        .where(eq(allocationConstraints.roundId, roundId))
        .orderBy(asc(allocationConstraints.createdAt), asc(allocationConstraints.id));
    },
    async latestPublishedRun(roundId: string): Promise<{ id: string; number: number } | undefined> {
      const [row] = await db
        .select({ id: allocationRuns.id, number: allocationRuns.number })
        .from(allocationRuns)
        .where(and(eq(allocationRuns.roundId, roundId), isNotNull(allocationRuns.publishedAt)))
        .orderBy(desc(allocationRuns.number))
        .limit(1);
      return row;
    },
    async offers(roundId: string): Promise<{ applicationId: string; postId: string; status: OfferStatus }[]> {
      return db.select({ applicationId: offers.applicationId, postId: offers.postId, status: offers.status }).from(offers).where(eq(offers.roundId, roundId));
    },
  };
}

export type AllocationInputsRepo = ReturnType<typeof createAllocationInputsRepo>;
