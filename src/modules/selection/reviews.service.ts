import type { Db } from '../../db/client.ts';
import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { StoredFile } from '../../platform/files/file-service.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import type { FieldErrors, FieldValues } from '../../platform/views/forms.tsx';
import { candidateRef } from './candidate-ref.ts';
import { redactStudentText } from './redaction.ts';
import { summariseReviews, type ReviewSummary } from './review-scores.ts';
import { conflictForm, parseReviewForm, reviewerForm } from './reviews.input.ts';
import type { AssignmentRow, CriterionRow, ReviewerRow, ReviewPost, ReviewRow, ReviewsRepo } from './reviews.repo.ts';

// Partner-led review (issue 5): partner admins assign their organisation's reviewers to a post;
// a reviewer scores the submitted applications to the posts they are assigned to, seeing only what
// the round's anonymity allows. Anything a user may not reach is "not found", never "forbidden", so
// a guessed address says nothing about what exists.
//
// A submitted review is final: the reviewer then sees the others' scores, and letting them change
// their own afterwards would let the first reviews anchor the later ones.

export interface RequestMeta {
  ip: string;
}

export interface ReviewFiles {
  findById(id: string): Promise<StoredFile | undefined>;
}

export interface ReviewersPageData {
  post: ReviewPost;
  reviewsPerApplication: number;
  submittedApplications: number;
  assigned: AssignmentRow[];
  // active reviewers and admins of the organisation not yet assigned
  candidates: ReviewerRow[];
  // submitted applications with fewer reviewers (assigned, active, without a conflict) than K
  needAnotherReviewer: number;
}

export type QueueState = 'new' | 'draft' | 'submitted';

export interface QueueItem {
  applicationId: string;
  postId: string;
  postTitle: string;
  ref: string;
  submittedAt: Date | null;
  state: QueueState;
  reviewSubmittedAt: Date | null;
}

export interface QueueData {
  waiting: QueueItem[];
  done: QueueItem[];
  progress: { postId: string; title: string; reviewed: number; total: number }[];
  reviewed: number;
  total: number;
  // for a partner admin: their organisation's posts, to choose reviewers
  ownPosts: { id: string; title: string; roundName: string; reviewers: number; submitted: number }[] | null;
}

export interface ReviewPageData {
  post: ReviewPost;
  applicationId: string;
  ref: string;
  // the round's setting, and what applies to this candidate
  roundAnonymised: boolean;
  named: boolean;
  shortlist: { fixed: boolean; listed: boolean };
  // only when named
  candidate: { name: string; email: string; hasCv: boolean } | null;
  submittedAt: Date | null;
  rank: number;
  statement: string;
  motivation: string;
  answers: { prompt: string; value: string }[];
  course: string | null;
  studyLevel: string | null;
  yearOfStudy: number | null;
  languages: { language: string; level: string }[];
  criteria: CriterionRow[];
  reviewsPerApplication: number;
  own: ReviewRow | undefined;
  // the other reviewers' submitted reviews and the summary: only once the reviewer's own is submitted
  others: ReviewRow[];
  summary: ReviewSummary | null;
}

export type AssignResult = { ok: true; notice: string } | { ok: false; errors: FieldErrors; values: FieldValues };
export type SaveReviewResult = { ok: true; notice: string } | { ok: false; errors: FieldErrors; values: FieldValues };

const REVIEWERS = ['partner_reviewer', 'partner_admin'];

export function createReviewsService(deps: { db: Db; repo: ReviewsRepo; clock: Clock; audit: AuditLog; files: ReviewFiles }) {
  const { db, repo, clock, audit, files } = deps;

  function record(actor: Actor, action: string, subjectType: string, subjectId: string, meta: RequestMeta, details: Record<string, unknown>, exec: Db = db) {
    return audit.record({ actorId: actor.id, actorLabel: actor.email, action, subjectType, subjectId, ip: meta.ip, details }, exec);
  }

  // a post of the partner admin's own organisation
  async function adminPost(actor: Actor, postId: string): Promise<ReviewPost> {
    if (!hasAnyRole(actor, ['partner_admin']) || !actor.organisationId) throw new NotFoundError();
    const post = await repo.findPost(postId);
    if (!post || post.organisationId !== actor.organisationId) throw new NotFoundError();
    return post;
  }

  // the one access rule of every review page: a reviewer of the post's organisation, assigned to the
  // post, without a conflict on the application, which is submitted and ranks the post
  async function reach(actor: Actor, applicationId: string, postId: string) {
    if (!hasAnyRole(actor, REVIEWERS) || !actor.organisationId) throw new NotFoundError();
    const post = await repo.findPost(postId);
    if (!post || post.organisationId !== actor.organisationId) throw new NotFoundError();
    if (!(await repo.isAssigned(postId, actor.id))) throw new NotFoundError();
    if (await repo.hasConflict(applicationId, actor.id)) throw new NotFoundError();
    const context = await repo.context(applicationId, postId);
    if (!context || context.roundId !== post.roundId) throw new NotFoundError();
    const settings = await repo.settings(post.roundId);
    const shortlist = await repo.shortlistState(postId, applicationId);
    // anonymity lifts for shortlisted candidates once the shortlist is fixed, and for a named round
    const named = !settings.anonymised || (shortlist.fixed && shortlist.listed);
    return { post, context, settings, shortlist, named };
  }

  return {
    async reviewersPage(actor: Actor, postId: string): Promise<ReviewersPageData> {
      const post = await adminPost(actor, postId);
      const settings = await repo.settings(post.roundId);
      const assigned = await repo.assignments(post.id, post.organisationId);
      const assignedIds = new Set(assigned.map((a) => a.id));
      const candidates = (await repo.reviewerCandidates(post.organisationId)).filter((c) => !assignedIds.has(c.id));
      const applicationIds = await repo.submittedApplicationIds(post.id);
      const conflicts = await repo.conflictsOn(applicationIds);
      const eligible = assigned.filter((a) => a.eligible).map((a) => a.id);
      let needAnotherReviewer = 0;
      for (const applicationId of applicationIds) {
        const conflicted = new Set(conflicts.filter((c) => c.applicationId === applicationId).map((c) => c.reviewerId));
        if (eligible.filter((id) => !conflicted.has(id)).length < settings.reviewsPerApplication) needAnotherReviewer += 1;
      }
      return { post, reviewsPerApplication: settings.reviewsPerApplication, submittedApplications: applicationIds.length, assigned, candidates, needAnotherReviewer };
    },

    async changeReviewers(actor: Actor, postId: string, body: unknown, meta: RequestMeta): Promise<AssignResult> {
      const post = await adminPost(actor, postId);
      const form = parseForm(reviewerForm, body);
      if (!form.ok) return form;
      const { intent, reviewerId } = form.data;
      if (intent === 'add') {
        const candidate = (await repo.reviewerCandidates(post.organisationId)).find((c) => c.id === reviewerId);
        if (!candidate) return { ok: false, errors: { reviewerId: 'Choose a reviewer from the list' }, values: form.values };
        const added = await db.transaction(async (tx) => {
          const inserted = await repo.assign({ postId: post.id, reviewerId, assignedBy: actor.id, assignedAt: clock() }, tx);
          if (inserted) await record(actor, 'selection.reviewer_assigned', 'post', post.id, meta, { reviewerId }, tx);
          return inserted;
        });
        return { ok: true, notice: added ? `${candidate.name} now reviews applications to this post.` : `${candidate.name} was already assigned.` };
      }
      const removed = await db.transaction(async (tx) => {
        const deleted = await repo.unassign(post.id, reviewerId, tx);
        if (deleted) await record(actor, 'selection.reviewer_removed', 'post', post.id, meta, { reviewerId }, tx);
        return deleted;
      });
      return { ok: true, notice: removed ? 'The reviewer no longer reviews applications to this post. Their submitted reviews still count.' : 'That reviewer was not assigned.' };
    },

    async queue(actor: Actor): Promise<QueueData> {
      if (!hasAnyRole(actor, REVIEWERS) || !actor.organisationId) throw new NotFoundError();
      const rows = await repo.queue(actor.id, actor.organisationId);
      const posts = await repo.postsAssignedTo(actor.id, actor.organisationId);
      const items: QueueItem[] = rows.map((r) => ({
        applicationId: r.applicationId,
        postId: r.postId,
        postTitle: r.postTitle,
        ref: candidateRef(r.applicationId, r.postId),
        submittedAt: r.submittedAt,
        state: r.reviewSubmittedAt ? 'submitted' : r.reviewUpdatedAt ? 'draft' : 'new',
        reviewSubmittedAt: r.reviewSubmittedAt,
      }));
      const progress = posts.map((p) => {
        const mine = items.filter((i) => i.postId === p.id);
        return { postId: p.id, title: p.title, reviewed: mine.filter((i) => i.state === 'submitted').length, total: mine.length };
      });
      const done = items.filter((i) => i.state === 'submitted').sort((a, b) => (b.reviewSubmittedAt?.getTime() ?? 0) - (a.reviewSubmittedAt?.getTime() ?? 0));
      const ownPosts = hasAnyRole(actor, ['partner_admin']) ? await repo.organisationPosts(actor.organisationId) : null;
      return { waiting: items.filter((i) => i.state !== 'submitted'), done, progress, reviewed: done.length, total: items.length, ownPosts };
    },

    // what the reviewer may see of the application; every open is a read of personal data, audited
    async reviewPage(actor: Actor, applicationId: string, postId: string, meta: RequestMeta): Promise<ReviewPageData> {
      const { post, context, settings, shortlist, named } = await reach(actor, applicationId, postId);
      const criteria = await repo.rubric(post.roundId);
      const answers = await repo.answers(applicationId);
      const all = await repo.reviewsOf(applicationId, postId);
      const own = all.find((r) => r.reviewerId === actor.id);
      const submitted = all.filter((r) => r.submittedAt !== null);
      const seesOthers = own?.submittedAt != null;
      await record(actor, 'selection.application_viewed', 'application', applicationId, meta, { postId, named });
      const text = (value: string) => (named ? value : redactStudentText(value, context));
      return {
        post,
        applicationId,
        ref: candidateRef(applicationId, postId),
        roundAnonymised: settings.anonymised,
        named,
        shortlist,
        candidate: named ? { name: context.name, email: context.email, hasCv: context.cvFileId !== null } : null,
        submittedAt: context.submittedAt,
        rank: context.rank,
        statement: text(context.statement),
        motivation: text(context.motivation),
        answers: answers.map((a) => ({ prompt: a.prompt, value: text(a.value) })),
        course: context.course,
        studyLevel: context.studyLevel,
        yearOfStudy: context.yearOfStudy,
        languages: context.languages ?? [],
        criteria,
        reviewsPerApplication: settings.reviewsPerApplication,
        own,
        others: seesOthers ? submitted.filter((r) => r.reviewerId !== actor.id) : [],
        summary: seesOthers ? summariseReviews(criteria, submitted) : null,
      };
    },

    async saveReview(actor: Actor, applicationId: string, postId: string, body: unknown, meta: RequestMeta): Promise<SaveReviewResult> {
      const { post } = await reach(actor, applicationId, postId);
      const criteria = await repo.rubric(post.roundId);
      const form = parseReviewForm(body, criteria);
      if (!form.ok) return form;
      const { intent, scores, comment, recommendation } = form.data;
      if (intent === 'submit' && criteria.length === 0) return { ok: false, errors: { scores: 'This round has no rubric yet, so the review cannot be submitted' }, values: form.values };
      const now = clock();
      const outcome = await db.transaction(async (tx) => {
        const saved = await repo.saveUnlessSubmitted({ applicationId, postId, reviewerId: actor.id, scores, comment, recommendation, updatedAt: now, submittedAt: intent === 'submit' ? now : null }, tx);
        if (!saved) return 'final' as const;
        await record(actor, intent === 'submit' ? 'selection.review_submitted' : 'selection.review_saved', 'application', applicationId, meta, { postId, recommendation }, tx);
        return intent;
      });
      if (outcome === 'final') return { ok: false, errors: { form: 'You have already submitted your review of this application; a submitted review cannot be changed.' }, values: form.values };
      return { ok: true, notice: outcome === 'submit' ? 'Your review has been submitted. You can now see the other reviewers’ scores.' : 'Your draft review has been saved.' };
    },

    async declareConflict(actor: Actor, applicationId: string, postId: string, body: unknown, meta: RequestMeta): Promise<{ ok: true } | { ok: false; errors: FieldErrors; values: FieldValues }> {
      await reach(actor, applicationId, postId);
      const form = parseForm(conflictForm, body);
      if (!form.ok) return form;
      await db.transaction(async (tx) => {
        await repo.insertConflict({ applicationId, reviewerId: actor.id, reason: form.data.reason, declaredAt: clock() }, tx);
        const drafts = await repo.deleteDrafts(applicationId, actor.id, tx);
        // the reason stays in review_conflicts; the audit log says only that one was declared
        await record(actor, 'selection.conflict_declared', 'application', applicationId, meta, { postId, draftsRemoved: drafts }, tx);
      });
      return { ok: true };
    },

    // the CV names its author: only in named review
    async cv(actor: Actor, applicationId: string, postId: string, meta: RequestMeta): Promise<StoredFile> {
      const { context, named } = await reach(actor, applicationId, postId);
      if (!named || !context.cvFileId) throw new NotFoundError();
      const file = await files.findById(context.cvFileId);
      if (!file) throw new NotFoundError();
      await record(actor, 'selection.cv_downloaded', 'application', applicationId, meta, { postId });
      return file;
    },
  };
}

export type ReviewsService = ReturnType<typeof createReviewsService>;
