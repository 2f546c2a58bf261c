import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createTestClock } from '../../../test/helpers/test-clock.ts';
import { createTestDatabase } from '../../../test/helpers/test-database.ts';
import type { Database } from '../../db/client.ts';
import { backoffMs, createJobQueue } from './job-queue.ts';
import { jobs } from './jobs.tables.ts';

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());

const quiet = () => {};

test('a due job runs once; a job due later waits for its time', async () => {
  const clock = createTestClock();
  const queue = createJobQueue(database.db, clock.now, quiet);
  const seen: unknown[] = [];
  queue.handle('test.now', async (payload) => {
    seen.push(payload.n);
  });
  await queue.enqueue(database.db, 'test.now', { n: 1 });
  await queue.enqueue(database.db, 'test.now', { n: 2 }, new Date(clock.now().getTime() + 60_000));
  assert.equal(await queue.runDue(), 1);
  assert.deepEqual(seen, [1]);
  assert.equal(await queue.runDue(), 0);
  clock.advance(60_000);
  assert.equal(await queue.runDue(), 1);
  assert.deepEqual(seen, [1, 2]);
});

test('a failing job is retried with growing back-off, then marked failed with its error', async () => {
  const clock = createTestClock();
  const queue = createJobQueue(database.db, clock.now, quiet);
  let calls = 0;
  queue.handle('test.flaky', async () => {
    calls++;
    throw new Error(`attempt ${calls} failed`);
  });
  const id = await queue.enqueue(database.db, 'test.flaky', {});
  await queue.runDue();
  assert.equal(calls, 1);
  clock.advance(backoffMs(1) - 1000);
  assert.equal(await queue.runDue(), 0, 'not before the back-off');
  clock.advance(1000);
  await queue.runDue();
  assert.equal(calls, 2);
  assert.ok(backoffMs(2) > backoffMs(1));
  for (let attempt = 3; attempt <= 6; attempt++) {
    clock.advance(backoffMs(attempt - 1));
    await queue.runDue();
  }
  assert.equal(calls, 6);
  const [row] = await database.db.select().from(jobs).where(eq(jobs.id, id));
  assert.equal(row?.status, 'failed');
  assert.equal(row?.lastError, 'attempt 6 failed');
  clock.advance(24 * 60 * 60 * 1000);
  await queue.runDue();
  assert.equal(calls, 6, 'a failed job is not run again');
});

test('a job queued before a restart runs after it (another queue on the same database)', async () => {
  const clock = createTestClock();
  const before = createJobQueue(database.db, clock.now, quiet);
  await before.enqueue(database.db, 'test.survivor', { note: 'kept' });
  await before.stop();
  const afterRestart = createJobQueue(database.db, clock.now, quiet);
  const seen: unknown[] = [];
  afterRestart.handle('test.survivor', async (payload) => {
    seen.push(payload.note);
  });
  await afterRestart.runDue();
  assert.deepEqual(seen, ['kept']);
});

test('a job left running by a dead worker is handed back after ten minutes', async () => {
  const clock = createTestClock();
  const queue = createJobQueue(database.db, clock.now, quiet);
  const id = await queue.enqueue(database.db, 'test.orphan', {});
  await database.db.update(jobs).set({ status: 'running', lockedAt: clock.now(), lockedBy: 'dead-worker' }).where(eq(jobs.id, id));
  let ran = 0;
  queue.handle('test.orphan', async () => {
    ran++;
  });
  await queue.runDue();
  assert.equal(ran, 0);
  clock.advance(11 * 60 * 1000);
  await queue.runDue();
  assert.equal(ran, 1);
});

test('two workers never take the same job (FOR UPDATE SKIP LOCKED)', async () => {
  const clock = createTestClock();
  const a = createJobQueue(database.db, clock.now, quiet);
  const b = createJobQueue(database.db, clock.now, quiet);
  const taken: string[] = [];
  for (const [name, queue] of [['a', a], ['b', b]] as const) {
    queue.handle('test.shared', async (payload) => {
      taken.push(`${name}:${String(payload.n)}`);
    });
  }
  for (let n = 0; n < 20; n++) await a.enqueue(database.db, 'test.shared', { n });
  await Promise.all([a.runDue(), b.runDue()]);
  const numbers = taken.map((entry) => entry.split(':')[1]).sort();
  assert.equal(numbers.length, 20);
  assert.equal(new Set(numbers).size, 20, 'each job ran exactly once');
});
