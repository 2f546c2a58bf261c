import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import type { Outbox } from '../../platform/mail/outbox.ts';
import { zonedToUtc } from '../../platform/time/zoned.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { isUniversityStaff } from '../partners/partners.policy.ts';
import type { PlacementListRow, PlacementsService } from '../placements/placements.service.ts';
import { explainStudents, type StudentExplanation } from './explanations.ts';
import type { OfferStatus } from './matching.tables.ts';
import { acceptedMail, notShortlistedMail, offerMail, outcomeMail, reasonLines, type MailStudent } from './offer-mail.ts';
import type { DeclineForm, PublishForm } from './offers.input.ts';
import type { AllocationRun, ApplicantInfo, Offer, OfferListRow, OffersRepo, PostInfo, RoundInfo } from './offers.repo.ts';
import { fromStoredResult } from './stored-runs.ts';

type Meta = { ip: string };

export const OFFER_EXPIRY_JOB = 'offer.expire';

// what publishing a run will do (and, once published, did)
export interface PublishPlan {
  // a new offer per placed student without a live offer of that post; `replaces` marks a changed offer
  newOffers: { applicationId: string; postId: string; replaces: Offer | null; explanation: StudentExplanation }[];
  // open offers of the same post, left as they are
  kept: Offer[];
  // accepted offers are never touched, whatever the run says
  keptAccepted: Offer[];
  // open offers of students the run no longer places
  withdrawn: Offer[];
  outcomes: { applicationId: string; explanation: StudentExplanation }[];
  // unplaced students who hear their outcome in this release
  tellUnplaced: string[];
  // submitted applications not in the run (not shortlisted), told in the round's first release only
  notShortlisted: ApplicantInfo[];
}

export type PublishRefusal = 'published' | 'not-newest';

export interface PublishView {
  run: AllocationRun;
  round: RoundInfo;
  plan: PublishPlan;
  refusal: PublishRefusal | null;
  now: Date;
}

export type PublishResult = { ok: true; offers: number; changed: number; kept: number; told: number } | { ok: false; refusal: PublishRefusal } | { ok: false; errors: FieldErrors };

export interface OfferView {
  offer: Offer;
  post: PostInfo;
  round: RoundInfo;
  studentZone: string;
  // the offer that replaced this one, when it was superseded
  replacedBy: { id: string; postTitle: string } | null;
  // an offer the student accepted elsewhere, which stops this one being accepted
  acceptedElsewhere: boolean;
  canAnswer: boolean;
  now: Date;
}

export type OfferRefusal = 'late' | 'accepted-elsewhere' | 'not-open' | 'already-accepted';
export type OfferAnswer = { ok: true; already: boolean } | { ok: false; refusal: OfferRefusal; offer: Offer };

export interface RoundOffersView {
  round: RoundInfo;
  counts: { status: OfferStatus; count: number }[];
  offers: OfferListRow[];
  placements: PlacementListRow[];
  latestPublished: { id: string; number: number; publishedAt: Date; respondBy: Date | null } | null;
}

export const offerStatusOrder: readonly OfferStatus[] = ['open', 'accepted', 'declined', 'expired', 'superseded'];

// The plan of a release. Pure: the run, the live offers of the round, the round's applications, and
// who has heard an unplaced outcome already.
export function planRelease(run: AllocationRun, liveOffers: readonly Offer[], applicants: readonly ApplicantInfo[], toldUnplaced: ReadonlySet<string>, firstRelease: boolean): PublishPlan {
  const result = fromStoredResult(run.result);
  const explanations = explainStudents(run.input, result);
  const live = new Map(liveOffers.map((o) => [o.applicationId, o]));
  const byId = new Map(applicants.map((a) => [a.applicationId, a]));
  const withdrawnFromRound = new Set(run.input.students.filter((s) => s.withdrawn).map((s) => s.id));
  const plan: PublishPlan = { newOffers: [], kept: [], keptAccepted: [], withdrawn: [], outcomes: [], tellUnplaced: [], notShortlisted: [] };
  for (const explanation of explanations) {
    const applicationId = explanation.studentId;
    const applicant = byId.get(applicationId);
    // an application deleted since the run: nothing to write
    if (!applicant) continue;
    plan.outcomes.push({ applicationId, explanation });
    const current = live.get(applicationId);
    if (current?.status === 'accepted') {
      plan.keptAccepted.push(current);
      continue;
    }
    // an application withdrawn since the run gets no offer
    const placed = explanation.postId !== null && applicant.status === 'submitted' ? explanation.postId : null;
    if (placed !== null) {
      if (current && current.postId === placed) plan.kept.push(current);
      else plan.newOffers.push({ applicationId, postId: placed, replaces: current ?? null, explanation });
      continue;
    }
    if (current) {
      plan.withdrawn.push(current);
      plan.tellUnplaced.push(applicationId);
      continue;
    }
    if (withdrawnFromRound.has(applicationId) || applicant.status !== 'submitted' || toldUnplaced.has(applicationId)) continue;
    plan.tellUnplaced.push(applicationId);
  }
  if (firstRelease) {
    const inRun = new Set(explanations.map((e) => e.studentId));
    plan.notShortlisted = applicants.filter((a) => a.status === 'submitted' && !inRun.has(a.applicationId));
  }
  return plan;
}

export function createOffersService(deps: { db: Db; repo: OffersRepo; placements: PlacementsService; clock: Clock; audit: AuditLog; outbox: Outbox; jobs: JobQueue; baseUrl: string }) {
  const { db, repo, placements, clock, audit, outbox, jobs, baseUrl } = deps;
  const offerUrl = (id: string) => `${baseUrl}/offers/${id}`;
  const outcomeUrl = (applicationId: string) => `${baseUrl}/applications/${applicationId}/outcome`;

  function record(actor: Actor, action: string, subjectType: string, subjectId: string, meta: Meta, details: Record<string, unknown>, exec: Db) {
    return audit.record({ actorId: actor.id, actorLabel: actor.email, action: `offers.${action}`, subjectType, subjectId, ip: meta.ip, details }, exec);
  }

  function requireStaff(actor: Actor): void {
    if (!isUniversityStaff(actor)) throw new NotFoundError();
  }

  async function loadRun(runId: string, exec: Db = db): Promise<{ run: AllocationRun; round: RoundInfo }> {
    const run = await repo.findRun(runId, exec);
    const round = run && (await repo.round(run.roundId, exec));
    if (!run || !round) throw new NotFoundError();
    return { run, round };
  }

  async function refusalOf(run: AllocationRun, exec: Db): Promise<PublishRefusal | null> {
    if (run.publishedAt) return 'published';
    const newest = await repo.newestRunNumber(run.roundId, exec);
    return newest !== run.number ? 'not-newest' : null;
  }

  async function plan(run: AllocationRun, exec: Db): Promise<PublishPlan> {
    const [live, applicants, told, earlier] = await Promise.all([
      repo.liveOffersOfRound(run.roundId, exec),
      repo.applicantsOfRound(run.roundId, exec),
      repo.toldUnplaced(run.roundId, run.number, exec),
      repo.countPublishedBefore(run.roundId, run.number, exec),
    ]);
    return planRelease(run, live, applicants, told, earlier === 0);
  }

  function mailStudent(a: ApplicantInfo): MailStudent {
    return { name: a.name, email: a.email, timeZone: a.timeZone };
  }

  async function titlesOf(ids: Iterable<string>, exec: Db): Promise<Map<string, PostInfo>> {
    return new Map((await repo.postsByIds([...new Set(ids)], exec)).map((p) => [p.id, p]));
  }

  const service = {
    // The confirmation page: what publishing would do now.
    async publishView(actor: Actor, runId: string): Promise<PublishView> {
      requireStaff(actor);
      const { run, round } = await loadRun(runId);
      return { run, round, plan: await plan(run, db), refusal: await refusalOf(run, db), now: clock() };
    },

    // Publishes a run in one transaction: outcomes for every application of the run, offers (kept,
    // changed or new), their expiry jobs, and every e-mail through the outbox.
    async publish(actor: Actor, runId: string, form: PublishForm, meta: Meta): Promise<PublishResult> {
      requireStaff(actor);
      const { run, round } = await loadRun(runId);
      const respondBy = zonedToUtc(form.respondBy, round.timeZone);
      const now = clock();
      if (!respondBy) return { ok: false, errors: { respondBy: 'Enter a real date and time for the response deadline' } };
      if (respondBy.getTime() <= now.getTime()) return { ok: false, errors: { respondBy: 'The response deadline must be in the future' } };
      const postIds = run.input.posts.map((p) => p.id);
      const postInfo = await titlesOf(postIds, db);
      return db.transaction(async (tx) => {
        await repo.lockRunsOfRound(run.roundId, tx);
        const fresh = await repo.findRun(runId, tx);
        if (!fresh) throw new NotFoundError();
        const refusal = await refusalOf(fresh, tx);
        if (refusal) return { ok: false as const, refusal };
        const release = await plan(fresh, tx);
        const applicants = new Map((await repo.applicantsOfRound(run.roundId, tx)).map((a) => [a.applicationId, a]));
        // posts of earlier offers may be outside this run's input
        for (const p of await repo.postsByIds([...release.withdrawn, ...release.newOffers.flatMap((o) => (o.replaces ? [o.replaces] : []))].map((o) => o.postId).filter((id) => !postInfo.has(id)), tx)) postInfo.set(p.id, p);
        const titles = new Map([...postInfo].map(([id, p]) => [id, p.title]));
        if (!(await repo.markPublished(runId, { publishedBy: actor.id, publishedAt: now, respondBy }, tx))) return { ok: false as const, refusal: 'published' as const };

        const told = new Set([...release.tellUnplaced, ...release.newOffers.map((o) => o.applicationId)]);
        await repo.insertOutcomes(
          release.outcomes.map((o) => ({
            runId,
            applicationId: o.applicationId,
            postId: o.explanation.postId,
            choice: o.explanation.choice,
            explanation: o.explanation,
            notifiedAt: told.has(o.applicationId) ? now : null,
          })),
          tx,
        );

        for (const o of release.newOffers) {
          const student = applicants.get(o.applicationId);
          const post = postInfo.get(o.postId);
          if (!student || !post) throw new Error(`Offer ${o.applicationId} → ${o.postId} has no student or post`);
          const id = randomUUID();
          // the old offer stops being open before the new one is: one live offer per application
          if (o.replaces) await repo.supersede(o.replaces.id, id, tx);
          const offer = await repo.insertOffer({ id, roundId: run.roundId, runId, applicationId: o.applicationId, studentId: student.studentId, postId: o.postId, status: 'open', respondBy, sentAt: now }, tx);
          await jobs.enqueue(tx, OFFER_EXPIRY_JOB, { offerId: offer.id }, respondBy);
          const replaced = o.replaces ? (titles.get(o.replaces.postId) ?? 'your earlier post') : undefined;
          await outbox.enqueue(
            tx,
            offerMail({
              student: mailStudent(student),
              roundName: round.name,
              roundZone: round.timeZone,
              post,
              respondBy,
              url: offerUrl(offer.id),
              outcomeUrl: outcomeUrl(o.applicationId),
              reasons: reasonLines(o.explanation, titles),
              replaces: replaced,
            }),
          );
          await record(actor, o.replaces ? 'offer_changed' : 'offer_sent', 'offer', offer.id, meta, { runId, applicationId: o.applicationId, postId: o.postId, respondBy: respondBy.toISOString(), ...(o.replaces ? { replaces: o.replaces.id } : {}) }, tx);
        }

        const withdrawnBy = new Map(release.withdrawn.map((o) => [o.applicationId, o]));
        for (const o of release.withdrawn) {
          await repo.supersede(o.id, null, tx);
          await record(actor, 'offer_withdrawn', 'offer', o.id, meta, { runId, applicationId: o.applicationId, postId: o.postId }, tx);
        }
        const explanations = new Map(release.outcomes.map((o) => [o.applicationId, o.explanation]));
        for (const applicationId of release.tellUnplaced) {
          const student = applicants.get(applicationId);
          const explanation = explanations.get(applicationId);
          if (!student || !explanation) continue;
          const earlier = withdrawnBy.get(applicationId);
          await outbox.enqueue(
            tx,
            outcomeMail({
              student: mailStudent(student),
              roundName: round.name,
              url: outcomeUrl(applicationId),
              summary: explanation.summary,
              reasons: reasonLines(explanation, titles),
              withdrawnOffer: earlier ? titles.get(earlier.postId) : undefined,
            }),
          );
        }
        for (const student of release.notShortlisted) {
          const choices = (await repo.choicesOf(student.applicationId, tx)).map((c) => c.title);
          await outbox.enqueue(tx, notShortlistedMail({ student: mailStudent(student), roundName: round.name, url: outcomeUrl(student.applicationId), choices }));
        }

        const changed = release.newOffers.filter((o) => o.replaces).length;
        const summary = {
          runNumber: fresh.number,
          respondBy: respondBy.toISOString(),
          outcomes: release.outcomes.length,
          offersSent: release.newOffers.length - changed,
          offersChanged: changed,
          offersKept: release.kept.length,
          acceptedKept: release.keptAccepted.length,
          offersWithdrawn: release.withdrawn.length,
          unplacedTold: release.tellUnplaced.length,
          notShortlistedTold: release.notShortlisted.length,
        };
        await record(actor, 'run_published', 'allocation_run', runId, meta, summary, tx);
        return { ok: true as const, offers: summary.offersSent, changed, kept: summary.offersKept, told: summary.unplacedTold + summary.notShortlistedTold };
      });
    },

    // A student's own offer; anyone else's: not found.
    async offer(actor: Actor, offerId: string): Promise<OfferView> {
      const offer = await repo.findOffer(offerId);
      if (!offer || offer.studentId !== actor.id || !hasAnyRole(actor, ['student'])) throw new NotFoundError();
      const [post, round, student, elsewhere] = await Promise.all([repo.post(offer.postId), repo.round(offer.roundId), repo.applicant(offer.applicationId), repo.acceptedOfStudent(actor.id, offer.id)]);
      if (!post || !round || !student) throw new NotFoundError();
      let replacedBy: OfferView['replacedBy'] = null;
      if (offer.supersededBy) {
        const next = await repo.findOffer(offer.supersededBy);
        const nextPost = next && (await repo.post(next.postId));
        if (next && nextPost) replacedBy = { id: next.id, postTitle: nextPost.title };
      }
      const now = clock();
      return {
        offer,
        post,
        round,
        studentZone: student.timeZone,
        replacedBy,
        acceptedElsewhere: elsewhere !== undefined,
        canAnswer: offer.status === 'open' && now.getTime() < offer.respondBy.getTime(),
        now,
      };
    },

    // Accepting: the offer and the placement in one transaction. Refused after the deadline, when
    // the student accepted another offer, or when the offer is no longer open; a second submit of
    // the same acceptance changes nothing.
    async accept(actor: Actor, offerId: string, meta: Meta): Promise<OfferAnswer> {
      const view = await service.offer(actor, offerId);
      const student = await repo.applicant(view.offer.applicationId);
      if (!student) throw new NotFoundError();
      return db.transaction(async (tx) => {
        await repo.lockStudent(actor.id, tx);
        const offer = await repo.lockOffer(offerId, tx);
        if (!offer) throw new NotFoundError();
        if (offer.status === 'accepted') return { ok: true as const, already: true };
        if (offer.status !== 'open') return { ok: false as const, refusal: 'not-open' as const, offer };
        const now = clock();
        if (now.getTime() >= offer.respondBy.getTime()) return { ok: false as const, refusal: 'late' as const, offer };
        if (await repo.acceptedOfStudent(actor.id, offer.id, tx)) return { ok: false as const, refusal: 'accepted-elsewhere' as const, offer };
        if (!(await repo.answer(offer.id, { status: 'accepted', respondedAt: now }, tx))) return { ok: false as const, refusal: 'not-open' as const, offer };
        const placement = await placements.create(
          { roundId: offer.roundId, postId: offer.postId, applicationId: offer.applicationId, studentId: offer.studentId, offerId: offer.id, at: now, actor: { id: actor.id, label: actor.email, ip: meta.ip } },
          tx,
        );
        await record(actor, 'offer_accepted', 'offer', offer.id, meta, { postId: offer.postId, applicationId: offer.applicationId, placementId: placement.id }, tx);
        await outbox.enqueue(tx, acceptedMail({ student: mailStudent(student), post: view.post, url: offerUrl(offer.id) }));
        return { ok: true as const, already: false };
      });
    },

    // Declining frees the place for a re-run; a second submit changes nothing.
    async decline(actor: Actor, offerId: string, form: DeclineForm, meta: Meta): Promise<OfferAnswer> {
      await service.offer(actor, offerId);
      return db.transaction(async (tx) => {
        const offer = await repo.lockOffer(offerId, tx);
        if (!offer) throw new NotFoundError();
        if (offer.status === 'declined') return { ok: true as const, already: true };
        if (offer.status === 'accepted') return { ok: false as const, refusal: 'already-accepted' as const, offer };
        if (offer.status !== 'open') return { ok: false as const, refusal: 'not-open' as const, offer };
        const now = clock();
        if (now.getTime() >= offer.respondBy.getTime()) return { ok: false as const, refusal: 'late' as const, offer };
        if (!(await repo.answer(offer.id, { status: 'declined', respondedAt: now, declineReason: form.reason === '' ? null : form.reason }, tx))) {
          return { ok: false as const, refusal: 'not-open' as const, offer };
        }
        await record(actor, 'offer_declined', 'offer', offer.id, meta, { postId: offer.postId, applicationId: offer.applicationId, reasonGiven: form.reason !== '' }, tx);
        return { ok: true as const, already: false };
      });
    },

    // Staff: every offer of a round and the placements it made.
    // Every read is audited: the list is personal data.
    async roundOffers(actor: Actor, roundId: string, meta: Meta): Promise<RoundOffersView> {
      requireStaff(actor);
      const round = await repo.round(roundId);
      if (!round) throw new NotFoundError();
      const [counts, offers, placementRows, latest] = await Promise.all([repo.statusCounts(roundId), repo.offersOfRound(roundId), placements.listForRound(roundId), repo.latestPublishedRun(roundId)]);
      await record(actor, 'round_offers_viewed', 'round', roundId, meta, { offers: offers.length, placements: placementRows.length }, db);
      return {
        round,
        counts: offerStatusOrder.map((status) => ({ status, count: counts.get(status) ?? 0 })),
        offers,
        placements: placementRows,
        latestPublished: latest?.publishedAt ? { id: latest.id, number: latest.number, publishedAt: latest.publishedAt, respondBy: latest.respondBy } : null,
      };
    },
  };
  return service;
}

export type OffersService = ReturnType<typeof createOffersService>;
