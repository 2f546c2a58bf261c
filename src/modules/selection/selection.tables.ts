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

export const interviewKinds = ['video', 'in_person'] as const;
export type InterviewKind = (typeof interviewKinds)[number];

// An interview slot a partner publishes for a post. It takes one candidate: the booking lives on the
// slot, so "book" is one conditional update (two students after the last slot: one wins). A candidate
// holds at most one slot per post (the unique index; empty slots' nulls do not collide).
export const interviewSlots = pgTable(
  'interview_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    // stored in UTC; entered and shown in the office's zone, and shown to the candidate in theirs
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    minutes: integer('minutes').notNull(),
    kind: text('kind').$type<InterviewKind>().notNull(),
    // the video link (https) or the place (address, room)
    location: text('location').notNull(),
    applicationId: uuid('application_id').references(() => applications.id, { onDelete: 'set null' }),
    bookedAt: timestamp('booked_at', { withTimezone: true }),
    // bumped on every change a candidate's calendar must follow (ICS SEQUENCE)
    sequence: integer('sequence').notNull().default(0),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('interview_slots_post_idx').on(t.postId, t.startsAt), unique('interview_slots_one_per_candidate').on(t.postId, t.applicationId)],
);

// The partner's people who sit on a slot's panel.
export const interviewPanel = pgTable(
  'interview_panel',
  {
    slotId: uuid('slot_id')
      .notNull()
      .references(() => interviewSlots.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.slotId, t.memberId] }), index('interview_panel_member_idx').on(t.memberId)],
);

// A panel member's interview scores on the round's rubric: a draft until submitted.
export const interviewScores = pgTable(
  'interview_scores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => users.id),
    // criterion id → score 1..5
    scores: jsonb('scores').$type<Record<string, number>>().notNull().default({}),
    comment: text('comment').notNull().default(''),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('interview_scores_one_per_member').on(t.postId, t.applicationId, t.memberId)],
);

// The partner's ranking of a post's interviewed candidates: a strict order (position 1 is the best),
// or "not appointable" (no position). Saved whole; the allocation reads the saved one.
export const postRankings = pgTable(
  'post_rankings',
  {
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    position: integer('position'),
    notAppointable: boolean('not_appointable').notNull().default(false),
    rankedBy: uuid('ranked_by')
      .notNull()
      .references(() => users.id),
    rankedAt: timestamp('ranked_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.applicationId] }), unique('post_rankings_position_unique').on(t.postId, t.position)],
);
