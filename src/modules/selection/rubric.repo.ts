import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rubricCriteria } from './selection.tables.ts';

export type RubricCriterion = typeof rubricCriteria.$inferSelect;
export type NewRubricCriterion = typeof rubricCriteria.$inferInsert;

export function createRubricRepo(db: Db) {
  return {
    async listForRound(roundId: string, exec: Db = db): Promise<RubricCriterion[]> {
      return exec.select().from(rubricCriteria).where(eq(rubricCriteria.roundId, roundId)).orderBy(asc(rubricCriteria.position), asc(rubricCriteria.createdAt));
    },
    async findInRound(roundId: string, id: string, exec: Db = db): Promise<RubricCriterion | undefined> {
      const [row] = await exec.select().from(rubricCriteria).where(and(eq(rubricCriteria.roundId, roundId), eq(rubricCriteria.id, id)));
      return row;
    },
    async insert(values: NewRubricCriterion, exec: Db = db): Promise<RubricCriterion> {
      const [row] = await exec.insert(rubricCriteria).values(values).returning();
      if (!row) throw new Error('Rubric criterion not stored');
      return row;
    },
    async update(id: string, values: Partial<Pick<NewRubricCriterion, 'name' | 'description' | 'weight' | 'descriptors' | 'position' | 'updatedAt'>>, exec: Db = db): Promise<void> {
      await exec.update(rubricCriteria).set(values).where(eq(rubricCriteria.id, id));
    },
    async delete(id: string, exec: Db = db): Promise<void> {
      await exec.delete(rubricCriteria).where(eq(rubricCriteria.id, id));
    },
  };
}

export type RubricRepo = ReturnType<typeof createRubricRepo>;
