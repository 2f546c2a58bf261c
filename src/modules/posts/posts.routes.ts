import { actorOf } from '../../platform/auth/actor.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Actor } from '../../platform/auth/actor.ts';
import { idParam } from '../../platform/http/form-fields.ts';
import { parseForm } from '../../platform/http/forms.ts';
import type { FieldErrors, FieldValues } from '../../platform/views/forms.tsx';
import { postForm, returnForm } from './posts.input.ts';
import type { Post } from './posts.repo.ts';
import type { PostsService } from './posts.service.ts';
import { PostFormPage, PostManagePage, RoundPostsPage } from './views/post-manage-pages.tsx';

const staff = ['staff', 'admin'] as const;
const partnerSide = ['staff', 'admin', 'partner_admin', 'partner_reviewer'] as const;
const drafters = ['staff', 'admin', 'partner_admin'] as const;


function listOf(body: unknown, key: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[key];
  return ([] as unknown[]).concat(value ?? []).filter((v): v is string => typeof v === 'string');
}

function postValues(p: Post): { values: FieldValues; lists: { levels: string[]; sdgs: string[] } } {
  const values: FieldValues = {
    title: p.title,
    officeId: p.officeId,
    unitId: p.unitId ?? '',
    description: p.description,
    duties: p.duties,
    requiredQualifications: p.requiredQualifications,
    desirableQualifications: p.desirableQualifications,
    durationMonths: String(p.durationMonths),
    earliestStart: p.earliestStart,
    latestStart: p.latestStart,
    places: String(p.places),
    courses: p.courses.join('\n'),
    minYear: p.minYear === null ? '' : String(p.minYear),
    hasStipend: p.stipendMinor === null ? 'no' : 'yes',
    stipendAmount: p.stipendMinor === null ? '' : (p.stipendMinor / 100).toFixed(2),
    stipendCurrency: p.stipendCurrency ?? '',
    stipendPeriod: p.stipendPeriod ?? '',
    workingPattern: p.workingPattern,
    partnerReference: p.partnerReference,
  };
  p.languages.forEach((l, i) => {
    values[`language${i}`] = l.language;
    values[`languageLevel${i}`] = l.level;
  });
  return { values, lists: { levels: p.levels, sdgs: p.sdgs.map(String) } };
}

export async function postsRoutes(app: FastifyInstance, opts: { posts: PostsService }): Promise<void> {
  const { posts } = opts;

  async function renderForm(reply: FastifyReply, roundId: string, frame: { action: string; title: string }, values: FieldValues, lists: { levels: string[]; sdgs: string[] }, errors: FieldErrors, status = 200) {
    const choices = await posts.formChoices(actorOf(reply.request), roundId);
    return reply.render(
      (ctx) =>
        PostFormPage({
          ctx,
          ...frame,
          roundName: choices.round.name,
          values,
          listValues: lists,
          errors,
          offices: choices.offices,
          units: choices.units,
          durationBounds: { min: choices.agreement.minDurationMonths, max: choices.agreement.maxDurationMonths },
        }),
      status,
    );
  }

  async function renderManage(reply: FastifyReply, id: string, extra: { message?: string; returnErrors?: FieldErrors; returnValue?: string } = {}, status = 200) {
    const actor = actorOf(reply.request);
    const { post, round, ...actions } = await posts.get(actor, id);
    const history = await posts.history(actor, id);
    return reply.render((ctx) => PostManagePage({ ctx, post, roundName: round.name, history, actions, ...extra }), status);
  }

  app.get('/rounds/:id/posts', { config: { access: partnerSide } }, async (request, reply) => {
    const actor = actorOf(request);
    const roundId = idParam(request.params);
    const [{ round, posts: list, canDraft }, counts] = await Promise.all([posts.listForRound(actor, roundId), posts.statusCounts(actor, roundId)]);
    return reply.render((ctx) => RoundPostsPage({ ctx, roundId, roundName: round.name, posts: list, counts, canDraft, canExport: staff.some((r) => actor.roles.includes(r)) }));
  });

  app.get('/rounds/:id/posts.csv', { config: { access: staff } }, async (request, reply) => {
    const { filename, body } = await posts.exportCsv(actorOf(request), idParam(request.params));
    return reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${filename}"`).send(`\uFEFF${body}`);
  });

  app.get('/rounds/:id/posts/new', { config: { access: drafters } }, async (request, reply) => {
    const roundId = idParam(request.params);
    return renderForm(reply, roundId, { action: `/rounds/${roundId}/posts`, title: 'Draft a post' }, { workingPattern: 'on_site' }, { levels: [], sdgs: [] }, {});
  });

  app.post('/rounds/:id/posts', { config: { access: drafters } }, async (request, reply) => {
    const roundId = idParam(request.params);
    const frame = { action: `/rounds/${roundId}/posts`, title: 'Draft a post' };
    const lists = { levels: listOf(request.body, 'levels'), sdgs: listOf(request.body, 'sdgs') };
    const form = parseForm(postForm, request.body);
    if (!form.ok) return renderForm(reply, roundId, frame, form.values, lists, { ...(await posts.otherProblems(actorOf(request), { roundId }, form.values)), ...form.errors }, 400);
    const result = await posts.draft(actorOf(request), roundId, form.data, request.ip);
    if (!result.ok) return renderForm(reply, roundId, frame, form.values, lists, result.errors, 400);
    return reply.notice('Draft saved. Submit it for publication when it is ready.').redirect(`/manage/posts/${result.post.id}`, 303);
  });

  app.get('/manage/posts/:id', { config: { access: partnerSide } }, async (request, reply) => renderManage(reply, idParam(request.params)));

  app.get('/manage/posts/:id/edit', { config: { access: drafters } }, async (request, reply) => {
    const { post, canEdit } = await posts.get(actorOf(request), idParam(request.params));
    if (!canEdit) return renderManage(reply, post.id, { message: 'This post can no longer be changed.' }, 409);
    const { values, lists } = postValues(post);
    return renderForm(reply, post.roundId, { action: `/manage/posts/${post.id}`, title: `Edit ${post.title}` }, values, lists, {});
  });

  app.post('/manage/posts/:id', { config: { access: drafters } }, async (request, reply) => {
    const { post } = await posts.get(actorOf(request), idParam(request.params));
    const frame = { action: `/manage/posts/${post.id}`, title: `Edit ${post.title}` };
    const lists = { levels: listOf(request.body, 'levels'), sdgs: listOf(request.body, 'sdgs') };
    const form = parseForm(postForm, request.body);
    if (!form.ok) return renderForm(reply, post.roundId, frame, form.values, lists, { ...(await posts.otherProblems(actorOf(request), { postId: post.id }, form.values)), ...form.errors }, 400);
    const result = await posts.update(actorOf(request), post.id, form.data, request.ip);
    if (!result.ok) return renderForm(reply, post.roundId, frame, form.values, lists, result.errors, 400);
    return reply.notice('Post saved.').redirect(`/manage/posts/${post.id}`, 303);
  });

  const moves = [
    ['submit', drafters, (actor: Actor, id: string, ip: string) => posts.submit(actor, id, ip), 'Submitted for publication.'],
    ['publish', staff, (actor: Actor, id: string, ip: string) => posts.publish(actor, id, ip), 'Published: the post is in the catalogue.'],
    ['close', staff, (actor: Actor, id: string, ip: string) => posts.close(actor, id, ip), 'Post closed.'],
  ] as const;
  for (const [path, access, move, notice] of moves) {
    app.post(`/manage/posts/:id/${path}`, { config: { access } }, async (request, reply) => {
      const id = idParam(request.params);
      const result = await move(actorOf(request), id, request.ip);
      if (!result.ok) return renderManage(reply, id, { message: result.message }, 409);
      return reply.notice(notice).redirect(`/manage/posts/${id}`, 303);
    });
  }

  app.post('/manage/posts/:id/return', { config: { access: staff } }, async (request, reply) => {
    const id = idParam(request.params);
    const form = parseForm(returnForm, request.body);
    if (!form.ok) return renderManage(reply, id, { returnErrors: form.errors, returnValue: form.values.comment ?? '' }, 400);
    const result = await posts.returnToPartner(actorOf(request), id, form.data.comment, request.ip);
    if (!result.ok) return renderManage(reply, id, { message: result.message }, 409);
    return reply.notice('Returned to the partner with your comment.').redirect(`/manage/posts/${id}`, 303);
  });
}
