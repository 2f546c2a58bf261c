import { isUniqueViolation } from '../../db/errors.ts';
import type { Db } from '../../db/client.ts';
import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import type { MailMessage, Outbox } from '../../platform/mail/outbox.ts';
import { formatDateTime } from '../../platform/views/DateTime.tsx';
import type { FieldErrors, FieldValues } from '../../platform/views/forms.tsx';
import { isUniversityStaff } from '../partners/partners.policy.ts';
import { candidateRef } from './candidate-ref.ts';
import { invitation } from './interview-invitations.ts';
import { bookForm, cancelForm, CHANGE_NOTICE_MS, parseScoreForm, parseSlotForm, slotFormValues } from './interviews.input.ts';
import type { CriterionRow, InterviewPost, InterviewScoreRow, InterviewsRepo, PanelClash, PanelMember, SlotRow, SlotWithPanel, StudentContact } from './interviews.repo.ts';
import { summariseReviews, type ReviewSummary } from './review-scores.ts';
import { identityShown } from './shortlist.service.ts';

// Interviews (issue 5). The partner admin publishes slots for a post (entered in the office's zone);
// candidates on the post's fixed shortlist book one, see it in their own zone and get an ICS invitation;
// they can move or cancel until 24 hours before. The panel scores the interview on the round's rubric.
// "Interviewed candidates of a post" (for the partner's ranking) are the applications holding a booked
// slot of the post whose start has passed.

export interface RequestMeta {
  ip: string;
}

// the university's zone: where a user has not chosen their own
export const DEFAULT_TIME_ZONE = 'Europe/London';

export interface PartnerSlot extends SlotWithPanel {
  // who booked it, as this reader may know them
  candidate: { applicationId: string; label: string } | null;
  started: boolean;
}

export interface CandidateInterviewSummary {
  applicationId: string;
  label: string;
  startsAt: Date;
  summary: ReviewSummary;
  drafts: number;
}

export interface PartnerPageData {
  post: InterviewPost;
  fixed: boolean;
  slots: PartnerSlot[];
  panelCandidates: PanelMember[];
  isStaff: boolean;
  canEdit: boolean;
  // the reader, to offer the score sheet of the slots on whose panel they sit
  viewerId: string;
  criteriaCount: number;
  summaries: CandidateInterviewSummary[];
}

export interface SlotEditData {
  post: InterviewPost;
  slot: SlotWithPanel;
  panelCandidates: PanelMember[];
  values: FieldValues;
}

export interface StudentPostInterviews {
  post: InterviewPost;
  booked: SlotWithPanel | null;
  // the booking may still be moved or cancelled (until 24 hours before the start)
  canChange: boolean;
  changeUntil: Date | null;
  // the booked interview has started (or taken place)
  started: boolean;
  free: SlotWithPanel[];
}

export interface StudentPageData {
  applicationId: string;
  timeZone: string;
  timeZoneChosen: boolean;
  posts: StudentPostInterviews[];
}

export interface PanelListItem {
  slotId: string;
  postTitle: string;
  startsAt: Date;
  officeTimeZone: string;
  started: boolean;
}

export interface PanelListData {
  items: PanelListItem[];
  ownPosts: { id: string; title: string; roundName: string; fixed: boolean; slots: number; booked: number }[] | null;
}

export interface ScorePageData {
  post: InterviewPost;
  slot: SlotWithPanel;
  candidateName: string;
  started: boolean;
  criteria: CriterionRow[];
  own: InterviewScoreRow | undefined;
  // the panel's submitted sheets: only once the member's own is submitted
  others: InterviewScoreRow[];
  summary: ReviewSummary | null;
}

export type FormFailure = { ok: false; errors: FieldErrors; values: FieldValues; panelValues?: string[] };
export type Change = { ok: true; notice: string } | FormFailure;
export type Refusable = { ok: true; notice: string } | { ok: false; status: 400 | 404 | 409; problem: string };

class Refused extends Error {
  constructor(readonly problem: string) {
    super(problem);
  }
}

export interface InterviewSettings {
  baseUrl: string;
  programmeName: string;
  mailFrom: string;
}

const kindLabel = (slot: { kind: string; location: string }) => (slot.kind === 'video' ? `Video call: ${slot.location}` : `In person: ${slot.location}`);

export function createInterviewsService(deps: { db: Db; repo: InterviewsRepo; clock: Clock; audit: AuditLog; outbox: Outbox; settings: InterviewSettings }) {
  const { db, repo, clock, audit, outbox, settings } = deps;
  const domain = new URL(settings.baseUrl).hostname || 'outbound';

  function record(actor: Actor, action: string, subjectType: string, subjectId: string, meta: RequestMeta, details: Record<string, unknown>, exec: Db = db) {
    return audit.record({ actorId: actor.id, actorLabel: actor.email, action: `selection.${action}`, subjectType, subjectId, ip: meta.ip, details }, exec);
  }

  // staff read; the partner admins of the post's organisation manage; anyone else: not found
  async function partnerPost(actor: Actor, postId: string, manage: boolean): Promise<{ post: InterviewPost; staff: boolean }> {
    const admin = hasAnyRole(actor, ['partner_admin']) && actor.organisationId !== null;
    const staff = isUniversityStaff(actor);
    if (!admin && !staff) throw new NotFoundError();
    const post = await repo.findPost(postId);
    if (!post) throw new NotFoundError();
    if (admin && post.organisationId === actor.organisationId) return { post, staff: false };
    if (staff && !manage) return { post, staff: true };
    throw new NotFoundError();
  }

  async function slotOf(post: InterviewPost, slotId: string, exec: Db = db): Promise<SlotWithPanel> {
    const slot = await repo.findSlot(slotId, exec);
    if (!slot || slot.postId !== post.id) throw new NotFoundError();
    return slot;
  }

  // panel members must be the organisation's active admins and reviewers
  async function checkPanel(post: InterviewPost, panel: readonly string[]): Promise<FieldErrors | null> {
    const allowed = new Set((await repo.panelCandidates(post.organisationId)).map((m) => m.id));
    return panel.every((id) => allowed.has(id)) ? null : { panel: 'Choose panel members from the list' };
  }

  const zoneOf = (student: StudentContact) => student.timeZone ?? DEFAULT_TIME_ZONE;

  function interviewMail(kind: 'booked' | 'moved' | 'cancelled' | 'cancelled_by_partner', post: InterviewPost, slot: SlotRow, applicationId: string, student: StudentContact): MailMessage {
    const zone = zoneOf(student);
    const when = formatDateTime(slot.startsAt, zone);
    const inOffice = formatDateTime(slot.startsAt, post.officeTimeZone);
    const link = `${settings.baseUrl}/applications/${applicationId}/interviews`;
    const title = `${post.title} (${post.organisationName})`;
    const method = kind === 'booked' || kind === 'moved' ? ('REQUEST' as const) : ('CANCEL' as const);
    const details = [`When: ${when}`, zone === post.officeTimeZone ? '' : `At the office: ${inOffice}`, `Length: ${slot.minutes} minutes`, kindLabel(slot)].filter(Boolean).join('\n');
    const opening: Record<typeof kind, string> = {
      booked: `Your interview for ${title} is booked.`,
      moved: `Your interview for ${title} has moved to a new time.`,
      cancelled: `You cancelled your interview for ${title}. This message removes it from your calendar.`,
      cancelled_by_partner: `${post.organisationName} has cancelled your interview for ${title}. You can book another time, if one is offered, at ${link}`,
    };
    const subject: Record<typeof kind, string> = {
      booked: `Interview booked: ${post.title}`,
      moved: `Interview moved: ${post.title}`,
      cancelled: `Interview cancelled: ${post.title}`,
      cancelled_by_partner: `Interview cancelled by ${post.organisationName}: ${post.title}`,
    };
    const text = `Dear ${student.name},\n\n${opening[kind]}\n\n${details}\n\n${
      method === 'REQUEST' ? `The invitation is attached for your calendar. You can move or cancel it until 24 hours before the start: ${link}\n\n` : ''
    }${settings.programmeName}\n`;
    return {
      to: student.email,
      toName: student.name,
      subject: subject[kind],
      text,
      calendar: invitation({
        method,
        slotId: slot.id,
        applicationId,
        sequence: slot.sequence,
        startsAt: slot.startsAt,
        minutes: slot.minutes,
        officeTimeZone: post.officeTimeZone,
        summary: `Interview: ${post.title} (${post.organisationName})`,
        description: `${details}\n\nManage your booking: ${link}`,
        location: slot.location,
        organiser: settings.mailFrom,
        attendee: { name: student.name, email: student.email },
        stamp: clock(),
        domain,
      }),
    };
  }

  // the student's own submitted application on at least one fixed shortlist; anyone else: not found
  // A panel member cannot sit on two interviews at once, of this post or any other: the members'
  // rows are locked first, so two slots saved at once for one member cannot both pass.
  async function clashesOf(panel: readonly string[], startsAt: Date, minutes: number, exceptSlotId: string | undefined, tx: Db): Promise<PanelClash[]> {
    await repo.lockPanelMembers(panel, tx);
    return repo.panelClashes(panel, startsAt, minutes, exceptSlotId, tx);
  }

  function clashMessage(clashes: PanelClash[], timeZone: string): string {
    const [first] = clashes;
    if (!first) return '';
    const others = clashes.length - 1;
    return (
      `${first.memberName} is already on the panel of an interview for ${first.postTitle} at ${formatDateTime(first.startsAt, timeZone)} (${first.minutes} minutes), which overlaps this slot` +
      `${others > 0 ? `, and there ${others === 1 ? 'is 1 other clash' : `are ${others} other clashes`}` : ''}. Choose another time or another panel member.`
    );
  }

  async function ownShortlisted(actor: Actor, applicationId: string): Promise<{ postIds: string[] }> {
    if (!hasAnyRole(actor, ['student'])) throw new NotFoundError();
    const own = await repo.ownApplication(actor.id, applicationId);
    if (!own) throw new NotFoundError();
    const postIds = await repo.fixedShortlistPosts(applicationId);
    if (postIds.length === 0) throw new NotFoundError();
    return { postIds };
  }

  const changeDeadline = (slot: { startsAt: Date }) => new Date(slot.startsAt.getTime() - CHANGE_NOTICE_MS);
  const tooLate = (slot: { startsAt: Date }, zone: string) =>
    `Your interview can no longer be moved or cancelled: changes were possible until ${formatDateTime(changeDeadline(slot), zone)}, 24 hours before it starts. Contact the programme team if you cannot attend.`;

  return {
    async partnerPage(actor: Actor, postId: string, meta: RequestMeta): Promise<PartnerPageData> {
      const { post, staff } = await partnerPost(actor, postId, false);
      const now = clock();
      const [fixed, slots, panelCandidates, criteria, anonymised] = await Promise.all([
        repo.isShortlistFixed(postId),
        repo.slots(postId),
        staff ? Promise.resolve([]) : repo.panelCandidates(post.organisationId),
        repo.rubric(post.roundId),
        repo.anonymised(post.roundId),
      ]);
      const shortlisted = new Set(await repo.shortlisted(postId));
      const booked = slots.map((s) => s.applicationId).filter((id): id is string => id !== null);
      const names = await repo.candidateNames(booked);
      const label = (applicationId: string) => {
        const shown = identityShown({ staff }, { anonymised }, { shortlisted: shortlisted.has(applicationId), fixed });
        return shown.name ? (names.get(applicationId)?.name ?? candidateRef(applicationId, postId)) : candidateRef(applicationId, postId);
      };
      const scores = await repo.scoresOf(postId, booked);
      const weights = criteria.map((c) => ({ id: c.id, weight: c.weight }));
      const summaries: CandidateInterviewSummary[] = slots
        .filter((s): s is SlotWithPanel & { applicationId: string } => s.applicationId !== null)
        .map((s) => {
          const mine = scores.filter((r) => r.applicationId === s.applicationId);
          return {
            applicationId: s.applicationId,
            label: label(s.applicationId),
            startsAt: s.startsAt,
            summary: summariseReviews(
              weights,
              mine.filter((r) => r.submittedAt !== null),
            ),
            drafts: mine.filter((r) => r.submittedAt === null).length,
          };
        });
      await record(actor, 'interviews_viewed', 'post', postId, meta, { slots: slots.length, booked: booked.length });
      return {
        post,
        fixed,
        slots: slots.map((s) => ({ ...s, candidate: s.applicationId ? { applicationId: s.applicationId, label: label(s.applicationId) } : null, started: s.startsAt <= now })),
        panelCandidates,
        isStaff: staff,
        canEdit: !staff,
        viewerId: actor.id,
        criteriaCount: criteria.length,
        summaries,
      };
    },

    async addSlot(actor: Actor, postId: string, body: unknown, meta: RequestMeta): Promise<Change> {
      const { post } = await partnerPost(actor, postId, true);
      const form = parseSlotForm(body, post.officeTimeZone, clock());
      if (!form.ok) return form;
      const panelProblem = await checkPanel(post, form.data.panel);
      if (panelProblem) return { ok: false, errors: panelProblem, values: form.values, panelValues: form.panelValues };
      const now = clock();
      const { panel, ...slot } = form.data;
      const clashes = await db.transaction(async (tx) => {
        const found = await clashesOf(panel, slot.startsAt, slot.minutes, undefined, tx);
        if (found.length > 0) return found;
        const id = await repo.insertSlot({ postId, ...slot, createdBy: actor.id, createdAt: now, updatedAt: now }, panel, tx);
        await record(actor, 'interview_slot_created', 'interview_slot', id, meta, { postId, startsAt: slot.startsAt.toISOString(), minutes: slot.minutes, kind: slot.kind, panel }, tx);
        return [];
      });
      if (clashes.length > 0) return { ok: false, errors: { panel: clashMessage(clashes, post.officeTimeZone) }, values: form.values, panelValues: form.panelValues };
      return { ok: true, notice: `Interview slot added: ${formatDateTime(slot.startsAt, post.officeTimeZone)}.` };
    },

    async slotForEdit(actor: Actor, postId: string, slotId: string): Promise<SlotEditData> {
      const { post } = await partnerPost(actor, postId, true);
      const slot = await slotOf(post, slotId);
      return { post, slot, panelCandidates: await repo.panelCandidates(post.organisationId), values: slotFormValues(slot, post.officeTimeZone) };
    },

    async updateSlot(actor: Actor, postId: string, slotId: string, body: unknown, meta: RequestMeta): Promise<Change> {
      const { post } = await partnerPost(actor, postId, true);
      await slotOf(post, slotId);
      const form = parseSlotForm(body, post.officeTimeZone, clock());
      if (!form.ok) return form;
      const panelProblem = await checkPanel(post, form.data.panel);
      if (panelProblem) return { ok: false, errors: panelProblem, values: form.values, panelValues: form.panelValues };
      const { panel, ...changes } = form.data;
      const saved = await db.transaction(async (tx) => {
        const clashes = await clashesOf(panel, changes.startsAt, changes.minutes, slotId, tx);
        if (clashes.length > 0) return clashes;
        const updated = await repo.updateFreeSlot(slotId, { ...changes, updatedAt: clock() }, panel, tx);
        if (updated) await record(actor, 'interview_slot_updated', 'interview_slot', slotId, meta, { postId, startsAt: changes.startsAt.toISOString(), minutes: changes.minutes, kind: changes.kind, panel }, tx);
        return updated;
      });
      if (Array.isArray(saved)) return { ok: false, errors: { panel: clashMessage(saved, post.officeTimeZone) }, values: form.values, panelValues: form.panelValues };
      if (!saved) return { ok: false, errors: { form: 'A candidate has booked this slot meanwhile, so it can no longer be changed. Cancel the booking first if you must change it.' }, values: form.values, panelValues: form.panelValues };
      return { ok: true, notice: `Interview slot changed: ${formatDateTime(changes.startsAt, post.officeTimeZone)}.` };
    },

    async deleteSlot(actor: Actor, postId: string, slotId: string, meta: RequestMeta): Promise<Refusable> {
      const { post } = await partnerPost(actor, postId, true);
      const slot = await slotOf(post, slotId);
      const deleted = await db.transaction(async (tx) => {
        const done = await repo.deleteFreeSlot(slotId, tx);
        if (done) await record(actor, 'interview_slot_deleted', 'interview_slot', slotId, meta, { postId, startsAt: slot.startsAt.toISOString() }, tx);
        return done;
      });
      if (!deleted) return { ok: false, status: 409, problem: 'This slot is booked, so it cannot be deleted. Cancel the booking first.' };
      return { ok: true, notice: 'Interview slot deleted.' };
    },

    // the partner cancels a candidate's booking: the slot is free again and the candidate's calendar is told
    async cancelBooking(actor: Actor, postId: string, slotId: string, meta: RequestMeta): Promise<Refusable> {
      const { post } = await partnerPost(actor, postId, true);
      const slot = await slotOf(post, slotId);
      const now = clock();
      if (!slot.applicationId) return { ok: false, status: 409, problem: 'This slot is not booked.' };
      if (slot.startsAt <= now) return { ok: false, status: 409, problem: 'This interview has already started, so its booking can no longer be cancelled.' };
      const applicationId = slot.applicationId;
      const student = await repo.studentOf(applicationId);
      if (!student) throw new NotFoundError();
      const released = await db.transaction(async (tx) => {
        const row = await repo.release(slotId, applicationId, now, tx);
        if (!row) return false;
        await record(actor, 'interview_cancelled_by_partner', 'interview_slot', slotId, meta, { postId, applicationId }, tx);
        await outbox.enqueue(tx, interviewMail('cancelled_by_partner', post, row, applicationId, student));
        return true;
      });
      if (!released) return { ok: false, status: 409, problem: 'The booking changed meanwhile. Check the list again.' };
      return { ok: true, notice: 'The booking has been cancelled and the candidate told by e-mail. The slot is free again.' };
    },

    // whether the student's application has any interview to book or see (for a link)
    async hasInterviews(actor: Actor, applicationId: string): Promise<boolean> {
      if (!hasAnyRole(actor, ['student'])) return false;
      if (!(await repo.ownApplication(actor.id, applicationId))) return false;
      return (await repo.fixedShortlistPosts(applicationId)).length > 0;
    },

    async studentPage(actor: Actor, applicationId: string): Promise<StudentPageData> {
      const { postIds } = await ownShortlisted(actor, applicationId);
      const chosen = await repo.userTimeZone(actor.id);
      const now = clock();
      const posts: StudentPostInterviews[] = [];
      for (const postId of postIds) {
        const post = await repo.findPost(postId);
        if (!post) continue;
        const booked = await repo.bookedSlotOf(postId, applicationId);
        const bookedFull = booked ? ((await repo.findSlot(booked.id)) ?? null) : null;
        const changeUntil = booked ? changeDeadline(booked) : null;
        posts.push({ post, booked: bookedFull, changeUntil, canChange: changeUntil !== null && now < changeUntil, started: booked !== undefined && booked.startsAt <= now, free: await repo.freeSlotsAfter(postId, now) });
      }
      posts.sort((a, b) => a.post.title.localeCompare(b.post.title));
      return { applicationId, timeZone: chosen ?? DEFAULT_TIME_ZONE, timeZoneChosen: chosen !== null, posts };
    },

    // Books a free slot, or moves the candidate's booking of that post to it. The booking is one
    // conditional update: of two students after the last slot one wins, the other is told; nothing
    // is half-saved (the release, the booking, the audit and the e-mails share one transaction).
    async book(actor: Actor, applicationId: string, body: unknown, meta: RequestMeta): Promise<Refusable> {
      const { postIds } = await ownShortlisted(actor, applicationId);
      const form = parseForm(bookForm, body);
      if (!form.ok) return { ok: false, status: 400, problem: form.errors.slotId ?? 'Choose a time from the list' };
      const slot = await repo.findSlot(form.data.slotId);
      if (!slot || !postIds.includes(slot.postId)) return { ok: false, status: 409, problem: 'That interview time is no longer offered. Choose another time.' };
      const post = await repo.findPost(slot.postId);
      const student = await repo.studentOf(applicationId);
      if (!post || !student) throw new NotFoundError();
      const zone = zoneOf(student);
      const now = clock();
      const current = await repo.bookedSlotOf(post.id, applicationId);
      if (current?.id === slot.id) return { ok: true, notice: 'You have already booked this time.' };
      if (current && now >= changeDeadline(current)) return { ok: false, status: 409, problem: tooLate(current, zone) };
      try {
        const booked = await db.transaction(async (tx) => {
          const released = current ? await repo.release(current.id, applicationId, now, tx) : undefined;
          if (current && !released) throw new Refused('Your booking changed meanwhile. Check your interviews and try again.');
          const row = await repo.book(slot.id, post.id, applicationId, now, tx);
          if (!row) throw new Refused(`Sorry, someone else has just booked the interview at ${formatDateTime(slot.startsAt, zone)}. Nothing has been booked${current ? ' and your earlier time is kept' : ''}: choose another time.`);
          await record(actor, current ? 'interview_moved' : 'interview_booked', 'interview_slot', row.id, meta, { postId: post.id, applicationId, fromSlotId: current?.id ?? null }, tx);
          if (released) await outbox.enqueue(tx, interviewMail('cancelled', post, released, applicationId, student));
          await outbox.enqueue(tx, interviewMail(current ? 'moved' : 'booked', post, row, applicationId, student));
          return row;
        });
        return {
          ok: true,
          notice: `${current ? 'Your interview has moved' : 'Your interview is booked'}: ${post.title}, ${formatDateTime(booked.startsAt, zone)}. We have sent you a calendar invitation by e-mail.`,
        };
      } catch (error) {
        if (error instanceof Refused) return { ok: false, status: 409, problem: error.problem };
        if (isUniqueViolation(error)) return { ok: false, status: 409, problem: 'You already hold an interview time for this post: you can book one per post. Move that booking instead.' };
        throw error;
      }
    },

    async cancel(actor: Actor, applicationId: string, body: unknown, meta: RequestMeta): Promise<Refusable> {
      const { postIds } = await ownShortlisted(actor, applicationId);
      const form = parseForm(cancelForm, body);
      if (!form.ok || !postIds.includes(form.data.postId)) return { ok: false, status: 400, problem: 'Choose the interview to cancel' };
      const post = await repo.findPost(form.data.postId);
      const student = await repo.studentOf(applicationId);
      if (!post || !student) throw new NotFoundError();
      const current = await repo.bookedSlotOf(post.id, applicationId);
      if (!current) return { ok: false, status: 409, problem: 'You have no interview booked for this post.' };
      const now = clock();
      if (now >= changeDeadline(current)) return { ok: false, status: 409, problem: tooLate(current, zoneOf(student)) };
      const released = await db.transaction(async (tx) => {
        const row = await repo.release(current.id, applicationId, now, tx);
        if (!row) return false;
        await record(actor, 'interview_cancelled', 'interview_slot', current.id, meta, { postId: post.id, applicationId }, tx);
        await outbox.enqueue(tx, interviewMail('cancelled', post, row, applicationId, student));
        return true;
      });
      if (!released) return { ok: false, status: 409, problem: 'Your booking changed meanwhile. Check your interviews.' };
      return { ok: true, notice: `Your interview for ${post.title} has been cancelled. You can book another time while times are offered.` };
    },

    // the booked interviews a panel member sits on and, for a partner admin, their posts' interview pages
    async panelList(actor: Actor): Promise<PanelListData> {
      if (!hasAnyRole(actor, ['partner_admin', 'partner_reviewer']) || !actor.organisationId) throw new NotFoundError();
      const now = clock();
      const rows = await repo.panelSlotsOf(actor.id, actor.organisationId);
      return {
        items: rows.map((r) => ({ slotId: r.id, postTitle: r.postTitle, startsAt: r.startsAt, officeTimeZone: r.officeTimeZone, started: r.startsAt <= now })),
        ownPosts: hasAnyRole(actor, ['partner_admin']) ? await repo.organisationPosts(actor.organisationId) : null,
      };
    },

    async scorePage(actor: Actor, slotId: string, meta: RequestMeta): Promise<ScorePageData> {
      const { post, slot, applicationId } = await panelReach(actor, slotId);
      const criteria = await repo.rubric(post.roundId);
      const sheets = await repo.scoresOf(post.id, [applicationId]);
      const own = sheets.find((s) => s.memberId === actor.id);
      const submitted = sheets.filter((s) => s.submittedAt !== null);
      const seesOthers = own?.submittedAt != null;
      const names = await repo.candidateNames([applicationId]);
      await record(actor, 'interview_scores_viewed', 'application', applicationId, meta, { postId: post.id, slotId });
      return {
        post,
        slot,
        candidateName: names.get(applicationId)?.name ?? candidateRef(applicationId, post.id),
        started: slot.startsAt <= clock(),
        criteria,
        own,
        others: seesOthers ? submitted.filter((s) => s.memberId !== actor.id) : [],
        summary: seesOthers ? summariseReviews(criteria, submitted) : null,
      };
    },

    async saveScores(actor: Actor, slotId: string, body: unknown, meta: RequestMeta): Promise<Change> {
      const { post, slot, applicationId } = await panelReach(actor, slotId);
      const criteria = await repo.rubric(post.roundId);
      const form = parseScoreForm(body, criteria);
      if (!form.ok) return form;
      const now = clock();
      if (slot.startsAt > now) return { ok: false, errors: { form: `Scores can be recorded once the interview has started, at ${formatDateTime(slot.startsAt, post.officeTimeZone)}.` }, values: form.values };
      const { intent, scores, comment } = form.data;
      if (intent === 'submit' && criteria.length === 0) return { ok: false, errors: { scores: 'This round has no rubric yet, so the scores cannot be submitted' }, values: form.values };
      const saved = await db.transaction(async (tx) => {
        const done = await repo.saveScoresUnlessSubmitted({ postId: post.id, applicationId, memberId: actor.id, scores, comment, updatedAt: now, submittedAt: intent === 'submit' ? now : null }, tx);
        if (done) await record(actor, intent === 'submit' ? 'interview_scores_submitted' : 'interview_scores_saved', 'application', applicationId, meta, { postId: post.id, slotId }, tx);
        return done;
      });
      if (!saved) return { ok: false, errors: { form: 'You have already submitted your scores for this interview; submitted scores cannot be changed.' }, values: form.values };
      return { ok: true, notice: intent === 'submit' ? 'Your interview scores have been submitted.' : 'Your draft scores have been saved.' };
    },
  };

  // a member of the slot's panel, of the post's organisation; the slot must be booked
  async function panelReach(actor: Actor, slotId: string): Promise<{ post: InterviewPost; slot: SlotWithPanel; applicationId: string }> {
    if (!hasAnyRole(actor, ['partner_admin', 'partner_reviewer']) || !actor.organisationId) throw new NotFoundError();
    const slot = await repo.findSlot(slotId);
    if (!slot?.applicationId || !slot.panel.some((m) => m.id === actor.id)) throw new NotFoundError();
    const post = await repo.findPost(slot.postId);
    if (!post || post.organisationId !== actor.organisationId) throw new NotFoundError();
    return { post, slot, applicationId: slot.applicationId };
  }
}

export type InterviewsService = ReturnType<typeof createInterviewsService>;
