import { sql } from 'drizzle-orm';
import { check, date, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.ts';
import { courses } from '../courses/courses.tables.ts';
import type { LanguageRequirement } from '../posts/eligibility.ts';
import type { StudyLevel } from './study.ts';

// A student's profile, asked once and reused by every application. Columns added after
// the first release are nullable (or defaulted) so rows saved before them stay valid.
export const studentProfiles = pgTable(
  'student_profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    // upper case, unique across students
    studentNumber: text('student_number'),
    courseId: uuid('course_id').references(() => courses.id),
    // the course's level and name when saved: what eligibility compares
    studyLevel: text('study_level').$type<StudyLevel>().notNull(),
    course: text('course').notNull(),
    yearOfStudy: integer('year_of_study').notNull(),
    // a day in the past means the student has graduated (on that day)
    expectedGraduation: date('expected_graduation', { mode: 'string' }).notNull(),
    // ISO 639-1 code and CEFR level
    languages: jsonb('languages').$type<LanguageRequirement[]>().notNull().default([]),
    // ISO 3166-1 alpha-2, for visa needs
    nationality: text('nationality'),
    phone: text('phone').notNull().default(''),
    pronouns: text('pronouns').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('student_profiles_study_level_check', sql`${t.studyLevel} in ('UG', 'PG')`),
    check('student_profiles_year_check', sql`${t.yearOfStudy} between 1 and 7`),
    uniqueIndex('student_profiles_student_number_unique').on(t.studentNumber),
  ],
);
