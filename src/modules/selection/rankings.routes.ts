import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf } from '../../platform/auth/actor.ts';
import { idParam } from '../../platform/http/form-fields.ts';
import { requestMeta } from '../../platform/http/request-meta.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { parseRankingForm, type RankingEntryInput } from './rankings.input.ts';
import type { RankingsService, RankingView } from './rankings.service.ts';
import { RankingPage } from './views/RankingPages.tsx';

// the post's partner admin ranks; staff read
const readers = ['staff', 'admin', 'partner_admin'] as const;
const deciders = ['partner_admin'] as const;

const PUBLISHED = 'The allocation of this round has been published, so the ranking can no longer change.';

export async function rankingsRoutes(app: FastifyInstance, opts: { rankings: RankingsService }): Promise<void> {
  const { rankings } = opts;

  function render(reply: FastifyReply, view: RankingView, extra: { typed?: RankingEntryInput[]; errors?: FieldErrors; problem?: string }, status: number) {
    return reply.render((ctx) => RankingPage({ ctx, view, typed: extra.typed, errors: extra.errors ?? {}, problem: extra.problem }), status);
  }

  app.get('/posts/:id/ranking', { config: { access: readers } }, async (request, reply) => {
    const view = await rankings.view(actorOf(request), idParam(request.params), requestMeta(request));
    return render(reply, view, {}, 200);
  });

  app.post('/posts/:id/ranking', { config: { access: deciders } }, async (request, reply) => {
    const actor = actorOf(request);
    const postId = idParam(request.params);
    const meta = requestMeta(request);
    const form = parseRankingForm(request.body);
    if (!form.ok) return render(reply, await rankings.view(actor, postId, meta), { errors: form.errors }, 400);
    const result = await rankings.save(actor, postId, form.entries, meta);
    if (!result.ok) {
      const view = await rankings.view(actor, postId, meta);
      if (result.reason === 'published') return render(reply, view, { problem: PUBLISHED }, 409);
      return render(reply, view, { typed: form.entries, errors: result.errors }, 400);
    }
    const counts = `${result.ranked} ranked${result.notAppointable > 0 ? `, ${result.notAppointable} not appointable` : ''}`;
    return reply.notice(`Ranking saved: ${counts}.`).redirect(`/posts/${postId}/ranking`, 303);
  });
}
