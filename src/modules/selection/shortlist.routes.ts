import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf } from '../../platform/auth/actor.ts';
import { idParam } from '../../platform/http/form-fields.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { requestMeta } from '../../platform/http/request-meta.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { formatDateTime } from '../../platform/views/DateTime.tsx';
import { parseShortlistQuery, selectionForm } from './shortlist.input.ts';
import type { ShortlistChange, ShortlistService, ShortlistView } from './shortlist.service.ts';
import { ShortlistFixPage, ShortlistPage } from './views/ShortlistPages.tsx';

// the post's partner admin decides; staff read
const readers = ['staff', 'admin', 'partner_admin'] as const;
const deciders = ['partner_admin'] as const;

function problemOf(reason: Exclude<ShortlistChange, { ok: true }>['reason'], view: ShortlistView): string {
  switch (reason) {
    case 'fixed':
      return 'The shortlist of this post is fixed, so it can no longer change.';
    case 'unknown':
      return 'The list of candidates changed meanwhile (an application may have been withdrawn). Check the list and save again.';
    case 'open':
      return `Applications to ${view.round.name} are open until ${formatDateTime(view.round.applicationsCloseAt, view.round.timeZone)}, so the shortlist cannot be fixed yet: later applicants would be left out.`;
    case 'empty':
      return 'Tick at least one candidate and save the selection before fixing the shortlist.';
  }
}

export async function shortlistRoutes(app: FastifyInstance, opts: { shortlist: ShortlistService }): Promise<void> {
  const { shortlist } = opts;
  const listPath = (postId: string) => `/posts/${postId}/shortlist`;

  function renderList(reply: FastifyReply, view: ShortlistView, extra: { selected?: string[]; errors?: FieldErrors; problem?: string }, status: number) {
    return reply.render((ctx) => ShortlistPage({ ctx, view, sort: parseShortlistQuery(reply.request.query), selected: extra.selected, errors: extra.errors ?? {}, problem: extra.problem }), status);
  }

  app.get('/posts/:id/shortlist', { config: { access: readers } }, async (request, reply) => {
    const view = await shortlist.view(actorOf(request), idParam(request.params), parseShortlistQuery(request.query), requestMeta(request));
    return renderList(reply, view, {}, 200);
  });

  app.post('/posts/:id/shortlist', { config: { access: deciders } }, async (request, reply) => {
    const actor = actorOf(request);
    const postId = idParam(request.params);
    const meta = requestMeta(request);
    const form = parseForm(selectionForm, request.body);
    const again = async (status: number, extra: { selected?: string[]; errors?: FieldErrors; problem?: string }) => {
      const view = await shortlist.view(actor, postId, parseShortlistQuery(request.query), meta);
      return renderList(reply, view, extra, status);
    };
    if (!form.ok) return again(400, { errors: form.errors });
    const result = await shortlist.save(actor, postId, form.data.shortlisted, meta);
    if (!result.ok) {
      const view = await shortlist.view(actor, postId, parseShortlistQuery(request.query), meta);
      return renderList(reply, view, { selected: result.reason === 'fixed' ? undefined : form.data.shortlisted, problem: problemOf(result.reason, view) }, 409);
    }
    if (form.data.then === 'fix') return reply.redirect(`${listPath(postId)}/fix`, 303);
    return reply.notice(`Selection saved: ${result.count} ${result.count === 1 ? 'candidate' : 'candidates'} on the shortlist. It is not fixed yet.`).redirect(listPath(postId), 303);
  });

  app.get('/posts/:id/shortlist/fix', { config: { access: deciders } }, async (request, reply) => {
    const view = await shortlist.view(actorOf(request), idParam(request.params), parseShortlistQuery(undefined), requestMeta(request));
    const reason = view.fixed ? 'fixed' : !view.applicationsClosed ? 'open' : view.candidates.some((c) => c.shortlisted) ? undefined : 'empty';
    if (reason) return renderList(reply, view, { problem: problemOf(reason, view) }, 409);
    return reply.render((ctx) => ShortlistFixPage({ ctx, view }));
  });

  app.post('/posts/:id/shortlist/fix', { config: { access: deciders } }, async (request, reply) => {
    const actor = actorOf(request);
    const postId = idParam(request.params);
    const meta = requestMeta(request);
    const result = await shortlist.fix(actor, postId, meta);
    if (!result.ok) {
      const view = await shortlist.view(actor, postId, parseShortlistQuery(undefined), meta);
      return renderList(reply, view, { problem: problemOf(result.reason, view) }, 409);
    }
    return reply.notice(`Shortlist fixed: ${result.count} ${result.count === 1 ? 'candidate' : 'candidates'}. Their names and e-mail addresses are now shown.`).redirect(listPath(postId), 303);
  });
}
