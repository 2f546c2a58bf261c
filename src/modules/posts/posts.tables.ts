import { bigserial, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { offices, organisations, units } from '../partners/partners.tables.ts';
import { rounds } from '../rounds/rounds.tables.ts';
import type { LanguageRequirement, Level } from './eligibility.ts';

export const postStatuses = ['draft', 'submitted', 'returned', 'published', 'closed'] as const;
export type PostStatus = (typeof postStatuses)[number];
export const stipendPeriods = ['month', 'week', 'total'] as const;
export type StipendPeriod = (typeof stipendPeriods)[number];
export const workingPatterns = ['on_site', 'hybrid'] as const;
export type WorkingPattern = (typeof workingPatterns)[number];

export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id),
    // the partner that owns the post (scopes every partner read)
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    unitId: uuid('unit_id').references(() => units.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    duties: text('duties').notNull().default(''),
    requiredQualifications: text('required_qualifications').notNull().default(''),
    desirableQualifications: text('desirable_qualifications').notNull().default(''),
    durationMonths: integer('duration_months').notNull(),
    earliestStart: date('earliest_start', { mode: 'string' }).notNull(),
    latestStart: date('latest_start', { mode: 'string' }).notNull(),
    places: integer('places').notNull(),
    levels: text('levels').array().$type<Level[]>().notNull(),
    // empty: any course
    courses: text('courses').array().$type<string[]>().notNull(),
    minYear: integer('min_year'),
    languages: jsonb('languages').$type<LanguageRequirement[]>().notNull().default([]),
    sdgs: integer('sdgs').array().$type<number[]>().notNull(),
    stipendMinor: integer('stipend_minor'),
    stipendCurrency: text('stipend_currency'),
    stipendPeriod: text('stipend_period').$type<StipendPeriod>(),
    workingPattern: text('working_pattern').$type<WorkingPattern>().notNull(),
    partnerReference: text('partner_reference').notNull().default(''),
    status: text('status').$type<PostStatus>().notNull().default('draft'),
    returnComment: text('return_comment').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [index('posts_round_status_idx').on(t.roundId, t.status), index('posts_organisation_idx').on(t.organisationId), index('posts_office_idx').on(t.officeId)],
);

// A post's history: every change and status move, with who and why.
export const postEvents = pgTable(
  'post_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    comment: text('comment').notNull().default(''),
  },
  (t) => [index('post_events_post_idx').on(t.postId, t.at)],
);
