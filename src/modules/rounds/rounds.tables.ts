import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agreements } from '../agreements/agreements.tables.ts';

// A cohort and its timeline. Deadlines are instants; the other milestones are days
// in the round's time zone.
export const rounds = pgTable(
  'rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull(),
    postsDueAt: timestamp('posts_due_at', { withTimezone: true }).notNull(),
    applicationsOpenAt: timestamp('applications_open_at', { withTimezone: true }).notNull(),
    applicationsCloseAt: timestamp('applications_close_at', { withTimezone: true }).notNull(),
    reviewUntil: date('review_until', { mode: 'string' }).notNull(),
    interviewsUntil: date('interviews_until', { mode: 'string' }).notNull(),
    offersBy: date('offers_by', { mode: 'string' }).notNull(),
    preDepartureFrom: date('pre_departure_from', { mode: 'string' }).notNull(),
    placementsFrom: date('placements_from', { mode: 'string' }).notNull(),
    placementsTo: date('placements_to', { mode: 'string' }).notNull(),
    maxChoices: integer('max_choices').notNull().default(3),
    statementWordLimit: integer('statement_word_limit').notNull().default(500),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rounds_agreement_idx').on(t.agreementId)],
);
