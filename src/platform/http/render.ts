import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Actor } from '../auth/actor.ts';
import { createLru } from '../cache/lru.ts';
import type { NavLink, PageContext, Site } from '../views/page-context.ts';
import { cookieOptions, type CookieNames } from './cookies.ts';
import { csrfTokenFor, type CsrfDeps } from './csrf.ts';

export type View = (ctx: PageContext) => VNode;

declare module 'fastify' {
  interface FastifyReply {
    render(view: View, status?: number): FastifyReply;
    // a page that is the same for every signed-out visitor for a given key (undefined: not shareable)
    renderShared(key: string | undefined, view: View): FastifyReply;
    notice(text: string): FastifyReply;
  }
}

export interface RenderDeps {
  site: Site;
  navigation: (actor: Actor | null) => NavLink[];
  names: CookieNames;
  secure: boolean;
  csrf: CsrfDeps;
  timeZone: string;
}

export function renderHtml(vnode: VNode): string {
  return `<!doctype html>${renderToString(vnode)}`;
}

function takeNotice(request: FastifyRequest, reply: FastifyReply, deps: RenderDeps): string | null {
  const raw = request.cookies[deps.names.notice];
  if (!raw) return null;
  reply.clearCookie(deps.names.notice, cookieOptions(deps.secure));
  // signed, so nobody can make the site say something it did not say
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid ? unsigned.value : null;
}

export function pageContext(request: FastifyRequest, reply: FastifyReply, deps: RenderDeps): PageContext {
  return {
    site: deps.site,
    actor: request.actor ? { name: request.actor.name, roles: request.actor.roles } : null,
    csrfToken: csrfTokenFor(request, reply, deps.csrf),
    path: request.url,
    notice: takeNotice(request, reply, deps),
    nav: deps.navigation(request.actor),
    timeZone: request.actor?.timeZone ?? deps.timeZone,
  };
}

const SHARED_PAGES = 200;

export function installRendering(app: FastifyInstance, deps: RenderDeps): void {
  const shared = createLru<Buffer>(SHARED_PAGES);
  app.decorateReply('render', function render(this: FastifyReply, view: View, status = 200) {
    // one UTF-8 encoding: a string would be measured (Buffer.byteLength) and then encoded again
    const html = Buffer.from(renderHtml(view(pageContext(this.request, this, deps))));
    return this.code(status).type('text/html; charset=utf-8').send(html);
  });
  // Signed-out visitors of a public page all see the same bytes: nothing in the page is theirs
  // (no name, no form token, no one-time notice), so the encoded page is kept by the caller's key.
  app.decorateReply('renderShared', function renderShared(this: FastifyReply, key: string | undefined, view: View) {
    const request = this.request;
    const anonymous = request.actor === null && !request.cookies[deps.names.notice];
    if (key === undefined || !anonymous) return this.render(view);
    const cacheKey = `${request.url}|${key}`;
    let html = shared.get(cacheKey);
    if (!html) {
      html = Buffer.from(renderHtml(view(pageContext(request, this, deps))));
      shared.set(cacheKey, html);
    }
    return this.code(200).type('text/html; charset=utf-8').send(html);
  });
  app.decorateReply('notice', function notice(this: FastifyReply, text: string) {
    return this.setCookie(deps.names.notice, text.slice(0, 300), { ...cookieOptions(deps.secure), signed: true });
  });
}
