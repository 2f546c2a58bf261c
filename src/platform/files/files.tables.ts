import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// One row per stored file; the bytes live in the FileStore under storage_key.
export const storedFiles = pgTable(
  'stored_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storageKey: text('storage_key').notNull().unique(),
    // sanitised, at most 200 characters; only ever shown or sent as a download name
    originalName: text('original_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    // no foreign key: platform/ knows no users table
    createdBy: uuid('created_by'),
  },
  (t) => [index('stored_files_created_idx').on(t.createdAt)],
);
