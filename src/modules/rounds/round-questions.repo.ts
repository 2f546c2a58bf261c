import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { roundQuestions } from './round-questions.tables.ts';
import { rounds } from './rounds.tables.ts';

export type RoundQuestion = typeof roundQuestions.$inferSelect;
export type NewRoundQuestion = typeof roundQuestions.$inferInsert;

export function createRoundQuestionsRepo(db: Db) {
  return {
    // questions first, then declarations, each in their order
    async listForRound(roundId: string, exec: Db = db): Promise<RoundQuestion[]> {
      const rows = await exec.select().from(roundQuestions).where(eq(roundQuestions.roundId, roundId)).orderBy(asc(roundQuestions.position), asc(roundQuestions.createdAt));
      return [...rows.filter((q) => q.kind !== 'declaration'), ...rows.filter((q) => q.kind === 'declaration')];
    },
    async findInRound(roundId: string, id: string, exec: Db = db): Promise<RoundQuestion | undefined> {
      const [row] = await exec.select().from(roundQuestions).where(and(eq(roundQuestions.roundId, roundId), eq(roundQuestions.id, id)));
      return row;
    },
    // Locks the round row for the rest of the transaction, so two editors of one round's questions take
    // turns (positions stay dense) and the opening time read is the one that holds at commit.
    async lockRound(roundId: string, exec: Db): Promise<{ applicationsOpenAt: Date } | undefined> {
      const [row] = await exec.select({ applicationsOpenAt: rounds.applicationsOpenAt }).from(rounds).where(eq(rounds.id, roundId)).for('update');
      return row;
    },
    async insert(values: NewRoundQuestion, exec: Db = db): Promise<RoundQuestion> {
      const [row] = await exec.insert(roundQuestions).values(values).returning();
      if (!row) throw new Error('Round question not stored');
      return row;
    },
    async update(id: string, values: Partial<Pick<NewRoundQuestion, 'prompt' | 'hint' | 'kind' | 'options' | 'required' | 'position' | 'updatedAt'>>, exec: Db = db): Promise<void> {
      await exec.update(roundQuestions).set(values).where(eq(roundQuestions.id, id));
    },
    async delete(id: string, exec: Db = db): Promise<void> {
      await exec.delete(roundQuestions).where(eq(roundQuestions.id, id));
    },
  };
}

export type RoundQuestionsRepo = ReturnType<typeof createRoundQuestionsRepo>;
