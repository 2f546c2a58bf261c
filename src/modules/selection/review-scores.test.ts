import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summariseReviews, weightedScore } from './review-scores.ts';

const criteria = [
  { id: 'motivation', weight: 2 },
  { id: 'fit', weight: 1 },
];

test('a review’s weighted score divides by the weights it scored', () => {
  assert.equal(weightedScore(criteria, { scores: { motivation: 5, fit: 2 } }), 4);
  assert.equal(weightedScore(criteria, { scores: { fit: 3 } }), 3);
  assert.equal(weightedScore(criteria, { scores: {} }), null);
});

test('the summary gives the weighted mean, the spread and the per-criterion range', () => {
  const summary = summariseReviews(criteria, [{ scores: { motivation: 5, fit: 2 } }, { scores: { motivation: 4, fit: 4 } }]);
  assert.equal(summary.count, 2);
  assert.equal(summary.weightedMean, 4);
  assert.equal(summary.spread, 0);
  assert.equal(summary.disagree, true, 'fit scores 2 and 4 are 2 apart');
  assert.deepEqual(summary.criteria, [
    { id: 'motivation', mean: 4.5, min: 4, max: 5 },
    { id: 'fit', mean: 3, min: 2, max: 4 },
  ]);
});

test('scores one apart are not a disagreement; no reviews give no numbers', () => {
  assert.equal(summariseReviews(criteria, [{ scores: { motivation: 3, fit: 3 } }, { scores: { motivation: 4, fit: 2 } }]).disagree, false);
  assert.deepEqual(summariseReviews(criteria, []), { count: 0, weightedMean: null, spread: null, disagree: false, criteria: [] });
});
