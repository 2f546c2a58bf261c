import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { openPgliteThread } from './pglite-thread.ts';

// One type for both drivers: repos see a PostgreSQL-dialect database and nothing else.
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  // an in-memory PGlite, optionally loaded from a dump (tests)
  memory?: { loadDataDir?: Blob } | undefined;
}

function wrap(db: Db, kind: Database['kind'], close: () => Promise<void>): Database {
  let closed = false;
  return {
    db,
    kind,
    async ping() {
      if (closed) return false;
      try {
        await db.execute(sql`select 1`);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await close();
    },
  };
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // an idle client losing its connection must not crash the process
    pool.on('error', () => {});
    const db = drizzlePg({ client: pool }) as unknown as Db;
    return wrap(db, 'postgres', () => pool.end());
  }
  if (options.memory) {
    const client = await PGlite.create(options.memory.loadDataDir ? { loadDataDir: options.memory.loadDataDir } : {});
    return wrap(drizzlePglite({ client }) as unknown as Db, 'pglite', () => client.close());
  }
  if (!options.dataDir) throw new Error('A data directory or a DATABASE_URL is needed.');
  mkdirSync(options.dataDir, { recursive: true });
  const lock: DataDirLock = acquireDataDirLock(options.dataDir);
  try {
    // on its own thread (docs/decisions/0008)
    const client = await openPgliteThread(path.join(options.dataDir, 'pgdata'));
    return wrap(drizzlePglite({ client: client as unknown as PGlite }) as unknown as Db, 'pglite', async () => {
      try {
        await client.close();
      } finally {
        lock.release();
      }
    });
  } catch (error) {
    lock.release();
    throw error;
  }
}
