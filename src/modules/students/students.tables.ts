import { sql } from 'drizzle-orm';
import { check, date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.ts';
import type { LanguageRequirement } from '../posts/eligibility.ts';
import type { StudyLevel } from './study.ts';

// A student's study details, as eligibility needs them. Issue 4 adds student number,
// nationality and the rest of the application profile.
export const studentProfiles = pgTable(
  'student_profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    studyLevel: text('study_level').$type<StudyLevel>().notNull(),
    course: text('course').notNull(),
    yearOfStudy: integer('year_of_study').notNull(),
    // a day in the past means the student has graduated (on that day)
    expectedGraduation: date('expected_graduation', { mode: 'string' }).notNull(),
    // ISO 639-1 code and CEFR level
    languages: jsonb('languages').$type<LanguageRequirement[]>().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('student_profiles_study_level_check', sql`${t.studyLevel} in ('UG', 'PG')`),
    check('student_profiles_year_check', sql`${t.yearOfStudy} between 1 and 7`),
  ],
);
