import type { FastifyInstance } from 'fastify';
import { idParam } from '../../platform/http/form-fields.ts';
import { createCataloguePages } from './catalogue-pages.ts';
import { parseCatalogueQuery } from './catalogue.input.ts';
import type { CatalogueService } from './catalogue.service.ts';
import { CataloguePage } from './views/CataloguePage.tsx';
import { CataloguePostPage } from './views/CataloguePostPage.tsx';

export interface CatalogueRoutesOptions {
  catalogue: CatalogueService;
}

// The public catalogue: open to everyone, the same for every viewer except eligibility.
export async function catalogueRoutes(app: FastifyInstance, opts: CatalogueRoutesOptions): Promise<void> {
  const { catalogue } = opts;
  const pages = createCataloguePages();

  app.get('/posts', { config: { access: 'public' } }, async (request, reply) => {
    const result = await catalogue.browse(request.actor, parseCatalogueQuery(request.query));
    return reply.renderShared(result.cacheKey, (ctx) => CataloguePage({ ctx, result, parts: pages.listParts(result, ctx.timeZone) }));
  });

  app.get('/posts/:id', { config: { access: 'public' } }, async (request, reply) => {
    const page = await catalogue.findPost(request.actor, idParam(request.params));
    return reply.render((ctx) => CataloguePostPage({ ctx, page, parts: pages.postParts(page, ctx.timeZone) }));
  });
}
