import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.ts';
import { applications } from '../applications/applications.tables.ts';
import { offers } from '../matching/matching.tables.ts';
import { posts } from '../posts/posts.tables.ts';
import { rounds } from '../rounds/rounds.tables.ts';

export const placementStatuses = ['pending_funding'] as const;
export type PlacementStatus = (typeof placementStatuses)[number];

// A student who accepted an offer: the intern of a post. Funding, preparation and monitoring build on it.
export const placements = pgTable(
  'placements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id),
    applicationId: uuid('application_id')
      .notNull()
      .unique()
      .references(() => applications.id),
    studentId: uuid('student_id')
      .notNull()
      .references(() => users.id),
    offerId: uuid('offer_id')
      .notNull()
      .unique()
      .references(() => offers.id),
    status: text('status').$type<PlacementStatus>().notNull().default('pending_funding'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('placements_post_idx').on(t.postId), index('placements_student_idx').on(t.studentId)],
);
