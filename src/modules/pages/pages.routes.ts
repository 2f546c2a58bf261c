import type { FastifyInstance } from 'fastify';
import { AccessibilityPage, ContactPage, HomePage, PrivacyPage } from './views/static-pages.tsx';

export async function pagesRoutes(app: FastifyInstance, opts: { ping: () => Promise<boolean>; databaseKind: string }): Promise<void> {
  app.get('/', { config: { access: 'public' } }, async (_request, reply) => reply.render((ctx) => HomePage({ ctx })));
  app.get('/contact', { config: { access: 'public' } }, async (_request, reply) => reply.render((ctx) => ContactPage({ ctx })));
  app.get('/accessibility', { config: { access: 'public' } }, async (_request, reply) => reply.render((ctx) => AccessibilityPage({ ctx })));
  app.get('/privacy', { config: { access: 'public' } }, async (_request, reply) => reply.render((ctx) => PrivacyPage({ ctx })));

  app.get('/healthz', { config: { access: 'public' }, logLevel: 'warn' }, async (_request, reply) => {
    const reachable = await opts.ping();
    return reply
      .code(reachable ? 200 : 503)
      .header('Cache-Control', 'no-store')
      .send({ status: reachable ? 'ok' : 'unavailable', database: { kind: opts.databaseKind, reachable } });
  });
}
