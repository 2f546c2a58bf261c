import type { FastifyReply } from 'fastify';

export interface CookieNames {
  session: string;
  csrf: string;
  notice: string;
}

// The __Host- prefix pins a cookie to this host over HTTPS with path=/ (production only).
export function cookieNames(secure: boolean): CookieNames {
  const prefix = secure ? '__Host-' : '';
  return { session: `${prefix}outbound_session`, csrf: `${prefix}outbound_csrf`, notice: `${prefix}outbound_notice` };
}

export function cookieOptions(secure: boolean, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

export function clearCookie(reply: FastifyReply, name: string, secure: boolean): void {
  reply.clearCookie(name, cookieOptions(secure));
}
