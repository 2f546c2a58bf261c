import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/auth/actor.ts';
import { idParam, isUuid } from '../../platform/http/form-fields.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import { requestMeta } from '../../platform/http/request-meta.ts';
import { parseEqualityForm } from './equality.questions.ts';
import { EDI_ROLES, type EqualityService } from './equality.service.ts';
import { EqualityFormPage, EqualityReportPage } from './views/EqualityPages.tsx';

export interface EqualityRoutesOptions {
  equality: EqualityService;
}

const studentsOnly = ['student'] as const;

// ?round=<uuid>: absent is the choice of a round; anything else that is not a uuid is not found
function roundQuery(query: unknown): string | null {
  const round = (query as Record<string, unknown> | undefined)?.round;
  if (round === undefined || round === '') return null;
  if (!isUuid(round)) throw new NotFoundError();
  return round;
}

// The answers travel only in request bodies, which are never logged (platform/http/logging.ts).
export async function equalityRoutes(app: FastifyInstance, opts: EqualityRoutesOptions): Promise<void> {
  const { equality } = opts;

  app.get('/applications/:id/equality', { config: { access: studentsOnly } }, async (request, reply) => {
    const view = await equality.studentView(actorOf(request), idParam(request.params));
    return reply.render((ctx) => EqualityFormPage({ ctx, view, answers: view.response?.answers ?? {}, errors: {} }));
  });

  app.post('/applications/:id/equality', { config: { access: studentsOnly } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request.params);
    const form = parseEqualityForm(request.body);
    if (!form.ok) {
      const view = await equality.studentView(actor, id);
      return reply.render((ctx) => EqualityFormPage({ ctx, view, answers: form.answers, errors: form.errors }), 400);
    }
    const result = await equality.save(actor, id, form.answers, requestMeta(request));
    if (result === 'not-submitted') {
      const view = await equality.studentView(actor, id);
      return reply.render((ctx) => EqualityFormPage({ ctx, view, answers: {}, errors: {} }), 409);
    }
    return reply.notice('Thank you: your equality-monitoring answers are saved, apart from your application.').redirect(`/applications/${id}/equality`, 303);
  });

  app.post('/applications/:id/equality/withdraw', { config: { access: studentsOnly } }, async (request, reply) => {
    const id = idParam(request.params);
    const result = await equality.withdraw(actorOf(request), id, requestMeta(request));
    const notice =
      result === 'withdrawn' ? 'Your equality-monitoring answers are withdrawn and have been deleted.' : result === 'none' ? 'You have no equality-monitoring answers to withdraw.' : 'Submit your application first.';
    return reply.notice(notice).redirect(`/applications/${id}/equality`, 303);
  });

  app.get('/equality', { config: { access: EDI_ROLES } }, async (request, reply) => {
    const actor = actorOf(request);
    const roundId = roundQuery(request.query);
    const rounds = await equality.reportRounds(actor);
    const report = roundId ? await equality.report(actor, roundId) : null;
    return reply.render((ctx) => EqualityReportPage({ ctx, rounds, report }));
  });

  app.get('/equality.csv', { config: { access: EDI_ROLES } }, async (request, reply) => {
    const roundId = roundQuery(request.query);
    if (!roundId) throw new NotFoundError();
    const { filename, body } = await equality.reportCsv(actorOf(request), roundId);
    return reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${filename}"`).send(`\uFEFF${body}`);
  });
}
