import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorPage } from '../views/ErrorPage.tsx';
import { CsrfError } from './csrf.ts';

interface Explained {
  title: string;
  message: string;
}

const explanations: Record<number, Explained> = {
  400: { title: 'The request could not be read', message: 'Something in what was sent could not be understood. Go back and try again.' },
  403: { title: 'You cannot do that', message: 'Your account does not have permission to see this page or do this action.' },
  404: { title: 'Page not found', message: 'If you typed the web address, check it is correct. If you followed a link, it may be out of date.' },
  413: { title: 'What you sent is too large', message: 'Go back and send less, or a smaller file.' },
  415: { title: 'The request could not be read', message: 'The form was sent in a way this page does not accept.' },
  429: { title: 'Too many attempts', message: 'Wait a few minutes, then try again.' },
  500: { title: 'Sorry, there is a problem with the service', message: 'Something went wrong on our side. Try again later.' },
};

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/healthz') || (request.headers.accept ?? '').startsWith('application/json');
}

export function sendError(request: FastifyRequest, reply: FastifyReply, status: number, override?: Partial<Explained>): FastifyReply {
  const explained = { ...(explanations[status] ?? explanations[500]), ...override } as Explained;
  if (wantsJson(request)) return reply.code(status).send({ error: explained.title });
  return reply.render(
    (ctx) => ErrorPage({ ctx, status, ...explained, ...(status >= 500 ? { requestId: request.id } : {}) }),
    status,
  );
}

export function installErrorPages(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => sendError(request, reply, 404));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 401 && request.method === 'GET') {
      return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`);
    }
    if (status === 401) return sendError(request, reply, 403, { message: 'Sign in to do this.' });
    if (status >= 500) {
      request.log.error({ err: error, reqId: request.id }, 'unexpected error');
      return sendError(request, reply, 500);
    }
    if (error instanceof CsrfError) {
      return sendError(request, reply, 403, {
        title: 'The form had expired',
        message: 'For your security the form could not be accepted. Go back, reload the page and try again.',
      });
    }
    return sendError(request, reply, explanations[status] ? status : 400);
  });
}
