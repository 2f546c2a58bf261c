import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { rounds } from './rounds.tables.ts';

export const questionKinds = ['short_text', 'long_text', 'single_choice', 'yes_no', 'declaration'] as const;
export type QuestionKind = (typeof questionKinds)[number];

// A round's own questions and declarations, which staff set per round and every application to the
// round answers. A declaration is a statement the student must tick; it is always required.
export const roundQuestions = pgTable(
  'round_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    // 1-based order on the application form; questions and declarations are numbered apart
    position: integer('position').notNull(),
    kind: text('kind').$type<QuestionKind>().notNull(),
    prompt: text('prompt').notNull(),
    hint: text('hint').notNull().default(''),
    // the choices of a single_choice question, in order; empty for the other kinds
    options: jsonb('options').$type<string[]>().notNull().default([]),
    required: boolean('required').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('round_questions_round_idx').on(t.roundId, t.position)],
);
