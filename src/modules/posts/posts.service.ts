import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/client.ts';
import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import { neutraliseCell } from '../../platform/exports/csv.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import type { Outbox } from '../../platform/mail/outbox.ts';
import { addYears } from '../../platform/time/zoned.ts';
import { isUuid } from '../../platform/http/form-fields.ts';
import type { FieldErrors, FieldValues } from '../../platform/views/forms.tsx';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AgreementsService } from '../agreements/agreements.service.ts';
import { isUniversityStaff } from '../partners/partners.policy.ts';
import type { PartnersService } from '../partners/partners.service.ts';
import type { RoundsService, RoundView } from '../rounds/rounds.service.ts';
import { postStatusNames } from './post-status.ts';
import type { PostForm } from './posts.input.ts';
import type { Post, PostRow, PostsRepo } from './posts.repo.ts';
import { postStatuses, type PostStatus } from './posts.tables.ts';

export type PostResult = { ok: true; post: Post } | { ok: false; errors: FieldErrors };

export function createPostsService(deps: {
  db: Db;
  repo: PostsRepo;
  clock: Clock;
  audit: AuditLog;
  outbox: Outbox;
  rounds: RoundsService;
  agreements: AgreementsService;
  partners: PartnersService;
  accounts: AccountsService;
  baseUrl: string;
}) {
  const { db, repo, clock, audit, outbox, rounds, agreements, partners, accounts } = deps;

  const isStaff = (actor: Actor) => isUniversityStaff(actor);
  const ownsPost = (actor: Actor, post: { organisationId: string }) => isStaff(actor) || (actor.organisationId !== null && actor.organisationId === post.organisationId);
  const isPartnerAdminOf = (actor: Actor, organisationId: string) => hasAnyRole(actor, ['partner_admin']) && actor.organisationId === organisationId;

  // The round, its agreement and the partner whose posts it takes; only for people who may see them.
  async function roundContext(actor: Actor, roundId: string) {
    const round = await rounds.get(actor, roundId);
    const agreement = await agreements.findById(round.agreementId);
    if (!agreement) throw new NotFoundError();
    return { round, agreement, organisationId: agreement.partnerId };
  }

  // the agreement a post's round comes under (its length bounds)
  async function agreementOf(post: { roundId: string }) {
    const agreement = await agreements.findById((await rounds.findById(post.roundId))?.agreementId ?? '');
    if (!agreement) throw new NotFoundError();
    return agreement;
  }

  async function visiblePost(actor: Actor, id: string): Promise<Post> {
    const post = await repo.findById(id);
    if (!post || !ownsPost(actor, post)) throw new NotFoundError();
    return post;
  }

  // The checks against the organisation and the agreement. A form that failed its own checks is
  // checked too, on what of it is well formed, so that every problem shows at once.
  async function formProblems(form: { officeId?: string | undefined; unitId?: string | null | undefined; durationMonths?: number | undefined }, organisationId: string, bounds: { minDurationMonths: number; maxDurationMonths: number }): Promise<FieldErrors> {
    const errors: FieldErrors = {};
    if (form.officeId !== undefined) {
      const office = await partners.findOffice(form.officeId);
      if (office?.organisationId !== organisationId) errors.officeId = 'Choose one of your organisation’s offices';
    }
    if (form.unitId) {
      const unit = await partners.findUnit(form.unitId);
      if (unit?.organisationId !== organisationId) errors.unitId = 'Choose one of your organisation’s units';
    }
    if (form.durationMonths !== undefined && (form.durationMonths < bounds.minDurationMonths || form.durationMonths > bounds.maxDurationMonths)) {
      errors.durationMonths = `The duration must be between ${bounds.minDurationMonths} and ${bounds.maxDurationMonths} months, as the agreement says`;
    }
    return errors;
  }

  // what of a failed form can be checked against the organisation and the agreement
  function wellFormed(values: FieldValues) {
    const duration = (values.durationMonths ?? '').trim();
    return {
      officeId: isUuid(values.officeId) ? values.officeId : undefined,
      unitId: isUuid(values.unitId) ? values.unitId : undefined,
      durationMonths: /^\d{1,3}$/.test(duration) ? Number(duration) : undefined,
    };
  }

  async function record(exec: Db, actor: Actor, post: { id: string; title: string }, action: string, ip: string, move?: { from: PostStatus; to: PostStatus }, comment = '') {
    await repo.insertEvent({ postId: post.id, at: clock(), actorId: actor.id, actorLabel: actor.name, action, fromStatus: move?.from ?? null, toStatus: move?.to ?? null, comment }, exec);
    await audit.record({ actorId: actor.id, actorLabel: actor.email, action: `post.${action}`, subjectType: 'post', subjectId: post.id, ip, details: { title: post.title, ...(move ? move : {}), ...(comment ? { comment } : {}) } }, exec);
  }

  // recipients are read before the transaction (an embedded database has one connection)
  async function partnerCoordinators(organisationId: string) {
    return accounts.activeUsersOfOrganisation(organisationId, 'partner_admin');
  }

  async function tellPartner(exec: Db, coordinators: { name: string; email: string }[], subject: string, text: string) {
    for (const person of coordinators) {
      await outbox.enqueue(exec, { to: person.email, toName: person.name, subject, text: `Dear ${person.name},\n\n${text}\n` });
    }
  }

  const service = {
    async listForRound(actor: Actor, roundId: string): Promise<{ round: RoundView; posts: PostRow[]; canDraft: boolean }> {
      const { round, organisationId } = await roundContext(actor, roundId);
      const list = await repo.listForRound(roundId, isStaff(actor) ? undefined : (actor.organisationId ?? ''));
      const canDraft = isStaff(actor) || (isPartnerAdminOf(actor, organisationId) && round.acceptsPosts);
      return { round, posts: list, canDraft };
    },

    // for applications: a round's published posts, by title; no access check of its own
    async publishedInRound(roundId: string): Promise<Post[]> {
      const rows = await repo.listForRound(roundId);
      return rows.filter((p) => p.status === 'published').sort((a, b) => a.title.localeCompare(b.title));
    },

    async statusCounts(actor: Actor, roundId: string): Promise<{ status: PostStatus; label: string; count: number }[]> {
      await rounds.get(actor, roundId);
      const counts = await repo.statusCounts(roundId, isStaff(actor) ? undefined : (actor.organisationId ?? ''));
      return postStatuses.map((status) => ({ status, label: postStatusNames[status], count: counts.get(status) ?? 0 }));
    },

    async formChoices(actor: Actor, roundId: string) {
      const { round, agreement, organisationId } = await roundContext(actor, roundId);
      if (!isStaff(actor) && !isPartnerAdminOf(actor, organisationId)) throw new NotFoundError();
      const { offices, units } = await partners.officesAndUnits(actor, organisationId);
      return { round, agreement, offices, units };
    },

    async draft(actor: Actor, roundId: string, form: PostForm, ip: string): Promise<PostResult> {
      const { round, agreement, organisationId } = await roundContext(actor, roundId);
      if (!isStaff(actor) && !isPartnerAdminOf(actor, organisationId)) throw new NotFoundError();
      if (!isStaff(actor) && !round.acceptsPosts) return { ok: false, errors: { title: 'This round no longer accepts posts: applications have opened' } };
      const errors = await formProblems(form, organisationId, agreement);
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      const now = clock();
      const post = await db.transaction(async (tx) => {
        const row = await repo.insert({ ...form, roundId, organisationId, status: 'draft', createdBy: actor.id, createdAt: now, updatedAt: now }, tx);
        await record(tx, actor, row, 'drafted', ip);
        return row;
      });
      return { ok: true, post };
    },

    async get(actor: Actor, id: string): Promise<{ post: PostRow; round: RoundView; canEdit: boolean; canSubmit: boolean; canReview: boolean; canClose: boolean }> {
      const owned = await visiblePost(actor, id);
      const post = await repo.findRow(owned.id);
      const round = await rounds.findById(owned.roundId);
      if (!post || !round) throw new NotFoundError();
      const partnerAdmin = isPartnerAdminOf(actor, post.organisationId);
      return {
        post,
        round,
        canEdit: isStaff(actor) ? post.status !== 'closed' : partnerAdmin && (post.status === 'draft' || post.status === 'returned'),
        canSubmit: (partnerAdmin || isStaff(actor)) && (post.status === 'draft' || post.status === 'returned'),
        canReview: isStaff(actor) && post.status === 'submitted',
        canClose: isStaff(actor) && post.status === 'published' && round.phase !== 'posts' && round.phase !== 'publishing' && round.phase !== 'applications',
      };
    },

    async history(actor: Actor, id: string) {
      await visiblePost(actor, id);
      return repo.listEvents(id);
    },

    // a form that failed its own checks: the problems with its organisation and agreement as well
    async otherProblems(actor: Actor, of: { roundId: string } | { postId: string }, values: FieldValues): Promise<FieldErrors> {
      if ('roundId' in of) {
        const { agreement, organisationId } = await roundContext(actor, of.roundId);
        if (!isStaff(actor) && !isPartnerAdminOf(actor, organisationId)) throw new NotFoundError();
        return formProblems(wellFormed(values), organisationId, agreement);
      }
      const { post, canEdit } = await service.get(actor, of.postId);
      if (!canEdit) return {};
      return formProblems(wellFormed(values), post.organisationId, await agreementOf(post));
    },

    async update(actor: Actor, id: string, form: PostForm, ip: string): Promise<PostResult> {
      const { post, canEdit } = await service.get(actor, id);
      if (!canEdit) return { ok: false, errors: { title: 'This post can no longer be changed' } };
      const errors = await formProblems(form, post.organisationId, await agreementOf(post));
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      await db.transaction(async (tx) => {
        await repo.update(id, { ...form, updatedAt: clock() }, tx);
        await record(tx, actor, { id, title: form.title }, 'edited', ip);
      });
      return { ok: true, post };
    },

    async submit(actor: Actor, id: string, ip: string): Promise<{ ok: true } | { ok: false; message: string }> {
      const { post, round, canSubmit } = await service.get(actor, id);
      if (!canSubmit) return { ok: false, message: 'Only a draft or returned post can be submitted' };
      if (!isStaff(actor) && !round.acceptsPosts) return { ok: false, message: 'This round no longer accepts posts: applications have opened' };
      const agreement = await agreements.findById(round.agreementId);
      if (!agreement) throw new NotFoundError();
      return db.transaction(async (tx) => {
        await repo.lockRound(round.id, tx);
        const counting = await repo.countCounting(round.id, post.organisationId, tx);
        if (counting >= agreement.quotaPerRound) {
          return { ok: false as const, message: `The agreement allows ${agreement.quotaPerRound} posts per round, and ${counting} are already submitted or published. Withdraw or merge one before submitting this post.` };
        }
        const moved = await repo.moveStatus(id, ['draft', 'returned'], { status: 'submitted', submittedAt: clock(), updatedAt: clock() }, tx);
        if (!moved) return { ok: false as const, message: 'This post changed meanwhile; reload the page' };
        await record(tx, actor, post, 'submitted', ip, { from: post.status, to: 'submitted' });
        return { ok: true as const };
      });
    },

    async publish(actor: Actor, id: string, ip: string): Promise<{ ok: true } | { ok: false; message: string }> {
      const { post, canReview } = await service.get(actor, id);
      if (!canReview) return { ok: false, message: 'Only a submitted post can be published' };
      const coordinators = await partnerCoordinators(post.organisationId);
      return db.transaction(async (tx) => {
        const moved = await repo.moveStatus(id, ['submitted'], { status: 'published', publishedAt: clock(), updatedAt: clock(), returnComment: '' }, tx);
        if (!moved) return { ok: false as const, message: 'This post changed meanwhile; reload the page' };
        await record(tx, actor, post, 'published', ip, { from: 'submitted', to: 'published' });
        await tellPartner(tx, coordinators, `Published: ${post.title}`, `Your post "${post.title}" is now published in the catalogue: ${deps.baseUrl}/posts/${post.id}`);
        return { ok: true as const };
      });
    },

    async returnToPartner(actor: Actor, id: string, comment: string, ip: string): Promise<{ ok: true } | { ok: false; message: string }> {
      const { post, canReview } = await service.get(actor, id);
      if (!canReview) return { ok: false, message: 'Only a submitted post can be returned' };
      const coordinators = await partnerCoordinators(post.organisationId);
      return db.transaction(async (tx) => {
        const moved = await repo.moveStatus(id, ['submitted'], { status: 'returned', returnComment: comment, updatedAt: clock() }, tx);
        if (!moved) return { ok: false as const, message: 'This post changed meanwhile; reload the page' };
        await record(tx, actor, post, 'returned', ip, { from: 'submitted', to: 'returned' }, comment);
        await tellPartner(tx, coordinators, `Returned for changes: ${post.title}`, `The programme team returned your post "${post.title}" with this comment:\n\n${comment}\n\nEdit and resubmit it here: ${deps.baseUrl}/manage/posts/${post.id}`);
        return { ok: true as const };
      });
    },

    async close(actor: Actor, id: string, ip: string): Promise<{ ok: true } | { ok: false; message: string }> {
      const { post, canClose } = await service.get(actor, id);
      if (!canClose) return { ok: false, message: 'A post closes only once it is published and applications have closed' };
      await db.transaction(async (tx) => {
        await repo.moveStatus(id, ['published'], { status: 'closed', updatedAt: clock() }, tx);
        await record(tx, actor, post, 'closed', ip, { from: 'published', to: 'closed' });
      });
      return { ok: true };
    },

    // A new round a year later, with this round's posts as drafts (dates moved on a year).
    async cloneRound(actor: Actor, roundId: string, ip: string): Promise<{ id: string; name: string; postsCopied: number }> {
      if (!isStaff(actor)) throw new NotFoundError();
      const sources = await repo.listForRound(roundId);
      return db.transaction(async (tx) => {
        const round = await rounds.createClone(actor, roundId, ip, tx);
        const now = clock();
        for (const source of sources) {
          const { id: _id, officeName: _o, city: _c, country: _k, unitName: _u, ...fields } = source;
          const copy = await repo.insert(
            {
              ...fields,
              roundId: round.id,
              earliestStart: addYears(source.earliestStart, 1),
              latestStart: addYears(source.latestStart, 1),
              status: 'draft',
              returnComment: '',
              createdBy: actor.id,
              createdAt: now,
              updatedAt: now,
              submittedAt: null,
              publishedAt: null,
            },
            tx,
          );
          await record(tx, actor, copy, 'drafted', ip, undefined, `Copied from the previous round`);
        }
        return { id: round.id, name: round.name, postsCopied: sources.length };
      });
    },

    async exportCsv(actor: Actor, roundId: string): Promise<{ filename: string; body: string }> {
      const { round, posts: list } = await service.listForRound(actor, roundId);
      const rows = list.map((p) =>
        [
          p.id,
          p.partnerReference,
          p.title,
          postStatusNames[p.status],
          p.officeName,
          p.city,
          p.country,
          p.unitName ?? '',
          String(p.durationMonths),
          p.earliestStart,
          p.latestStart,
          String(p.places),
          p.levels.join(' '),
          p.courses.join('; ') || 'any',
          p.minYear === null ? '' : String(p.minYear),
          p.languages.map((l) => `${l.language}:${l.level}`).join(' '),
          p.sdgs.join(' '),
          p.stipendMinor === null ? '' : `${(p.stipendMinor / 100).toFixed(2)} ${p.stipendCurrency ?? ''} per ${p.stipendPeriod ?? ''}`,
          p.workingPattern === 'on_site' ? 'on site' : 'hybrid',
        ].map(neutraliseCell),
      );
      const header = ['id', 'partner reference', 'title', 'status', 'office', 'city', 'country', 'unit', 'duration (months)', 'earliest start', 'latest start', 'places', 'levels', 'courses', 'minimum year', 'languages', 'SDGs', 'stipend', 'working pattern'];
      const slug = round.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'round';
      return { filename: `posts-${slug}.csv`, body: stringify([header, ...rows]) };
    },
  };
  return service;
}

export type PostsService = ReturnType<typeof createPostsService>;
