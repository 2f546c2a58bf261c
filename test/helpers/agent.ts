import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

// A cookie-keeping client over app.inject, posting forms the way a browser would.
export class TestAgent {
  readonly cookies = new Map<string, string>();
  lastHtml = '';

  constructor(
    private readonly app: FastifyInstance,
    private readonly ip = '203.0.113.7',
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = cookie.value === '' || cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() < Date.now());
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    if (String(response.headers['content-type'] ?? '').startsWith('text/html')) this.lastHtml = response.body;
    return response;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.keep(await this.app.inject({ method: 'GET', url, remoteAddress: this.ip, headers: { cookie: this.cookieHeader(), ...headers } }));
  }

  // the form's CSRF token, read from a page that has a form
  async csrfToken(from = '/forgot-password'): Promise<string> {
    const page = await this.get(from);
    const match = /name="_csrf" value="([^"]+)"/.exec(page.body);
    if (!match?.[1]) throw new Error(`No CSRF token on ${from} (status ${page.statusCode})`);
    return match[1];
  }

  async post(url: string, fields: Record<string, string | string[]>, options: { csrf?: string | false } = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    const token = options.csrf === undefined ? await this.csrfToken() : options.csrf;
    if (token !== false) body.append('_csrf', token);
    for (const [key, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
    }
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        remoteAddress: this.ip,
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      }),
    );
  }

  // a multipart form with an optional file, with the CSRF token added as post() adds it
  async postMultipart(
    url: string,
    fields: Record<string, string | string[]>,
    file?: MultipartFilePart,
    options: { csrf?: string | false } = {},
  ): Promise<LightMyRequestResponse> {
    const token = options.csrf === undefined ? await this.csrfToken() : options.csrf;
    const { payload, contentType } = await multipartBody(token === false ? fields : { _csrf: token, ...fields }, file);
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        remoteAddress: this.ip,
        headers: { cookie: this.cookieHeader(), 'content-type': contentType },
        payload,
      }),
    );
  }
}

export interface MultipartFilePart {
  field: string;
  name: string;
  content: Uint8Array;
  type?: string;
}

// A multipart/form-data body as a browser builds it (fields first, then the file), as bytes and content type.
export async function multipartBody(fields: Record<string, string | string[]>, file?: MultipartFilePart): Promise<{ payload: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
  }
  if (file) form.append(file.field, new Blob([new Uint8Array(file.content)], { type: file.type ?? 'application/octet-stream' }), file.name);
  const encoded = new Response(form);
  const contentType = encoded.headers.get('content-type');
  if (!contentType) throw new Error('FormData gave no content type');
  return { payload: Buffer.from(await encoded.arrayBuffer()), contentType };
}

// Text of an HTML page without tags, with whitespace squashed: for asserting what a person reads.
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
