import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import { countryName } from '../../platform/geo/gazetteer.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import { isTimeZone } from '../../platform/time/zoned.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { OfficeForm, OrganisationForm } from './partners.input.ts';
import { canManageOrganisation, canViewOrganisation, isUniversityStaff } from './partners.policy.ts';
import type { Office, Organisation, PartnersRepo, Unit } from './partners.repo.ts';
import type { OrganisationKind } from './partners.tables.ts';

export type Result<T = undefined> = { ok: true; value: T } | { ok: false; errors: FieldErrors };


function officeProblems(form: OfficeForm): FieldErrors {
  const errors: FieldErrors = {};
  if (!countryName(form.country)) errors.country = 'Choose the country the office is in';
  if (!countryName(form.servesCountry)) errors.servesCountry = 'Choose the country the office serves';
  if (!isTimeZone(form.timeZone)) errors.timeZone = 'Enter a time zone from the list, like Africa/Nairobi';
  return errors;
}

export function createPartnersService(deps: { db: Db; repo: PartnersRepo; clock: Clock; audit: AuditLog }) {
  const { db, repo, clock, audit } = deps;

  async function visibleOrganisation(actor: Actor, id: string): Promise<Organisation> {
    if (!canViewOrganisation(actor, id)) throw new NotFoundError();
    const organisation = await repo.findOrganisation(id);
    if (!organisation) throw new NotFoundError();
    return organisation;
  }

  async function manageableOrganisation(actor: Actor, id: string): Promise<Organisation> {
    const organisation = await visibleOrganisation(actor, id);
    if (!canManageOrganisation(actor, id)) throw new NotFoundError();
    return organisation;
  }

  const service = {
    async listOrganisations(actor: Actor, kind?: OrganisationKind) {
      if (isUniversityStaff(actor)) return repo.listOrganisations({ kind });
      if (!actor.organisationId) return [];
      return repo.listOrganisations({ kind, id: actor.organisationId });
    },

    // every organisation of a kind, for choosing one in another module's form (staff only)
    async organisationsOfKind(kind: OrganisationKind) {
      return repo.listOrganisations({ kind });
    },

    async findOrganisation(id: string): Promise<Organisation | undefined> {
      return repo.findOrganisation(id);
    },

    async organisationPage(actor: Actor, id: string): Promise<{ organisation: Organisation; offices: Office[]; units: Unit[]; canManage: boolean }> {
      const organisation = await visibleOrganisation(actor, id);
      const [offices, units] = await Promise.all([repo.listOffices(id), repo.listUnits(id)]);
      return { organisation, offices, units, canManage: canManageOrganisation(actor, id) };
    },

    async editableOrganisation(actor: Actor, id: string): Promise<Organisation> {
      return manageableOrganisation(actor, id);
    },

    async createOrganisation(actor: Actor, form: OrganisationForm, ip: string): Promise<Result<Organisation>> {
      if (!isUniversityStaff(actor)) throw new NotFoundError();
      const now = clock();
      try {
        const organisation = await db.transaction(async (tx) => {
          const row = await repo.insertOrganisation({ ...form, createdAt: now, updatedAt: now }, tx);
          await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'organisation.created', subjectType: 'organisation', subjectId: row.id, ip, details: { name: form.name, kind: form.kind } }, tx);
          return row;
        });
        return { ok: true, value: organisation };
      } catch (error) {
        if (isUniqueViolation(error)) return { ok: false, errors: { name: 'An organisation with this name already exists' } };
        throw error;
      }
    },

    async updateOrganisation(actor: Actor, id: string, form: OrganisationForm, ip: string): Promise<Result> {
      const organisation = await manageableOrganisation(actor, id);
      // a partner's coordinator edits their details, never what kind of organisation it is
      const kind = isUniversityStaff(actor) ? form.kind : organisation.kind;
      try {
        await db.transaction(async (tx) => {
          await repo.updateOrganisation(id, { ...form, kind, updatedAt: clock() }, tx);
          await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'organisation.updated', subjectType: 'organisation', subjectId: id, ip, details: { name: form.name } }, tx);
        });
        return { ok: true, value: undefined };
      } catch (error) {
        if (isUniqueViolation(error)) return { ok: false, errors: { name: 'An organisation with this name already exists' } };
        throw error;
      }
    },

    async createOffice(actor: Actor, organisationId: string, form: OfficeForm, ip: string): Promise<Result<Office>> {
      const organisation = await manageableOrganisation(actor, organisationId);
      if (organisation.kind !== 'partner') return { ok: false, errors: { name: 'Only partner organisations have offices' } };
      const errors = officeProblems(form);
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      const now = clock();
      const office = await db.transaction(async (tx) => {
        const row = await repo.insertOffice({ ...form, organisationId, createdAt: now, updatedAt: now }, tx);
        await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'office.created', subjectType: 'office', subjectId: row.id, ip, details: { name: form.name, organisationId } }, tx);
        return row;
      });
      return { ok: true, value: office };
    },

    async editableOffice(actor: Actor, id: string): Promise<Office> {
      const office = await repo.findOffice(id);
      if (!office || !canManageOrganisation(actor, office.organisationId)) throw new NotFoundError();
      return office;
    },

    async updateOffice(actor: Actor, id: string, form: OfficeForm, ip: string): Promise<Result<Office>> {
      const office = await service.editableOffice(actor, id);
      const errors = officeProblems(form);
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      await db.transaction(async (tx) => {
        await repo.updateOffice(id, { ...form, updatedAt: clock() }, tx);
        await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'office.updated', subjectType: 'office', subjectId: id, ip, details: { name: form.name } }, tx);
      });
      return { ok: true, value: office };
    },

    async addUnit(actor: Actor, organisationId: string, name: string, ip: string): Promise<Result> {
      await manageableOrganisation(actor, organisationId);
      try {
        await db.transaction(async (tx) => {
          const unit = await repo.insertUnit({ organisationId, name, createdAt: clock() }, tx);
          await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'unit.created', subjectType: 'unit', subjectId: unit.id, ip, details: { name, organisationId } }, tx);
        });
        return { ok: true, value: undefined };
      } catch (error) {
        if (isUniqueViolation(error)) return { ok: false, errors: { name: 'This unit already exists' } };
        throw error;
      }
    },

    // for the posts module: an organisation's offices and units, checked for the actor
    async officesAndUnits(actor: Actor, organisationId: string): Promise<{ offices: Office[]; units: Unit[] }> {
      if (!canViewOrganisation(actor, organisationId)) throw new NotFoundError();
      const [offices, units] = await Promise.all([repo.listOffices(organisationId), repo.listUnits(organisationId)]);
      return { offices, units };
    },

    async findOffice(id: string): Promise<Office | undefined> {
      return repo.findOffice(id);
    },

    async findUnit(id: string): Promise<Unit | undefined> {
      return repo.findUnit(id);
    },
  };
  return service;
}

export type PartnersService = ReturnType<typeof createPartnersService>;
