import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.ts';
import { applications } from '../applications/applications.tables.ts';
import { posts } from '../posts/posts.tables.ts';
import { rounds } from '../rounds/rounds.tables.ts';

// How a round's selection runs: set by staff before review starts.
export const selectionSettings = pgTable('selection_settings', {
  roundId: uuid('round_id')
    .primaryKey()
    .references(() => rounds.id, { onDelete: 'cascade' }),
  // reviews each application to a post needs at least
  reviewsPerApplication: integer('reviews_per_application').notNull().default(2),
  // until a post's shortlist is fixed, reviewers see no name, e-mail, number, nationality, pronouns or CV
  anonymised: boolean('anonymised').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

// The rubric of a round: each criterion scored 1–5, with a descriptor per point, and a weight.
export const rubricCriteria = pgTable(
  'rubric_criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    // a whole number; the weighted mean divides by their sum
    weight: integer('weight').notNull().default(1),
    // five descriptors: what a score of 1, 2, 3, 4 and 5 means
    descriptors: jsonb('descriptors').$type<string[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rubric_criteria_round_idx').on(t.roundId, t.position)],
);

// Partner reviewers assigned to a post by their partner admin.
export const reviewerAssignments = pgTable(
  'reviewer_assignments',
  {
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id),
    assignedBy: uuid('assigned_by')
      .notNull()
      .references(() => users.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.reviewerId] }), index('reviewer_assignments_reviewer_idx').on(t.reviewerId)],
);

export const recommendations = ['yes', 'maybe', 'no'] as const;
export type Recommendation = (typeof recommendations)[number];

// One reviewer's review of one application to one post: a draft until submitted.
export const reviews = pgTable(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id),
    // criterion id → score 1..5
    scores: jsonb('scores').$type<Record<string, number>>().notNull().default({}),
    comment: text('comment').notNull().default(''),
    recommendation: text('recommendation').$type<Recommendation>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('reviews_one_per_reviewer').on(t.applicationId, t.postId, t.reviewerId), index('reviews_post_idx').on(t.postId)],
);

// A reviewer's declared conflict of interest: they can no longer open the application.
export const reviewConflicts = pgTable(
  'review_conflicts',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.reviewerId] })],
);

// The shortlist of a post, fixed by its partner admin; anonymity lifts for these candidates only.
export const shortlistEntries = pgTable(
  'shortlist_entries',
  {
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    addedBy: uuid('added_by')
      .notNull()
      .references(() => users.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.applicationId] })],
);

// When a post's shortlist was fixed, and by whom: after that it does not change.
export const shortlistDecisions = pgTable('shortlist_decisions', {
  postId: uuid('post_id')
    .primaryKey()
    .references(() => posts.id, { onDelete: 'cascade' }),
  fixedBy: uuid('fixed_by')
    .notNull()
    .references(() => users.id),
  fixedAt: timestamp('fixed_at', { withTimezone: true }).notNull(),
});
