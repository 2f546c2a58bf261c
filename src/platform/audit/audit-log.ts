import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../clock.ts';
import { auditEvents } from './audit.tables.ts';

export interface AuditEntry {
  actorId?: string | null;
  actorLabel: string;
  action: string;
  subjectType?: string;
  subjectId?: string;
  ip?: string;
  // never passwords, tokens, session ids or equality data
  details?: Record<string, unknown>;
}

export interface AuditFilter {
  action?: string | undefined;
  actor?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  page: number;
  pageSize: number;
}

export type AuditEvent = typeof auditEvents.$inferSelect;

export interface AuditLog {
  record(entry: AuditEntry, exec?: Db): Promise<void>;
  list(filter: AuditFilter): Promise<{ events: AuditEvent[]; total: number }>;
  actions(): Promise<string[]>;
}

export function createAuditLog(db: Db, clock: Clock): AuditLog {
  return {
    async record(entry, exec = db) {
      await exec.insert(auditEvents).values({
        at: clock(),
        actorId: entry.actorId ?? null,
        actorLabel: entry.actorLabel,
        action: entry.action,
        subjectType: entry.subjectType ?? null,
        subjectId: entry.subjectId ?? null,
        ip: entry.ip ?? null,
        details: entry.details ?? {},
      });
    },
    async list(filter) {
      const conditions: SQL[] = [];
      if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
      if (filter.actor) {
        const pattern = `%${filter.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const match = or(ilike(auditEvents.actorLabel, pattern), ilike(auditEvents.subjectId, pattern));
        if (match) conditions.push(match);
      }
      if (filter.from) conditions.push(gte(auditEvents.at, filter.from));
      if (filter.to) conditions.push(lt(auditEvents.at, filter.to));
      const where = conditions.length > 0 ? and(...conditions) : undefined;
      const events = await db
        .select()
        .from(auditEvents)
        .where(where)
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(filter.pageSize)
        .offset((filter.page - 1) * filter.pageSize);
      const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(where);
      return { events, total: count?.n ?? 0 };
    },
    async actions() {
      const rows = await db.selectDistinct({ action: auditEvents.action }).from(auditEvents).orderBy(auditEvents.action);
      return rows.map((r) => r.action);
    },
  };
}
