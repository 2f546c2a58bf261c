import { boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { storedFiles } from '../../platform/files/files.tables.ts';
import { users } from '../accounts/accounts.tables.ts';
import { posts } from '../posts/posts.tables.ts';
import { roundQuestions } from '../rounds/round-questions.tables.ts';
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
    // the current CV (a PDF); a replacement is stored before this moves to it
    cvFileId: uuid('cv_file_id').references(() => storedFiles.id),
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
  // added with the round's questions and the CV; absent in submissions made before them
  answers?: { questionId: string; prompt: string; value: string }[];
  cvFileId?: string | null;
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

// The answers to the round's questions; a declaration's answer is "agreed".
export const applicationAnswers = pgTable(
  'application_answers',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    questionId: uuid('question_id')
      .notNull()
      .references(() => roundQuestions.id, { onDelete: 'cascade' }),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.questionId] })],
);

export const fundingAnswerKeys = ['incomeBand', 'careExperience', 'caringResponsibilities', 'estranged', 'refugee', 'incomeBenefits', 'disabilityCosts'] as const;
export type FundingAnswerKey = (typeof fundingAnswerKeys)[number];
export type FundingAnswers = Partial<Record<FundingAnswerKey, string>>;

// The funding-eligibility answers of an application: they decide the disadvantaged top-up (the
// funding issue) and are for staff only, never for reviewers or partners.
export const applicationFunding = pgTable('application_funding', {
  applicationId: uuid('application_id')
    .primaryKey()
    .references(() => applications.id, { onDelete: 'cascade' }),
  answers: jsonb('answers').$type<FundingAnswers>().notNull().default({}),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

// Staff decisions that replace a computed eligibility result, kept as a history: the newest row for
// an application and post decides. postId null is the round-level result.
export const eligibilityOverrides = pgTable(
  'eligibility_overrides',
  {
    id: serial('id').primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    postId: uuid('post_id').references(() => posts.id),
    // true: treat as eligible; false: treat as not eligible; null: the override is removed
    eligible: boolean('eligible'),
    reason: text('reason').notNull(),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('eligibility_overrides_application_idx').on(t.applicationId)],
);

export const reminderKinds = ['72h', '24h'] as const;
export type ReminderKind = (typeof reminderKinds)[number];

// Deadline reminders sent to a draft: the primary key makes each one go once.
export const applicationReminders = pgTable(
  'application_reminders',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ReminderKind>().notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.kind] })],
);
