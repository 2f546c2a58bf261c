import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allocate, type AllocationInput } from './deferred-acceptance.ts';
import { prng, smallInstance } from './random-instances.ts';
import { packInput, packResult, toStoredResult, unpackInput, unpackResult } from './stored-runs.ts';

// what the database gives back: JSON, so a key whose value is undefined is gone
const throughJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

test('an input and a result read back from the packed form are exactly what plain JSON would give, on 2,000 random instances', () => {
  const random = prng(20261128);
  for (let i = 0; i < 2000; i++) {
    const input = smallInstance(random, { maxStudents: 9, maxPosts: 6, maxCapacity: 3, constraints: i % 2 === 0 });
    // a ranking may name a student who is not in the run (one who left): kept as it is
    const withStranger: AllocationInput = { ...input, posts: input.posts.map((p, k) => (k === 0 ? { ...p, ranking: [...p.ranking, 'gone'] } : p)) };
    assert.deepEqual(unpackInput(throughJson(packInput(withStranger))), throughJson(withStranger));
    const stored = toStoredResult(allocate(withStranger));
    assert.deepEqual(unpackResult(throughJson(packResult(stored))), throughJson(stored));
  }
});

test('absent and empty parts stay absent and empty; each id is written once', () => {
  const input: AllocationInput = {
    students: [
      { id: 'student-a', preferences: ['post-x'], withdrawn: false },
      { id: 'student-b', preferences: [], notEligibleFor: [] },
    ],
    posts: [{ id: 'post-x', capacity: 1, ranking: ['student-b', 'student-a'] }],
  };
  const packed = packInput(input);
  assert.deepEqual(packed.ids, ['student-a', 'post-x', 'student-b']);
  const back = unpackInput(throughJson(packed));
  assert.deepEqual(back, input);
  assert.ok(!('forced' in back) && !('excluded' in back));
});

test('runs stored before the packed form are read as they are', () => {
  const input: AllocationInput = { students: [{ id: 'a', preferences: ['x'] }], posts: [{ id: 'x', capacity: 1, ranking: ['a'] }], forced: [], excluded: [] };
  assert.equal(unpackInput(input), input);
  const stored = toStoredResult(allocate(input));
  assert.equal(unpackResult(stored), stored);
});
