import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { applicationAnswers, applicationChoices, applicationEvents, applicationFunding, applications, applicationSubmissions, type ApplicationEventKind, type FundingAnswers, type SubmissionSnapshot } from './applications.tables.ts';

export type Application = typeof applications.$inferSelect;
export type ApplicationChoice = typeof applicationChoices.$inferSelect;
export type ApplicationEvent = typeof applicationEvents.$inferSelect;
export type ApplicationSubmission = typeof applicationSubmissions.$inferSelect;

export function createApplicationsRepo(db: Db) {
  return {
    async findById(id: string, exec: Db = db): Promise<Application | undefined> {
      const [row] = await exec.select().from(applications).where(eq(applications.id, id));
      return row;
    },
    async findFor(roundId: string, studentId: string, exec: Db = db): Promise<Application | undefined> {
      const [row] = await exec.select().from(applications).where(and(eq(applications.roundId, roundId), eq(applications.studentId, studentId)));
      return row;
    },
    // a second "Start" at the same time inserts nothing: the unique index decides
    async insertIfAbsent(values: typeof applications.$inferInsert, exec: Db = db): Promise<Application | undefined> {
      const [row] = await exec.insert(applications).values(values).onConflictDoNothing({ target: [applications.roundId, applications.studentId] }).returning();
      return row;
    },
    // moves the status only from the expected one: two requests at once cannot both move it
    async moveStatus(id: string, from: Application['status'][], values: Partial<typeof applications.$inferInsert>, exec: Db = db): Promise<boolean> {
      const rows = await exec
        .update(applications)
        .set(values)
        .where(and(eq(applications.id, id), inArray(applications.status, from)))
        .returning({ id: applications.id });
      return rows.length > 0;
    },
    async listForStudent(studentId: string): Promise<Application[]> {
      return db.select().from(applications).where(eq(applications.studentId, studentId)).orderBy(desc(applications.createdAt));
    },
    async choices(applicationId: string, exec: Db = db): Promise<ApplicationChoice[]> {
      return exec.select().from(applicationChoices).where(eq(applicationChoices.applicationId, applicationId)).orderBy(asc(applicationChoices.rank));
    },
    async replaceChoices(applicationId: string, choices: { postId: string; motivation: string }[], exec: Db): Promise<void> {
      await exec.delete(applicationChoices).where(eq(applicationChoices.applicationId, applicationId));
      if (choices.length > 0) await exec.insert(applicationChoices).values(choices.map((c, i) => ({ applicationId, rank: i + 1, postId: c.postId, motivation: c.motivation })));
    },
    async addEvent(applicationId: string, kind: ApplicationEventKind, at: Date, exec: Db = db): Promise<void> {
      await exec.insert(applicationEvents).values({ applicationId, kind, at });
    },
    async events(applicationId: string): Promise<ApplicationEvent[]> {
      return db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, applicationId)).orderBy(asc(applicationEvents.at), asc(applicationEvents.id));
    },
    async addSubmission(applicationId: string, submittedAt: Date, snapshot: SubmissionSnapshot, exec: Db): Promise<void> {
      await exec.insert(applicationSubmissions).values({ applicationId, submittedAt, snapshot });
    },
    async answers(applicationId: string, exec: Db = db): Promise<Map<string, string>> {
      const rows = await exec.select().from(applicationAnswers).where(eq(applicationAnswers.applicationId, applicationId));
      return new Map(rows.map((r) => [r.questionId, r.value]));
    },
    async replaceAnswers(applicationId: string, answers: Map<string, string>, exec: Db): Promise<void> {
      await exec.delete(applicationAnswers).where(eq(applicationAnswers.applicationId, applicationId));
      if (answers.size > 0) await exec.insert(applicationAnswers).values([...answers].map(([questionId, value]) => ({ applicationId, questionId, value })));
    },
    async funding(applicationId: string, exec: Db = db): Promise<FundingAnswers> {
      const [row] = await exec.select().from(applicationFunding).where(eq(applicationFunding.applicationId, applicationId));
      return row?.answers ?? {};
    },
    async saveFunding(applicationId: string, answers: FundingAnswers, at: Date, exec: Db): Promise<void> {
      await exec
        .insert(applicationFunding)
        .values({ applicationId, answers, updatedAt: at })
        .onConflictDoUpdate({ target: applicationFunding.applicationId, set: { answers, updatedAt: at } });
    },
    // for equality monitoring: the round of the student's own application, and whether it was ever submitted
    async ownForEquality(studentId: string, id: string): Promise<{ roundId: string; submitted: boolean } | undefined> {
      const [row] = await db.select({ roundId: applications.roundId, status: applications.status }).from(applications).where(and(eq(applications.id, id), eq(applications.studentId, studentId)));
      if (!row) return undefined;
      if (row.status === 'submitted') return { roundId: row.roundId, submitted: true };
      const [once] = await db.select({ id: applicationSubmissions.id }).from(applicationSubmissions).where(eq(applicationSubmissions.applicationId, id)).limit(1);
      return { roundId: row.roundId, submitted: once !== undefined };
    },
    async submissions(applicationId: string): Promise<ApplicationSubmission[]> {
      return db.select().from(applicationSubmissions).where(eq(applicationSubmissions.applicationId, applicationId)).orderBy(asc(applicationSubmissions.id));
    },
  };
}

export type ApplicationsRepo = ReturnType<typeof createApplicationsRepo>;
