import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allocate, type AllocationInput } from './deferred-acceptance.ts';
import type { AllocationRun, ApplicantInfo, Offer } from './offers.repo.ts';
import { planRelease } from './offers.service.ts';
import { toStoredResult } from './stored-runs.ts';

const at = new Date('2026-03-02T09:00:00Z');

function run(input: AllocationInput, number = 2): AllocationRun {
  const result = allocate(input);
  return { id: 'run', roundId: 'round', number, algorithmVersion: result.algorithmVersion, input, result: toStoredResult(result), rerunOf: null, computeMs: 1, runBy: 'staff', runAt: at, publishedBy: null, publishedAt: null, respondBy: null };
}

function applicant(id: string, status = 'submitted'): ApplicantInfo {
  return { applicationId: id, studentId: `user-${id}`, status, name: `Name ${id}`, email: `${id}@example.test`, timeZone: 'Europe/London', active: true };
}

function offer(applicationId: string, postId: string, status: Offer['status'] = 'open'): Offer {
  return { id: `offer-${applicationId}-${postId}`, roundId: 'round', runId: 'earlier', applicationId, studentId: `user-${applicationId}`, postId, status, respondBy: at, sentAt: at, respondedAt: null, declineReason: null, supersededBy: null };
}

// s1 → p1, s2 → p2, s3 unplaced (p1 and p2 full of candidates ranked higher)
const input: AllocationInput = {
  students: [
    { id: 's1', preferences: ['p1'] },
    { id: 's2', preferences: ['p2', 'p1'] },
    { id: 's3', preferences: ['p1', 'p2'] },
  ],
  posts: [
    { id: 'p1', capacity: 1, ranking: ['s1', 's3', 's2'] },
    { id: 'p2', capacity: 1, ranking: ['s2', 's3'] },
  ],
};

describe('the plan of a release', () => {
  test('first release: an offer per placed student, the unplaced and the not shortlisted told', () => {
    const plan = planRelease(run(input), [], ['s1', 's2', 's3', 's4'].map((id) => applicant(id)), new Set(), true);
    assert.deepEqual(plan.newOffers.map((o) => `${o.applicationId}:${o.postId}:${o.replaces === null}`), ['s1:p1:true', 's2:p2:true']);
    assert.deepEqual(plan.tellUnplaced, ['s3']);
    assert.deepEqual(plan.notShortlisted.map((a) => a.applicationId), ['s4']);
    assert.deepEqual(plan.outcomes.map((o) => o.applicationId), ['s1', 's2', 's3']);
  });

  test('a re-release keeps an offer of the same post, changes one of another post, and never touches an accepted one', () => {
    const live = [offer('s1', 'p1', 'accepted'), offer('s2', 'p1'), offer('s3', 'p2')];
    // s3 now unplaced though it held an open offer: the offer is taken back and s3 is told
    const plan = planRelease(run(input), live, ['s1', 's2', 's3', 's4'].map((id) => applicant(id)), new Set(), false);
    assert.deepEqual(plan.keptAccepted.map((o) => o.applicationId), ['s1']);
    assert.deepEqual(plan.newOffers.map((o) => `${o.applicationId}:${o.postId}:${o.replaces?.postId}`), ['s2:p2:p1']);
    assert.deepEqual(plan.withdrawn.map((o) => o.applicationId), ['s3']);
    assert.deepEqual(plan.tellUnplaced, ['s3']);
    assert.deepEqual(plan.notShortlisted, [], 'the not shortlisted were told in the first release');

    const same = planRelease(run(input), [offer('s2', 'p2')], ['s1', 's2', 's3'].map((id) => applicant(id)), new Set(['s3']), false);
    assert.deepEqual(same.kept.map((o) => o.applicationId), ['s2']);
    assert.deepEqual(same.newOffers.map((o) => o.applicationId), ['s1']);
    assert.deepEqual(same.tellUnplaced, [], 'an unplaced student already told is not told again');
  });

  test('no offer and no e-mail for an application withdrawn since the run or a student who took no part', () => {
    const withdrawn: AllocationInput = { ...input, students: input.students.map((s) => (s.id === 's3' ? { ...s, withdrawn: true } : s)) };
    const plan = planRelease(run(withdrawn), [], [applicant('s1', 'withdrawn'), applicant('s2'), applicant('s3')], new Set(), false);
    assert.deepEqual(plan.newOffers.map((o) => o.applicationId), ['s2']);
    assert.deepEqual(plan.tellUnplaced, []);
    assert.equal(plan.outcomes.length, 3, 'every application of the run still gets its outcome');
  });
});
