import type { FastifyInstance } from 'fastify';
import type { Actor } from '../auth/actor.ts';
import { clearCookie, type CookieNames } from './cookies.ts';

export type ResolveSession = (rawSessionId: string, request: { ip: string; url: string }) => Promise<Actor | null>;

// Loads the signed-in user from the session cookie before access rules run.
export function installSessions(app: FastifyInstance, deps: { names: CookieNames; secure: boolean; resolve: ResolveSession }): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request, reply) => {
    const raw = request.cookies[deps.names.session];
    if (!raw) return;
    const actor = await deps.resolve(raw, { ip: request.ip, url: request.url });
    if (actor) {
      request.actor = actor;
    } else {
      clearCookie(reply, deps.names.session, deps.secure);
    }
  });
}
