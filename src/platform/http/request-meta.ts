import type { FastifyRequest } from 'fastify';

export function requestMeta(request: FastifyRequest): { ip: string; userAgent: string } {
  return { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '').slice(0, 300) };
}

// Only paths on this site: no scheme, no protocol-relative "//" or "/\" (open redirect).
export function safeLocalPath(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return /[\u0000-\u001f]/.test(next) ? fallback : next;
}
