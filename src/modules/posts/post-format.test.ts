import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coursesInWords, formatMonths, formatStartWindow, formatStipend, languagesInWords, levelsInWords, minYearInWords } from './post-format.ts';

test('stipends: hundredths of the currency, formatted with its code and period; none says so', () => {
  assert.equal(formatStipend(50000, 'USD', 'month'), 'USD 500.00 per month');
  assert.equal(formatStipend(123456, 'CHF', 'week'), 'CHF 1,234.56 per week');
  assert.equal(formatStipend(9000000, 'JPY', 'total'), 'JPY 90,000 in total');
  assert.equal(formatStipend(null, null, null), 'No partner stipend');
  assert.equal(formatStipend(1000, 'Q1', 'month'), '10.00 Q1 per month', 'an unknown code is shown as given');
});

test('durations, start windows and requirements in words', () => {
  assert.equal(formatMonths(1), '1 month');
  assert.equal(formatMonths(6), '6 months');
  assert.equal(formatStartWindow('2026-09-01', '2026-10-15'), 'Between 1 September 2026 and 15 October 2026');
  assert.equal(formatStartWindow('2026-09-01', '2026-09-01'), 'On 1 September 2026');
  assert.equal(levelsInWords(['UG']), 'Undergraduates');
  assert.equal(levelsInWords(['UG', 'PG', 'recent_graduate']), 'Undergraduates, postgraduates or recent graduates (within 12 months)');
  assert.equal(coursesInWords([]), 'Any course');
  assert.equal(coursesInWords(['Geography', 'Law']), 'Geography; Law');
  assert.equal(minYearInWords(null), 'Any year of study');
  assert.equal(minYearInWords(2), 'Year 2 of study or later');
  assert.deepEqual(languagesInWords([{ language: 'fr', level: 'B2' }]), ['French at B2 or above']);
});
