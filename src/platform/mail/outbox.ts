import { and, desc, eq, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../clock.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { outboxMessages } from './mail.tables.ts';

export interface MailMessage {
  to: string;
  toName?: string;
  subject: string;
  text: string;
  // a calendar invitation (ICS text) sent as the text/calendar part of the message; kept with the
  // delivery job (the stored message is the text the admins read)
  calendar?: MailCalendar;
}

export interface MailCalendar {
  method: 'REQUEST' | 'CANCEL';
  content: string;
}

function calendarOf(value: unknown): MailCalendar | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { method, content } = value as Record<string, unknown>;
  if ((method === 'REQUEST' || method === 'CANCEL') && typeof content === 'string') return { method, content };
  return undefined;
}

export type OutboxMessage = typeof outboxMessages.$inferSelect;

export interface Outbox {
  // stores the message with the caller's transaction and queues its delivery
  enqueue(exec: Db, message: MailMessage): Promise<number>;
  // the last attempt that fails marks the message failed, for admins to see
  deliver(id: number, isLastAttempt?: boolean, calendar?: MailCalendar): Promise<void>;
  list(page: number, pageSize: number): Promise<{ messages: OutboxMessage[]; total: number }>;
  findById(id: number): Promise<OutboxMessage | undefined>;
}

export const MAIL_JOB = 'mail.deliver';

// A header may never carry a line break (header injection); control characters go too.
export function headerSafe(value: string): string {
  return value.replace(/[\r\n\t\v\f\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim().slice(0, 250);
}

export function createOutbox(deps: { db: Db; clock: Clock; jobs: JobQueue; smtpUrl: string | undefined; from: string }): Outbox {
  const { db, clock, jobs } = deps;
  const transport = deps.smtpUrl ? nodemailer.createTransport(deps.smtpUrl) : undefined;

  const outbox: Outbox = {
    async enqueue(exec, message) {
      const values = {
        createdAt: clock(),
        toAddress: headerSafe(message.to),
        toName: headerSafe(message.toName ?? ''),
        subject: headerSafe(message.subject),
        textBody: message.text,
        status: 'queued' as const,
      };
      if (message.calendar) {
        // the invitation travels in the job's payload: the message and its job in one transaction
        const calendar = message.calendar;
        return exec.transaction(async (tx) => {
          const [row] = await tx.insert(outboxMessages).values(values).returning({ id: outboxMessages.id });
          if (!row) throw new Error('Message not stored');
          await jobs.enqueue(tx, MAIL_JOB, { messageId: row.id, calendar });
          return row.id;
        });
      }
      // the message and its delivery job, in one statement
      const insert = exec
        .insert(outboxMessages)
        .values(values)
        .returning({ id: outboxMessages.id });
      return jobs.enqueueWithRow(exec, insert, MAIL_JOB, 'messageId');
    },
    async deliver(id, isLastAttempt = false, calendar) {
      if (!transport) {
        // no SMTP configured: the message stays readable by admins in the outbox (a queued one only; one statement)
        await db
          .update(outboxMessages)
          .set({ status: 'kept' })
          .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'queued')));
        return;
      }
      const message = await outbox.findById(id);
      if (!message || message.status !== 'queued') return;
      try {
        await transport.sendMail({
          from: deps.from,
          to: message.toName ? { name: message.toName, address: message.toAddress } : message.toAddress,
          subject: message.subject,
          text: message.textBody,
          ...(calendar ? { icalEvent: { method: calendar.method, content: calendar.content } } : {}),
          disableFileAccess: true,
          disableUrlAccess: true,
        });
        await db
          .update(outboxMessages)
          .set({ status: 'sent', sentAt: clock(), attempts: sql`${outboxMessages.attempts} + 1`, lastError: null })
          .where(eq(outboxMessages.id, id));
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        await db
          .update(outboxMessages)
          .set({ attempts: sql`${outboxMessages.attempts} + 1`, lastError: text.slice(0, 1000), ...(isLastAttempt ? { status: 'failed' as const } : {}) })
          .where(eq(outboxMessages.id, id));
        throw error;
      }
    },
    async list(page, pageSize) {
      const messages = await db
        .select()
        .from(outboxMessages)
        .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(outboxMessages);
      return { messages, total: count?.n ?? 0 };
    },
    async findById(id) {
      const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
      return row;
    },
  };

  jobs.handle(MAIL_JOB, async (payload, attempt) => {
    await outbox.deliver(Number(payload.messageId), attempt.isLast, calendarOf(payload.calendar));
  });
  return outbox;
}
