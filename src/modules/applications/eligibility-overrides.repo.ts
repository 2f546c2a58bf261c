import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { eligibilityOverrides } from './applications.tables.ts';
import { overridesInForce, ROUND_KEY } from './staff-eligibility.ts';

export type EligibilityOverride = typeof eligibilityOverrides.$inferSelect;

// the key of the round-level result in the map of overrides
export const ROUND_LEVEL = ROUND_KEY;

export function createEligibilityOverridesRepo(db: Db) {
  return {
    // the whole history of an application's overrides, oldest first
    async history(applicationId: string, exec: Db = db): Promise<EligibilityOverride[]> {
      return exec.select().from(eligibilityOverrides).where(eq(eligibilityOverrides.applicationId, applicationId)).orderBy(asc(eligibilityOverrides.decidedAt), asc(eligibilityOverrides.id));
    },
    // the override in force per post id (or ROUND_LEVEL); a removed override (eligible null) is absent
    async inForce(applicationId: string, exec: Db = db): Promise<Map<string, EligibilityOverride>> {
      return overridesInForce(await this.history(applicationId, exec));
    },
  };
}

export type EligibilityOverridesRepo = ReturnType<typeof createEligibilityOverridesRepo>;
