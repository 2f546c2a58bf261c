import type { Db } from '../../db/client.ts';
import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import { isTimeZone, zonedToUtc } from '../../platform/time/zoned.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { AgreementsService } from '../agreements/agreements.service.ts';
import { isUniversityStaff } from '../partners/partners.policy.ts';
import type { RoundQuestionsRepo } from './round-questions.repo.ts';
import type { RoundForm } from './rounds.input.ts';
import type { Round, RoundsRepo } from './rounds.repo.ts';
import { acceptsPosts, currentPhase, phaseNames, shiftByYear, timelineProblems, type Phase, type Timeline } from './timeline.ts';

export interface RoundView extends Round {
  phase: Phase;
  phaseName: string;
  acceptsPosts: boolean;
}

export function createRoundsService(deps: { db: Db; repo: RoundsRepo; questions: RoundQuestionsRepo; clock: Clock; audit: AuditLog; agreements: AgreementsService }) {
  const { db, repo, questions, clock, audit, agreements } = deps;

  function view(round: Round): RoundView {
    const phase = currentPhase(round, clock(), round.timeZone);
    return { ...round, phase, phaseName: phaseNames[phase], acceptsPosts: acceptsPosts(round, clock()) };
  }

  // Staff see every round; a partner's people see the rounds of their organisation's agreements.
  async function visibleAgreementIds(actor: Actor): Promise<string[] | undefined> {
    if (isUniversityStaff(actor)) return undefined;
    if (!actor.organisationId || !hasAnyRole(actor, ['partner_admin', 'partner_reviewer'])) return [];
    const mine = await agreements.forPartner(actor.organisationId);
    return mine.map((a) => a.id);
  }

  async function toTimeline(form: RoundForm): Promise<{ timeline: Timeline } | { errors: FieldErrors }> {
    const errors: FieldErrors = {};
    if (!isTimeZone(form.timeZone)) return { errors: { timeZone: 'Enter a time zone like Europe/London' } };
    const instant = (key: 'postsDueAt' | 'applicationsOpenAt' | 'applicationsCloseAt') => {
      const at = zonedToUtc(form[key], form.timeZone);
      if (!at) errors[key] = 'Enter a real date and time';
      return at ?? new Date(0);
    };
    const timeline: Timeline = {
      postsDueAt: instant('postsDueAt'),
      applicationsOpenAt: instant('applicationsOpenAt'),
      applicationsCloseAt: instant('applicationsCloseAt'),
      reviewUntil: form.reviewUntil,
      interviewsUntil: form.interviewsUntil,
      offersBy: form.offersBy,
      preDepartureFrom: form.preDepartureFrom,
      placementsFrom: form.placementsFrom,
      placementsTo: form.placementsTo,
    };
    Object.assign(errors, timelineProblems(timeline, form.timeZone));
    return Object.keys(errors).length > 0 ? { errors } : { timeline };
  }

  const service = {
    async list(actor: Actor): Promise<RoundView[]> {
      return (await repo.list({ agreementIds: await visibleAgreementIds(actor) })).map(view);
    },

    async listForAgreement(actor: Actor, agreementId: string): Promise<RoundView[]> {
      const visible = await visibleAgreementIds(actor);
      if (visible && !visible.includes(agreementId)) return [];
      return (await repo.list({ agreementIds: [agreementId] })).map(view);
    },

    async get(actor: Actor, id: string): Promise<RoundView> {
      const round = await repo.findById(id);
      const visible = await visibleAgreementIds(actor);
      if (!round || (visible && !visible.includes(round.agreementId))) throw new NotFoundError();
      return view(round);
    },

    // for posts and the catalogue: no access check of its own
    async findById(id: string, exec?: Db): Promise<RoundView | undefined> {
      const round = await repo.findById(id, exec);
      return round ? view(round) : undefined;
    },

    async create(actor: Actor, form: RoundForm, ip: string): Promise<{ ok: true; round: Round } | { ok: false; errors: FieldErrors }> {
      if (!isUniversityStaff(actor)) throw new NotFoundError();
      if (!(await agreements.findById(form.agreementId))) return { ok: false, errors: { agreementId: 'Choose the agreement' } };
      const checked = await toTimeline(form);
      if ('errors' in checked) return { ok: false, errors: checked.errors };
      const now = clock();
      const round = await db.transaction(async (tx) => {
        const row = await repo.insert({ agreementId: form.agreementId, name: form.name, timeZone: form.timeZone, maxChoices: form.maxChoices, ...checked.timeline, createdAt: now, updatedAt: now }, tx);
        await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'round.created', subjectType: 'round', subjectId: row.id, ip, details: { name: form.name } }, tx);
        return row;
      });
      return { ok: true, round };
    },

    async update(actor: Actor, id: string, form: RoundForm, ip: string): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
      if (!isUniversityStaff(actor)) throw new NotFoundError();
      const existing = await repo.findById(id);
      if (!existing) throw new NotFoundError();
      const checked = await toTimeline({ ...form, agreementId: existing.agreementId });
      if ('errors' in checked) return { ok: false, errors: checked.errors };
      await db.transaction(async (tx) => {
        await repo.update(id, { name: form.name, timeZone: form.timeZone, maxChoices: form.maxChoices, ...checked.timeline, updatedAt: clock() }, tx);
        await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'round.updated', subjectType: 'round', subjectId: id, ip, details: { name: form.name } }, tx);
      });
      return { ok: true };
    },

    // The next cohort: same agreement, timeline a year later; posts are copied by the posts module.
    async createClone(actor: Actor, id: string, ip: string, exec: Db): Promise<Round> {
      if (!isUniversityStaff(actor)) throw new NotFoundError();
      const source = await repo.findById(id, exec);
      if (!source) throw new NotFoundError();
      const now = clock();
      const year = /\b(20\d\d)\b/.exec(source.name);
      const name = year?.[1] ? source.name.replace(year[1], String(Number(year[1]) + 1)) : `${source.name} (next cohort)`;
      const row = await repo.insert({ agreementId: source.agreementId, name, timeZone: source.timeZone, maxChoices: source.maxChoices, ...shiftByYear(source), createdAt: now, updatedAt: now }, exec);
      // the round's own questions and declarations come along, in their order, to edit before the new round opens
      const asked = await questions.listForRound(id, exec);
      for (const q of asked) {
        await questions.insert({ roundId: row.id, position: q.position, kind: q.kind, prompt: q.prompt, hint: q.hint, options: q.options, required: q.required, createdAt: now, updatedAt: now }, exec);
      }
      await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'round.cloned', subjectType: 'round', subjectId: row.id, ip, details: { from: id, name, questionsCopied: asked.length } }, exec);
      return row;
    },
  };
  return service;
}

export type RoundsService = ReturnType<typeof createRoundsService>;
