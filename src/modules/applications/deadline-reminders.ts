import type { Db } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import type { Outbox } from '../../platform/mail/outbox.ts';
import { formatDateTime } from '../../platform/views/DateTime.tsx';
import { applicationReminders, type ReminderKind } from './applications.tables.ts';
import type { ApplicationsRepo } from './applications.repo.ts';
import type { RoundsSource } from './applications.service.ts';

export const DEADLINE_REMINDER_JOB = 'application.deadline-reminder';

const HOUR = 60 * 60 * 1000;
export const reminderLeads: Record<ReminderKind, number> = { '72h': 72 * HOUR, '24h': 24 * HOUR };

// when a reminder of this kind is due for a deadline
export const reminderDue = (kind: ReminderKind, closeAt: Date): Date => new Date(closeAt.getTime() - reminderLeads[kind]);

// A draft gets two reminders, 72 and 24 hours before the deadline: each a job, scheduled when the
// draft is started (a reminder already due is not sent: the student is at the form right now).
export async function scheduleDeadlineReminders(jobs: JobQueue, exec: Db, applicationId: string, closeAt: Date, now: Date): Promise<void> {
  for (const kind of ['72h', '24h'] as const) {
    const due = reminderDue(kind, closeAt);
    if (due.getTime() > now.getTime()) await jobs.enqueue(exec, DEADLINE_REMINDER_JOB, { applicationId, kind }, due);
  }
}

export interface ReminderDeps {
  db: Db;
  jobs: JobQueue;
  clock: Clock;
  outbox: Outbox;
  repo: ApplicationsRepo;
  rounds: RoundsSource;
  students: { contact(userId: string): Promise<{ email: string; name: string; active: boolean } | undefined> };
  baseUrl: string;
}

// The job reads the round again when it runs: a deadline moved later puts the reminder off, one
// moved earlier sends it now if it is still worth sending; a draft submitted or withdrawn since, or a
// reminder already sent, sends nothing.
export function installDeadlineReminders(deps: ReminderDeps): void {
  const { db, jobs, clock, outbox, repo, rounds } = deps;
  jobs.handle(DEADLINE_REMINDER_JOB, async (payload) => {
    const applicationId = String(payload.applicationId);
    const kind = payload.kind === '72h' ? '72h' : '24h';
    const application = await repo.findById(applicationId);
    if (!application || application.status !== 'draft') return;
    const round = await rounds.findById(application.roundId);
    if (!round) return;
    const now = clock();
    const closeAt = round.applicationsCloseAt;
    if (now.getTime() >= closeAt.getTime()) return;
    const due = reminderDue(kind, closeAt);
    if (now.getTime() < due.getTime()) {
      await jobs.enqueue(db, DEADLINE_REMINDER_JOB, { applicationId, kind }, due);
      return;
    }
    // the 72-hour reminder is not worth sending once the 24-hour one is due
    if (kind === '72h' && now.getTime() >= reminderDue('24h', closeAt).getTime()) return;
    const student = await deps.students.contact(application.studentId);
    if (!student?.active) return;
    const hoursLeft = Math.max(1, Math.round((closeAt.getTime() - now.getTime()) / HOUR));
    await db.transaction(async (tx) => {
      const [marked] = await tx.insert(applicationReminders).values({ applicationId, kind, sentAt: now }).onConflictDoNothing().returning();
      if (!marked) return;
      await outbox.enqueue(tx, {
        to: student.email,
        toName: student.name,
        subject: `Your application to ${round.name} is not submitted yet`,
        text: [
          `Dear ${student.name},`,
          '',
          `Your application to ${round.name} is still a draft. The deadline is ${formatDateTime(closeAt, round.timeZone)}, about ${hoursLeft} hours from now.`,
          'A draft is not considered: submit your application before the deadline.',
          '',
          `${deps.baseUrl}/applications/${applicationId}`,
        ].join('\n'),
      });
    });
  });
}
