import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rounds } from './rounds.tables.ts';

export type Round = typeof rounds.$inferSelect;

export function createRoundsRepo(db: Db) {
  return {
    async list(filter: { agreementIds?: string[] | undefined }): Promise<Round[]> {
      if (filter.agreementIds && filter.agreementIds.length === 0) return [];
      return db
        .select()
        .from(rounds)
        .where(filter.agreementIds ? inArray(rounds.agreementId, filter.agreementIds) : undefined)
        .orderBy(desc(rounds.applicationsOpenAt), asc(rounds.name));
    },
    async findById(id: string, exec: Db = db): Promise<Round | undefined> {
      const [row] = await exec.select().from(rounds).where(eq(rounds.id, id));
      return row;
    },
    async insert(values: typeof rounds.$inferInsert, exec: Db = db): Promise<Round> {
      const [row] = await exec.insert(rounds).values(values).returning();
      if (!row) throw new Error('Round not stored');
      return row;
    },
    async update(id: string, values: Partial<typeof rounds.$inferInsert>, exec: Db = db): Promise<void> {
      await exec.update(rounds).set(values).where(eq(rounds.id, id));
    },
  };
}

export type RoundsRepo = ReturnType<typeof createRoundsRepo>;
