import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CatalogueDetailRow, CatalogueRepo } from './catalogue.repo.ts';
import { createCatalogueService } from './catalogue.service.ts';
import { parseCatalogueQuery } from './catalogue.input.ts';

// A repo whose version reads answer only when the test says so.
function fakeRepo(rows: CatalogueDetailRow[] = []) {
  let version = 1;
  const pending: (() => void)[] = [];
  const calls = { version: 0, listPublished: 0, findPost: 0 };
  const repo = {
    version: () => {
      calls.version++;
      // the database answers as of when the read started
      const seen = version;
      return new Promise<number>((resolve) => pending.push(() => resolve(seen)));
    },
    listPublished: () => {
      calls.listPublished++;
      return Promise.resolve(rows);
    },
    findPost: (id: string) => {
      calls.findPost++;
      return Promise.resolve(rows.find((r) => r.id === id));
    },
  } as unknown as CatalogueRepo;
  return {
    repo,
    calls,
    write: () => version++,
    // answers the reads under way, and lets the service carry on
    async answer() {
      for (const resolve of pending.splice(0)) resolve();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

const now = new Date('2026-03-02T09:00:00Z');
const students = { eligibilityFacts: () => Promise.resolve(null) };
const query = parseCatalogueQuery({});

describe('the catalogue service', () => {
  test('requests arriving during a version read share the next read, which starts after they arrived', async () => {
    const fake = fakeRepo();
    const service = createCatalogueService({ repo: fake.repo, clock: () => now, students });
    const first = service.browse(null, query);
    assert.equal(fake.calls.version, 1, 'the first request starts a read');
    const during = service.browse(null, query);
    fake.write();
    // arrived after the write, while the first read is under way: it must not take that read's answer
    const late = [service.browse(null, query), service.browse(null, query)];
    assert.equal(fake.calls.version, 1, 'the later requests wait for the next read');
    await fake.answer();
    assert.equal(fake.calls.version, 2, 'one next read for all three');
    await fake.answer();
    const versions = (await Promise.all([first, during, ...late])).map((page) => page.cacheKey?.split('|')[0]);
    assert.deepEqual(versions, ['1', '2', '2', '2']);
    const after = service.browse(null, query);
    assert.equal(fake.calls.version, 3, 'a request after the reads ended starts a new one');
    await fake.answer();
    await after;
  });
});
