import { and, eq, lt, sql, type SQLWrapper } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../clock.ts';
import { jobs } from './jobs.tables.ts';

export type JobHandler = (payload: Record<string, unknown>, attempt: { number: number; isLast: boolean }) => Promise<void>;

export interface JobQueue {
  enqueue(exec: Db, kind: string, payload: Record<string, unknown>, runAt?: Date): Promise<number>;
  // runs `insert` (an insert returning one row's id) and queues a job whose payload is { [key]: that id },
  // due now, in one statement; returns the inserted row's id
  enqueueWithRow(exec: Db, insert: SQLWrapper, kind: string, key: string): Promise<number>;
  handle(kind: string, handler: JobHandler): void;
  // works every due job once; returns how many ran (tests call it to make time pass)
  runDue(limit?: number): Promise<number>;
  start(pollMs: number): void;
  stop(): Promise<void>;
}

interface ClaimedJob {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

const STALE_AFTER_MS = 10 * 60 * 1000;

// Retry back-off: 10 s, 40 s, 2.7 min, 10.7 min, 42.7 min
export function backoffMs(attempts: number): number {
  return 10_000 * 4 ** Math.max(0, attempts - 1);
}

export function createJobQueue(db: Db, clock: Clock, log: (msg: string, data: Record<string, unknown>) => void): JobQueue {
  const handlers = new Map<string, JobHandler>();
  const workerId = randomUUID();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;

  // Claims the next due job; a job that has just succeeded is marked done in the same statement
  // (it is a running row, the claimed one a queued row: the two never meet).
  async function claim(now: Date, finished: number | undefined) {
    const finish = finished === undefined ? sql`` : sql`with finished as (update jobs set status = 'done', finished_at = ${now}, locked_at = null, locked_by = null where id = ${finished}) `;
    const result = await db.execute(sql`
      ${finish}update jobs set status = 'running', locked_at = ${now}, locked_by = ${workerId}, attempts = attempts + 1
      where id = (
        select id from jobs where status = 'queued' and run_at <= ${now}
        order by run_at, id limit 1 for update skip locked
      )
      returning id, kind, payload, attempts, max_attempts`);
    const rows = (result as unknown as { rows: ClaimedJob[] }).rows;
    return rows[0];
  }

  async function finish(id: number) {
    await db.update(jobs).set({ status: 'done', finishedAt: clock(), lockedAt: null, lockedBy: null }).where(eq(jobs.id, id));
  }

  // works a claimed job; returns its id when it succeeded (to be marked done), or undefined once its failure is recorded
  async function work(job: ClaimedJob): Promise<number | undefined> {
    const handler = handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
      await handler(job.payload, { number: Number(job.attempts), isLast: Number(job.attempts) >= Number(job.max_attempts) });
      return Number(job.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const attempts = Number(job.attempts);
      const failed = attempts >= Number(job.max_attempts);
      await db
        .update(jobs)
        .set({
          status: failed ? 'failed' : 'queued',
          runAt: new Date(clock().getTime() + backoffMs(attempts)),
          lastError: message.slice(0, 2000),
          lockedAt: null,
          lockedBy: null,
          finishedAt: failed ? clock() : null,
        })
        .where(eq(jobs.id, Number(job.id)));
      log('job failed', { jobId: Number(job.id), kind: job.kind, attempts, willRetry: !failed, error: message });
      return undefined;
    }
  }

  async function runDue(limit = 100): Promise<number> {
    // a worker that died mid-job leaves it running: hand it back after a while
    await db
      .update(jobs)
      .set({ status: 'queued', lockedAt: null, lockedBy: null })
      .where(and(eq(jobs.status, 'running'), lt(jobs.lockedAt, new Date(clock().getTime() - STALE_AFTER_MS))));
    let count = 0;
    // the job that succeeded last, not yet marked done: the next claim marks it
    let succeeded: number | undefined;
    try {
      while (count < limit) {
        const job = await claim(clock(), succeeded);
        succeeded = undefined;
        if (!job) break;
        count++;
        succeeded = await work(job);
      }
    } finally {
      if (succeeded !== undefined) await finish(succeeded);
    }
    return count;
  }

  function schedule(pollMs: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runDue()
        .catch((error: unknown) => log('job worker error', { error: error instanceof Error ? error.message : String(error) }))
        .finally(() => schedule(pollMs));
    }, pollMs);
    timer.unref();
  }

  return {
    async enqueue(exec, kind, payload, runAt) {
      const [row] = await exec
        .insert(jobs)
        .values({ kind, payload, runAt: runAt ?? clock(), createdAt: clock() })
        .returning({ id: jobs.id });
      if (!row) throw new Error('Job not stored');
      return row.id;
    },
    async enqueueWithRow(exec, insert, kind, key) {
      const now = clock().toISOString();
      const result = await exec.execute(sql`
        with inserted as (${insert.getSQL()}),
        job as (insert into jobs (kind, payload, run_at, created_at) select ${kind}, jsonb_build_object(${key}::text, inserted.id), ${now}::timestamptz, ${now}::timestamptz from inserted)
        select id from inserted`);
      const [row] = (result as unknown as { rows: { id: number | string }[] }).rows;
      if (!row) throw new Error('Row not stored');
      return Number(row.id);
    },
    handle(kind, handler) {
      handlers.set(kind, handler);
    },
    runDue,
    start(pollMs) {
      if (!stopped) return;
      stopped = false;
      schedule(pollMs);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
