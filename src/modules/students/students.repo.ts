import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { studentProfiles } from './students.tables.ts';

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
    async upsertProfile(values: NewStudentProfile, exec: Db = db): Promise<void> {
      const { userId: _userId, ...changes } = values;
      await exec.insert(studentProfiles).values(values).onConflictDoUpdate({ target: studentProfiles.userId, set: changes });
    },
  };
}

export type StudentsRepo = ReturnType<typeof createStudentsRepo>;
