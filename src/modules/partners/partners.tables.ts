import { sql } from 'drizzle-orm';
import { doublePrecision, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

import type { OrganisationKind } from './organisation-kinds.ts';

export { organisationKinds, type OrganisationKind } from './organisation-kinds.ts';

export interface Contact {
  name: string;
  role: string;
  email: string;
  phone: string;
}

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<OrganisationKind>().notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    website: text('website').notNull().default(''),
    contacts: jsonb('contacts').$type<Contact[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('organisations_name_unique').on(sql`lower(${t.name})`)],
);

// A duty station: where interns work. It may serve another country's mission
// (a Somalia unit based in Nairobi).
export const offices = pgTable(
  'offices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    servesCountry: text('serves_country').notNull(),
    city: text('city').notNull(),
    country: text('country').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    timeZone: text('time_zone').notNull(),
    address: text('address').notNull().default(''),
    // seen by the university and the office's own organisation only
    privateNotes: text('private_notes').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('offices_organisation_idx').on(t.organisationId)],
);

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('units_organisation_name_unique').on(t.organisationId, sql`lower(${t.name})`)],
);
