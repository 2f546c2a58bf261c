import { bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const outboxStatuses = ['queued', 'sent', 'kept', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    toAddress: text('to_address').notNull(),
    toName: text('to_name').notNull().default(''),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    status: text('status').$type<OutboxStatus>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [index('outbox_messages_created_idx').on(t.createdAt)],
);
