import type { Db } from '../../db/client.ts';
import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import { isUniversityStaff } from '../partners/partners.policy.ts';
import type { RoundView, RoundsService } from '../rounds/rounds.service.ts';
import type { CriterionForm } from './rubric.input.ts';
import type { RubricCriterion, RubricRepo } from './rubric.repo.ts';
import type { SelectionSetupRepo } from './selection-setup.repo.ts';

export type { RubricCriterion } from './rubric.repo.ts';

type RequestMeta = { ip: string };

export interface RubricView {
  round: RoundView;
  criteria: RubricCriterion[];
  // a review of the round has been submitted: scores refer to these criteria and weights
  locked: boolean;
  canEdit: boolean;
  // a partner admin's view: never editable
  readOnly: boolean;
}

export type CriterionChange = { ok: true; criterion: RubricCriterion } | { ok: false; reason: 'locked' };

export function createRubricService(deps: { db: Db; repo: RubricRepo; setup: SelectionSetupRepo; rounds: RoundsService; clock: Clock; audit: AuditLog }) {
  const { db, repo, setup, rounds, clock, audit } = deps;

  function record(actor: Actor, action: string, roundId: string, meta: RequestMeta, exec: Db, details: Record<string, unknown>) {
    return audit.record({ actorId: actor.id, actorLabel: actor.email, action: `selection.rubric_${action}`, subjectType: 'round', subjectId: roundId, ip: meta.ip, details }, exec);
  }

  // Keeps positions 1, 2, 3 … after a removal or a move.
  async function renumber(list: RubricCriterion[], exec: Db): Promise<void> {
    for (const [i, c] of list.entries()) {
      if (c.position !== i + 1) await repo.update(c.id, { position: i + 1 }, exec);
    }
  }

  // Every change: staff only, the round row locked, the lock (a submitted review) decided inside the transaction.
  async function change<T>(actor: Actor, roundId: string, work: (tx: Db, state: { locked: boolean; list: RubricCriterion[] }) => Promise<T>): Promise<T> {
    if (!isUniversityStaff(actor)) throw new NotFoundError();
    await rounds.get(actor, roundId);
    return db.transaction(async (tx) => {
      if (!(await setup.lockRound(roundId, tx))) throw new NotFoundError();
      const locked = (await setup.countSubmittedReviews(roundId, tx)) > 0;
      return work(tx, { locked, list: await repo.listForRound(roundId, tx) });
    });
  }

  function find(list: RubricCriterion[], id: string): RubricCriterion {
    const criterion = list.find((c) => c.id === id);
    if (!criterion) throw new NotFoundError();
    return criterion;
  }

  return {
    // Staff, and the partner admins of the round's partner (who read it only); anyone else: not found.
    async view(actor: Actor, roundId: string): Promise<RubricView> {
      const staff = isUniversityStaff(actor);
      if (!staff && !hasAnyRole(actor, ['partner_admin'])) throw new NotFoundError();
      // a partner's people reach only the rounds of their organisation's agreements
      const round = await rounds.get(actor, roundId);
      const [criteria, submitted] = await Promise.all([repo.listForRound(roundId), setup.countSubmittedReviews(roundId)]);
      return { round, criteria, locked: submitted > 0, canEdit: staff && submitted === 0, readOnly: !staff };
    },

    async criterion(actor: Actor, roundId: string, criterionId: string): Promise<{ round: RoundView; criterion: RubricCriterion; locked: boolean }> {
      if (!isUniversityStaff(actor)) throw new NotFoundError();
      const round = await rounds.get(actor, roundId);
      const criterion = await repo.findInRound(roundId, criterionId);
      if (!criterion) throw new NotFoundError();
      return { round, criterion, locked: (await setup.countSubmittedReviews(roundId)) > 0 };
    },

    // for reviews and the shortlist: no access check of its own
    async criteriaFor(roundId: string, exec?: Db): Promise<RubricCriterion[]> {
      return repo.listForRound(roundId, exec);
    },

    async add(actor: Actor, roundId: string, form: CriterionForm, meta: RequestMeta): Promise<CriterionChange> {
      return change(actor, roundId, async (tx, { locked, list }) => {
        if (locked) return { ok: false, reason: 'locked' };
        const now = clock();
        const criterion = await repo.insert({ roundId, position: list.length + 1, ...form, createdAt: now, updatedAt: now }, tx);
        await record(actor, 'criterion_added', roundId, meta, tx, { criterionId: criterion.id, name: criterion.name, weight: criterion.weight, position: criterion.position });
        return { ok: true, criterion };
      });
    },

    async update(actor: Actor, roundId: string, criterionId: string, form: CriterionForm, meta: RequestMeta): Promise<CriterionChange> {
      return change(actor, roundId, async (tx, { locked, list }) => {
        const existing = find(list, criterionId);
        if (locked) return { ok: false, reason: 'locked' };
        const changed: string[] = (['name', 'description', 'weight'] as const).filter((key) => form[key] !== existing[key]);
        if (form.descriptors.some((d, i) => d !== existing.descriptors[i])) changed.push('descriptors');
        if (changed.length === 0) return { ok: true, criterion: existing };
        const criterion = { ...existing, ...form, updatedAt: clock() };
        await repo.update(criterionId, { ...form, updatedAt: criterion.updatedAt }, tx);
        await record(actor, 'criterion_updated', roundId, meta, tx, {
          criterionId,
          changed,
          ...(changed.includes('name') ? { from: existing.name, to: criterion.name } : { name: criterion.name }),
          ...(changed.includes('weight') ? { weightFrom: existing.weight, weightTo: criterion.weight } : {}),
        });
        return { ok: true, criterion };
      });
    },

    async remove(actor: Actor, roundId: string, criterionId: string, meta: RequestMeta): Promise<CriterionChange> {
      return change(actor, roundId, async (tx, { locked, list }) => {
        const criterion = find(list, criterionId);
        if (locked) return { ok: false, reason: 'locked' };
        await repo.delete(criterion.id, tx);
        await renumber(
          list.filter((c) => c.id !== criterion.id),
          tx,
        );
        await record(actor, 'criterion_deleted', roundId, meta, tx, { criterionId, name: criterion.name, weight: criterion.weight });
        return { ok: true, criterion };
      });
    },

    // One place up or down; at either end nothing moves.
    async move(actor: Actor, roundId: string, criterionId: string, direction: 'up' | 'down', meta: RequestMeta): Promise<CriterionChange> {
      return change(actor, roundId, async (tx, { locked, list }) => {
        const criterion = find(list, criterionId);
        if (locked) return { ok: false, reason: 'locked' };
        const from = list.findIndex((c) => c.id === criterionId);
        const to = direction === 'up' ? from - 1 : from + 1;
        const other = list[to];
        if (!other) return { ok: true, criterion };
        list[to] = criterion;
        list[from] = other;
        await renumber(list, tx);
        await record(actor, 'criterion_moved', roundId, meta, tx, { criterionId, name: criterion.name, direction, position: to + 1 });
        return { ok: true, criterion: { ...criterion, position: to + 1 } };
      });
    },
  };
}

export type RubricService = ReturnType<typeof createRubricService>;
