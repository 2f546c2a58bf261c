import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf } from '../../platform/auth/actor.ts';
import { idParam } from '../../platform/http/form-fields.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import { requestMeta } from '../../platform/http/request-meta.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldErrors, FieldValues } from '../../platform/views/forms.tsx';
import { constraintForm, parseCompareQuery, parseRunQuery } from './allocation.input.ts';
import type { AllocationService } from './allocation.service.ts';
import { AllocationPage, CompareRunsPage, RecomputePage, RunPage } from './views/AllocationPages.tsx';
import { PublishForm } from './views/OfferPages.tsx';

// the programme team runs the allocation
const staffOnly = ['staff', 'admin'] as const;

export async function allocationRoutes(app: FastifyInstance, opts: { allocation: AllocationService; clock: Clock }): Promise<void> {
  const { allocation, clock } = opts;
  const overviewPath = (roundId: string) => `/rounds/${roundId}/allocation`;

  async function renderOverview(reply: FastifyReply, roundId: string, extra: { values?: FieldValues; errors?: FieldErrors }, status: number) {
    const view = await allocation.overview(actorOf(reply.request), roundId);
    return reply.render((ctx) => AllocationPage({ ctx, view, values: extra.values ?? {}, errors: extra.errors ?? {} }), status);
  }

  app.get('/rounds/:id/allocation', { config: { access: staffOnly } }, async (request, reply) => renderOverview(reply, idParam(request.params), {}, 200));

  app.post('/rounds/:id/allocation/constraints', { config: { access: staffOnly } }, async (request, reply) => {
    const roundId = idParam(request.params);
    const form = parseForm(constraintForm, request.body);
    if (!form.ok) return renderOverview(reply, roundId, { values: form.values, errors: form.errors }, 400);
    const result = await allocation.addConstraint(actorOf(request), roundId, form.data, requestMeta(request));
    if (!result.ok) return renderOverview(reply, roundId, { values: form.values, errors: result.errors }, 409);
    return reply.notice(form.data.kind === 'forced' ? 'Forced placement added. It applies to the next run.' : 'Excluded pair added. It applies to the next run.').redirect(overviewPath(roundId), 303);
  });

  app.post('/rounds/:id/allocation/constraints/:constraintId/remove', { config: { access: staffOnly } }, async (request, reply) => {
    const roundId = idParam(request.params);
    await allocation.removeConstraint(actorOf(request), roundId, idParam(request.params, 'constraintId'), requestMeta(request));
    return reply.notice('Constraint removed. It no longer applies to the next run.').redirect(overviewPath(roundId), 303);
  });

  app.post('/rounds/:id/allocation/runs', { config: { access: staffOnly } }, async (request, reply) => {
    const run = await allocation.dryRun(actorOf(request), idParam(request.params), requestMeta(request));
    return reply.notice(`Dry run ${run.number} done: ${run.matched} matched. Nothing has been published.`).redirect(`/allocation-runs/${run.id}`, 303);
  });

  app.get('/allocation-runs/:id', { config: { access: staffOnly } }, async (request, reply) => {
    const view = await allocation.runView(actorOf(request), idParam(request.params), parseRunQuery(request.query), requestMeta(request));
    const { run, round } = view;
    // only the newest run of the round can be published, once
    const publishable = run.publishedAt === null && view.otherRuns.every((n) => n < run.number);
    return reply.render((ctx) =>
      RunPage({
        ctx,
        view,
        publish: publishable ? PublishForm({ csrfToken: ctx.csrfToken, runId: run.id, timeZone: round.timeZone, now: clock() }) : undefined,
      }),
    );
  });

  app.get('/allocation-runs/:id/recompute', { config: { access: staffOnly } }, async (request, reply) => {
    const view = await allocation.recompute(actorOf(request), idParam(request.params), requestMeta(request));
    return reply.render((ctx) => RecomputePage({ ctx, view }));
  });

  app.get('/allocation-runs/:id/compare', { config: { access: staffOnly } }, async (request, reply) => {
    const other = parseCompareQuery(request.query);
    if (other === undefined) throw new NotFoundError();
    const view = await allocation.compare(actorOf(request), idParam(request.params), other, requestMeta(request));
    return reply.render((ctx) => CompareRunsPage({ ctx, view }));
  });
}
