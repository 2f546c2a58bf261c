import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { roundQuestions } from './round-questions.tables.ts';

export type RoundQuestion = typeof roundQuestions.$inferSelect;

export function createRoundQuestionsRepo(db: Db) {
  return {
    // questions first, then declarations, each in their order
    async listForRound(roundId: string, exec: Db = db): Promise<RoundQuestion[]> {
      const rows = await exec.select().from(roundQuestions).where(eq(roundQuestions.roundId, roundId)).orderBy(asc(roundQuestions.position), asc(roundQuestions.createdAt));
      return [...rows.filter((q) => q.kind !== 'declaration'), ...rows.filter((q) => q.kind === 'declaration')];
    },
  };
}

export type RoundQuestionsRepo = ReturnType<typeof createRoundQuestionsRepo>;
