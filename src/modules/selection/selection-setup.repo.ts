import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- a round's reviews and its row lock, read only (decision 0003)
import { applications } from '../applications/applications.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- a round's reviews and its row lock, read only (decision 0003)
import { rounds } from '../rounds/rounds.tables.ts';
import { reviews, selectionSettings } from './selection.tables.ts';

export type SelectionSettingsRow = typeof selectionSettings.$inferSelect;

export function createSelectionSetupRepo(db: Db) {
  return {
    async findSettings(roundId: string, exec: Db = db): Promise<SelectionSettingsRow | undefined> {
      const [row] = await exec.select().from(selectionSettings).where(eq(selectionSettings.roundId, roundId));
      return row;
    },
    async saveSettings(values: SelectionSettingsRow, exec: Db = db): Promise<void> {
      await exec
        .insert(selectionSettings)
        .values(values)
        .onConflictDoUpdate({ target: selectionSettings.roundId, set: { reviewsPerApplication: values.reviewsPerApplication, anonymised: values.anonymised, updatedAt: values.updatedAt } });
    },
    // Locks the round row for the rest of the transaction, so changes to one round's selection set-up
    // take turns (rubric positions stay dense) and the closing time read is the one that holds at commit.
    async lockRound(roundId: string, exec: Db): Promise<{ applicationsCloseAt: Date } | undefined> {
      const [row] = await exec.select({ applicationsCloseAt: rounds.applicationsCloseAt }).from(rounds).where(eq(rounds.id, roundId)).for('update');
      return row;
    },
    // submitted reviews of the round's applications, to any post
    async countSubmittedReviews(roundId: string, exec: Db = db): Promise<number> {
      const [row] = await exec
        .select({ n: count() })
        .from(reviews)
        .innerJoin(applications, eq(applications.id, reviews.applicationId))
        .where(and(eq(applications.roundId, roundId), isNotNull(reviews.submittedAt)));
      return row?.n ?? 0;
    },
  };
}

export type SelectionSetupRepo = ReturnType<typeof createSelectionSetupRepo>;
