import { jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { rounds } from '../rounds/rounds.tables.ts';

export const equalityQuestionKeys = ['ethnicity', 'disability', 'sex', 'genderIdentity', 'ageBand', 'firstInFamily', 'polarQuintile', 'freeSchoolMeals'] as const;
export type EqualityQuestionKey = (typeof equalityQuestionKeys)[number];
export type EqualityAnswers = Partial<Record<EqualityQuestionKey, string>>;

// Equality-monitoring answers, stored apart from applications and keyed by a pseudonym (an HMAC of
// the student and the round under a server secret), with no column that names the student or dates it. Only
// the edi_officer reads them, in aggregate. Withdrawing deletes the row.
export const equalityResponses = pgTable('equality_responses', {
  pseudonym: text('pseudonym').primaryKey(),
  roundId: uuid('round_id')
    .notNull()
    .references(() => rounds.id, { onDelete: 'cascade' }),
  answers: jsonb('answers').$type<EqualityAnswers>().notNull(),
  // no date or time: with the audit log's "who answered when" it would link the row to the student
});
