import type { Db } from '../../db/client.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import type { Outbox } from '../../platform/mail/outbox.ts';
import { expiredMail } from './offer-mail.ts';
import type { OffersRepo } from './offers.repo.ts';
import { OFFER_EXPIRY_JOB } from './offers.service.ts';

// Each offer has a job at its deadline: an offer still open then expires (it counts as declined) and
// the student is told. An offer answered or replaced meanwhile is left alone; a job that runs early
// (a clock moved back) waits for the deadline again.
export function installOfferExpiry(deps: { db: Db; jobs: JobQueue; clock: Clock; outbox: Outbox; audit: AuditLog; repo: OffersRepo; baseUrl: string }): void {
  const { db, jobs, clock, outbox, audit, repo } = deps;
  jobs.handle(OFFER_EXPIRY_JOB, async (payload) => {
    const offerId = String(payload.offerId);
    const offer = await repo.findOffer(offerId);
    if (!offer || offer.status !== 'open') return;
    const now = clock();
    if (now.getTime() < offer.respondBy.getTime()) {
      await jobs.enqueue(db, OFFER_EXPIRY_JOB, { offerId }, offer.respondBy);
      return;
    }
    const [student, post, round] = await Promise.all([repo.applicant(offer.applicationId), repo.post(offer.postId), repo.round(offer.roundId)]);
    await db.transaction(async (tx) => {
      if (!(await repo.answer(offerId, { status: 'expired', respondedAt: null }, tx))) return;
      await audit.record(
        { actorId: null, actorLabel: 'system', action: 'offers.offer_expired', subjectType: 'offer', subjectId: offerId, details: { postId: offer.postId, applicationId: offer.applicationId, respondBy: offer.respondBy.toISOString() } },
        tx,
      );
      if (student?.active && post && round) {
        await outbox.enqueue(
          tx,
          expiredMail({ student: { name: student.name, email: student.email, timeZone: student.timeZone }, post, respondBy: offer.respondBy, roundZone: round.timeZone, url: `${deps.baseUrl}/offers/${offerId}` }),
        );
      }
    });
  });
}
