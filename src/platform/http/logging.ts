import type { FastifyServerOptions } from 'fastify';

// Paths that carry a secret token in the URL; the token never reaches the log.
const SECRET_PATH = /^(\/(?:verify-email|reset-password|invitations))\/[^/?#]+/;

export function redactUrl(url: string): string {
  const [pathPart = '', query] = url.split('?', 2);
  const path = pathPart.replace(SECRET_PATH, '$1/[redacted]');
  return query === undefined ? path : `${path}?[query]`;
}

export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    // no cookies, no authorisation headers, no bodies, no tokens in paths
    serializers: {
      req(request: { method: string; url: string; ip?: string; id?: string }) {
        return { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip, reqId: request.id };
      },
      res(reply: { statusCode: number }) {
        return { statusCode: reply.statusCode };
      },
    },
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'password', '*.password', 'token', '*.token'], censor: '[redacted]' },
  };
}
