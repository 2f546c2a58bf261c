import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agreements } from './agreements.tables.ts';

export type Agreement = typeof agreements.$inferSelect;

export function createAgreementsRepo(db: Db) {
  return {
    async list(filter: { partnerId?: string | undefined }): Promise<Agreement[]> {
      return db
        .select()
        .from(agreements)
        .where(filter.partnerId ? eq(agreements.partnerId, filter.partnerId) : undefined)
        .orderBy(asc(agreements.validTo));
    },
    async titles(ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db.select({ id: agreements.id, title: agreements.title }).from(agreements).where(inArray(agreements.id, ids));
      return new Map(rows.map((r) => [r.id, r.title]));
    },
    async findById(id: string, exec: Db = db): Promise<Agreement | undefined> {
      const [row] = await exec.select().from(agreements).where(eq(agreements.id, id));
      return row;
    },
    async insert(values: typeof agreements.$inferInsert, exec: Db = db): Promise<Agreement> {
      const [row] = await exec.insert(agreements).values(values).returning();
      if (!row) throw new Error('Agreement not stored');
      return row;
    },
    async update(id: string, values: Partial<typeof agreements.$inferInsert>, exec: Db = db): Promise<void> {
      await exec.update(agreements).set(values).where(eq(agreements.id, id));
    },
  };
}

export type AgreementsRepo = ReturnType<typeof createAgreementsRepo>;
