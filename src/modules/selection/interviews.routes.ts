import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf } from '../../platform/auth/actor.ts';
import { idParam } from '../../platform/http/form-fields.ts';
import { requestMeta } from '../../platform/http/request-meta.ts';
import type { InterviewsService } from './interviews.service.ts';
import { InterviewScorePage, InterviewsPage, interviewsHref, PanelInterviewsPage, scoresHref, SlotEditPage, StudentInterviewsPage, studentInterviewsHref, type SlotFormState } from './views/InterviewPages.tsx';

// Interviews: the partner admin publishes slots (staff read), shortlisted students book one, the panel scores.
const readers = ['staff', 'admin', 'partner_admin'] as const;
const partnerAdmins = ['partner_admin'] as const;
const students = ['student'] as const;
const panel = ['partner_admin', 'partner_reviewer'] as const;

export async function interviewsRoutes(app: FastifyInstance, opts: { interviews: InterviewsService }): Promise<void> {
  const { interviews } = opts;

  async function renderList(reply: FastifyReply, postId: string, extra: { form?: SlotFormState; problem?: string }, status = 200) {
    const data = await interviews.partnerPage(actorOf(reply.request), postId, requestMeta(reply.request));
    return reply.render((ctx) => InterviewsPage({ ctx, data, form: extra.form, problem: extra.problem }), status);
  }

  app.get('/posts/:id/interviews', { config: { access: readers } }, async (request, reply) => renderList(reply, idParam(request.params), {}));

  app.post('/posts/:id/interviews', { config: { access: partnerAdmins } }, async (request, reply) => {
    const postId = idParam(request.params);
    const result = await interviews.addSlot(actorOf(request), postId, request.body, requestMeta(request));
    if (!result.ok) return renderList(reply, postId, { form: { values: result.values, errors: result.errors, panelValues: result.panelValues } }, 400);
    return reply.notice(result.notice).redirect(interviewsHref(postId), 303);
  });

  app.get('/posts/:id/interviews/:slotId', { config: { access: partnerAdmins } }, async (request, reply) => {
    const data = await interviews.slotForEdit(actorOf(request), idParam(request.params), idParam(request.params, 'slotId'));
    return reply.render((ctx) => SlotEditPage({ ctx, data }));
  });

  app.post('/posts/:id/interviews/:slotId', { config: { access: partnerAdmins } }, async (request, reply) => {
    const actor = actorOf(request);
    const postId = idParam(request.params);
    const slotId = idParam(request.params, 'slotId');
    const result = await interviews.updateSlot(actor, postId, slotId, request.body, requestMeta(request));
    if (!result.ok) {
      const data = await interviews.slotForEdit(actor, postId, slotId);
      const status = result.errors.form ? 409 : 400;
      return reply.render((ctx) => SlotEditPage({ ctx, data, form: { values: result.values, errors: result.errors, panelValues: result.panelValues } }), status);
    }
    return reply.notice(result.notice).redirect(interviewsHref(postId), 303);
  });

  app.post('/posts/:id/interviews/:slotId/delete', { config: { access: partnerAdmins } }, async (request, reply) => {
    const postId = idParam(request.params);
    const result = await interviews.deleteSlot(actorOf(request), postId, idParam(request.params, 'slotId'), requestMeta(request));
    if (!result.ok) return renderList(reply, postId, { problem: result.problem }, result.status);
    return reply.notice(result.notice).redirect(interviewsHref(postId), 303);
  });

  app.post('/posts/:id/interviews/:slotId/cancel', { config: { access: partnerAdmins } }, async (request, reply) => {
    const postId = idParam(request.params);
    const result = await interviews.cancelBooking(actorOf(request), postId, idParam(request.params, 'slotId'), requestMeta(request));
    if (!result.ok) return renderList(reply, postId, { problem: result.problem }, result.status);
    return reply.notice(result.notice).redirect(interviewsHref(postId), 303);
  });

  async function renderStudent(reply: FastifyReply, applicationId: string, problem: string | undefined, status = 200) {
    const data = await interviews.studentPage(actorOf(reply.request), applicationId);
    return reply.render((ctx) => StudentInterviewsPage({ ctx, data, problem }), status);
  }

  app.get('/applications/:id/interviews', { config: { access: students } }, async (request, reply) => renderStudent(reply, idParam(request.params), undefined));

  app.post('/applications/:id/interviews/book', { config: { access: students } }, async (request, reply) => {
    const applicationId = idParam(request.params);
    const result = await interviews.book(actorOf(request), applicationId, request.body, requestMeta(request));
    if (!result.ok) return renderStudent(reply, applicationId, result.problem, result.status);
    return reply.notice(result.notice).redirect(studentInterviewsHref(applicationId), 303);
  });

  app.post('/applications/:id/interviews/cancel', { config: { access: students } }, async (request, reply) => {
    const applicationId = idParam(request.params);
    const result = await interviews.cancel(actorOf(request), applicationId, request.body, requestMeta(request));
    if (!result.ok) return renderStudent(reply, applicationId, result.problem, result.status);
    return reply.notice(result.notice).redirect(studentInterviewsHref(applicationId), 303);
  });

  app.get('/interviews', { config: { access: panel } }, async (request, reply) => {
    const data = await interviews.panelList(actorOf(request));
    return reply.render((ctx) => PanelInterviewsPage({ ctx, data }));
  });

  app.get('/interviews/:slotId/scores', { config: { access: panel } }, async (request, reply) => {
    const data = await interviews.scorePage(actorOf(request), idParam(request.params, 'slotId'), requestMeta(request));
    return reply.render((ctx) => InterviewScorePage({ ctx, data }));
  });

  app.post('/interviews/:slotId/scores', { config: { access: panel } }, async (request, reply) => {
    const actor = actorOf(request);
    const slotId = idParam(request.params, 'slotId');
    const result = await interviews.saveScores(actor, slotId, request.body, requestMeta(request));
    if (!result.ok) {
      const data = await interviews.scorePage(actor, slotId, requestMeta(request));
      return reply.render((ctx) => InterviewScorePage({ ctx, data, form: { values: result.values, errors: result.errors } }), result.errors.form ? 409 : 400);
    }
    return reply.notice(result.notice).redirect(`${scoresHref(slotId)}#scores`, 303);
  });
}
