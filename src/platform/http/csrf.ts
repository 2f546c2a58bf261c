import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cookieOptions, type CookieNames } from './cookies.ts';

export class CsrfError extends Error {
  readonly statusCode = 403;
  constructor() {
    super('The form could not be accepted (missing or expired security token)');
  }
}

export interface CsrfDeps {
  names: CookieNames;
  secure: boolean;
  secret: string;
}

function sign(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

// Synchroniser token bound to the session (signed in) or to a random pre-session cookie (signed out).
function expectedToken(request: FastifyRequest, deps: CsrfDeps): string | null {
  if (request.actor) return sign(deps.secret, `session:${request.actor.sessionHash}`);
  const anon = request.cookies[deps.names.csrf];
  return anon ? sign(deps.secret, `anon:${anon}`) : null;
}

export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply, deps: CsrfDeps): string {
  const existing = expectedToken(request, deps);
  if (existing) return existing;
  const anon = randomBytes(24).toString('base64url');
  request.cookies[deps.names.csrf] = anon;
  reply.setCookie(deps.names.csrf, anon, cookieOptions(deps.secure));
  return sign(deps.secret, `anon:${anon}`);
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Checked in preHandler: the body is parsed by then (it is not in onRequest).
export function installCsrfCheck(app: FastifyInstance, deps: CsrfDeps): void {
  app.addHook('preHandler', async (request) => {
    if (!UNSAFE.has(request.method)) return;
    const body = request.body as Record<string, unknown> | undefined;
    const given = typeof body?._csrf === 'string' ? body._csrf : '';
    const expected = expectedToken(request, deps);
    if (!expected || given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
      throw new CsrfError();
    }
  });
}
