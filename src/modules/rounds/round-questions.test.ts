import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, asc, eq, like } from 'drizzle-orm';
import { TestAgent, textOf } from '../../../test/helpers/agent.ts';
import { createOrganisation, createRound, signInWithOrganisation, type Round } from '../../../test/helpers/catalogue-factories.ts';
import { signInAs } from '../../../test/helpers/factories.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { roundQuestions } from './round-questions.tables.ts';
import { rounds } from './rounds.tables.ts';

const DAY = 24 * 60 * 60 * 1000;

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

// a round whose applications open in the given number of days (negative: already open)
async function round(opensInDays = 10): Promise<Round> {
  const partner = await createOrganisation(t.database.db);
  return createRound(t.database.db, partner, t.clock.now(), { opensInDays, closesInDays: opensInDays + 30 });
}

async function stored(roundId: string) {
  return t.database.db.select().from(roundQuestions).where(eq(roundQuestions.roundId, roundId)).orderBy(asc(roundQuestions.kind), asc(roundQuestions.position));
}

async function asked(roundId: string) {
  const rows = await t.database.db.select().from(roundQuestions).where(eq(roundQuestions.roundId, roundId)).orderBy(asc(roundQuestions.position));
  return {
    questions: rows.filter((q) => q.kind !== 'declaration').map((q) => `${q.position}:${q.prompt}`),
    declarations: rows.filter((q) => q.kind === 'declaration').map((q) => `${q.position}:${q.prompt}`),
  };
}

async function audits(roundId: string) {
  return t.database.db
    .select({ action: auditEvents.action, details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, 'round'), eq(auditEvents.subjectId, roundId), like(auditEvents.action, 'round.%')))
    .orderBy(asc(auditEvents.id));
}

async function addQuestion(agent: TestAgent, roundId: string, fields: Record<string, string>) {
  const response = await agent.post(`/rounds/${roundId}/questions`, fields);
  assert.equal(response.statusCode, 303, textOf(response.body).slice(0, 400));
  assert.equal(response.headers.location, `/rounds/${roundId}/questions`);
  return response;
}

async function idOf(roundId: string, prompt: string): Promise<string> {
  const [row] = await t.database.db.select().from(roundQuestions).where(and(eq(roundQuestions.roundId, roundId), eq(roundQuestions.prompt, prompt)));
  assert.ok(row, prompt);
  return row.id;
}

describe('a round’s own questions and declarations', () => {
  test('staff add a question of each kind and a declaration; the page lists them in order; each addition is audited', async () => {
    const r = await round();
    const { agent } = await signInAs(t, 'staff');
    const empty = await agent.get(`/rounds/${r.id}/questions`);
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /<h1>Questions and declarations<\/h1>/);
    assert.ok(textOf(empty.body).includes('No questions yet.'));
    assert.ok(textOf(empty.body).includes('Until applications open on'), 'says what can change before opening');
    assert.match(empty.body, /name="required" value="on" checked/, 'a new question is required unless unticked');

    await addQuestion(agent, r.id, { prompt: 'Your preferred name', hint: '', kind: 'short_text', required: 'on' });
    await addQuestion(agent, r.id, { prompt: 'Any access requirements for the interview?', hint: 'Leave empty if none.', kind: 'long_text' });
    await addQuestion(agent, r.id, { prompt: 'How did you hear about the programme?', kind: 'single_choice', required: 'on', options: 'A lecturer\r\n\r\n  The careers service  \nAnother student\n' });
    await addQuestion(agent, r.id, { prompt: 'Have you lived abroad before?', kind: 'yes_no', required: 'on', options: 'ignored\nfor yes/no' });
    const declared = await agent.post(`/rounds/${r.id}/declarations`, { statement: 'I will hold health insurance for the whole placement.' });
    assert.equal(declared.statusCode, 303);
    assert.equal((await agent.post(`/rounds/${r.id}/declarations`, { statement: 'I understand the internship is not employment.' })).statusCode, 303);

    const rows = await stored(r.id);
    const byPrompt = new Map(rows.map((q) => [q.prompt, q]));
    assert.deepEqual(
      rows.map((q) => [q.kind, q.position, q.required]),
      [
        ['declaration', 1, true],
        ['declaration', 2, true],
        ['long_text', 2, false],
        ['short_text', 1, true],
        ['single_choice', 3, true],
        ['yes_no', 4, true],
      ],
    );
    assert.deepEqual(byPrompt.get('How did you hear about the programme?')?.options, ['A lecturer', 'The careers service', 'Another student'], 'one option a line, trimmed, blank lines dropped');
    assert.deepEqual(byPrompt.get('Have you lived abroad before?')?.options, [], 'options only for single choice');
    assert.equal(byPrompt.get('Any access requirements for the interview?')?.hint, 'Leave empty if none.');

    const page = await agent.get(`/rounds/${r.id}/questions`);
    const text = textOf(page.body);
    assert.match(
      text,
      /1 Your preferred name Short text Required .*2 Any access requirements for the interview\? Leave empty if none\. Long text Optional .*3 How did you hear about the programme\? Single choice A lecturer The careers service Another student Required .*4 Have you lived abroad before\? Yes or no Required/,
    );
    assert.match(text, /2 declarations .*1 I will hold health insurance for the whole placement\. .*2 I understand the internship is not employment\./);
    assert.ok(page.body.includes(`action="/rounds/${r.id}/questions/${await idOf(r.id, 'Your preferred name')}/move"`), 'move buttons are forms');

    const trail = await audits(r.id);
    assert.deepEqual(
      trail.map((a) => a.action),
      ['round.question_added', 'round.question_added', 'round.question_added', 'round.question_added', 'round.declaration_added', 'round.declaration_added'],
    );
    assert.deepEqual(trail[2]?.details, { questionId: byPrompt.get('How did you hear about the programme?')?.id, kind: 'single_choice', prompt: 'How did you hear about the programme?', required: true, options: ['A lecturer', 'The careers service', 'Another student'] });

    const roundPage = await agent.get(`/rounds/${r.id}`);
    assert.ok(roundPage.body.includes(`<a href="/rounds/${r.id}/questions">Questions and declarations (6)</a>`));
  });

  test('invalid input: 400 with an error summary, the typed values kept and nothing stored', async () => {
    const r = await round();
    const { agent } = await signInAs(t, 'admin');
    const blank = await agent.post(`/rounds/${r.id}/questions`, { prompt: '  ', hint: 'h'.repeat(501), kind: 'essay', options: 'Kept <b>option</b>' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /<title>Error: Questions and declarations/);
    assert.match(blank.body, /class="error-summary"/);
    const text = textOf(blank.body);
    for (const message of ['Enter the question', 'The hint must be 500 characters or fewer', 'Choose the kind of answer']) assert.ok(text.includes(message), message);
    assert.ok(blank.body.includes('href="#field-prompt"'), 'the summary links to the field');
    assert.ok(blank.body.includes('Kept &lt;b>option&lt;/b>'), 'typed options kept, escaped');
    assert.ok(!blank.body.includes('name="required" value="on" checked'), 'an unticked box stays unticked');

    const long = await agent.post(`/rounds/${r.id}/questions`, { prompt: 'q'.repeat(501), kind: 'short_text' });
    assert.equal(long.statusCode, 400);
    assert.ok(textOf(long.body).includes('The question must be 500 characters or fewer'));

    const cases: [string, string][] = [
      ['Only one', 'Enter at least 2 options, one on each line'],
      ['\n\n', 'Enter at least 2 options, one on each line'],
      ['Yes\nNo\nyes', '“yes” is there twice: each option must be different'],
      [Array.from({ length: 21 }, (_, i) => `Option ${i + 1}`).join('\n'), 'Enter no more than 20 options'],
      [`Short\n${'x'.repeat(201)}`, 'Each option must be 200 characters or fewer'],
    ];
    for (const [options, message] of cases) {
      const response = await agent.post(`/rounds/${r.id}/questions`, { prompt: 'Pick one', hint: 'A typed hint', kind: 'single_choice', required: 'on', options });
      assert.equal(response.statusCode, 400, message);
      assert.ok(textOf(response.body).includes(message), message);
      assert.ok(response.body.includes('value="Pick one"') && response.body.includes('value="A typed hint"'), 'prompt and hint kept');
      assert.match(response.body, /<option value="single_choice" selected>/, 'kind kept');
      assert.match(response.body, /name="required" value="on" checked/, 'required kept');
      assert.ok(response.body.includes('href="#field-options"'));
    }
    const twenty = await agent.post(`/rounds/${r.id}/questions`, { prompt: 'Pick one of twenty', kind: 'single_choice', options: Array.from({ length: 20 }, (_, i) => `Option ${i + 1}`).join('\n') });
    assert.equal(twenty.statusCode, 303, 'twenty options are allowed');

    const declaration = await agent.post(`/rounds/${r.id}/declarations`, { statement: ' ' });
    assert.equal(declaration.statusCode, 400);
    assert.ok(textOf(declaration.body).includes('Enter the declaration'));
    assert.ok(declaration.body.includes('href="#field-statement"'));

    assert.deepEqual((await stored(r.id)).map((q) => q.prompt), ['Pick one of twenty']);
    assert.deepEqual((await audits(r.id)).map((a) => a.action), ['round.question_added']);
  });

  test('move up and down within questions or declarations; positions stay 1, 2, 3', async () => {
    const r = await round();
    const { agent } = await signInAs(t, 'staff');
    for (const prompt of ['First', 'Second', 'Third']) await addQuestion(agent, r.id, { prompt, kind: 'short_text', required: 'on' });
    for (const statement of ['Declaration A', 'Declaration B']) assert.equal((await agent.post(`/rounds/${r.id}/declarations`, { statement })).statusCode, 303);

    const third = await idOf(r.id, 'Third');
    const moved = await agent.post(`/rounds/${r.id}/questions/${third}/move`, { direction: 'up' });
    assert.equal(moved.statusCode, 303);
    assert.equal(moved.headers.location, `/rounds/${r.id}/questions`);
    assert.deepEqual((await asked(r.id)).questions, ['1:First', '2:Third', '3:Second']);
    assert.ok(textOf((await agent.get(`/rounds/${r.id}/questions`)).body).includes('Moved up to number 2: “Third”.'), 'a notice says what moved');

    assert.equal((await agent.post(`/rounds/${r.id}/questions/${await idOf(r.id, 'First')}/move`, { direction: 'down' })).statusCode, 303);
    assert.deepEqual((await asked(r.id)).questions, ['1:Third', '2:First', '3:Second']);
    // at either end nothing moves
    assert.equal((await agent.post(`/rounds/${r.id}/questions/${third}/move`, { direction: 'up' })).statusCode, 303);
    assert.deepEqual((await asked(r.id)).questions, ['1:Third', '2:First', '3:Second']);

    assert.equal((await agent.post(`/rounds/${r.id}/questions/${await idOf(r.id, 'Declaration B')}/move`, { direction: 'up' })).statusCode, 303);
    assert.deepEqual(await asked(r.id), { questions: ['1:Third', '2:First', '3:Second'], declarations: ['1:Declaration B', '2:Declaration A'] });

    const page = await agent.get(`/rounds/${r.id}/questions`);
    assert.match(textOf(page.body), /1 Third Short text Required Edit : Third Delete : Third Move down : Third 2 First/, 'the first has no Move up');

    const moves = (await audits(r.id)).filter((a) => a.action.endsWith('_moved'));
    assert.deepEqual(
      moves.map((a) => [a.action, a.details.direction, a.details.position]),
      [
        ['round.question_moved', 'up', 2],
        ['round.question_moved', 'down', 2],
        ['round.declaration_moved', 'up', 1],
      ],
    );
  });

  test('edit a question’s words, kind and options, and a declaration; unchanged saves are not audited', async () => {
    const r = await round();
    const { agent } = await signInAs(t, 'staff');
    await addQuestion(agent, r.id, { prompt: 'Pick a colour', kind: 'single_choice', required: 'on', options: 'Red\nBlue' });
    const id = await idOf(r.id, 'Pick a colour');
    const form = await agent.get(`/rounds/${r.id}/questions/${id}/edit`);
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes('value="Pick a colour"'));
    assert.match(form.body, />Red\nBlue<\/textarea>/);

    const bad = await agent.post(`/rounds/${r.id}/questions/${id}/edit`, { prompt: 'Pick a colour please', kind: 'single_choice', options: 'Red\nred' });
    assert.equal(bad.statusCode, 400);
    assert.ok(textOf(bad.body).includes('“red” is there twice'));
    assert.ok(bad.body.includes('value="Pick a colour please"'));

    assert.equal((await agent.post(`/rounds/${r.id}/questions/${id}/edit`, { prompt: 'Pick a colour please', hint: 'Any', kind: 'single_choice', required: 'on', options: 'Red\nBlue\nGreen' })).statusCode, 303);
    let [row] = await stored(r.id);
    assert.deepEqual([row?.prompt, row?.hint, row?.options, row?.required], ['Pick a colour please', 'Any', ['Red', 'Blue', 'Green'], true]);

    // another kind drops the options; an unticked box makes it optional
    assert.equal((await agent.post(`/rounds/${r.id}/questions/${id}/edit`, { prompt: 'Your favourite colour', hint: 'Any', kind: 'short_text', options: 'Red\nBlue\nGreen' })).statusCode, 303);
    [row] = await stored(r.id);
    assert.deepEqual([row?.kind, row?.options, row?.required], ['short_text', [], false]);
    assert.equal((await agent.post(`/rounds/${r.id}/questions/${id}/edit`, { prompt: 'Your favourite colour', hint: 'Any', kind: 'short_text' })).statusCode, 303);

    assert.equal((await agent.post(`/rounds/${r.id}/declarations`, { statement: 'I will hold health insurence.' })).statusCode, 303);
    const declaration = await idOf(r.id, 'I will hold health insurence.');
    const declarationForm = await agent.get(`/rounds/${r.id}/questions/${declaration}/edit`);
    assert.match(declarationForm.body, /<h1>Edit a declaration<\/h1>/);
    assert.ok(!declarationForm.body.includes('name="kind"'), 'a declaration has no kind to choose');
    assert.equal((await agent.post(`/rounds/${r.id}/questions/${declaration}/edit`, { statement: '' })).statusCode, 400);
    assert.equal((await agent.post(`/rounds/${r.id}/questions/${declaration}/edit`, { statement: 'I will hold health insurance.' })).statusCode, 303);
    assert.equal((await stored(r.id))[0]?.prompt, 'I will hold health insurance.');

    const updates = (await audits(r.id)).filter((a) => a.action.endsWith('_updated'));
    assert.deepEqual(
      updates.map((a) => [a.action, a.details.changed]),
      [
        ['round.question_updated', ['prompt', 'hint', 'options']],
        ['round.question_updated', ['prompt', 'kind', 'required', 'options']],
        ['round.declaration_updated', ['prompt']],
      ],
    );
    assert.deepEqual([updates[2]?.details.from, updates[2]?.details.to], ['I will hold health insurence.', 'I will hold health insurance.']);
  });

  test('delete after a confirmation page; the rest are renumbered; other rounds’ ids are 404', async () => {
    const r = await round();
    const { agent } = await signInAs(t, 'staff');
    for (const prompt of ['One', 'Two', 'Three']) await addQuestion(agent, r.id, { prompt, kind: 'yes_no', required: 'on' });
    const two = await idOf(r.id, 'Two');
    const confirm = await agent.get(`/rounds/${r.id}/questions/${two}/delete`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /<h1>Delete this question\?<\/h1>/);
    assert.ok(textOf(confirm.body).includes('“Two”'));
    assert.ok(confirm.body.includes(`action="/rounds/${r.id}/questions/${two}/delete"`));
    assert.deepEqual((await asked(r.id)).questions, ['1:One', '2:Two', '3:Three'], 'the confirmation page deletes nothing');

    const other = await round();
    assert.equal((await agent.post(`/rounds/${other.id}/questions/${two}/delete`, {})).statusCode, 404, 'a question is reached only through its round');
    assert.equal((await agent.get(`/rounds/${other.id}/questions/${two}/edit`)).statusCode, 404);

    const deleted = await agent.post(`/rounds/${r.id}/questions/${two}/delete`, {});
    assert.equal(deleted.statusCode, 303);
    assert.deepEqual((await asked(r.id)).questions, ['1:One', '2:Three']);
    assert.ok(textOf((await agent.get(`/rounds/${r.id}/questions`)).body).includes('Question deleted: “Two”.'));
    assert.equal((await agent.post(`/rounds/${r.id}/questions/${two}/delete`, {})).statusCode, 404, 'already gone');
    const trail = await audits(r.id);
    assert.deepEqual(trail.at(-1), { action: 'round.question_deleted', details: { questionId: two, kind: 'yes_no', prompt: 'Two' } });
  });

  test('once applications open: no additions, deletions, moves or changes of kind; the words can still be corrected', async () => {
    const r = await round(3);
    const { agent: early } = await signInAs(t, 'staff');
    await addQuestion(early, r.id, { prompt: 'Pick one', kind: 'single_choice', required: 'on', options: 'Yes\nNo' });
    await addQuestion(early, r.id, { prompt: 'Another', kind: 'short_text' });
    assert.equal((await early.post(`/rounds/${r.id}/declarations`, { statement: 'I agre.' })).statusCode, 303);
    const id = await idOf(r.id, 'Pick one');
    const declaration = await idOf(r.id, 'I agre.');
    const earlier = await stored(r.id);
    t.clock.advance(3 * DAY);
    // a new session: the earlier one has timed out over those days
    const { agent } = await signInAs(t, 'staff');

    const page = await agent.get(`/rounds/${r.id}/questions`);
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    assert.ok(text.includes('Applications are open'));
    assert.ok(text.includes('can no longer be added, deleted or reordered'));
    assert.ok(text.includes('You can still correct the wording'));
    assert.ok(!page.body.includes('Add a question') && !page.body.includes('/move"') && !page.body.includes('/delete"'), 'only Edit is offered');

    const added = await agent.post(`/rounds/${r.id}/questions`, { prompt: 'Late question', kind: 'short_text' });
    assert.equal(added.statusCode, 409);
    assert.ok(textOf(added.body).includes('Applications to this round are open, so questions and declarations can no longer be added.'));
    assert.equal((await agent.post(`/rounds/${r.id}/declarations`, { statement: 'Late declaration' })).statusCode, 409);
    const deleted = await agent.post(`/rounds/${r.id}/questions/${id}/delete`, {});
    assert.equal(deleted.statusCode, 409);
    assert.ok(textOf(deleted.body).includes('can no longer be deleted'));
    assert.equal((await agent.get(`/rounds/${r.id}/questions/${id}/delete`)).statusCode, 409);
    assert.equal((await agent.post(`/rounds/${r.id}/questions/${await idOf(r.id, 'Another')}/move`, { direction: 'up' })).statusCode, 409);

    const form = await agent.get(`/rounds/${r.id}/questions/${id}/edit`);
    assert.equal(form.statusCode, 200);
    assert.ok(!form.body.includes('name="kind"') && !form.body.includes('name="options"') && !form.body.includes('name="required"'), 'only the words are editable');
    assert.match(textOf(form.body), /Kind of answer Single choice Options Yes No Required Yes/);
    // kind and options sent anyway (an old page) are not applied: only the words change
    const saved = await agent.post(`/rounds/${r.id}/questions/${id}/edit`, { prompt: 'Pick one answer', hint: 'Fixed typo', kind: 'short_text', options: '' });
    assert.equal(saved.statusCode, 303);
    assert.equal((await agent.post(`/rounds/${r.id}/questions/${declaration}/edit`, { statement: 'I agree.' })).statusCode, 303);

    const after = await stored(r.id);
    assert.equal(after.length, earlier.length);
    const edited = after.find((q) => q.id === id);
    assert.deepEqual([edited?.prompt, edited?.hint, edited?.kind, edited?.options, edited?.required], ['Pick one answer', 'Fixed typo', 'single_choice', ['Yes', 'No'], true]);
    assert.equal(after.find((q) => q.id === declaration)?.prompt, 'I agree.');
    assert.deepEqual((await asked(r.id)).questions, ['1:Pick one answer', '2:Another']);
    const trail = (await audits(r.id)).map((a) => a.action);
    assert.deepEqual(trail.slice(-2), ['round.question_updated', 'round.declaration_updated']);
    assert.equal(trail.filter((a) => a === 'round.question_added').length, 2, 'refused changes are not audited');
  });

  test('partners, students and visitors cannot reach the editor; partners see no link on the round page', async () => {
    const partner = await createOrganisation(t.database.db);
    const r = await createRound(t.database.db, partner, t.clock.now(), { opensInDays: 10, closesInDays: 40 });
    const { agent: staff } = await signInAs(t, 'staff');
    await addQuestion(staff, r.id, { prompt: 'Staff question', kind: 'short_text' });
    const id = await idOf(r.id, 'Staff question');

    const agents = [(await signInWithOrganisation(t, 'partner_admin', partner)).agent, (await signInWithOrganisation(t, 'partner_reviewer', partner)).agent, (await signInAs(t, 'student')).agent];
    for (const agent of agents) {
      for (const path of [`/rounds/${r.id}/questions`, `/rounds/${r.id}/questions/${id}/edit`, `/rounds/${r.id}/questions/${id}/delete`]) assert.equal((await agent.get(path)).statusCode, 403, path);
      assert.equal((await agent.post(`/rounds/${r.id}/questions`, { prompt: 'Sneaky', kind: 'short_text' })).statusCode, 403);
      assert.equal((await agent.post(`/rounds/${r.id}/declarations`, { statement: 'Sneaky' })).statusCode, 403);
      assert.equal((await agent.post(`/rounds/${r.id}/questions/${id}/edit`, { prompt: 'Sneaky', kind: 'short_text' })).statusCode, 403);
      assert.equal((await agent.post(`/rounds/${r.id}/questions/${id}/delete`, {})).statusCode, 403);
      assert.equal((await agent.post(`/rounds/${r.id}/questions/${id}/move`, { direction: 'down' })).statusCode, 403);
    }
    const partnerRoundPage = await agents[0]?.get(`/rounds/${r.id}`);
    assert.equal(partnerRoundPage?.statusCode, 200);
    assert.ok(!partnerRoundPage?.body.includes('/questions"'), 'no link for partners');

    const visitor = await new TestAgent(t.app).get(`/rounds/${r.id}/questions`);
    assert.equal(visitor.statusCode, 302);
    assert.equal((await staff.post(`/rounds/${r.id}/questions`, { prompt: 'No token', kind: 'short_text' }, { csrf: false })).statusCode, 403, 'the form needs its CSRF token');
    assert.equal((await staff.get('/rounds/00000000-0000-4000-8000-000000000000/questions')).statusCode, 404);

    assert.deepEqual((await stored(r.id)).map((q) => q.prompt), ['Staff question']);
  });

  test('cloning a round copies its questions and declarations, in order, to edit before the new round opens', async () => {
    const r = await round(5);
    const { agent } = await signInAs(t, 'staff');
    await addQuestion(agent, r.id, { prompt: 'Second asked', kind: 'long_text' });
    await addQuestion(agent, r.id, { prompt: 'First asked', kind: 'single_choice', required: 'on', options: 'X\nY', hint: 'A hint' });
    assert.equal((await agent.post(`/rounds/${r.id}/questions/${await idOf(r.id, 'First asked')}/move`, { direction: 'up' })).statusCode, 303);
    assert.equal((await agent.post(`/rounds/${r.id}/declarations`, { statement: 'I declare.' })).statusCode, 303);

    const cloned = await agent.post(`/rounds/${r.id}/clone`, {});
    assert.equal(cloned.statusCode, 303);
    const cloneId = String(cloned.headers.location).split('/').at(-1) ?? '';
    assert.notEqual(cloneId, r.id);
    const [copy] = await t.database.db.select().from(rounds).where(eq(rounds.id, cloneId));
    assert.ok(copy);

    const pick = (rows: Awaited<ReturnType<typeof stored>>) => rows.map((q) => ({ position: q.position, kind: q.kind, prompt: q.prompt, hint: q.hint, options: q.options, required: q.required }));
    const copied = await stored(cloneId);
    assert.equal(copied.length, 3);
    assert.deepEqual(pick(copied), pick(await stored(r.id)));
    assert.deepEqual(await asked(cloneId), { questions: ['1:First asked', '2:Second asked'], declarations: ['1:I declare.'] });
    const originalIds = new Set((await stored(r.id)).map((q) => q.id));
    assert.ok(copied.every((q) => !originalIds.has(q.id)), 'new rows, not moved ones');
    const clonedAudit = (await audits(cloneId)).find((a) => a.action === 'round.cloned');
    assert.equal(clonedAudit?.details.questionsCopied, 3);

    // the copies belong to the new round: editing one leaves the original alone
    const copyId = copied.find((q) => q.prompt === 'I declare.')?.id ?? '';
    assert.equal((await agent.post(`/rounds/${cloneId}/questions/${copyId}/edit`, { statement: 'I declare again.' })).statusCode, 303);
    assert.deepEqual((await asked(r.id)).declarations, ['1:I declare.']);
    assert.ok((await agent.get(`/rounds/${cloneId}`)).body.includes('Questions and declarations (3)'));
  });
});
