import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { offices, organisations, units, type OrganisationKind } from './partners.tables.ts';

export type Organisation = typeof organisations.$inferSelect;
export type Office = typeof offices.$inferSelect;
export type Unit = typeof units.$inferSelect;

export function createPartnersRepo(db: Db) {
  return {
    async listOrganisations(filter: { kind?: OrganisationKind | undefined; id?: string | undefined }): Promise<(Organisation & { officeCount: number })[]> {
      const conditions = [];
      if (filter.kind) conditions.push(eq(organisations.kind, filter.kind));
      if (filter.id) conditions.push(eq(organisations.id, filter.id));
      const rows = await db
        .select({ organisation: organisations, officeCount: sql<number>`(select count(*)::int from ${offices} where ${offices.organisationId} = ${organisations.id})` })
        .from(organisations)
        .where(conditions.length > 0 ? and(...conditions) : undefined)
        .orderBy(asc(organisations.kind), asc(organisations.name));
      return rows.map((r) => ({ ...r.organisation, officeCount: r.officeCount }));
    },
    async findOrganisation(id: string, exec: Db = db): Promise<Organisation | undefined> {
      const [row] = await exec.select().from(organisations).where(eq(organisations.id, id));
      return row;
    },
    async findOrganisationByName(name: string, exec: Db = db): Promise<Organisation | undefined> {
      const [row] = await exec.select().from(organisations).where(sql`lower(${organisations.name}) = ${name.toLowerCase()}`);
      return row;
    },
    async insertOrganisation(values: typeof organisations.$inferInsert, exec: Db = db): Promise<Organisation> {
      const [row] = await exec.insert(organisations).values(values).returning();
      if (!row) throw new Error('Organisation not stored');
      return row;
    },
    async updateOrganisation(id: string, values: Partial<typeof organisations.$inferInsert>, exec: Db = db): Promise<void> {
      await exec.update(organisations).set(values).where(eq(organisations.id, id));
    },

    async listOffices(organisationId: string): Promise<Office[]> {
      return db.select().from(offices).where(eq(offices.organisationId, organisationId)).orderBy(asc(offices.name));
    },
    async findOffice(id: string): Promise<Office | undefined> {
      const [row] = await db.select().from(offices).where(eq(offices.id, id));
      return row;
    },
    async insertOffice(values: typeof offices.$inferInsert, exec: Db = db): Promise<Office> {
      const [row] = await exec.insert(offices).values(values).returning();
      if (!row) throw new Error('Office not stored');
      return row;
    },
    async updateOffice(id: string, values: Partial<typeof offices.$inferInsert>, exec: Db = db): Promise<void> {
      await exec.update(offices).set(values).where(eq(offices.id, id));
    },

    async listUnits(organisationId: string): Promise<Unit[]> {
      return db.select().from(units).where(eq(units.organisationId, organisationId)).orderBy(asc(units.name));
    },
    async findUnit(id: string): Promise<Unit | undefined> {
      const [row] = await db.select().from(units).where(eq(units.id, id));
      return row;
    },
    async insertUnit(values: typeof units.$inferInsert, exec: Db = db): Promise<Unit> {
      const [row] = await exec.insert(units).values(values).returning();
      if (!row) throw new Error('Unit not stored');
      return row;
    },
  };
}

export type PartnersRepo = ReturnType<typeof createPartnersRepo>;
