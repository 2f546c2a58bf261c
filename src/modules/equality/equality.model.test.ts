import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { aggregate, cellText, suppress } from './equality.aggregate.ts';
import { createPseudonymiser } from './equality.pseudonym.ts';
import { equalityField, equalityQuestions, optionsOf, parseEqualityForm, PREFER_NOT } from './equality.questions.ts';
import { equalityQuestionKeys, type EqualityAnswers } from './equality.tables.ts';

const student = '6f1c7f6e-1111-4a4a-8b8b-000000000001';
const other = '6f1c7f6e-1111-4a4a-8b8b-000000000002';
const round = '7a2d8e7f-2222-4b4b-9c9c-000000000001';
const round2 = '7a2d8e7f-2222-4b4b-9c9c-000000000002';

describe('the pseudonym', () => {
  test('is stable for a student and a round, and differs per round, per student and per secret', () => {
    const pseudonym = createPseudonymiser('a-server-secret-a-server-secret-0123');
    const first = pseudonym(student, round);
    assert.match(first, /^[0-9a-f]{64}$/);
    assert.equal(createPseudonymiser('a-server-secret-a-server-secret-0123')(student, round), first, 'stable across instances');
    assert.notEqual(pseudonym(student, round2), first);
    assert.notEqual(pseudonym(other, round), first);
    assert.notEqual(createPseudonymiser('another-secret-another-secret-456789')(student, round), first);
    assert.ok(!first.includes(student.replace(/-/g, '')));
  });

  test('uses a key derived for this purpose, not the server secret itself', () => {
    const secret = 'a-server-secret-a-server-secret-0123';
    const direct = createHmac('sha256', secret).update(`${student}\u0000${round}`).digest('hex');
    assert.notEqual(createPseudonymiser(secret)(student, round), direct);
  });
});

describe('the questions', () => {
  test('every question has "Prefer not to say"; ethnicity has the 19 census groups in 5 high-level groups', () => {
    assert.deepEqual(
      equalityQuestions.map((q) => q.key),
      [...equalityQuestionKeys],
    );
    for (const question of equalityQuestions) assert.ok(optionsOf(question).some((o) => o.value === PREFER_NOT), question.key);
    const ethnicity = equalityQuestions.find((q) => q.key === 'ethnicity');
    assert.ok(ethnicity);
    const named = ethnicity.groups.filter((g) => g.label !== '');
    assert.equal(named.length, 5);
    assert.equal(named.flatMap((g) => g.options).length, 19);
  });

  test('parsing keeps known answers, leaves out unanswered ones and refuses unknown values', () => {
    assert.deepEqual(parseEqualityForm({ [equalityField('sex')]: 'female', [equalityField('ageBand')]: '', _csrf: 'x' }), { ok: true, answers: { sex: 'female' } });
    const bad = parseEqualityForm({ [equalityField('sex')]: 'female', [equalityField('disability')]: 'maybe', [equalityField('ethnicity')]: ['white_irish', 'white_roma'] });
    assert.equal(bad.ok, false);
    assert.deepEqual(bad.answers, { sex: 'female' });
    if (!bad.ok) {
      assert.match(bad.errors[equalityField('disability')] ?? '', /Choose one of the answers to “Do you consider yourself/);
      assert.ok(bad.errors[equalityField('ethnicity')]);
      assert.ok(!JSON.stringify(bad.errors).includes('maybe'), 'the refused value is not echoed');
    }
  });
});

describe('suppression of small numbers', () => {
  test('cells under 5 are hidden; a lone hidden cell takes the next smallest with it', () => {
    assert.deepEqual(suppress([6, 7, 9]), [6, 7, 9]);
    assert.deepEqual(suppress([6, 7, 2]), [null, 7, null]);
    assert.deepEqual(suppress([3, 0, 12, 8]), [null, null, 12, 8], 'two hidden cells: neither can be worked out');
    assert.deepEqual(suppress([4]), [null]);
    assert.equal(cellText(null), 'fewer than 5');
  });

  test('the aggregate counts per question and answer, and hides everything when there are fewer than 5 responses', () => {
    const responses: EqualityAnswers[] = [
      ...Array.from({ length: 6 }, () => ({ disability: 'no', sex: 'female' })),
      ...Array.from({ length: 5 }, () => ({ disability: 'yes', sex: 'male' })),
      { disability: PREFER_NOT },
    ];
    const table = aggregate(responses);
    assert.equal(table.total, 12);
    const disability = table.questions.find((q) => q.key === 'disability');
    assert.deepEqual(
      disability?.rows.map((r) => [r.value, r.count]),
      [
        ['yes', 5],
        ['no', 6],
        [PREFER_NOT, null],
        ['not_answered', null],
      ],
    );
    const sex = table.questions.find((q) => q.key === 'sex');
    // female 6, male 5, prefer 0, not answered 1: two small cells, nothing else hidden
    assert.deepEqual(
      sex?.rows.map((r) => r.count),
      [6, 5, null, null],
    );
    const few = aggregate(responses.slice(0, 4));
    assert.equal(few.total, null);
    assert.ok(few.questions.every((q) => q.rows.every((r) => r.count === null)));
  });
});
