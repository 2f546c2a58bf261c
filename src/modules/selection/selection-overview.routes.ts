import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/auth/actor.ts';
import { idParam } from '../../platform/http/form-fields.ts';
import { requestMeta } from '../../platform/http/request-meta.ts';
import type { SelectionOverviewService } from './selection-overview.service.ts';
import { PostSelectionPage, SelectionOverviewPage } from './views/SelectionOverviewPages.tsx';

// Staff read how selection goes; partners and students have their own pages.
const staff = ['staff', 'admin'] as const;

export async function selectionOverviewRoutes(app: FastifyInstance, opts: { selectionOverview: SelectionOverviewService }): Promise<void> {
  const { selectionOverview } = opts;

  app.get('/rounds/:id/selection/overview', { config: { access: staff } }, async (request, reply) => {
    const view = await selectionOverview.overview(actorOf(request), idParam(request.params), requestMeta(request));
    return reply.render((ctx) => SelectionOverviewPage({ ctx, view }));
  });

  app.get('/rounds/:id/selection/posts/:postId', { config: { access: staff } }, async (request, reply) => {
    const view = await selectionOverview.post(actorOf(request), idParam(request.params), idParam(request.params, 'postId'), requestMeta(request));
    return reply.render((ctx) => PostSelectionPage({ ctx, view }));
  });
}
