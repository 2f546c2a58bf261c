import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- catalogue read model (decision 0003)
import { offices, organisations, units } from '../partners/partners.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- catalogue read model (decision 0003)
import { rounds } from '../rounds/rounds.tables.ts';
import { catalogueVersions } from './catalogue.tables.ts';
import { posts } from './posts.tables.ts';

// A post with what the catalogue shows around it: partner, unit, office and round. Read only.
const listColumns = {
  id: posts.id,
  title: posts.title,
  description: posts.description,
  duties: posts.duties,
  durationMonths: posts.durationMonths,
  earliestStart: posts.earliestStart,
  latestStart: posts.latestStart,
  places: posts.places,
  levels: posts.levels,
  courses: posts.courses,
  minYear: posts.minYear,
  languages: posts.languages,
  sdgs: posts.sdgs,
  publishedAt: posts.publishedAt,
  organisationId: posts.organisationId,
  partnerName: organisations.name,
  partnerShortName: organisations.shortName,
  unitName: units.name,
  officeId: offices.id,
  officeName: offices.name,
  city: offices.city,
  country: offices.country,
  servesCountry: offices.servesCountry,
  latitude: offices.latitude,
  longitude: offices.longitude,
  officeTimeZone: offices.timeZone,
  roundId: rounds.id,
  roundName: rounds.name,
  roundTimeZone: rounds.timeZone,
  applicationsOpenAt: rounds.applicationsOpenAt,
  applicationsCloseAt: rounds.applicationsCloseAt,
};

const detailColumns = {
  ...listColumns,
  status: posts.status,
  requiredQualifications: posts.requiredQualifications,
  desirableQualifications: posts.desirableQualifications,
  stipendMinor: posts.stipendMinor,
  stipendCurrency: posts.stipendCurrency,
  stipendPeriod: posts.stipendPeriod,
  workingPattern: posts.workingPattern,
  partnerReference: posts.partnerReference,
  partnerWebsite: organisations.website,
};

export function createCatalogueRepo(db: Db) {
  return {
    // moves with every write to the tables read here (triggers in drizzle/0003)
    async version(): Promise<number> {
      const [row] = await db.select({ version: catalogueVersions.version }).from(catalogueVersions).where(eq(catalogueVersions.id, 1));
      return row?.version ?? 0;
    },

    // every published post, as findPost reads it: the catalogue keeps them in memory, filters by
    // round dates per request, and shows a listed post from there
    async listPublished() {
      return db
        .select(detailColumns)
        .from(posts)
        .innerJoin(rounds, eq(rounds.id, posts.roundId))
        .innerJoin(offices, eq(offices.id, posts.officeId))
        .innerJoin(organisations, eq(organisations.id, posts.organisationId))
        .leftJoin(units, eq(units.id, posts.unitId))
        .where(eq(posts.status, 'published'));
    },

    // one post in any status; the service decides who may see it
    async findPost(id: string) {
      const [row] = await db
        .select(detailColumns)
        .from(posts)
        .innerJoin(rounds, eq(rounds.id, posts.roundId))
        .innerJoin(offices, eq(offices.id, posts.officeId))
        .innerJoin(organisations, eq(organisations.id, posts.organisationId))
        .leftJoin(units, eq(units.id, posts.unitId))
        .where(eq(posts.id, id));
      return row;
    },
  };
}

export type CatalogueRepo = ReturnType<typeof createCatalogueRepo>;
export type CatalogueRow = Awaited<ReturnType<CatalogueRepo['listPublished']>>[number];
export type CatalogueDetailRow = NonNullable<Awaited<ReturnType<CatalogueRepo['findPost']>>>;
