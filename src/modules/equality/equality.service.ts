import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/client.ts';
import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import { ForbiddenError } from '../../platform/auth/access.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import { aggregate, cellText, type EqualityAggregate } from './equality.aggregate.ts';
import type { Pseudonymiser } from './equality.pseudonym.ts';
import type { EqualityRepo } from './equality.repo.ts';
import type { EqualityAnswers } from './equality.tables.ts';

export interface OwnApplication {
  roundId: string;
  // submitted at least once (it may have been reopened or withdrawn since)
  submitted: boolean;
}

export interface ApplicationsSource {
  // the student's own application; undefined when it does not exist or is someone else's
  ownForEquality(studentId: string, applicationId: string): Promise<OwnApplication | undefined>;
}

export interface RoundRef {
  id: string;
  name: string;
}

export interface RoundsSource {
  all(): Promise<RoundRef[]>;
  findById(id: string): Promise<RoundRef | undefined>;
}

export interface StudentEqualityView {
  applicationId: string;
  round: RoundRef;
  submitted: boolean;
  response: { answers: EqualityAnswers } | null;
}

export interface EqualityReport {
  round: RoundRef;
  aggregate: EqualityAggregate;
}

export const EDI_ROLES = ['edi_officer'] as const;

// Equality monitoring: the student's own answers, stored under a pseudonym; the edi_officer reads
// them in aggregate only. Audit entries name the action, never the answers or the pseudonym.
export function createEqualityService(deps: { db: Db; repo: EqualityRepo; clock: Clock; audit: AuditLog; pseudonym: Pseudonymiser; applications: ApplicationsSource; rounds: RoundsSource }) {
  const { db, repo, audit, pseudonym, applications, rounds } = deps;

  async function own(actor: Actor, applicationId: string): Promise<OwnApplication & { round: RoundRef }> {
    const application = await applications.ownForEquality(actor.id, applicationId);
    if (!application) throw new NotFoundError();
    const round = await rounds.findById(application.roundId);
    if (!round) throw new NotFoundError();
    return { ...application, round };
  }

  function record(actor: Actor, action: string, ip: string, exec: Db) {
    return audit.record({ actorId: actor.id, actorLabel: actor.email, action, subjectType: 'equality_response', ip }, exec);
  }

  return {
    async studentView(actor: Actor, applicationId: string): Promise<StudentEqualityView> {
      const application = await own(actor, applicationId);
      if (!application.submitted) return { applicationId, round: application.round, submitted: false, response: null };
      const row = await repo.find(pseudonym(actor.id, application.roundId));
      return { applicationId, round: application.round, submitted: true, response: row ? { answers: row.answers } : null };
    },

    async save(actor: Actor, applicationId: string, answers: EqualityAnswers, meta: { ip: string }): Promise<'saved' | 'not-submitted'> {
      const application = await own(actor, applicationId);
      if (!application.submitted) return 'not-submitted';
      await db.transaction(async (tx) => {
        await repo.upsert({ pseudonym: pseudonym(actor.id, application.roundId), roundId: application.roundId, answers }, tx);
        await record(actor, 'equality.answered', meta.ip, tx);
      });
      return 'saved';
    },

    // withdrawing deletes the answers
    async withdraw(actor: Actor, applicationId: string, meta: { ip: string }): Promise<'withdrawn' | 'none' | 'not-submitted'> {
      const application = await own(actor, applicationId);
      if (!application.submitted) return 'not-submitted';
      return db.transaction(async (tx) => {
        const removed = await repo.remove(pseudonym(actor.id, application.roundId), tx);
        if (removed) await record(actor, 'equality.withdrawn', meta.ip, tx);
        return removed ? 'withdrawn' : 'none';
      });
    },

    async reportRounds(actor: Actor): Promise<RoundRef[]> {
      if (!hasAnyRole(actor, EDI_ROLES)) throw new ForbiddenError();
      return rounds.all();
    },

    // counts per question and answer for one round, small cells suppressed; never a row per person
    async report(actor: Actor, roundId: string): Promise<EqualityReport> {
      if (!hasAnyRole(actor, EDI_ROLES)) throw new ForbiddenError();
      const round = await rounds.findById(roundId);
      if (!round) throw new NotFoundError();
      return { round, aggregate: aggregate(await repo.answersInRound(roundId)) };
    },

    // the same table as the page, with the same suppression
    async reportCsv(actor: Actor, roundId: string): Promise<{ filename: string; body: string }> {
      const { round, aggregate: table } = await this.report(actor, roundId);
      const rows = [['Question', 'Answer', 'Students'], ['All responses', '', cellText(table.total)]];
      for (const question of table.questions) {
        for (const row of question.rows) rows.push([question.label, row.label, cellText(row.count)]);
      }
      const slug = round.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'round';
      return { filename: `equality-${slug}.csv`, body: stringify(rows) };
    },
  };
}

export type EqualityService = ReturnType<typeof createEqualityService>;
