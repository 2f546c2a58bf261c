import { index, integer, jsonb, pgTable, serial, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.ts';
import { posts } from '../posts/posts.tables.ts';
import { rounds } from '../rounds/rounds.tables.ts';

export const applicationStatuses = ['draft', 'submitted', 'withdrawn'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

// One application per student per round: the unique index decides two "Start" presses at once.
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id),
    studentId: uuid('student_id')
      .notNull()
      .references(() => users.id),
    status: text('status').$type<ApplicationStatus>().notNull().default('draft'),
    statement: text('statement').notNull().default(''),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawReason: text('withdraw_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('applications_round_student_unique').on(t.roundId, t.studentId), index('applications_student_idx').on(t.studentId)],
);

// The ranked posts of an application: rank 1 is the first choice.
export const applicationChoices = pgTable(
  'application_choices',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    rank: integer('rank').notNull(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id),
    motivation: text('motivation').notNull().default(''),
  },
  (t) => [unique('application_choices_rank_unique').on(t.applicationId, t.rank), unique('application_choices_post_unique').on(t.applicationId, t.postId)],
);

export interface SubmissionSnapshot {
  statement: string;
  choices: { rank: number; postId: string; title: string; motivation: string }[];
}

// Every submission, as it was submitted (an application can be reopened and resubmitted).
export const applicationSubmissions = pgTable(
  'application_submissions',
  {
    id: serial('id').primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    snapshot: jsonb('snapshot').$type<SubmissionSnapshot>().notNull(),
  },
  (t) => [index('application_submissions_application_idx').on(t.applicationId)],
);

export const applicationEventKinds = ['started', 'saved', 'submitted', 'reopened', 'withdrawn'] as const;
export type ApplicationEventKind = (typeof applicationEventKinds)[number];

// The student's timeline of their application.
export const applicationEvents = pgTable(
  'application_events',
  {
    id: serial('id').primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').$type<ApplicationEventKind>().notNull(),
  },
  (t) => [index('application_events_application_idx').on(t.applicationId)],
);
