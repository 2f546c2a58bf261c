import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commonPasswordCount, hashPassword, passwordProblem, selfTestPasswordHashing, verifyPassword } from './passwords.ts';

const context = { email: 'jo.bloggs@students.example.ac.uk', universityName: 'University of Example' };

test('ships a list of at least 10,000 common passwords', () => {
  assert.ok(commonPasswordCount() >= 10_000, `only ${commonPasswordCount()}`);
});

test('accepts a long passphrase with no composition rules', () => {
  assert.equal(passwordProblem('purple monkey dishwasher', context), null);
  assert.equal(passwordProblem('all lowercase no digits at all', context), null);
});

test('length: at least 12, at most 128 characters (counted as characters, not bytes)', () => {
  assert.match(passwordProblem('short pass', context) ?? '', /at least 12/);
  assert.equal(passwordProblem('ééééééééééééé', context), null);
  assert.equal(passwordProblem('x'.repeat(127) + 'y', context), null);
  assert.match(passwordProblem('x'.repeat(129), context) ?? '', /128 characters or fewer/);
  assert.match(passwordProblem('', context) ?? '', /Enter a password/);
});

test('rejects common passwords, whatever their case', () => {
  assert.match(passwordProblem('qwerty123456', context) ?? '', /too common/);
  assert.match(passwordProblem('QWERTY123456', context) ?? '', /too common/);
  assert.match(passwordProblem('leavemealone', context) ?? '', /too common/);
});

test("rejects passwords containing the e-mail name or the university's name", () => {
  assert.match(passwordProblem('my name is jo.bloggs ok', context) ?? '', /e-mail name/);
  assert.match(passwordProblem('JoBloggs rocks forever', context) ?? '', /e-mail name/);
  assert.match(passwordProblem('i study at university of example', context) ?? '', /university's name/);
  assert.match(passwordProblem('example example 99', context) ?? '', /university's name/);
});

test('argon2id hashes verify only the right password, and the start-up self-test passes', async () => {
  const hashed = await hashPassword('purple monkey dishwasher');
  assert.match(hashed, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await verifyPassword(hashed, 'purple monkey dishwasher'), true);
  assert.equal(await verifyPassword(hashed, 'purple monkey dishwashe'), false);
  assert.equal(await verifyPassword('not a hash', 'anything'), false);
  await selfTestPasswordHashing();
});
