import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import { isUniversityStaff } from '../partners/partners.policy.ts';
import type { RoundView, RoundsService } from '../rounds/rounds.service.ts';
import type { SettingsForm } from './selection-setup.input.ts';
import type { SelectionSetupRepo } from './selection-setup.repo.ts';

type RequestMeta = { ip: string };

export interface SelectionSettings {
  // reviews each application to a post needs at least
  reviewsPerApplication: number;
  anonymised: boolean;
}

// A round without a settings row runs with these.
export const defaultSelectionSettings: SelectionSettings = { reviewsPerApplication: 2, anonymised: true };

export interface SettingsEditor {
  round: RoundView;
  settings: SelectionSettings;
  // review starts when applications close: from then on the review mode stays as it is
  reviewStarted: boolean;
}

export type SettingsChange = { ok: true; changed: string[] } | { ok: false; reason: 'locked' };

export function reviewStarted(round: { applicationsCloseAt: Date }, now: Date): boolean {
  return now >= round.applicationsCloseAt;
}

export function createSelectionSetupService(deps: { db: Db; repo: SelectionSetupRepo; rounds: RoundsService; clock: Clock; audit: AuditLog }) {
  const { db, repo, rounds, clock, audit } = deps;

  async function settingsFor(roundId: string, exec?: Db): Promise<SelectionSettings> {
    const row = await repo.findSettings(roundId, exec);
    return row ? { reviewsPerApplication: row.reviewsPerApplication, anonymised: row.anonymised } : { ...defaultSelectionSettings };
  }

  return {
    // for reviews and the shortlist: no access check of its own
    settingsFor,

    async editor(actor: Actor, roundId: string): Promise<SettingsEditor> {
      if (!isUniversityStaff(actor)) throw new NotFoundError();
      const round = await rounds.get(actor, roundId);
      return { round, settings: await settingsFor(roundId), reviewStarted: reviewStarted(round, clock()) };
    },

    // Staff only; the review mode changes only before review starts (decided inside the transaction).
    async save(actor: Actor, roundId: string, form: SettingsForm, meta: RequestMeta): Promise<SettingsChange> {
      if (!isUniversityStaff(actor)) throw new NotFoundError();
      await rounds.get(actor, roundId);
      return db.transaction(async (tx) => {
        const round = await repo.lockRound(roundId, tx);
        if (!round) throw new NotFoundError();
        const now = clock();
        const before = await settingsFor(roundId, tx);
        const anonymised = form.reviewMode === undefined ? before.anonymised : form.reviewMode === 'anonymised';
        if (anonymised !== before.anonymised && reviewStarted(round, now)) return { ok: false as const, reason: 'locked' as const };
        const after: SelectionSettings = { reviewsPerApplication: form.reviewsPerApplication, anonymised };
        const changed = (['reviewsPerApplication', 'anonymised'] as const).filter((key) => after[key] !== before[key]);
        if (changed.length === 0) return { ok: true as const, changed: [] };
        await repo.saveSettings({ roundId, ...after, updatedAt: now }, tx);
        await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'selection.settings_updated', subjectType: 'round', subjectId: roundId, ip: meta.ip, details: { changed, from: before, to: after } }, tx);
        return { ok: true as const, changed: [...changed] };
      });
    },
  };
}

export type SelectionSetupService = ReturnType<typeof createSelectionSetupService>;
