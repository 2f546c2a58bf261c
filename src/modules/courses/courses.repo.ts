import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { courses } from './courses.tables.ts';

export type Course = typeof courses.$inferSelect;
export type NewCourse = typeof courses.$inferInsert;

export function createCoursesRepo(db: Db) {
  return {
    async list(filter: { activeOnly?: boolean } = {}): Promise<Course[]> {
      return db
        .select()
        .from(courses)
        .where(filter.activeOnly ? eq(courses.active, true) : undefined)
        .orderBy(asc(courses.name), asc(courses.level));
    },
    async findById(id: string, exec: Db = db): Promise<Course | undefined> {
      const [row] = await exec.select().from(courses).where(eq(courses.id, id));
      return row;
    },
    async insert(values: NewCourse, exec: Db = db): Promise<Course> {
      const [row] = await exec.insert(courses).values(values).returning();
      if (!row) throw new Error('Course not stored');
      return row;
    },
    async update(id: string, values: Partial<NewCourse>, exec: Db = db): Promise<void> {
      await exec.update(courses).set(values).where(eq(courses.id, id));
    },
    async count(exec: Db = db): Promise<number> {
      return (await exec.select({ id: courses.id }).from(courses)).length;
    },
  };
}

export type CoursesRepo = ReturnType<typeof createCoursesRepo>;
