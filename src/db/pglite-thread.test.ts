// The embedded database on its own thread (docs/decisions/0008), through Drizzle as the app uses it:
// results, errors with their PostgreSQL fields, transactions that commit whole or not at all,
// statements of other callers kept out of an open transaction, and the thread's end.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql, type SQL } from 'drizzle-orm';
import { openDatabase, type Database } from './client.ts';
import { isUniqueViolation } from './errors.ts';
import { openPgliteThread } from './pglite-thread.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'outbound-pglite-thread-'));
  dirs.push(dir);
  return dir;
}

// one data directory for the tests that need only a fresh table (a new directory takes seconds)
let shared: Database;
before(async () => {
  shared = await openDatabase({ dataDir: tempDir() });
});
after(async () => {
  await shared.close();
});

async function withTable(work: (database: Database) => Promise<void>): Promise<void> {
  await shared.db.execute(sql`drop table if exists notes`);
  await shared.db.execute(sql`create table notes (id int primary key, body text not null, at timestamptz not null default now())`);
  await work(shared);
}

// the rows of a raw statement (Drizzle types them per driver; both drivers answer { rows })
async function rows<T>(database: Database, statement: SQL): Promise<T[]> {
  const result = (await database.db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

async function count(database: Database): Promise<number> {
  const [row] = await rows<{ n: number }>(database, sql`select count(*)::int as n from notes`);
  return row?.n ?? -1;
}

describe('the embedded database on its own thread', () => {
  it('answers queries through Drizzle, with timestamps read as text as Drizzle expects', async () => {
    await withTable(async (database) => {
      await database.db.execute(sql`insert into notes (id, body, at) values (1, 'first', '2026-11-28T10:00:00Z')`);
      assert.deepEqual(await rows(database, sql`select id, body, at from notes`), [{ id: 1, body: 'first', at: '2026-11-28 10:00:00+00' }]);
      assert.equal(await database.ping(), true);
    });
  });

  it('keeps a refused statement\'s PostgreSQL code and constraint, so a duplicate is recognised', async () => {
    await withTable(async (database) => {
      await database.db.execute(sql`insert into notes (id, body) values (1, 'first')`);
      const error = await database.db.execute(sql`insert into notes (id, body) values (1, 'again')`).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error, 'the duplicate was refused');
      assert.equal(isUniqueViolation(error), true);
      const cause = (error as { cause?: { code?: string; constraint?: string } }).cause;
      assert.equal(cause?.constraint, 'notes_pkey');
    });
  });

  it('commits a transaction whole, and leaves nothing of one whose work fails', async () => {
    await withTable(async (database) => {
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into notes (id, body) values (1, 'one')`);
        await tx.execute(sql`insert into notes (id, body) values (2, 'two')`);
      });
      assert.equal(await count(database), 2);

      await assert.rejects(
        database.db.transaction(async (tx) => {
          await tx.execute(sql`insert into notes (id, body) values (3, 'three')`);
          throw new Error('the work failed');
        }),
        /the work failed/,
      );
      await assert.rejects(
        database.db.transaction(async (tx) => {
          await tx.execute(sql`insert into notes (id, body) values (4, 'four')`);
          await tx.execute(sql`insert into notes (id, body) values (1, 'duplicate')`);
        }),
        (error: unknown) => isUniqueViolation(error),
      );
      // the first statement of a transaction fails (it is sent before BEGIN is answered)
      await assert.rejects(
        database.db.transaction(async (tx) => {
          await tx.execute(sql`insert into notes (id, body) values (1, 'duplicate first')`);
        }),
        (error: unknown) => isUniqueViolation(error),
      );
      assert.equal(await count(database), 2);
    });
  });

  it('runs statements sent at once in one transaction in the order they were sent', async () => {
    await withTable(async (database) => {
      await database.db.transaction(async (tx) => {
        await Promise.all([1, 2, 3, 4, 5].map((id) => tx.execute(sql`insert into notes (id, body) values (${id}, ${`note ${id}`})`)));
        await Promise.all([tx.execute(sql`update notes set body = 'changed' where id = 3`), tx.execute(sql`delete from notes where body = 'changed'`)]);
      });
      const ids = await rows<{ id: number }>(database, sql`select id from notes order by id`);
      assert.deepEqual(
        ids.map((r) => r.id),
        [1, 2, 4, 5],
      );
    });
  });

  it('keeps other callers\' statements out of an open transaction until it ends', async () => {
    await withTable(async (database) => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let inserted!: () => void;
      const insertedOne = new Promise<void>((resolve) => (inserted = resolve));
      const transaction = database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into notes (id, body) values (1, 'inside')`);
        inserted();
        await held;
        await tx.execute(sql`insert into notes (id, body) values (2, 'inside too')`);
      });
      await insertedOne;
      // asked while the transaction is open: answered after it, and sees all of it
      const outside = count(database);
      const first = await Promise.race([outside.then(() => 'outside answered'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 200))]);
      assert.equal(first, 'still waiting');
      release();
      await transaction;
      assert.equal(await outside, 2);
    });
  });

  it('keeps what was committed when the directory is opened again', async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir });
    await first.db.execute(sql`create table notes (id int primary key, body text not null)`);
    await first.db.transaction(async (tx) => {
      await tx.execute(sql`insert into notes (id, body) values (1, 'kept')`);
    });
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    try {
      assert.deepEqual(await rows(again, sql`select body from notes`), [{ body: 'kept' }]);
    } finally {
      await again.close();
    }
  });

  it('refuses queries once closed, with a message instead of hanging', async () => {
    const dir = tempDir();
    const thread = await openPgliteThread(path.join(dir, 'pgdata'));
    assert.deepEqual((await thread.query('select 1 as one')).rows, [{ one: 1 }]);
    await thread.close();
    await assert.rejects(thread.query('select 1'), /embedded database's thread stopped/);
  });

  it('reports a data directory it cannot open, and stops its thread', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'not-a-directory');
    writeFileSync(file, 'x');
    await assert.rejects(openPgliteThread(file));
  });
});
