import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocate, type AllocationInput } from './deferred-acceptance.ts';
import { AllocationExplainer, explainPosts, explainStudents, ordinal } from './explanations.ts';

function explainer(input: AllocationInput): AllocationExplainer {
  return new AllocationExplainer(input, allocate(input));
}

describe('student explanations', () => {
  it('explains each post ranked above the one they got, in their order', () => {
    const input: AllocationInput = {
      students: [
        { id: 'ana', preferences: ['X', 'N', 'E', 'Y', 'Z'], notEligibleFor: ['E'] },
        { id: 'ben', preferences: ['X'] },
      ],
      posts: [
        { id: 'X', capacity: 1, ranking: ['ben', 'ana'] },
        { id: 'N', capacity: 1, ranking: ['ben'] },
        { id: 'E', capacity: 1, ranking: ['ana'] },
        { id: 'Y', capacity: 0, ranking: ['ana'] },
        { id: 'Z', capacity: 1, ranking: ['ana'] },
      ],
    };
    const e = explainer(input).student('ana');
    assert.equal(e.postId, 'Z');
    assert.equal(e.choice, 5);
    assert.equal(e.summary, 'You were placed in your 5th choice.');
    assert.deepEqual(
      e.higherChoices.map((c) => [c.postId, c.choice, c.reason, c.text]),
      [
        ['X', 1, 'places-filled', 'All places went to candidates the partner ranked higher.'],
        ['N', 2, 'not-ranked', 'The partner did not rank you for this post.'],
        ['E', 3, 'not-eligible', 'You were not eligible for this post.'],
        ['Y', 4, 'no-places', 'This post had no places in this allocation.'],
      ],
    );
    const ben = explainer(input).student('ben');
    assert.deepEqual(ben.higherChoices, []);
    assert.equal(ben.summary, 'You were placed in your 1st choice.');
  });

  it('explains every choice of an unplaced student: withdrew, excluded, post not in the run', () => {
    const input: AllocationInput = {
      students: [{ id: 'cat', preferences: ['W', 'X', 'gone'], withdrewFrom: ['W'] }],
      posts: [
        { id: 'W', capacity: 1, ranking: ['cat'] },
        { id: 'X', capacity: 1, ranking: ['cat'] },
      ],
      excluded: [{ studentId: 'cat', postId: 'X', reason: 'Previously dismissed by this partner' }],
    };
    const e = explainer(input).student('cat');
    assert.equal(e.postId, null);
    assert.equal(e.summary, 'You were not placed in any post.');
    assert.deepEqual(
      e.higherChoices.map((c) => [c.postId, c.reason, c.text]),
      [
        ['W', 'withdrew', 'You withdrew.'],
        ['X', 'excluded', 'Excluded by the programme team.'],
        ['gone', 'post-not-in-allocation', 'This post was not part of the allocation.'],
      ],
    );
    const gone = explainer({ ...input, students: [{ id: 'cat', preferences: ['W'], withdrawn: true }] }).student('cat');
    assert.equal(gone.summary, 'You withdrew, so you were not placed.');
    assert.deepEqual(
      gone.higherChoices.map((c) => c.reason),
      ['withdrew'],
    );
  });

  it('explains forced placements: the student\'s, and those that took a place', () => {
    const input: AllocationInput = {
      students: [
        { id: 'dan', preferences: ['X', 'Y'] },
        { id: 'eve', preferences: ['X', 'Y'] },
      ],
      posts: [
        { id: 'X', capacity: 1, ranking: ['dan', 'eve'] },
        { id: 'Y', capacity: 1, ranking: ['dan', 'eve'] },
      ],
      forced: [{ studentId: 'eve', postId: 'X', reason: 'Medical' }],
    };
    const ex = explainer(input);
    assert.equal(ex.student('eve').summary, 'The programme team placed you in this post.');
    const dan = ex.student('dan');
    assert.equal(dan.postId, 'Y');
    assert.deepEqual(
      dan.higherChoices.map((c) => [c.reason, c.text]),
      [['places-filled-with-team-placements', 'All places went to candidates the partner ranked higher or to placements made by the programme team.']],
    );
    const evelyn = explainer({ ...input, forced: [{ studentId: 'eve', postId: 'Y', reason: 'Medical' }] }).student('eve');
    assert.deepEqual(
      evelyn.higherChoices.map((c) => [c.postId, c.reason, c.text]),
      [['X', 'placed-by-team', 'The programme team placed you in another post.']],
    );
  });

  it('explains every student of a run', () => {
    const input: AllocationInput = {
      students: [
        { id: 'b', preferences: ['X'] },
        { id: 'a', preferences: ['X'] },
      ],
      posts: [{ id: 'X', capacity: 1, ranking: ['a', 'b'] }],
    };
    assert.deepEqual(
      explainStudents(input, allocate(input)).map((e) => [e.studentId, e.postId, e.higherChoices.length]),
      [
        ['a', 'X', 0],
        ['b', null, 1],
      ],
    );
    assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal), ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st', '111th']);
  });
});

describe('partner explanations', () => {
  it('lists who was placed and why higher-ranked candidates are not', () => {
    const input: AllocationInput = {
      students: [
        { id: 'pref', preferences: ['Z', 'X'] },
        { id: 'quit', preferences: ['X'], withdrewFrom: ['X'] },
        { id: 'inel', preferences: ['X'], notEligibleFor: ['X'] },
        { id: 'excl', preferences: ['X'] },
        { id: 'team', preferences: ['X'] },
        { id: 'none', preferences: ['Z'] },
        { id: 'got', preferences: ['X'] },
        { id: 'low', preferences: ['X'] },
      ],
      posts: [
        { id: 'X', capacity: 1, ranking: ['left', 'pref', 'quit', 'inel', 'excl', 'team', 'none', 'got', 'low'] },
        { id: 'Z', capacity: 3, ranking: ['pref', 'none'] },
      ],
      forced: [{ studentId: 'team', postId: 'Z', reason: 'Visa timing' }],
      excluded: [{ studentId: 'excl', postId: 'X', reason: 'Conflict of interest' }],
    };
    const x = explainer(input).post('X');
    assert.deepEqual(x.placed, [{ studentId: 'got', rank: 8, forced: false }]);
    assert.equal(x.emptyPlaces, 0);
    assert.deepEqual(
      x.missed.map((m) => [m.studentId, m.rank, m.outcome, m.reason, m.text]),
      [
        ['left', 1, 'not-in-allocation', 'not-in-allocation', 'Not part of this allocation (for example, withdrew or declined an earlier offer).'],
        ['pref', 2, 'placed-elsewhere', 'placed-preferred', 'Placed in a post they preferred.'],
        ['quit', 3, 'unplaced', 'withdrew', 'Unplaced: withdrew.'],
        ['inel', 4, 'unplaced', 'not-eligible', 'Unplaced: not eligible for this post.'],
        ['excl', 5, 'unplaced', 'excluded', 'Unplaced: excluded from this post by the programme team.'],
        ['team', 6, 'placed-elsewhere', 'placed-by-team', 'Placed in another post by the programme team.'],
        ['none', 7, 'placed-elsewhere', 'did-not-choose', 'Did not list this post among their choices.'],
      ],
    );
    // 'low' is ranked below the lowest placed candidate: not listed
    assert.ok(!x.missed.some((m) => m.studentId === 'low'));
  });

  it('explains places taken by forced placements and posts with no places', () => {
    const input: AllocationInput = {
      students: [
        { id: 'top', preferences: ['X', 'Y'] },
        { id: 'forced', preferences: ['Y'] },
      ],
      posts: [
        { id: 'X', capacity: 1, ranking: ['top'] },
        { id: 'Y', capacity: 0, ranking: ['top', 'forced'] },
      ],
      forced: [{ studentId: 'forced', postId: 'X', reason: 'Safeguarding' }],
    };
    const [x, y] = explainPosts(input, allocate(input));
    assert.deepEqual(x?.placed, [{ studentId: 'forced', rank: null, forced: true }]);
    assert.deepEqual(
      x?.missed.map((m) => [m.studentId, m.reason, m.text]),
      [['top', 'places-taken-by-team', 'Unplaced: the places went to placements made by the programme team.']],
    );
    assert.deepEqual(
      y?.missed.map((m) => [m.studentId, m.reason, m.text]),
      [
        ['top', 'no-places', 'Unplaced: this post had no places in this allocation.'],
        ['forced', 'placed-by-team', 'Placed in another post by the programme team.'],
      ],
    );
    assert.equal(y?.emptyPlaces, 0);
    assert.throws(() => new AllocationExplainer(input, allocate(input)).post('nope'));
  });
});
