import type { FastifyInstance } from 'fastify';
import { isAllowed, type Access } from './actor.ts';

export interface RouteRule {
  method: string;
  url: string;
  access: Access | undefined;
}

export class ForbiddenError extends Error {
  readonly statusCode = 403;
  constructor() {
    super('Forbidden');
  }
}

export class SignInRequiredError extends Error {
  readonly statusCode = 401;
  constructor() {
    super('Sign-in required');
  }
}

// Deny by default: every route declares config.access; the inventory lets a test prove it.
export function installAccessRules(app: FastifyInstance): RouteRule[] {
  const inventory: RouteRule[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = (route.config as { access?: Access } | undefined)?.access;
    for (const method of methods) inventory.push({ method: String(method), url: route.url, access });
  });
  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    const access = request.routeOptions.config.access;
    if (isAllowed(access, request.actor)) return;
    if (request.actor === null && access !== undefined) throw new SignInRequiredError();
    throw new ForbiddenError();
  });
  return inventory;
}
