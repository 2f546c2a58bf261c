import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSdg, sdgLabel, sdgs } from './sdgs.ts';

test('the 17 goals, numbered 1 to 17 in order, each named once', () => {
  assert.equal(sdgs.length, 17);
  assert.deepEqual(
    sdgs.map((g) => g.number),
    Array.from({ length: 17 }, (_, i) => i + 1),
  );
  assert.equal(new Set(sdgs.map((g) => g.name)).size, 17);
  assert.equal(sdgLabel(1), 'Goal 1: No poverty');
  assert.equal(sdgLabel(5), 'Goal 5: Gender equality');
  assert.equal(sdgLabel(16), 'Goal 16: Peace, justice and strong institutions');
  assert.equal(sdgLabel(17), 'Goal 17: Partnerships for the goals');
});

test('only whole numbers 1–17 are goals', () => {
  for (const n of [1, 9, 17]) assert.ok(isSdg(n), String(n));
  for (const n of [0, 18, -1, 2.5, Number.NaN]) assert.ok(!isSdg(n), String(n));
  assert.equal(sdgLabel(18), 'Goal 18 (unknown)');
});
