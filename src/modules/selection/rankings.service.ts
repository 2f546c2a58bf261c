import type { Db } from '../../db/client.ts';
import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { isUniversityStaff } from '../partners/partners.policy.ts';
import type { PostsService } from '../posts/posts.service.ts';
import type { RoundView } from '../rounds/rounds.service.ts';
import { checkRanking, type RankingEntryInput } from './rankings.input.ts';
import type { RankingsRepo } from './rankings.repo.ts';
import { summariseReviews } from './review-scores.ts';
import type { RubricService } from './rubric.service.ts';

type RequestMeta = { ip: string };

export interface RankingCandidate {
  applicationId: string;
  name: string;
  interviewedAt: Date;
  reviews: number;
  reviewMean: number | null;
  interviewScores: number;
  interviewMean: number | null;
  interviewDisagree: boolean;
  // as saved
  position: number | null;
  notAppointable: boolean;
}

export interface RankingView {
  post: { id: string; title: string; places: number };
  round: RoundView;
  candidates: RankingCandidate[];
  saved: { at: Date; byName: string; ranked: number; notAppointable: number } | null;
  published: boolean;
  isStaff: boolean;
  canEdit: boolean;
}

export type RankingChange = { ok: true; ranked: number; notAppointable: number } | { ok: false; reason: 'published' } | { ok: false; reason: 'invalid'; errors: FieldErrors };

export function createRankingsService(deps: { db: Db; repo: RankingsRepo; posts: PostsService; rubric: RubricService; clock: Clock; audit: AuditLog }) {
  const { db, repo, posts, rubric, clock, audit } = deps;

  // Staff (to read) and the partner admins of the post's organisation; anyone else: not found.
  async function access(actor: Actor, postId: string) {
    const staff = isUniversityStaff(actor);
    if (!staff && !hasAnyRole(actor, ['partner_admin'])) throw new NotFoundError();
    const { post, round } = await posts.get(actor, postId);
    if (!staff && post.organisationId !== actor.organisationId) throw new NotFoundError();
    return { post, round, staff };
  }

  function record(actor: Actor, action: string, postId: string, meta: RequestMeta, details: Record<string, unknown>, exec?: Db) {
    return audit.record({ actorId: actor.id, actorLabel: actor.email, action: `selection.${action}`, subjectType: 'post', subjectId: postId, ip: meta.ip, details }, exec);
  }

  return {
    // Every read is audited: the list is personal data.
    async view(actor: Actor, postId: string, meta: RequestMeta): Promise<RankingView> {
      const { post, round, staff } = await access(actor, postId);
      const interviewed = await repo.interviewed(postId, clock());
      const ids = interviewed.map((c) => c.applicationId);
      const [reviewRows, scoreRows, saved, criteria, published] = await Promise.all([
        repo.submittedReviews(postId, ids),
        repo.submittedInterviewScores(postId, ids),
        repo.ranking(postId),
        rubric.criteriaFor(round.id),
        repo.allocationPublished(round.id),
      ]);
      const weights = criteria.map((c) => ({ id: c.id, weight: c.weight }));
      const savedBy = new Map(saved.map((r) => [r.applicationId, r]));
      const candidates = interviewed.map((c): RankingCandidate => {
        const reviewSummary = summariseReviews(
          weights,
          reviewRows.filter((r) => r.applicationId === c.applicationId),
        );
        const interviewSummary = summariseReviews(
          weights,
          scoreRows.filter((r) => r.applicationId === c.applicationId),
        );
        const row = savedBy.get(c.applicationId);
        return {
          applicationId: c.applicationId,
          name: c.name,
          interviewedAt: c.interviewedAt,
          reviews: reviewSummary.count,
          reviewMean: reviewSummary.weightedMean,
          interviewScores: interviewSummary.count,
          interviewMean: interviewSummary.weightedMean,
          interviewDisagree: interviewSummary.disagree,
          position: row?.position ?? null,
          notAppointable: row?.notAppointable ?? false,
        };
      });
      // the saved order first, then the others by name
      candidates.sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || Number(a.notAppointable) - Number(b.notAppointable));
      const latest = saved.reduce<(typeof saved)[number] | undefined>((acc, r) => (!acc || r.rankedAt > acc.rankedAt ? r : acc), undefined);
      await record(actor, 'ranking_viewed', postId, meta, { title: post.title, candidates: candidates.length });
      return {
        post: { id: post.id, title: post.title, places: post.places },
        round,
        candidates,
        saved: latest ? { at: latest.rankedAt, byName: latest.rankedByName, ranked: saved.filter((r) => r.position !== null).length, notAppointable: saved.filter((r) => r.notAppointable).length } : null,
        published,
        isStaff: staff,
        canEdit: !staff && !published && candidates.length > 0,
      };
    },

    // The partner admin's ranking replaces the saved one whole, until the round's allocation is published.
    async save(actor: Actor, postId: string, entries: readonly RankingEntryInput[], meta: RequestMeta): Promise<RankingChange> {
      const { post, round, staff } = await access(actor, postId);
      if (staff) throw new NotFoundError();
      return db.transaction(async (tx) => {
        if (!(await repo.lockPost(postId, tx))) throw new NotFoundError();
        if (await repo.allocationPublished(round.id, tx)) return { ok: false as const, reason: 'published' as const };
        const candidates = new Map((await repo.interviewed(postId, clock(), tx)).map((c) => [c.applicationId, c.name]));
        const checked = checkRanking(entries, candidates);
        if (!checked.ok) return { ok: false as const, reason: 'invalid' as const, errors: checked.errors };
        const before = await repo.ranking(postId, tx);
        await repo.replace(postId, checked.ranking, { userId: actor.id, at: clock() }, tx);
        const ranked = checked.ranking.filter((e) => e.position !== null);
        const notAppointable = checked.ranking.filter((e) => e.notAppointable);
        await record(
          actor,
          'ranking_saved',
          postId,
          meta,
          {
            title: post.title,
            order: ranked.map((e) => e.applicationId),
            notAppointable: notAppointable.map((e) => e.applicationId),
            previous: before.filter((r) => r.position !== null).map((r) => r.applicationId),
          },
          tx,
        );
        return { ok: true as const, ranked: ranked.length, notAppointable: notAppointable.length };
      });
    },
  };
}

export type RankingsService = ReturnType<typeof createRankingsService>;
