import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkEligibility, type PostRequirements, type StudentFacts } from './eligibility.ts';

const student: StudentFacts = {
  studyLevel: 'UG',
  course: 'International Relations',
  yearOfStudy: 3,
  graduatedOn: null,
  languages: [
    { language: 'en', level: 'C2' },
    { language: 'fr', level: 'B1' },
  ],
};
const openPost: PostRequirements = { levels: ['UG', 'PG', 'recent_graduate'], courses: [], minYear: null, languages: [] };
const asOf = '2026-03-31';

test('an open post: everyone enrolled is eligible, with no reasons', () => {
  assert.deepEqual(checkEligibility(student, openPost, asOf), { eligible: true, reasons: [] });
});

test('level: a postgraduate-only post names both levels', () => {
  const result = checkEligibility(student, { ...openPost, levels: ['PG'] }, asOf);
  assert.equal(result.eligible, false);
  assert.deepEqual(result.reasons, ['This post is for postgraduates; you are an undergraduate.']);
});

test('course: matched without regard to case or spaces; otherwise the allowed courses are named', () => {
  assert.equal(checkEligibility(student, { ...openPost, courses: ['international relations '] }, asOf).eligible, true);
  assert.deepEqual(checkEligibility(student, { ...openPost, courses: ['Data Science', 'Politics'] }, asOf).reasons, [
    'This post is open to students of Data Science, Politics; your course is International Relations.',
  ]);
});

test('year of study: at least the minimum', () => {
  assert.equal(checkEligibility(student, { ...openPost, minYear: 3 }, asOf).eligible, true);
  assert.deepEqual(checkEligibility(student, { ...openPost, minYear: 4 }, asOf).reasons, ['This post needs you to be in year 4 of your studies or later; you are in year 3.']);
});

test('languages: a missing language and a level below the need are each named', () => {
  const result = checkEligibility(student, { ...openPost, languages: [{ language: 'fr', level: 'B2' }, { language: 'pt', level: 'B1' }, { language: 'en', level: 'C1' }] }, asOf);
  assert.deepEqual(result.reasons, [
    'This post needs French at B2 or above; your profile says B1.',
    'This post needs Portuguese at B1 or above; your profile does not list Portuguese.',
  ]);
  assert.equal(checkEligibility(student, { ...openPost, languages: [{ language: 'fr', level: 'B1' }] }, asOf).eligible, true, 'equal level is enough');
});

test('graduates count as recent graduates for 12 months, and the year rule no longer applies', () => {
  const graduate = { ...student, graduatedOn: '2025-07-15' };
  assert.equal(checkEligibility(graduate, { ...openPost, minYear: 4 }, asOf).eligible, true);
  assert.deepEqual(checkEligibility(graduate, { ...openPost, levels: ['UG'] }, asOf).reasons, ['This post is for undergraduates; you are a recent graduate.']);
  assert.deepEqual(checkEligibility({ ...student, graduatedOn: '2025-03-31' }, openPost, asOf).reasons, [
    'You graduated more than 12 months ago; the programme is for current students and graduates of the last 12 months.',
  ]);
  assert.equal(checkEligibility({ ...student, graduatedOn: '2025-04-01' }, openPost, asOf).eligible, true, 'one day inside the 12 months');
  assert.equal(checkEligibility({ ...student, graduatedOn: '2026-06-30' }, { ...openPost, levels: ['UG'] }, asOf).eligible, true, 'expected graduation after the day that decides: still enrolled');
});

test('every failing rule is reported at once, in a fixed order', () => {
  const result = checkEligibility(student, { levels: ['PG'], courses: ['Law'], minYear: 4, languages: [{ language: 'sw', level: 'A2' }] }, asOf);
  assert.equal(result.reasons.length, 4);
  assert.match(result.reasons[0] ?? '', /postgraduates/);
  assert.match(result.reasons[3] ?? '', /Swahili/);
});
