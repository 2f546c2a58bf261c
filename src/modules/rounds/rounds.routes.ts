import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf, hasAnyRole } from '../../platform/auth/actor.ts';
import { idParam, isUuid } from '../../platform/http/form-fields.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { localInputValue } from '../../platform/time/zoned.ts';
import type { FieldErrors, FieldValues } from '../../platform/views/forms.tsx';
import type { AgreementsService } from '../agreements/agreements.service.ts';
import type { PostsService } from '../posts/posts.service.ts';
import type { RoundQuestionsService } from './round-questions.service.ts';
import { roundForm } from './rounds.input.ts';
import type { Round } from './rounds.repo.ts';
import type { RoundsService } from './rounds.service.ts';
import { milestones } from './timeline.ts';
import { RoundFormPage, RoundPage, RoundsPage } from './views/round-pages.tsx';

const staff = ['staff', 'admin'] as const;
const readers = ['staff', 'admin', 'partner_admin', 'partner_reviewer'] as const;


function roundValues(round: Round): FieldValues {
  const values: FieldValues = { agreementId: round.agreementId, name: round.name, timeZone: round.timeZone, maxChoices: String(round.maxChoices) };
  for (const m of milestones) {
    const value = round[m.key];
    values[m.key] = value instanceof Date ? localInputValue(value, round.timeZone) : value;
  }
  return values;
}

export async function roundsRoutes(app: FastifyInstance, opts: { rounds: RoundsService; agreements: AgreementsService; posts: PostsService; questions: RoundQuestionsService }): Promise<void> {
  const { rounds, agreements, posts, questions } = opts;

  async function renderForm(reply: FastifyReply, frame: { action: string; title: string; agreementEditable: boolean }, values: FieldValues, errors: FieldErrors, status = 200) {
    const list = await agreements.list(actorOf(reply.request));
    return reply.render((ctx) => RoundFormPage({ ctx, ...frame, values, errors, agreements: list.map((a) => ({ id: a.id, title: `${a.title} (${a.partnerName})` })) }), status);
  }

  app.get('/rounds', { config: { access: readers } }, async (request, reply) => {
    const actor = actorOf(request);
    const list = await rounds.list(actor);
    const titles = await agreements.titlesOf(list.map((r) => r.agreementId));
    return reply.render((ctx) => RoundsPage({ ctx, rounds: list.map((r) => ({ ...r, agreementTitle: titles.get(r.agreementId) ?? '' })), canCreate: hasAnyRole(actor, staff) }));
  });

  app.get('/rounds/new', { config: { access: staff } }, async (request, reply) => {
    const agreement = (request.query as Record<string, unknown> | undefined)?.agreement;
    return renderForm(reply, { action: '/rounds', title: 'Add a round', agreementEditable: true }, { agreementId: isUuid(agreement) ? agreement : '' }, {});
  });

  app.post('/rounds', { config: { access: staff } }, async (request, reply) => {
    const form = parseForm(roundForm, request.body);
    const frame = { action: '/rounds', title: 'Add a round', agreementEditable: true };
    if (!form.ok) return renderForm(reply, frame, form.values, form.errors, 400);
    const result = await rounds.create(actorOf(request), form.data, request.ip);
    if (!result.ok) return renderForm(reply, frame, form.values, result.errors, 400);
    return reply.notice(`${result.round.name} added.`).redirect(`/rounds/${result.round.id}`, 303);
  });

  app.get('/rounds/:id', { config: { access: readers } }, async (request, reply) => {
    const actor = actorOf(request);
    const round = await rounds.get(actor, idParam(request.params));
    const [agreement, counts, asked] = await Promise.all([agreements.findById(round.agreementId), posts.statusCounts(actor, round.id), questions.forRound(round.id)]);
    const questionCount = asked.questions.length + asked.declarations.length;
    return reply.render((ctx) =>
      RoundPage({ ctx, round, agreementTitle: agreement?.title ?? '', counts, questionCount, isStaff: hasAnyRole(actor, staff), canDraftPosts: hasAnyRole(actor, ['partner_admin', 'staff', 'admin']) }),
    );
  });

  app.get('/rounds/:id/edit', { config: { access: staff } }, async (request, reply) => {
    const round = await rounds.get(actorOf(request), idParam(request.params));
    return renderForm(reply, { action: `/rounds/${round.id}`, title: `Edit ${round.name}`, agreementEditable: false }, roundValues(round), {});
  });

  app.post('/rounds/:id', { config: { access: staff } }, async (request, reply) => {
    const actor = actorOf(request);
    const round = await rounds.get(actor, idParam(request.params));
    const frame = { action: `/rounds/${round.id}`, title: `Edit ${round.name}`, agreementEditable: false };
    const form = parseForm(roundForm, { ...(request.body as object), agreementId: round.agreementId });
    if (!form.ok) return renderForm(reply, frame, form.values, form.errors, 400);
    const result = await rounds.update(actor, round.id, form.data, request.ip);
    if (!result.ok) return renderForm(reply, frame, form.values, result.errors, 400);
    return reply.notice('Round saved.').redirect(`/rounds/${round.id}`, 303);
  });

  app.post('/rounds/:id/clone', { config: { access: staff } }, async (request, reply) => {
    const clone = await posts.cloneRound(actorOf(request), idParam(request.params), request.ip);
    return reply.notice(`${clone.name} created a year later, with ${clone.postsCopied} posts copied as drafts.`).redirect(`/rounds/${clone.id}`, 303);
  });
}

