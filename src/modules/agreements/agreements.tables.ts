import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { storedFiles } from '../../platform/files/files.tables.ts';
import type { Contact } from '../partners/partners.tables.ts';
import { organisations } from '../partners/partners.tables.ts';

export const agreements = pgTable(
  'agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organisations.id),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    // dates without a time of day, as written on the agreement
    signedOn: date('signed_on', { mode: 'string' }),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    renewalReminderOn: date('renewal_reminder_on', { mode: 'string' }),
    quotaPerRound: integer('quota_per_round').notNull(),
    exclusive: boolean('exclusive').notNull().default(false),
    minDurationMonths: integer('min_duration_months').notNull().default(4),
    maxDurationMonths: integer('max_duration_months').notNull().default(9),
    documentFileId: uuid('document_file_id').references(() => storedFiles.id),
    contacts: jsonb('contacts').$type<Contact[]>().notNull().default([]),
    notes: text('notes').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('agreements_partner_idx').on(t.partnerId)],
);
