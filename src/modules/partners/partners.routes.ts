import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorOf, hasAnyRole } from '../../platform/auth/actor.ts';
import { idParam } from '../../platform/http/form-fields.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { countries, countryName, findCity, searchCities, suggestTimeZone, timeZonesOf } from '../../platform/geo/gazetteer.ts';
import type { FieldErrors, FieldValues } from '../../platform/views/forms.tsx';
import { officeForm, organisationForm, unitForm, type OfficeForm } from './partners.input.ts';
import type { PartnersService } from './partners.service.ts';
import { organisationKinds } from './organisation-kinds.ts';
import { OfficeFormPage, type CityChoice } from './views/OfficeFormPage.tsx';
import { OrganisationFormPage, OrganisationPage, OrganisationsPage, organisationValues } from './views/partner-pages.tsx';

const staff = ['staff', 'admin'] as const;
const partnerSide = ['staff', 'admin', 'partner_admin', 'partner_reviewer', 'funder'] as const;
const managers = ['staff', 'admin', 'partner_admin'] as const;
const kindQuery = z.object({ kind: z.enum(organisationKinds).optional().catch(undefined) });


function officeValues(office: { name: string; servesCountry: string; city: string; country: string; latitude: number; longitude: number; timeZone: string; address: string; privateNotes: string }): FieldValues {
  return { ...office, latitude: String(office.latitude), longitude: String(office.longitude) };
}

// Time zones offered: the country's zones, and whatever is already chosen.
function zoneChoices(values: FieldValues): string[] {
  const zones = values.country ? timeZonesOf(values.country) : [];
  return values.timeZone && !zones.includes(values.timeZone) && zones.length > 0 ? [values.timeZone, ...zones] : zones;
}

export async function partnersRoutes(app: FastifyInstance, opts: { partners: PartnersService }): Promise<void> {
  const { partners } = opts;

  app.get('/partners', { config: { access: partnerSide } }, async (request, reply) => {
    const actor = actorOf(request);
    const { kind } = kindQuery.parse(request.query ?? {});
    // a partner's own people go straight to their organisation
    if (!hasAnyRole(actor, staff) && actor.organisationId) return reply.redirect(`/partners/${actor.organisationId}`);
    const organisations = await partners.listOrganisations(actor, kind);
    return reply.render((ctx) => OrganisationsPage({ ctx, organisations, kind, canCreate: hasAnyRole(actor, staff) }));
  });

  app.get('/partners/new', { config: { access: staff } }, async (_request, reply) =>
    reply.render((ctx) => OrganisationFormPage({ ctx, action: '/partners', title: 'Add an organisation', values: { kind: 'partner' }, errors: {}, kindEditable: true })),
  );

  app.post('/partners', { config: { access: staff } }, async (request, reply) => {
    const actor = actorOf(request);
    const form = parseForm(organisationForm, request.body);
    const again = (errors: FieldErrors) => reply.render((ctx) => OrganisationFormPage({ ctx, action: '/partners', title: 'Add an organisation', values: form.values, errors, kindEditable: true }), 400);
    if (!form.ok) return again(form.errors);
    const result = await partners.createOrganisation(actor, form.data, request.ip);
    if (!result.ok) return again(result.errors);
    return reply.notice(`${result.value.name} added.`).redirect(`/partners/${result.value.id}`, 303);
  });

  async function renderOrganisation(reply: FastifyReply, id: string, unitErrors: FieldErrors = {}, unitValue = '', status = 200) {
    const page = await partners.organisationPage(actorOf(reply.request), id);
    return reply.render((ctx) => OrganisationPage({ ctx, ...page, countryName: (code) => countryName(code) ?? code, unitErrors, unitValue }), status);
  }

  app.get('/partners/:id', { config: { access: partnerSide } }, async (request, reply) => {
    const id = idParam(request.params);
    return renderOrganisation(reply, id);
  });

  app.get('/partners/:id/edit', { config: { access: managers } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request.params);
    const organisation = await partners.editableOrganisation(actor, id);
    return reply.render((ctx) => OrganisationFormPage({ ctx, action: `/partners/${id}`, title: `Edit ${organisation.name}`, values: organisationValues(organisation), errors: {}, kindEditable: hasAnyRole(actor, staff) }));
  });

  app.post('/partners/:id', { config: { access: managers } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request.params);
    const organisation = await partners.editableOrganisation(actor, id);
    const form = parseForm(organisationForm, request.body);
    const again = (errors: FieldErrors) =>
      reply.render((ctx) => OrganisationFormPage({ ctx, action: `/partners/${id}`, title: `Edit ${organisation.name}`, values: form.values, errors, kindEditable: hasAnyRole(actor, staff) }), 400);
    if (!form.ok) return again(form.errors);
    const result = await partners.updateOrganisation(actor, id, form.data, request.ip);
    if (!result.ok) return again(result.errors);
    return reply.notice('Details saved.').redirect(`/partners/${id}`, 303);
  });

  app.post('/partners/:id/units', { config: { access: managers } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request.params);
    const form = parseForm(unitForm, request.body);
    if (!form.ok) return renderOrganisation(reply, id, form.errors, form.values.name ?? '', 400);
    const result = await partners.addUnit(actor, id, form.data.name, request.ip);
    if (!result.ok) return renderOrganisation(reply, id, result.errors, form.data.name, 400);
    return reply.notice(`Unit “${form.data.name}” added.`).redirect(`/partners/${id}`, 303);
  });

  // Offices: one handler for the three steps of the form (find city, use city, save)
  async function officeForm_(reply: FastifyReply, opts: { action: string; title: string; organisationName: string; values: FieldValues; errors?: FieldErrors; cityChoices?: CityChoice[] | null; status?: number }) {
    return reply.render(
      (ctx) =>
        OfficeFormPage({
          ctx,
          action: opts.action,
          title: opts.title,
          organisationName: opts.organisationName,
          values: opts.values,
          errors: opts.errors ?? {},
          countries: countries(),
          cityChoices: opts.cityChoices ?? null,
          timeZones: zoneChoices(opts.values),
        }),
      opts.status ?? 200,
    );
  }

  async function handleOfficeStep(reply: FastifyReply, body: unknown, frame: { action: string; title: string; organisationName: string }, save: (form: OfficeForm) => Promise<{ ok: true } | { ok: false; errors: FieldErrors }>) {
    const fields = (body ?? {}) as Record<string, unknown>;
    const form = parseForm(officeForm, body);
    const values = form.values;
    if (fields.step === 'find-city') {
      const cities = searchCities(values.city ?? '', { limit: 8 });
      const cityChoices = cities.map((c) => ({ id: c.id, label: `${c.name}${c.admin1 ? `, ${c.admin1}` : ''}, ${c.countryName} (${c.lat.toFixed(2)}, ${c.lng.toFixed(2)})` }));
      return officeForm_(reply, { ...frame, values, cityChoices });
    }
    if (fields.step === 'use-city') {
      const city = typeof fields.cityId === 'string' ? findCity(fields.cityId) : undefined;
      if (!city) return officeForm_(reply, { ...frame, values, errors: { city: 'Choose a city from the list' }, cityChoices: [], status: 400 });
      const filled = {
        ...values,
        city: city.name,
        country: city.country,
        latitude: String(city.lat),
        longitude: String(city.lng),
        timeZone: suggestTimeZone(city.country, city.lat, city.lng) ?? values.timeZone ?? '',
        servesCountry: values.servesCountry || city.country,
      };
      return officeForm_(reply, { ...frame, values: filled });
    }
    if (!form.ok) return officeForm_(reply, { ...frame, values, errors: form.errors, status: 400 });
    const result = await save(form.data);
    if (!result.ok) return officeForm_(reply, { ...frame, values, errors: result.errors, status: 400 });
    return null;
  }

  app.get('/partners/:id/offices/new', { config: { access: managers } }, async (request, reply) => {
    const id = idParam(request.params);
    const organisation = await partners.editableOrganisation(actorOf(request), id);
    return officeForm_(reply, { action: `/partners/${id}/offices`, title: 'Add an office', organisationName: organisation.name, values: {} });
  });

  app.post('/partners/:id/offices', { config: { access: managers } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request.params);
    const organisation = await partners.editableOrganisation(actor, id);
    const rendered = await handleOfficeStep(reply, request.body, { action: `/partners/${id}/offices`, title: 'Add an office', organisationName: organisation.name }, async (form) => {
      const result = await partners.createOffice(actor, id, form, request.ip);
      return result.ok ? { ok: true } : result;
    });
    return rendered ?? reply.notice('Office added.').redirect(`/partners/${id}`, 303);
  });

  app.get('/offices/:id/edit', { config: { access: managers } }, async (request, reply) => {
    const id = idParam(request.params);
    const office = await partners.editableOffice(actorOf(request), id);
    const organisation = await partners.findOrganisation(office.organisationId);
    return officeForm_(reply, { action: `/offices/${id}`, title: `Edit ${office.name}`, organisationName: organisation?.name ?? '', values: officeValues(office) });
  });

  app.post('/offices/:id', { config: { access: managers } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request.params);
    const office = await partners.editableOffice(actor, id);
    const organisation = await partners.findOrganisation(office.organisationId);
    const rendered = await handleOfficeStep(reply, request.body, { action: `/offices/${id}`, title: `Edit ${office.name}`, organisationName: organisation?.name ?? '' }, async (form) => {
      const result = await partners.updateOffice(actor, id, form, request.ip);
      return result.ok ? { ok: true } : result;
    });
    return rendered ?? reply.notice('Office saved.').redirect(`/partners/${office.organisationId}`, 303);
  });
}
