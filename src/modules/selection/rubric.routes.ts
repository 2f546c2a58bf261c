import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf } from '../../platform/auth/actor.ts';
import { idParam } from '../../platform/http/form-fields.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { requestMeta } from '../../platform/http/request-meta.ts';
import type { FieldErrors, FieldValues } from '../../platform/views/forms.tsx';
import { criterionForm, moveForm } from './rubric.input.ts';
import type { RubricService, RubricView } from './rubric.service.ts';
import { criterionValues, CriterionDeletePage, CriterionEditPage, RubricPage } from './views/RubricPages.tsx';

const staff = ['staff', 'admin'] as const;
// partner admins read the rubric of their organisation's rounds
const readers = ['staff', 'admin', 'partner_admin'] as const;

export const rubricLocked = 'A review in this round has been submitted, so the rubric can no longer change: submitted scores refer to these criteria and weights.';

export async function rubricRoutes(app: FastifyInstance, opts: { rubric: RubricService }): Promise<void> {
  const { rubric } = opts;
  const listPath = (roundId: string) => `/rounds/${roundId}/rubric`;

  function renderRubric(reply: FastifyReply, view: RubricView, extra: { values?: FieldValues; errors?: FieldErrors; problem?: string }, status: number) {
    return reply.render((ctx) => RubricPage({ ctx, view, values: extra.values ?? {}, errors: extra.errors ?? {}, problem: extra.problem }), status);
  }

  app.get('/rounds/:id/rubric', { config: { access: readers } }, async (request, reply) => {
    return renderRubric(reply, await rubric.view(actorOf(request), idParam(request.params)), {}, 200);
  });

  app.post('/rounds/:id/rubric', { config: { access: staff } }, async (request, reply) => {
    const actor = actorOf(request);
    const roundId = idParam(request.params);
    const form = parseForm(criterionForm, request.body);
    if (!form.ok) return renderRubric(reply, await rubric.view(actor, roundId), { values: form.values, errors: form.errors }, 400);
    const result = await rubric.add(actor, roundId, form.data, requestMeta(request));
    if (!result.ok) return renderRubric(reply, await rubric.view(actor, roundId), { values: form.values, problem: rubricLocked }, 409);
    return reply.notice(`Criterion added: ${result.criterion.name}.`).redirect(listPath(roundId), 303);
  });

  app.get('/rounds/:id/rubric/:criterionId/edit', { config: { access: staff } }, async (request, reply) => {
    const { round, criterion, locked } = await rubric.criterion(actorOf(request), idParam(request.params), idParam(request.params, 'criterionId'));
    if (locked) return renderRubric(reply, await rubric.view(actorOf(request), round.id), { problem: rubricLocked }, 409);
    return reply.render((ctx) => CriterionEditPage({ ctx, round, criterion, values: criterionValues(criterion), errors: {} }));
  });

  app.post('/rounds/:id/rubric/:criterionId/edit', { config: { access: staff } }, async (request, reply) => {
    const actor = actorOf(request);
    const { round, criterion } = await rubric.criterion(actor, idParam(request.params), idParam(request.params, 'criterionId'));
    const form = parseForm(criterionForm, request.body);
    if (!form.ok) return reply.render((ctx) => CriterionEditPage({ ctx, round, criterion, values: form.values, errors: form.errors }), 400);
    const result = await rubric.update(actor, round.id, criterion.id, form.data, requestMeta(request));
    if (!result.ok) return reply.render((ctx) => CriterionEditPage({ ctx, round, criterion, values: form.values, errors: {}, problem: rubricLocked }), 409);
    return reply.notice(`Criterion saved: ${result.criterion.name}.`).redirect(listPath(round.id), 303);
  });

  app.get('/rounds/:id/rubric/:criterionId/delete', { config: { access: staff } }, async (request, reply) => {
    const { round, criterion, locked } = await rubric.criterion(actorOf(request), idParam(request.params), idParam(request.params, 'criterionId'));
    if (locked) return renderRubric(reply, await rubric.view(actorOf(request), round.id), { problem: rubricLocked }, 409);
    return reply.render((ctx) => CriterionDeletePage({ ctx, round, criterion }));
  });

  app.post('/rounds/:id/rubric/:criterionId/delete', { config: { access: staff } }, async (request, reply) => {
    const actor = actorOf(request);
    const roundId = idParam(request.params);
    const result = await rubric.remove(actor, roundId, idParam(request.params, 'criterionId'), requestMeta(request));
    if (!result.ok) return renderRubric(reply, await rubric.view(actor, roundId), { problem: rubricLocked }, 409);
    return reply.notice(`Criterion deleted: ${result.criterion.name}.`).redirect(listPath(roundId), 303);
  });

  app.post('/rounds/:id/rubric/:criterionId/move', { config: { access: staff } }, async (request, reply) => {
    const actor = actorOf(request);
    const roundId = idParam(request.params);
    const form = parseForm(moveForm, request.body);
    // only buttons send this form: anything else is a request no page makes
    if (!form.ok) return reply.redirect(listPath(roundId), 303);
    const result = await rubric.move(actor, roundId, idParam(request.params, 'criterionId'), form.data.direction, requestMeta(request));
    if (!result.ok) return renderRubric(reply, await rubric.view(actor, roundId), { problem: rubricLocked }, 409);
    return reply.notice(`Moved ${form.data.direction} to number ${result.criterion.position}: ${result.criterion.name}.`).redirect(listPath(roundId), 303);
  });
}
