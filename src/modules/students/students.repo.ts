import { and, eq, ne, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { studentProfiles } from './students.tables.ts';
import type { StudyLevel } from './study.ts';

export type StudentProfile = typeof studentProfiles.$inferSelect;
export type NewStudentProfile = typeof studentProfiles.$inferInsert;

export function createStudentsRepo(db: Db) {
  return {
    async findProfile(userId: string, exec: Db = db): Promise<StudentProfile | undefined> {
      const [row] = await exec.select().from(studentProfiles).where(eq(studentProfiles.userId, userId));
      return row;
    },
    async findByStudentNumber(studentNumber: string, exec: Db = db): Promise<StudentProfile | undefined> {
      const [row] = await exec.select().from(studentProfiles).where(eq(studentProfiles.studentNumber, studentNumber));
      return row;
    },
    // the profiles on a course take its new name and level; returns how many changed
    async followCourse(courseId: string, course: { name: string; level: StudyLevel }, at: Date, exec: Db): Promise<number> {
      const rows = await exec
        .update(studentProfiles)
        .set({ course: course.name, studyLevel: course.level, updatedAt: at })
        .where(and(eq(studentProfiles.courseId, courseId), or(ne(studentProfiles.course, course.name), ne(studentProfiles.studyLevel, course.level))))
        .returning({ userId: studentProfiles.userId });
      return rows.length;
    },
    async upsertProfile(values: NewStudentProfile, exec: Db = db): Promise<void> {
      const { userId: _userId, ...changes } = values;
      await exec.insert(studentProfiles).values(values).onConflictDoUpdate({ target: studentProfiles.userId, set: changes });
    },
  };
}

export type StudentsRepo = ReturnType<typeof createStudentsRepo>;
