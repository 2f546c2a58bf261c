import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import type { Outbox } from '../../platform/mail/outbox.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import { dayIn, formatDay, zonedToUtc } from '../../platform/time/zoned.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { isUniversityStaff } from '../partners/partners.policy.ts';
import type { PartnersService } from '../partners/partners.service.ts';
import { agreementStatus, type AgreementStatus } from './agreement-status.ts';
import type { AgreementForm } from './agreements.input.ts';
import type { Agreement, AgreementsRepo } from './agreements.repo.ts';

export const RENEWAL_REMINDER_JOB = 'agreement.renewal-reminder';
const HOME_ZONE = 'Europe/London';
const statusOrder: Record<AgreementStatus, number> = { expiring: 0, active: 1, draft: 2, expired: 3 };

export interface AgreementView extends Agreement {
  status: AgreementStatus;
  partnerName: string;
  institutionName: string;
}

export function createAgreementsService(deps: {
  db: Db;
  repo: AgreementsRepo;
  clock: Clock;
  audit: AuditLog;
  jobs: JobQueue;
  outbox: Outbox;
  partners: PartnersService;
  accounts: AccountsService;
  baseUrl: string;
}) {
  const { db, repo, clock, audit, jobs, outbox, partners, accounts } = deps;
  const today = () => dayIn(clock(), HOME_ZONE);

  async function describe(rows: Agreement[]): Promise<AgreementView[]> {
    const organisations = new Map((await partners.organisationsOfKind('partner')).concat(await partners.organisationsOfKind('university')).map((o) => [o.id, o.name]));
    return rows.map((a) => ({ ...a, status: agreementStatus(a, today()), partnerName: organisations.get(a.partnerId) ?? '', institutionName: organisations.get(a.institutionId) ?? '' }));
  }

  async function problems(form: AgreementForm): Promise<FieldErrors> {
    const errors: FieldErrors = {};
    const [institution, partner] = await Promise.all([partners.findOrganisation(form.institutionId), partners.findOrganisation(form.partnerId)]);
    if (institution?.kind !== 'university') errors.institutionId = 'Choose the university';
    if (partner?.kind !== 'partner') errors.partnerId = 'Choose the partner';
    if (form.validTo < form.validFrom) errors.validTo = 'The end date must be on or after the start date';
    if (form.maxDurationMonths < form.minDurationMonths) errors.maxDurationMonths = 'The longest internship must be at least as long as the shortest';
    if (form.renewalReminderOn && form.renewalReminderOn > form.validTo) errors.renewalReminderOn = 'The renewal reminder must be on or before the end date';
    return errors;
  }

  async function scheduleReminder(exec: Db, agreement: { id: string; renewalReminderOn: string | null }) {
    if (!agreement.renewalReminderOn) return;
    const runAt = zonedToUtc(`${agreement.renewalReminderOn}T09:00`, HOME_ZONE) ?? clock();
    await jobs.enqueue(exec, RENEWAL_REMINDER_JOB, { agreementId: agreement.id, remindOn: agreement.renewalReminderOn }, runAt);
  }

  const service = {
    async list(actor: Actor, status?: AgreementStatus): Promise<AgreementView[]> {
      if (!isUniversityStaff(actor)) throw new NotFoundError();
      const all = await describe(await repo.list({}));
      return all.filter((a) => !status || a.status === status).sort((a, b) => statusOrder[a.status] - statusOrder[b.status] || a.validTo.localeCompare(b.validTo));
    },

    async get(actor: Actor, id: string): Promise<AgreementView> {
      if (!isUniversityStaff(actor)) throw new NotFoundError();
      const agreement = await repo.findById(id);
      if (!agreement) throw new NotFoundError();
      const [view] = await describe([agreement]);
      if (!view) throw new NotFoundError();
      return view;
    },

    // for rounds and posts: the agreement's rules, without access checks of its own
    async findById(id: string): Promise<Agreement | undefined> {
      return repo.findById(id);
    },

    // titles only, for naming agreements next to rounds the actor may already see
    async titlesOf(ids: string[]): Promise<Map<string, string>> {
      return repo.titles([...new Set(ids)]);
    },

    async forPartner(partnerId: string): Promise<Agreement[]> {
      return repo.list({ partnerId });
    },

    async choices() {
      const [universities, partnerOrganisations] = await Promise.all([partners.organisationsOfKind('university'), partners.organisationsOfKind('partner')]);
      return { universities, partners: partnerOrganisations };
    },

    async create(actor: Actor, form: AgreementForm, ip: string, documentFileId?: string | null): Promise<{ ok: true; agreement: Agreement } | { ok: false; errors: FieldErrors }> {
      if (!isUniversityStaff(actor)) throw new NotFoundError();
      const errors = await problems(form);
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      const now = clock();
      const agreement = await db.transaction(async (tx) => {
        const row = await repo.insert({ ...form, documentFileId: documentFileId ?? null, createdAt: now, updatedAt: now }, tx);
        await scheduleReminder(tx, row);
        await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'agreement.created', subjectType: 'agreement', subjectId: row.id, ip, details: { title: form.title } }, tx);
        return row;
      });
      return { ok: true, agreement };
    },

    async update(actor: Actor, id: string, form: AgreementForm, ip: string, documentFileId?: string | null): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
      const existing = await service.get(actor, id);
      const errors = await problems(form);
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      await db.transaction(async (tx) => {
        await repo.update(id, { ...form, ...(documentFileId ? { documentFileId } : {}), updatedAt: clock() }, tx);
        if (form.renewalReminderOn !== existing.renewalReminderOn) await scheduleReminder(tx, { id, renewalReminderOn: form.renewalReminderOn });
        await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'agreement.updated', subjectType: 'agreement', subjectId: id, ip, details: { title: form.title, documentReplaced: Boolean(documentFileId) } }, tx);
      });
      return { ok: true };
    },

    // the job: every active staff member hears that the agreement needs renewing
    async sendRenewalReminder(agreementId: string, remindOn: string): Promise<number> {
      const agreement = await repo.findById(agreementId);
      // a reminder date changed since the job was queued: the new job does the work
      if (!agreement || agreement.renewalReminderOn !== remindOn) return 0;
      const [view] = await describe([agreement]);
      const staff = await accounts.activeUsersWithRole('staff');
      await db.transaction(async (tx) => {
        for (const person of staff) {
          await outbox.enqueue(tx, {
            to: person.email,
            toName: person.name,
            subject: `Renewal due: ${agreement.title}`,
            text: `Dear ${person.name},\n\nThe agreement "${agreement.title}" with ${view?.partnerName ?? 'the partner'} ends on ${formatDay(agreement.validTo)}. Today is its renewal reminder date.\n\nSee the agreement: ${deps.baseUrl}/agreements/${agreement.id}\n`,
          });
        }
        await audit.record({ actorLabel: 'system', action: 'agreement.renewal-reminded', subjectType: 'agreement', subjectId: agreement.id, details: { recipients: staff.length } }, tx);
      });
      return staff.length;
    },
  };

  jobs.handle(RENEWAL_REMINDER_JOB, async (payload) => {
    await service.sendRenewalReminder(String(payload.agreementId), String(payload.remindOn));
  });
  return service;
}

export type AgreementsService = ReturnType<typeof createAgreementsService>;
