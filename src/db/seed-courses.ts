// The demo university's courses (fictional list, real subject names), added when the list is empty.
import type { Db } from './client.ts';
import { createCoursesRepo } from '../modules/courses/courses.repo.ts';
import type { CourseLevel } from '../modules/courses/course-levels.ts';

export const demoCourses: { name: string; level: CourseLevel; faculty: string }[] = [
  { name: 'International Relations BA', level: 'UG', faculty: 'Faculty of Social Sciences' },
  { name: 'Politics BA', level: 'UG', faculty: 'Faculty of Social Sciences' },
  { name: 'Politics and International Relations BA', level: 'UG', faculty: 'Faculty of Social Sciences' },
  { name: 'Development Studies MA', level: 'PG', faculty: 'Faculty of Social Sciences' },
  { name: 'International Development MSc', level: 'PG', faculty: 'Faculty of Social Sciences' },
  { name: 'Data Science BSc', level: 'UG', faculty: 'Faculty of Science and Engineering' },
  { name: 'Data Science MSc', level: 'PG', faculty: 'Faculty of Science and Engineering' },
  { name: 'Law LLB', level: 'UG', faculty: 'School of Law' },
  { name: 'Human Geography BSc', level: 'UG', faculty: 'Faculty of Environment' },
  { name: 'Public Health MPH', level: 'PG', faculty: 'Faculty of Medicine and Health' },
];

export async function seedCourses(db: Db, now: Date): Promise<void> {
  const repo = createCoursesRepo(db);
  if ((await repo.count()) > 0) return;
  await db.transaction(async (tx) => {
    for (const course of demoCourses) await repo.insert({ ...course, active: true, createdAt: now, updatedAt: now }, tx);
  });
}
