import { integer, pgTable, bigint } from 'drizzle-orm/pg-core';

// One row whose version goes up with every write to the tables the catalogue reads (posts,
// rounds, offices, units, organisations), by statement triggers in the migration. The catalogue
// keeps its read model in memory and reloads it when the version moves, on every instance.
export const catalogueVersions = pgTable('catalogue_versions', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});
