import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { applicationAnswers, applicationChoices, applicationEvents, applicationFunding, applications, applicationSubmissions, eligibilityOverrides, type ApplicationEventKind, type FundingAnswers, type SubmissionSnapshot } from './applications.tables.ts';

export type Application = typeof applications.$inferSelect;
export type ApplicationChoice = typeof applicationChoices.$inferSelect;
export type ApplicationEvent = typeof applicationEvents.$inferSelect;
export type ApplicationSubmission = typeof applicationSubmissions.$inferSelect;
type OverrideRow = typeof eligibilityOverrides.$inferSelect;

export function createApplicationsRepo(db: Db) {
  return {
    async findById(id: string, exec: Db = db): Promise<Application | undefined> {
      const [row] = await exec.select().from(applications).where(eq(applications.id, id));
      return row;
    },
    // the application with the whole history of its eligibility overrides, in one round trip
    async findByIdWithOverrides(id: string): Promise<{ application: Application; overrides: OverrideRow[] } | undefined> {
      const [row] = await db
        .select({
          application: applications,
          overrides: sql<(Omit<OverrideRow, 'decidedAt'> & { decidedAt: string })[]>`coalesce((
            select json_agg(json_build_object('id', o.id, 'applicationId', o.application_id, 'postId', o.post_id, 'eligible', o.eligible, 'reason', o.reason, 'decidedBy', o.decided_by, 'decidedAt', o.decided_at))
            from ${eligibilityOverrides} o where o.application_id = "applications"."id"), '[]'::json)`,
        })
        .from(applications)
        .where(eq(applications.id, id));
      if (!row) return undefined;
      const raw = typeof row.overrides === 'string' ? (JSON.parse(row.overrides) as typeof row.overrides) : row.overrides;
      return { application: row.application, overrides: raw.map((o) => ({ ...o, decidedAt: new Date(o.decidedAt) })) };
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
    // moveStatus, and when it moved, the funding answers stored (upserted) in the same statement
    async moveStatusWithFunding(id: string, from: Application['status'][], values: Partial<typeof applications.$inferInsert>, funding: FundingAnswers, at: Date, exec: Db): Promise<boolean> {
      const update = exec
        .update(applications)
        .set(values)
        .where(and(eq(applications.id, id), inArray(applications.status, from)))
        .returning({ id: applications.id });
      const result = await exec.execute(sql`
        with moved as (${update.getSQL()}),
        funding as (
          insert into application_funding (application_id, answers, updated_at)
          select moved.id, ${JSON.stringify(funding)}::jsonb, ${at.toISOString()}::timestamptz from moved
          on conflict (application_id) do update set answers = excluded.answers, updated_at = excluded.updated_at
        )
        select id from moved`);
      return (result as unknown as { rows: unknown[] }).rows.length > 0;
    },
    async listForStudent(studentId: string): Promise<Application[]> {
      return db.select().from(applications).where(eq(applications.studentId, studentId)).orderBy(desc(applications.createdAt));
    },
    async choices(applicationId: string, exec: Db = db): Promise<ApplicationChoice[]> {
      return exec.select().from(applicationChoices).where(eq(applicationChoices.applicationId, applicationId)).orderBy(asc(applicationChoices.rank));
    },
    // One statement: the insert waits for the delete (it reads the delete's count), so the new rows never
    // meet the old ones' unique ranks and posts.
    async replaceChoices(applicationId: string, choices: { postId: string; motivation: string }[], exec: Db): Promise<void> {
      if (choices.length === 0) {
        await exec.delete(applicationChoices).where(eq(applicationChoices.applicationId, applicationId));
        return;
      }
      const rows = sql.join(
        choices.map((c, i) => sql`(${i + 1}::integer, ${c.postId}::uuid, ${c.motivation}::text)`),
        sql`, `,
      );
      await exec.execute(sql`
        with gone as (delete from application_choices where application_id = ${applicationId}::uuid returning 1)
        insert into application_choices (application_id, rank, post_id, motivation)
        select ${applicationId}::uuid, v.rank, v.post_id, v.motivation from (values ${rows}) as v(rank, post_id, motivation)
        where (select count(*) from gone) >= 0`);
    },
    async addEvent(applicationId: string, kind: ApplicationEventKind, at: Date, exec: Db = db): Promise<void> {
      await exec.insert(applicationEvents).values({ applicationId, kind, at });
    },
    async events(applicationId: string): Promise<ApplicationEvent[]> {
      return db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, applicationId)).orderBy(asc(applicationEvents.at), asc(applicationEvents.id));
    },
    // the submission's snapshot and its "submitted" event, in one statement
    async addSubmission(applicationId: string, submittedAt: Date, snapshot: SubmissionSnapshot, exec: Db): Promise<void> {
      const at = submittedAt.toISOString();
      await exec.execute(sql`
        with submission as (
          insert into application_submissions (application_id, submitted_at, snapshot) values (${applicationId}::uuid, ${at}::timestamptz, ${JSON.stringify(snapshot)}::jsonb)
        )
        insert into application_events (application_id, at, kind) values (${applicationId}::uuid, ${at}::timestamptz, ${'submitted' satisfies ApplicationEventKind})`);
    },
    async answers(applicationId: string, exec: Db = db): Promise<Map<string, string>> {
      const rows = await exec.select().from(applicationAnswers).where(eq(applicationAnswers.applicationId, applicationId));
      return new Map(rows.map((r) => [r.questionId, r.value]));
    },
    // one statement, as replaceChoices
    async replaceAnswers(applicationId: string, answers: Map<string, string>, exec: Db): Promise<void> {
      if (answers.size === 0) {
        await exec.delete(applicationAnswers).where(eq(applicationAnswers.applicationId, applicationId));
        return;
      }
      const rows = sql.join(
        [...answers].map(([questionId, value]) => sql`(${questionId}::uuid, ${value}::text)`),
        sql`, `,
      );
      await exec.execute(sql`
        with gone as (delete from application_answers where application_id = ${applicationId}::uuid returning 1)
        insert into application_answers (application_id, question_id, value)
        select ${applicationId}::uuid, v.question_id, v.value from (values ${rows}) as v(question_id, value)
        where (select count(*) from gone) >= 0`);
    },
    async funding(applicationId: string, exec: Db = db): Promise<FundingAnswers> {
      const [row] = await exec.select().from(applicationFunding).where(eq(applicationFunding.applicationId, applicationId));
      return row?.answers ?? {};
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
