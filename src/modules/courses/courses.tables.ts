import { sql } from 'drizzle-orm';
import { boolean, check, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CourseLevel } from './course-levels.ts';

// The university's courses, kept by staff; students choose theirs from the active ones.
export const courses = pgTable(
  'courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    level: text('level').$type<CourseLevel>().notNull(),
    faculty: text('faculty').notNull(),
    // deactivated, never deleted: profiles keep pointing at it
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('courses_name_level_unique').on(sql`lower(${t.name})`, t.level), check('courses_level_check', sql`${t.level} in ('UG', 'PG')`)],
);
