import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nameTerms, redactLiterals, redactName, redactStudentText } from './redaction.ts';

describe('redactName', () => {
  test('redacts the full name as one mark, and the first and last names alone', () => {
    assert.equal(redactName('I am Ada Lovelace. Ada likes maths; Lovelace is my family name.', 'Ada Lovelace'), 'I am [name]. [name] likes maths; [name] is my family name.');
  });

  test('ignores case', () => {
    assert.equal(redactName('ADA LOVELACE and ada lovelace and aDa', 'Ada Lovelace'), '[name] and [name] and [name]');
  });

  test('keeps the possessive readable without the name', () => {
    assert.equal(redactName("Ada's plan and Lovelace’s notes", 'Ada Lovelace'), "[name]'s plan and [name]’s notes");
  });

  test('matches whole words only', () => {
    assert.equal(redactName('Adam went to Canada with Ada; adage', 'Ada Lovelace'), 'Adam went to Canada with [name]; adage');
  });

  test('handles letters outside ASCII as word letters', () => {
    assert.equal(redactName('Zoë Ñúñez wrote this; Zoëy did not. Ñúñez-family', 'Zoë Ñúñez'), '[name] wrote this; Zoëy did not. [name]-family');
  });

  test('matches a full name broken over a line', () => {
    assert.equal(redactName('Signed,\nAda\nLovelace', 'Ada Lovelace'), 'Signed,\n[name]');
  });

  test('redacts middle names, hyphenated halves and names with regex characters', () => {
    assert.equal(redactName('Mary-Jane Anne Smith-Jones: Mary, Jane, Anne, Smith, Jones', 'Mary-Jane Anne Smith-Jones'), '[name]: [name], [name], [name], [name], [name]');
    assert.equal(redactName("Seán O'Brien (O'Brien's) and O.Brien", "Seán O'Brien"), "[name] ([name]'s) and O.Brien");
    assert.equal(redactName('a+b (c) aab', 'a+b'), '[name] (c) aab', 'regex characters are literal');
    assert.equal(redactName('I am J. A note', 'J A'), 'I am J. A note', 'single letters are not redacted');
  });

  test('leaves text alone when there is no name', () => {
    assert.equal(redactName('Nothing to hide', ''), 'Nothing to hide');
    assert.equal(redactName('', 'Ada Lovelace'), '');
  });

  test('orders terms longest first and drops initials', () => {
    assert.deepEqual(nameTerms('J Ada Lovelace'), ['J Ada Lovelace', 'J Lovelace', 'Lovelace', 'Ada']);
  });
});

describe('redactStudentText', () => {
  test('hides the e-mail address and student number too', () => {
    assert.equal(
      redactStudentText('Write to ada.lovelace@students.example.ac.uk, number S1234567. Ada', { name: 'Ada Lovelace', email: 'ada.lovelace@students.example.ac.uk', studentNumber: 'S1234567' }),
      'Write to [redacted], number [redacted]. [name]',
    );
    assert.equal(redactLiterals('ab', ['ab']), 'ab', 'too short to redact safely');
  });
});
