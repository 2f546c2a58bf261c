import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, addYears, dayIn, daysBetween, formatDay, isIsoDay, isTimeZone, localInputValue, zonedToUtc } from './zoned.ts';

test('a wall-clock time in a zone names the right instant, in summer and winter', () => {
  assert.equal(zonedToUtc('2026-01-15T17:00', 'Europe/London')?.toISOString(), '2026-01-15T17:00:00.000Z');
  assert.equal(zonedToUtc('2026-07-15T17:00', 'Europe/London')?.toISOString(), '2026-07-15T16:00:00.000Z');
  assert.equal(zonedToUtc('2026-07-15T17:00', 'Asia/Vientiane')?.toISOString(), '2026-07-15T10:00:00.000Z');
  assert.equal(zonedToUtc('2026-07-15T17:00', 'America/New_York')?.toISOString(), '2026-07-15T21:00:00.000Z');
  assert.equal(zonedToUtc('2026-07-15', 'Africa/Nairobi')?.toISOString(), '2026-07-14T21:00:00.000Z');
});

test('clock changes: a time in the spring gap moves forward; an autumn overlap takes the earlier instant', () => {
  assert.equal(zonedToUtc('2026-03-29T01:30', 'Europe/London')?.toISOString(), '2026-03-29T01:30:00.000Z');
  assert.equal(zonedToUtc('2026-10-25T01:30', 'Europe/London')?.toISOString(), '2026-10-25T00:30:00.000Z');
});

test('invalid input is refused', () => {
  assert.equal(zonedToUtc('2026-02-30T10:00', 'Europe/London'), null);
  assert.equal(zonedToUtc('2026-02-10T25:00', 'Europe/London'), null);
  assert.equal(zonedToUtc('yesterday', 'Europe/London'), null);
  assert.equal(isIsoDay('2026-02-28'), true);
  assert.equal(isIsoDay('2026-02-29'), false);
  assert.equal(isTimeZone('Africa/Nairobi'), true);
  assert.equal(isTimeZone('Mars/Olympus'), false);
});

test('days and inputs in a zone', () => {
  const at = new Date('2026-07-14T22:30:00Z');
  assert.equal(dayIn(at, 'Europe/London'), '2026-07-14');
  assert.equal(dayIn(at, 'Africa/Nairobi'), '2026-07-15');
  assert.equal(localInputValue(at, 'Africa/Nairobi'), '2026-07-15T01:30');
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addYears('2028-02-29', 1), '2029-02-28');
  assert.equal(daysBetween('2026-01-01', '2026-03-01'), 59);
  assert.equal(formatDay('2026-09-01'), '1 September 2026');
});
