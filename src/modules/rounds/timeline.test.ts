import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agreementStatus } from '../agreements/agreement-status.ts';
import { acceptsPosts, currentPhase, shiftByYear, timelineProblems, type Timeline } from './timeline.ts';

const timeline: Timeline = {
  postsDueAt: new Date('2026-01-31T17:00:00Z'),
  applicationsOpenAt: new Date('2026-02-09T09:00:00Z'),
  applicationsCloseAt: new Date('2026-03-31T16:00:00Z'),
  reviewUntil: '2026-04-24',
  interviewsUntil: '2026-05-15',
  offersBy: '2026-05-29',
  preDepartureFrom: '2026-06-15',
  placementsFrom: '2026-09-01',
  placementsTo: '2027-05-31',
};

test('a timeline in order has no problems; one out of order names both fields', () => {
  assert.deepEqual(timelineProblems(timeline, 'Europe/London'), {});
  assert.deepEqual(timelineProblems({ ...timeline, applicationsCloseAt: new Date('2026-02-01T00:00:00Z') }, 'Europe/London'), {
    applicationsCloseAt: 'Applications close must be after applications open',
  });
});

test('days may share a day with the previous milestone; instants may not', () => {
  assert.deepEqual(timelineProblems({ ...timeline, interviewsUntil: timeline.reviewUntil }, 'Europe/London'), {});
  const problems = timelineProblems({ ...timeline, placementsTo: '2026-08-31' }, 'Europe/London');
  assert.equal(problems.placementsTo, 'Placements to must be on or after placements from');
});

test('the phase follows the clock through the timeline', () => {
  const at = (iso: string) => currentPhase(timeline, new Date(iso), 'Europe/London');
  assert.equal(at('2026-01-10T00:00:00Z'), 'posts');
  assert.equal(at('2026-02-01T00:00:00Z'), 'publishing');
  assert.equal(at('2026-03-31T15:59:59Z'), 'applications');
  assert.equal(at('2026-03-31T16:00:00Z'), 'review');
  assert.equal(at('2026-05-01T00:00:00Z'), 'interviews');
  assert.equal(at('2026-05-20T00:00:00Z'), 'offers');
  assert.equal(at('2026-06-01T00:00:00Z'), 'confirmation');
  assert.equal(at('2026-07-01T00:00:00Z'), 'pre_departure');
  assert.equal(at('2026-12-01T00:00:00Z'), 'placements');
  assert.equal(at('2027-06-01T00:00:00Z'), 'completed');
  assert.equal(acceptsPosts(timeline, new Date('2026-02-08T00:00:00Z')), true);
  assert.equal(acceptsPosts(timeline, new Date('2026-02-09T09:00:00Z')), false);
});

test('cloning shifts every milestone by a year', () => {
  const next = shiftByYear(timeline);
  assert.equal(next.applicationsCloseAt.toISOString(), '2027-03-31T16:00:00.000Z');
  assert.equal(next.placementsTo, '2028-05-31');
  assert.deepEqual(timelineProblems(next, 'Europe/London'), {});
});

test('agreement status comes from the dates', () => {
  const signed = { signedOn: '2022-01-20', validTo: '2027-01-31' };
  assert.equal(agreementStatus({ ...signed, signedOn: null }, '2026-01-01'), 'draft');
  assert.equal(agreementStatus(signed, '2026-01-01'), 'active');
  assert.equal(agreementStatus(signed, '2026-11-02'), 'expiring');
  assert.equal(agreementStatus(signed, '2027-01-31'), 'expiring');
  assert.equal(agreementStatus(signed, '2027-02-01'), 'expired');
});
