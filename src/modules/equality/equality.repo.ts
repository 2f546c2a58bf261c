import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { equalityResponses, type EqualityAnswers } from './equality.tables.ts';

export type EqualityResponse = typeof equalityResponses.$inferSelect;

export function createEqualityRepo(db: Db) {
  return {
    async find(pseudonym: string): Promise<EqualityResponse | undefined> {
      const [row] = await db.select().from(equalityResponses).where(eq(equalityResponses.pseudonym, pseudonym));
      return row;
    },
    // saving again replaces the answers
    async upsert(values: EqualityResponse, exec: Db = db): Promise<void> {
      await exec
        .insert(equalityResponses)
        .values(values)
        .onConflictDoUpdate({ target: equalityResponses.pseudonym, set: { answers: values.answers, roundId: values.roundId } });
    },
    async remove(pseudonym: string, exec: Db = db): Promise<boolean> {
      const rows = await exec.delete(equalityResponses).where(eq(equalityResponses.pseudonym, pseudonym)).returning({ pseudonym: equalityResponses.pseudonym });
      return rows.length > 0;
    },
    // the answers of a round and nothing else: no pseudonym, no day
    async answersInRound(roundId: string): Promise<EqualityAnswers[]> {
      const rows = await db.select({ answers: equalityResponses.answers }).from(equalityResponses).where(eq(equalityResponses.roundId, roundId));
      return rows.map((r) => r.answers);
    },
  };
}

export type EqualityRepo = ReturnType<typeof createEqualityRepo>;
