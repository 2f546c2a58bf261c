import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCountReader } from './helpers/test-counts.ts';

test('the counts are read even when a long report of failing tests follows them, across chunk boundaries', () => {
  const reader = createCountReader();
  const report = ['✔ a (1ms)', 'ℹ tests 16', 'ℹ pass 15', 'ℹ fail 1', 'ℹ cancelled 2', 'ℹ skipped 0', 'ℹ duration_ms 14823', '', '✖ failing tests:', 'x'.repeat(20_000), ''].join('\n');
  for (let i = 0; i < report.length; i += 7) reader.feed(report.slice(i, i + 7));
  assert.deepEqual(reader.counts(), { pass: 15, fail: 1, cancelled: 2, skipped: 0 });
});

test('a count in the middle of another line is not read', () => {
  const reader = createCountReader();
  reader.feed('  AssertionError: expected ℹ pass 99\nℹ pass 3');
  assert.equal(reader.counts().pass, 3);
});
