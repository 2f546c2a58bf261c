import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Outbox } from '../../platform/mail/outbox.ts';
import { AuditPage, OutboxMessagePage, OutboxPage } from './views/admin-pages.tsx';

const PAGE_SIZE = 50;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((v) => !Number.isNaN(Date.parse(v)));
const auditQuery = z.object({
  action: z.string().trim().max(100).optional().catch(undefined),
  actor: z.string().trim().max(254).optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

export async function administrationRoutes(app: FastifyInstance, opts: { audit: AuditLog; outbox: Outbox; smtpConfigured: boolean }): Promise<void> {
  app.get('/admin/audit', { config: { access: ['admin'] } }, async (request, reply) => {
    const query = auditQuery.parse(request.query ?? {});
    const to = query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + 24 * 60 * 60 * 1000) : undefined;
    const [{ events, total }, actions] = await Promise.all([
      opts.audit.list({
        action: query.action || undefined,
        actor: query.actor || undefined,
        from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
        to,
        page: query.page,
        pageSize: PAGE_SIZE,
      }),
      opts.audit.actions(),
    ]);
    return reply.render((ctx) => AuditPage({ ctx, events, total, actions, query, pageSize: PAGE_SIZE }));
  });

  app.get('/admin/outbox', { config: { access: ['admin'] } }, async (request, reply) => {
    const { page } = pageQuery.parse(request.query ?? {});
    const { messages, total } = await opts.outbox.list(page, PAGE_SIZE);
    return reply.render((ctx) => OutboxPage({ ctx, messages, total, page, pageSize: PAGE_SIZE, smtpConfigured: opts.smtpConfigured }));
  });

  app.get('/admin/outbox/:id', { config: { access: ['admin'] } }, async (request, reply) => {
    const id = Number((request.params as { id: string }).id);
    const message = Number.isSafeInteger(id) && id > 0 ? await opts.outbox.findById(id) : undefined;
    if (!message) return reply.callNotFound();
    return reply.render((ctx) => OutboxMessagePage({ ctx, message }));
  });
}
