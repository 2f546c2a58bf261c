import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf } from '../../platform/auth/actor.ts';
import { idParam } from '../../platform/http/form-fields.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { requestMeta } from '../../platform/http/request-meta.ts';
import type { FieldErrors, FieldValues } from '../../platform/views/forms.tsx';
import { overrideForm, parseStaffListQuery } from './staff-applications.input.ts';
import type { StaffApplicationsService } from './staff-applications.service.ts';
import { StaffApplicationPage, StaffApplicationsPage } from './views/StaffApplicationPages.tsx';

// The programme team's view of a round's applications; students and partners reach none of it.
const staff = ['staff', 'admin'] as const;

export async function staffApplicationsRoutes(app: FastifyInstance, opts: { staffApplications: StaffApplicationsService }): Promise<void> {
  const { staffApplications } = opts;

  async function renderDetail(reply: FastifyReply, roundId: string, applicationId: string, values: FieldValues, errors: FieldErrors, status = 200) {
    const detail = await staffApplications.detail(actorOf(reply.request), roundId, applicationId);
    return reply.render((ctx) => StaffApplicationPage({ ctx, detail, form: { values, errors } }), status);
  }

  app.get('/rounds/:id/applications', { config: { access: staff } }, async (request, reply) => {
    const query = parseStaffListQuery(request.query);
    const result = await staffApplications.list(actorOf(request), idParam(request.params), query);
    return reply.render((ctx) => StaffApplicationsPage({ ctx, result, query }));
  });

  app.get('/rounds/:id/applications.csv', { config: { access: staff } }, async (request, reply) => {
    const { filename, body } = await staffApplications.exportCsv(actorOf(request), idParam(request.params), parseStaffListQuery(request.query));
    return reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${filename}"`).header('Cache-Control', 'no-store').send(`\uFEFF${body}`);
  });

  app.get('/rounds/:id/applications/:applicationId', { config: { access: staff } }, async (request, reply) =>
    renderDetail(reply, idParam(request.params), idParam(request.params, 'applicationId'), {}, {}),
  );

  app.post('/rounds/:id/applications/:applicationId/eligibility', { config: { access: staff } }, async (request, reply) => {
    const roundId = idParam(request.params);
    const applicationId = idParam(request.params, 'applicationId');
    const form = parseForm(overrideForm, request.body);
    if (!form.ok) return renderDetail(reply, roundId, applicationId, form.values, form.errors, 400);
    const result = await staffApplications.override(actorOf(request), roundId, applicationId, form.data, requestMeta(request));
    if (!result.ok) return renderDetail(reply, roundId, applicationId, form.values, result.errors, 400);
    return reply.notice('The eligibility decision has been recorded.').redirect(`/rounds/${roundId}/applications/${applicationId}#override`, 303);
  });
}
