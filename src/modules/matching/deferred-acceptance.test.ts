import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALGORITHM_VERSION, allocate, AllocationInputError, type AllocationInput } from './deferred-acceptance.ts';

const entries = <V>(map: ReadonlyMap<string, V>) => Object.fromEntries(map);

describe('deferred acceptance', () => {
  it('gives the student-optimal matching where the post-optimal one differs', () => {
    // two stable matchings: students' favourites (a→X, b→Y) and posts' favourites (a→Y, b→X)
    const input: AllocationInput = {
      students: [
        { id: 'a', preferences: ['X', 'Y'] },
        { id: 'b', preferences: ['Y', 'X'] },
      ],
      posts: [
        { id: 'X', capacity: 1, ranking: ['b', 'a'] },
        { id: 'Y', capacity: 1, ranking: ['a', 'b'] },
      ],
    };
    const result = allocate(input);
    assert.deepEqual(entries(result.assignment), { a: 'X', b: 'Y' });
    assert.deepEqual(entries(result.choice), { a: 1, b: 1 });
    assert.equal(result.algorithmVersion, ALGORITHM_VERSION);
  });

  it('fills capacities by the partner ranking and leaves the rest unplaced', () => {
    const input: AllocationInput = {
      students: ['a', 'b', 'c', 'd'].map((id) => ({ id, preferences: ['X', 'Y'] })),
      posts: [
        { id: 'X', capacity: 2, ranking: ['d', 'c', 'b', 'a'] },
        // a is "not appointable" for Y
        { id: 'Y', capacity: 2, ranking: ['b', 'c', 'd'] },
      ],
    };
    const result = allocate(input);
    assert.deepEqual(entries(result.assignment), { a: null, b: 'Y', c: 'X', d: 'X' });
    assert.deepEqual(entries(result.placed), { X: ['d', 'c'], Y: ['b'] });
    assert.deepEqual(result.statistics, {
      students: 4,
      withdrawn: 0,
      matched: 3,
      unplaced: 1,
      matchedShare: 0.75,
      byChoice: [
        { choice: 1, count: 2, share: 0.5 },
        { choice: 2, count: 1, share: 0.25 },
      ],
      placedOutsideChoices: 0,
      places: 4,
      emptyPlaces: 1,
      postsWithEmptyPlaces: 1,
      proposals: 5,
    });
  });

  it('an evicted student moves down their list (a chain of rejections)', () => {
    const input: AllocationInput = {
      students: [
        { id: 'a', preferences: ['X', 'Y', 'Z'] },
        { id: 'b', preferences: ['X', 'Y'] },
        { id: 'c', preferences: ['Y', 'Z'] },
      ],
      posts: [
        { id: 'X', capacity: 1, ranking: ['b', 'a'] },
        { id: 'Y', capacity: 1, ranking: ['a', 'c', 'b'] },
        { id: 'Z', capacity: 1, ranking: ['a', 'c'] },
      ],
    };
    assert.deepEqual(entries(allocate(input).assignment), { a: 'Y', b: 'X', c: 'Z' });
  });

  it('applies a forced placement, using a place, and reports what was unusual', () => {
    const input: AllocationInput = {
      students: [
        { id: 'a', preferences: ['X'] },
        { id: 'b', preferences: ['X'] },
        { id: 'c', preferences: ['Y'] },
      ],
      posts: [
        { id: 'X', capacity: 1, ranking: ['a', 'b'] },
        { id: 'Y', capacity: 1, ranking: ['c'] },
      ],
      forced: [{ studentId: 'b', postId: 'X', reason: 'Disability adjustment' }],
    };
    const result = allocate(input);
    assert.deepEqual(entries(result.assignment), { a: null, b: 'X', c: 'Y' });
    assert.deepEqual([...result.forcedStudents], ['b']);
    assert.deepEqual(result.constraints, [{ kind: 'forced', studentId: 'b', postId: 'X', reason: 'Disability adjustment', applied: true, notes: [] }]);

    const unranked = allocate({ ...input, forced: [{ studentId: 'c', postId: 'X', reason: 'Visa' }] });
    assert.equal(unranked.assignment.get('c'), 'X');
    assert.equal(unranked.choice.get('c'), null);
    assert.equal(unranked.statistics.placedOutsideChoices, 1);
    assert.deepEqual(unranked.constraints[0]?.notes, ['The student did not rank this post.', 'The partner did not rank the student for this post.']);
  });

  it('applies forced placements beyond capacity and says so; refuses unknown or conflicting ones', () => {
    const result = allocate({
      students: [
        { id: 'a', preferences: ['X'] },
        { id: 'b', preferences: ['X'] },
        { id: 'c', preferences: ['X', 'Y'] },
      ],
      posts: [
        { id: 'X', capacity: 1, ranking: ['a', 'b', 'c'] },
        { id: 'Y', capacity: 1, ranking: ['c'] },
      ],
      forced: [
        { studentId: 'a', postId: 'X', reason: 'r1' },
        { studentId: 'b', postId: 'X', reason: 'r2' },
        { studentId: 'c', postId: 'X', reason: 'r3' },
        { studentId: 'c', postId: 'Y', reason: 'r4' },
        { studentId: 'ghost', postId: 'X', reason: 'r5' },
      ],
    });
    assert.deepEqual(entries(result.assignment), { a: 'X', b: 'X', c: 'Y' });
    const byReason = Object.fromEntries(result.constraints.map((c) => [c.reason, c]));
    assert.equal(byReason.r1?.applied, true);
    assert.match(byReason.r1?.notes.join(' ') ?? '', /over capacity/);
    assert.equal(byReason.r3?.applied, false);
    assert.equal(byReason.r4?.applied, false);
    assert.match(byReason.r4?.notes.join(' ') ?? '', /more than one post/);
    assert.equal(byReason.r5?.applied, false);
    assert.deepEqual(byReason.r5?.notes, ['The student is not part of this allocation.']);
    // c proposes normally: X is full of forced placements, so Y
    assert.equal(result.choice.get('c'), 2);
    assert.equal(result.statistics.emptyPlaces, 0);
  });

  it('removes excluded, withdrawn and ineligible pairs from both lists', () => {
    const input: AllocationInput = {
      students: [
        { id: 'a', preferences: ['X', 'Y'] },
        { id: 'b', preferences: ['X', 'Y'], withdrewFrom: ['X'] },
        { id: 'c', preferences: ['X', 'Y'], notEligibleFor: ['X', 'Y'] },
        { id: 'd', preferences: ['X'], withdrawn: true },
      ],
      posts: [
        { id: 'X', capacity: 2, ranking: ['d', 'c', 'b', 'a'] },
        { id: 'Y', capacity: 2, ranking: ['a', 'b', 'c'] },
      ],
      excluded: [
        { studentId: 'a', postId: 'X', reason: 'Conflict of interest' },
        { studentId: 'zed', postId: 'X', reason: 'Typo' },
      ],
    };
    const result = allocate(input);
    assert.deepEqual(entries(result.assignment), { a: 'Y', b: 'Y', c: null, d: null });
    assert.deepEqual(
      result.constraints.map((c) => [c.studentId, c.applied]),
      [
        ['a', true],
        ['zed', false],
      ],
    );
    assert.equal(result.statistics.students, 3);
    assert.equal(result.statistics.withdrawn, 1);
    assert.equal(result.statistics.emptyPlaces, 2);
  });

  it('ignores ids not in the run (a re-run without a student) and handles empty input', () => {
    const result = allocate({
      students: [{ id: 'a', preferences: ['gone', 'X'] }],
      posts: [{ id: 'X', capacity: 1, ranking: ['left', 'a'] }],
    });
    assert.deepEqual(entries(result.assignment), { a: 'X' });
    assert.equal(result.choice.get('a'), 2);
    const empty = allocate({ students: [], posts: [] });
    assert.equal(empty.assignment.size, 0);
    assert.equal(empty.statistics.matchedShare, 0);
  });

  it('gives the result as read-only maps by id, in id order, whatever the input order', () => {
    const result = allocate({
      students: [
        { id: 'c', preferences: ['Y'] },
        { id: 'a', preferences: ['X', 'Y'] },
        { id: 'b', preferences: ['X'] },
      ],
      posts: [
        { id: 'Y', capacity: 2, ranking: ['c', 'a'] },
        { id: 'X', capacity: 1, ranking: ['b', 'a'] },
      ],
    });
    const { assignment, choice, placed } = result;
    assert.equal(assignment.size, 3);
    assert.deepEqual([...assignment.keys()], ['a', 'b', 'c']);
    assert.deepEqual([...assignment.values()], ['Y', 'X', 'Y']);
    assert.deepEqual([...assignment.entries()], [...assignment]);
    assert.equal(assignment.get('nobody'), undefined);
    assert.equal(assignment.has('nobody'), false);
    assert.equal(assignment.has('a'), true);
    const seen: string[] = [];
    choice.forEach((value, key, map) => {
      assert.equal(map, choice);
      seen.push(`${key}:${value}`);
    });
    assert.deepEqual(seen, ['a:2', 'b:1', 'c:1']);
    assert.deepEqual([...placed], [
      ['X', ['b']],
      ['Y', ['c', 'a']],
    ]);
    // the same list each time it is read
    assert.equal(placed.get('Y'), placed.get('Y'));
    assert.equal(placed.get('Z'), undefined);
  });

  it('refuses ambiguous input', () => {
    const post = { id: 'X', capacity: 1, ranking: ['a'] };
    assert.throws(() => allocate({ students: [{ id: 'a', preferences: ['X', 'X'] }], posts: [post] }), AllocationInputError);
    assert.throws(() => allocate({ students: [{ id: 'a', preferences: [] }], posts: [{ ...post, ranking: ['a', 'a'] }] }), AllocationInputError);
    assert.throws(() => allocate({ students: [{ id: 'a', preferences: [] }], posts: [post, post] }), AllocationInputError);
    assert.throws(
      () =>
        allocate({
          students: [
            { id: 'a', preferences: [] },
            { id: 'a', preferences: [] },
          ],
          posts: [],
        }),
      AllocationInputError,
    );
    assert.throws(() => allocate({ students: [], posts: [{ ...post, capacity: -1 }] }), AllocationInputError);
    assert.throws(() => allocate({ students: [], posts: [{ ...post, capacity: 1.5 }] }), AllocationInputError);
  });
});
