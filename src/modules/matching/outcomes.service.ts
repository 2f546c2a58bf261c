import type { Actor } from '../../platform/auth/actor.ts';
import { hasAnyRole } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import { isUniversityStaff } from '../partners/partners.policy.ts';
import { AllocationExplainer, type MissedCandidate, type PlacedCandidate, type StudentExplanation } from './explanations.ts';
import type { OfferStatus } from './matching.tables.ts';
import type { Offer, OffersRepo, PostInfo, RoundInfo } from './offers.repo.ts';
import { fromStoredResult } from './stored-runs.ts';

type Meta = { ip: string };

export interface StudentOutcomeView {
  applicationId: string;
  round: RoundInfo;
  // 'pending': nothing published yet; 'not-shortlisted': published, and this application was not in it
  state: 'pending' | 'published' | 'not-shortlisted';
  explanation: StudentExplanation | null;
  post: PostInfo | null;
  // post titles of the posts the explanation names
  titles: Record<string, string>;
  choices: { rank: number; title: string }[];
  offers: (Offer & { postTitle: string })[];
}

export interface PostAllocationView {
  post: PostInfo;
  round: RoundInfo;
  run: { number: number; publishedAt: Date } | null;
  // false when the published run did not include this post
  inRun: boolean;
  capacity: number;
  emptyPlaces: number;
  placed: (PlacedCandidate & { name: string; offerStatus: OfferStatus | null })[];
  missed: (MissedCandidate & { name: string })[];
  isStaff: boolean;
}

// The explanation pages: a student's own outcome, and a partner's view of who was placed in its post.
export function createOutcomesService(deps: { repo: OffersRepo; audit: AuditLog }) {
  const { repo, audit } = deps;

  return {
    async studentOutcome(actor: Actor, applicationId: string): Promise<StudentOutcomeView> {
      const applicant = await repo.applicant(applicationId);
      if (!applicant || applicant.studentId !== actor.id || !hasAnyRole(actor, ['student'])) throw new NotFoundError();
      const round = await repo.round(applicant.roundId);
      if (!round) throw new NotFoundError();
      const [outcome, published, choices, offers] = await Promise.all([
        repo.latestOutcomeOf(applicationId),
        repo.latestPublishedRun(round.id),
        repo.choicesOf(applicationId),
        repo.offersOfApplication(applicationId),
      ]);
      const explanation = outcome?.explanation ?? null;
      const ids = new Set<string>();
      if (explanation?.postId) ids.add(explanation.postId);
      for (const c of explanation?.higherChoices ?? []) ids.add(c.postId);
      const posts = await repo.postsByIds([...ids]);
      const titles = Object.fromEntries(posts.map((p) => [p.id, p.title]));
      return {
        applicationId,
        round,
        state: explanation ? 'published' : published ? 'not-shortlisted' : 'pending',
        explanation,
        post: posts.find((p) => p.id === explanation?.postId) ?? null,
        titles,
        choices: choices.map((c) => ({ rank: c.rank, title: c.title })),
        offers,
      };
    },

    // The post's organisation's partner admins and staff; anyone else: not found. Names are shown:
    // every candidate a partner ranks is on its fixed shortlist.
    async postAllocation(actor: Actor, postId: string, meta: Meta): Promise<PostAllocationView> {
      const staff = isUniversityStaff(actor);
      const post = await repo.post(postId);
      if (!post) throw new NotFoundError();
      if (!staff && !(hasAnyRole(actor, ['partner_admin']) && actor.organisationId === post.organisationId)) throw new NotFoundError();
      const round = await repo.round(post.roundId);
      if (!round) throw new NotFoundError();
      const run = await repo.latestPublishedRun(round.id);
      const base = { post, round, isStaff: staff, capacity: 0, emptyPlaces: 0, placed: [], missed: [] };
      if (!run?.publishedAt) return { ...base, run: null, inRun: false };
      const runInfo = { number: run.number, publishedAt: run.publishedAt };
      if (!run.input.posts.some((p) => p.id === postId)) return { ...base, run: runInfo, inRun: false };
      const explained = new AllocationExplainer(run.input, fromStoredResult(run.result)).post(postId);
      const names = await repo.studentNames([...explained.placed.map((p) => p.studentId), ...explained.missed.map((m) => m.studentId)]);
      const offers = await repo.offersOfPost(postId);
      // the newest offer of this post to each application (offers come newest first)
      const status = new Map<string, OfferStatus>();
      for (const o of offers) if (!status.has(o.applicationId)) status.set(o.applicationId, o.status);
      const nameOf = (id: string) => names.get(id) ?? 'A candidate no longer in the round';
      await audit.record({
        actorId: actor.id,
        actorLabel: actor.email,
        action: 'offers.post_allocation_viewed',
        subjectType: 'post',
        subjectId: postId,
        ip: meta.ip,
        details: { runNumber: run.number, placed: explained.placed.length, missed: explained.missed.length },
      });
      return {
        ...base,
        run: runInfo,
        inRun: true,
        capacity: explained.capacity,
        emptyPlaces: explained.emptyPlaces,
        placed: explained.placed.map((p) => ({ ...p, name: nameOf(p.studentId), offerStatus: status.get(p.studentId) ?? null })),
        missed: explained.missed.map((m) => ({ ...m, name: nameOf(m.studentId) })),
      };
    },
  };
}

export type OutcomesService = ReturnType<typeof createOutcomesService>;
