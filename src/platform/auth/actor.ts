// Who is making a request. platform/ knows roles only as strings; the accounts module names them.
export interface Actor {
  id: string;
  name: string;
  email: string;
  roles: readonly string[];
  organisationId: string | null;
  sessionHash: string;
  // the IANA zone the user chose to read times in; none: the site's
  timeZone?: string | null | undefined;
}

// A route's rule: who may use it. A route without one is denied to everyone.
export type Access = 'public' | 'signed-in' | readonly string[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string;
  }
}

export function hasAnyRole(actor: Actor | null, roles: readonly string[]): boolean {
  return actor !== null && actor.roles.some((role) => roles.includes(role));
}

export function isAllowed(access: Access | undefined, actor: Actor | null): boolean {
  if (access === undefined) return false;
  if (access === 'public') return true;
  if (actor === null) return false;
  if (access === 'signed-in') return true;
  return hasAnyRole(actor, access);
}

// The signed-in actor of a route whose access rule already demands one.
export function actorOf(request: { actor: Actor | null }): Actor {
  if (!request.actor) throw new Error('access rule let an anonymous request through');
  return request.actor;
}
