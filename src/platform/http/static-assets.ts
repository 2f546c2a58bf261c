import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

// The few small files in public/ are read once and served from memory with an ETag.
export async function staticAssets(app: FastifyInstance, opts: { dir: string; generated?: Record<string, () => string> }): Promise<void> {
  const files = new Map<string, { body: Buffer; type: string; etag: string }>();
  const asset = (name: string, body: Buffer) => ({ body, type: types[path.extname(name)] ?? 'application/octet-stream', etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` });
  for (const name of readdirSync(opts.dir)) {
    const type = types[path.extname(name)];
    if (!type) continue;
    const body = readFileSync(path.join(opts.dir, name));
    files.set(name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` });
  }
  app.get('/assets/:name', { config: { access: 'public' }, logLevel: 'warn' }, async (request, reply) => {
    const name = (request.params as { name: string }).name;
    // assets drawn by the app itself are made at their first request, then kept
    const make = opts.generated && Object.hasOwn(opts.generated, name) ? opts.generated[name] : undefined;
    if (!files.has(name) && make) files.set(name, asset(name, Buffer.from(make())));
    const file = files.get(name);
    if (!file) return reply.callNotFound();
    reply.header('ETag', file.etag).header('Cache-Control', 'public, max-age=3600');
    if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
    return reply.type(file.type).send(file.body);
  });
}
