import type { Db } from '../../db/client.ts';
import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import { isUniversityStaff } from '../partners/partners.policy.ts';
import type { PostsService } from '../posts/posts.service.ts';
import type { RoundView } from '../rounds/rounds.service.ts';
import { candidateRef } from './candidate-ref.ts';
import { summariseReviews } from './review-scores.ts';
import type { RubricService } from './rubric.service.ts';
import type { SelectionSetupService, SelectionSettings } from './selection-setup.service.ts';
import type { ShortlistQuery } from './shortlist.input.ts';
import type { CandidateRow, ShortlistRepo } from './shortlist.repo.ts';

type RequestMeta = { ip: string };

export interface ShortlistCandidate {
  applicationId: string;
  ref: string;
  // who the candidate is, only where this reader may know it (see identityShown)
  name: string | null;
  email: string | null;
  course: string | null;
  studyLevel: string | null;
  yearOfStudy: number | null;
  // where the student ranked this post
  rank: number;
  reviews: number;
  weightedMean: number | null;
  spread: number | null;
  disagree: boolean;
  shortlisted: boolean;
}

export interface ShortlistView {
  post: { id: string; title: string };
  round: RoundView;
  settings: SelectionSettings;
  criteriaCount: number;
  candidates: ShortlistCandidate[];
  fixed: { at: Date; byName: string } | null;
  isStaff: boolean;
  // the partner admin, until the shortlist is fixed
  canEdit: boolean;
  // applications closed: later applicants can no longer be left out
  applicationsClosed: boolean;
}

export type ShortlistChange = { ok: true; count: number } | { ok: false; reason: 'fixed' | 'unknown' | 'open' | 'empty' };

// What a reader may know of a candidate. Staff know every student; a partner learns the name (and the
// e-mail) of a candidate they shortlisted once the shortlist is fixed; in a named-review round they see
// names throughout, but an e-mail only on the fixed shortlist.
export function identityShown(reader: { staff: boolean }, round: { anonymised: boolean }, candidate: { shortlisted: boolean; fixed: boolean }): { name: boolean; email: boolean } {
  if (reader.staff) return { name: true, email: false };
  const lifted = candidate.fixed && candidate.shortlisted;
  return { name: lifted || !round.anonymised, email: lifted };
}

function compare(a: ShortlistCandidate, b: ShortlistCandidate, query: ShortlistQuery): number {
  const sign = query.dir === 'asc' ? 1 : -1;
  if (query.sort === 'candidate') return sign * a.ref.localeCompare(b.ref);
  if (query.sort === 'reviews') return sign * (a.reviews - b.reviews) || a.ref.localeCompare(b.ref);
  // without reviews last, whichever the direction
  if (a.weightedMean === null || b.weightedMean === null) return (a.weightedMean === null ? 1 : 0) - (b.weightedMean === null ? 1 : 0) || a.ref.localeCompare(b.ref);
  return sign * (a.weightedMean - b.weightedMean) || a.ref.localeCompare(b.ref);
}

export function createShortlistService(deps: { db: Db; repo: ShortlistRepo; posts: PostsService; setup: SelectionSetupService; rubric: RubricService; clock: Clock; audit: AuditLog }) {
  const { db, repo, posts, setup, rubric, clock, audit } = deps;

  // Staff (to read) and the partner admins of the post's organisation; anyone else: not found.
  async function access(actor: Actor, postId: string) {
    const staff = isUniversityStaff(actor);
    if (!staff && !hasAnyRole(actor, ['partner_admin'])) throw new NotFoundError();
    // a partner's people reach only their organisation's posts
    const { post, round } = await posts.get(actor, postId);
    if (!staff && post.organisationId !== actor.organisationId) throw new NotFoundError();
    return { post, round, staff };
  }

  function record(actor: Actor, action: string, postId: string, meta: RequestMeta, details: Record<string, unknown>, exec?: Db) {
    return audit.record({ actorId: actor.id, actorLabel: actor.email, action: `selection.${action}`, subjectType: 'post', subjectId: postId, ip: meta.ip, details }, exec);
  }

  return {
    // Every read is audited: the list is personal data.
    async view(actor: Actor, postId: string, query: ShortlistQuery, meta: RequestMeta): Promise<ShortlistView> {
      const { post, round, staff } = await access(actor, postId);
      const [rows, reviews, entries, decision, settings, criteria] = await Promise.all([
        repo.candidates(postId),
        repo.submittedReviews(postId),
        repo.entries(postId),
        repo.decision(postId),
        setup.settingsFor(round.id),
        rubric.criteriaFor(round.id),
      ]);
      const onList = new Set(entries);
      const weights = criteria.map((c) => ({ id: c.id, weight: c.weight }));
      const candidates = rows.map((row: CandidateRow): ShortlistCandidate => {
        const shortlisted = onList.has(row.applicationId);
        const shown = identityShown({ staff }, settings, { shortlisted, fixed: decision !== undefined });
        const summary = summariseReviews(
          weights,
          reviews.filter((r) => r.applicationId === row.applicationId),
        );
        return {
          applicationId: row.applicationId,
          ref: candidateRef(row.applicationId, postId),
          name: shown.name ? row.name : null,
          email: shown.email ? row.email : null,
          course: row.course,
          studyLevel: row.studyLevel,
          yearOfStudy: row.yearOfStudy,
          rank: row.rank,
          reviews: summary.count,
          weightedMean: summary.weightedMean,
          spread: summary.spread,
          disagree: summary.disagree,
          shortlisted,
        };
      });
      candidates.sort((a, b) => compare(a, b, query));
      await record(actor, 'shortlist_viewed', postId, meta, {
        title: post.title,
        candidates: candidates.length,
        fixed: decision !== undefined,
        namesShown: candidates.filter((c) => c.name !== null).length,
      });
      return {
        post: { id: post.id, title: post.title },
        round,
        settings,
        criteriaCount: criteria.length,
        candidates,
        fixed: decision ? { at: decision.fixedAt, byName: decision.fixedByName } : null,
        isStaff: staff,
        canEdit: !staff && decision === undefined,
        applicationsClosed: clock() >= round.applicationsCloseAt,
      };
    },

    // The partner admin's selection replaces the saved one, until the shortlist is fixed.
    async save(actor: Actor, postId: string, applicationIds: readonly string[], meta: RequestMeta): Promise<ShortlistChange> {
      const { post, staff } = await access(actor, postId);
      if (staff) throw new NotFoundError();
      const wanted = [...new Set(applicationIds)];
      return db.transaction(async (tx) => {
        if (!(await repo.lockPost(postId, tx))) throw new NotFoundError();
        if (await repo.decision(postId, tx)) return { ok: false as const, reason: 'fixed' as const };
        const candidates = new Set((await repo.candidates(postId, tx)).map((c) => c.applicationId));
        if (wanted.some((id) => !candidates.has(id))) return { ok: false as const, reason: 'unknown' as const };
        const before = await repo.entries(postId, tx);
        await repo.replaceEntries(postId, wanted, { userId: actor.id, at: clock() }, tx);
        await record(
          actor,
          'shortlist_saved',
          postId,
          meta,
          { title: post.title, count: wanted.length, added: wanted.filter((id) => !before.includes(id)), removed: before.filter((id) => !wanted.includes(id)) },
          tx,
        );
        return { ok: true as const, count: wanted.length };
      });
    },

    // Fixing is final: from then on the shortlist does not change and anonymity lifts for its candidates.
    async fix(actor: Actor, postId: string, meta: RequestMeta): Promise<ShortlistChange> {
      const { post, round, staff } = await access(actor, postId);
      if (staff) throw new NotFoundError();
      return db.transaction(async (tx) => {
        if (!(await repo.lockPost(postId, tx))) throw new NotFoundError();
        if (await repo.decision(postId, tx)) return { ok: false as const, reason: 'fixed' as const };
        const now = clock();
        if (now < round.applicationsCloseAt) return { ok: false as const, reason: 'open' as const };
        const candidates = new Set((await repo.candidates(postId, tx)).map((c) => c.applicationId));
        const listed = (await repo.entries(postId, tx)).filter((id) => candidates.has(id));
        if (listed.length === 0) return { ok: false as const, reason: 'empty' as const };
        await repo.insertDecision({ postId, fixedBy: actor.id, fixedAt: now }, tx);
        await record(actor, 'shortlist_fixed', postId, meta, { title: post.title, count: listed.length, applicationIds: listed }, tx);
        return { ok: true as const, count: listed.length };
      });
    },
  };
}

export type ShortlistService = ReturnType<typeof createShortlistService>;
