import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';

// PGlite: one migrated dump per test file, loaded into a fresh in-memory instance per test.
// PostgreSQL (TEST_DB=postgres): a fresh database per test, copied from a migrated template
// that test/run.ts prepares once.
export const TEMPLATE_DATABASE = 'outbound_test_template';

let dump: Promise<Blob> | undefined;

async function migratedDump(): Promise<Blob> {
  const client = await PGlite.create();
  const { drizzle } = await import('drizzle-orm/pglite');
  const database: Database = { db: drizzle({ client }) as unknown as Database['db'], kind: 'pglite', ping: async () => true, close: () => client.close() };
  await migrateDatabase(database);
  const blob = await client.dumpDataDir('none');
  await client.close();
  return blob;
}

export function testDatabaseKind(): 'pglite' | 'postgres' {
  return process.env.TEST_DB === 'postgres' && process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
}

function urlFor(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createTestDatabase(): Promise<Database> {
  if (testDatabaseKind() === 'pglite') {
    dump ??= migratedDump();
    return openDatabase({ memory: { loadDataDir: await dump } });
  }
  const base = process.env.TEST_DATABASE_URL ?? '';
  const name = `outbound_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ databaseUrl: urlFor(base, name) });
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: base });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

// Called once by the runner before the PostgreSQL pass.
export async function prepareTemplateDatabase(base: string): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ databaseUrl: urlFor(base, TEMPLATE_DATABASE) });
  try {
    await migrateDatabase(database);
  } finally {
    await database.close();
  }
}
