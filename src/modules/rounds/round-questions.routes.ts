import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf } from '../../platform/auth/actor.ts';
import { idParam } from '../../platform/http/form-fields.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { requestMeta } from '../../platform/http/request-meta.ts';
import type { FieldErrors, FieldValues } from '../../platform/views/forms.tsx';
import { declarationForm, moveForm, questionForm, wordingForm } from './round-questions.input.ts';
import type { QuestionsEditor, RoundQuestionsService } from './round-questions.service.ts';
import { QuestionDeletePage, QuestionEditPage, questionValues, RoundQuestionsPage } from './views/RoundQuestionsPage.tsx';

const staff = ['staff', 'admin'] as const;

const lockedProblem = {
  add: 'Applications to this round are open, so questions and declarations can no longer be added.',
  delete: 'Applications to this round are open, so questions and declarations can no longer be deleted.',
  move: 'Applications to this round are open, so the order can no longer change.',
  edit: 'Applications to this round are open, so only the wording can change: the kind of answer, the options and whether an answer is required stay as they are.',
};

export async function roundQuestionsRoutes(app: FastifyInstance, opts: { questions: RoundQuestionsService }): Promise<void> {
  const { questions } = opts;
  const listPath = (roundId: string) => `/rounds/${roundId}/questions`;

  function renderEditor(reply: FastifyReply, editor: QuestionsEditor, extra: Omit<Parameters<typeof RoundQuestionsPage>[0], 'ctx' | 'editor'>, status: number) {
    return reply.render((ctx) => RoundQuestionsPage({ ctx, editor, ...extra }), status);
  }

  app.get('/rounds/:id/questions', { config: { access: staff } }, async (request, reply) => {
    const editor = await questions.editor(actorOf(request), idParam(request.params));
    return renderEditor(reply, editor, {}, 200);
  });

  app.post('/rounds/:id/questions', { config: { access: staff } }, async (request, reply) => {
    const actor = actorOf(request);
    const roundId = idParam(request.params);
    const form = parseForm(questionForm, request.body);
    const again = async (errors: FieldErrors, problem?: string) => renderEditor(reply, await questions.editor(actor, roundId), { questionForm: { values: form.values, errors }, problem }, problem ? 409 : 400);
    if (!form.ok) return again(form.errors);
    const result = await questions.addQuestion(actor, roundId, form.data, requestMeta(request));
    if (!result.ok) return again({}, lockedProblem.add);
    return reply.notice(`Question added: “${result.question.prompt.slice(0, 120)}”.`).redirect(listPath(roundId), 303);
  });

  app.post('/rounds/:id/declarations', { config: { access: staff } }, async (request, reply) => {
    const actor = actorOf(request);
    const roundId = idParam(request.params);
    const form = parseForm(declarationForm, request.body);
    const again = async (errors: FieldErrors, problem?: string) => renderEditor(reply, await questions.editor(actor, roundId), { declarationForm: { values: form.values, errors }, problem }, problem ? 409 : 400);
    if (!form.ok) return again(form.errors);
    const result = await questions.addDeclaration(actor, roundId, form.data, requestMeta(request));
    if (!result.ok) return again({}, lockedProblem.add);
    return reply.notice('Declaration added.').redirect(listPath(roundId), 303);
  });

  app.get('/rounds/:id/questions/:questionId/edit', { config: { access: staff } }, async (request, reply) => {
    const { round, question, locked } = await questions.question(actorOf(request), idParam(request.params), idParam(request.params, 'questionId'));
    return reply.render((ctx) => QuestionEditPage({ ctx, round, question, locked, values: questionValues(question), errors: {} }));
  });

  app.post('/rounds/:id/questions/:questionId/edit', { config: { access: staff } }, async (request, reply) => {
    const actor = actorOf(request);
    const { round, question, locked } = await questions.question(actor, idParam(request.params), idParam(request.params, 'questionId'));
    const again = (values: FieldValues, errors: FieldErrors, problem?: string) =>
      reply.render((ctx) => QuestionEditPage({ ctx, round, question, locked: locked || Boolean(problem), values, errors, problem }), problem ? 409 : 400);
    const meta = requestMeta(request);
    let result;
    let values: FieldValues;
    if (question.kind === 'declaration') {
      const form = parseForm(declarationForm, request.body);
      if (!form.ok) return again(form.values, form.errors);
      values = form.values;
      result = await questions.update(actor, round.id, question.id, { prompt: form.data.statement, hint: '' }, meta);
    } else if (locked) {
      // the page showed only the words: kind, options and required are not sent, so they stay
      const form = parseForm(wordingForm, request.body);
      if (!form.ok) return again(form.values, form.errors);
      values = form.values;
      result = await questions.update(actor, round.id, question.id, form.data, meta);
    } else {
      const form = parseForm(questionForm, request.body);
      if (!form.ok) return again(form.values, form.errors);
      values = form.values;
      result = await questions.update(actor, round.id, question.id, form.data, meta);
    }
    if (!result.ok) return again(values, {}, lockedProblem.edit);
    return reply.notice(question.kind === 'declaration' ? 'Declaration saved.' : 'Question saved.').redirect(listPath(round.id), 303);
  });

  app.get('/rounds/:id/questions/:questionId/delete', { config: { access: staff } }, async (request, reply) => {
    const { round, question, locked } = await questions.question(actorOf(request), idParam(request.params), idParam(request.params, 'questionId'));
    if (locked) return renderEditor(reply, await questions.editor(actorOf(request), round.id), { problem: lockedProblem.delete }, 409);
    return reply.render((ctx) => QuestionDeletePage({ ctx, round, question }));
  });

  app.post('/rounds/:id/questions/:questionId/delete', { config: { access: staff } }, async (request, reply) => {
    const actor = actorOf(request);
    const roundId = idParam(request.params);
    const result = await questions.remove(actor, roundId, idParam(request.params, 'questionId'), requestMeta(request));
    if (!result.ok) return renderEditor(reply, await questions.editor(actor, roundId), { problem: lockedProblem.delete }, 409);
    return reply.notice(`${result.question.kind === 'declaration' ? 'Declaration' : 'Question'} deleted: “${result.question.prompt.slice(0, 120)}”.`).redirect(listPath(roundId), 303);
  });

  app.post('/rounds/:id/questions/:questionId/move', { config: { access: staff } }, async (request, reply) => {
    const actor = actorOf(request);
    const roundId = idParam(request.params);
    const questionId = idParam(request.params, 'questionId');
    const form = parseForm(moveForm, request.body);
    // only buttons send this form: anything else is a request no page makes
    if (!form.ok) return reply.redirect(listPath(roundId), 303);
    const result = await questions.move(actor, roundId, questionId, form.data.direction, requestMeta(request));
    if (!result.ok) return renderEditor(reply, await questions.editor(actor, roundId), { problem: lockedProblem.move }, 409);
    return reply.notice(`Moved ${form.data.direction} to number ${result.question.position}: “${result.question.prompt.slice(0, 120)}”.`).redirect(listPath(roundId), 303);
  });
}
