import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.ts';
import { applications } from '../applications/applications.tables.ts';
import { posts } from '../posts/posts.tables.ts';
import { rounds } from '../rounds/rounds.tables.ts';
import type { StudentExplanation } from './explanations.ts';
import { allocationInputColumn, allocationResultColumn } from './stored-runs.ts';

export const constraintKinds = ['forced', 'excluded'] as const;
export type ConstraintKind = (typeof constraintKinds)[number];

// Staff constraints on a round's allocation, each with its reason: a placement imposed, or a pair
// excluded. Every run reads the ones in force and stores them with its input.
export const allocationConstraints = pgTable(
  'allocation_constraints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ConstraintKind>().notNull(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('allocation_constraints_unique').on(t.roundId, t.kind, t.applicationId, t.postId)],
);

// Every allocation run of a round, dry or published: the exact input (student ids are application
// ids), the algorithm version and the result, so any run can be recomputed and compared.
export const allocationRuns = pgTable(
  'allocation_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    // 1, 2, 3… within the round
    number: integer('number').notNull(),
    algorithmVersion: text('algorithm_version').notNull(),
    input: allocationInputColumn('input').notNull(),
    result: allocationResultColumn('result').notNull(),
    // the published run this one re-runs after declines and expiries, if any
    rerunOf: uuid('rerun_of'),
    computeMs: integer('compute_ms').notNull(),
    runBy: uuid('run_by')
      .notNull()
      .references(() => users.id),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    // when the offers of this release must be answered
    respondBy: timestamp('respond_by', { withTimezone: true }),
  },
  (t) => [unique('allocation_runs_number_unique').on(t.roundId, t.number)],
);

// What one applicant learns from a published run: the post (or none) and the explanation.
export const allocationOutcomes = pgTable(
  'allocation_outcomes',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => allocationRuns.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    postId: uuid('post_id').references(() => posts.id),
    // 1-based place of the post in the student's list; null when unplaced or placed outside it
    choice: integer('choice'),
    explanation: jsonb('explanation').$type<StudentExplanation>().notNull(),
    // the outcome e-mail went into the outbox
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.runId, t.applicationId] }), index('allocation_outcomes_application_idx').on(t.applicationId)],
);

export const offerStatuses = ['open', 'accepted', 'declined', 'expired', 'superseded'] as const;
export type OfferStatus = (typeof offerStatuses)[number];

// An offer of a post to a student, from a published run. At most one offer per application is open
// or accepted at a time (the partial unique index), so accepting two offers cannot happen.
export const offers = pgTable(
  'offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    runId: uuid('run_id')
      .notNull()
      .references(() => allocationRuns.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    studentId: uuid('student_id')
      .notNull()
      .references(() => users.id),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id),
    status: text('status').$type<OfferStatus>().notNull().default('open'),
    respondBy: timestamp('respond_by', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
    // the offer that replaced this one in a re-run
    supersededBy: uuid('superseded_by'),
  },
  (t) => [
    uniqueIndex('offers_one_live_per_application')
      .on(t.applicationId)
      .where(sql`${t.status} in ('open', 'accepted')`),
    index('offers_post_idx').on(t.postId),
    index('offers_student_idx').on(t.studentId),
  ],
);
