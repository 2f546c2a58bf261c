import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { existsSync } from 'node:fs';
import { textOf, type TestAgent } from '../../../test/helpers/agent.ts';
import { createOffice, createOrganisation, createPost, createRound, type Office, type Post, type Round } from '../../../test/helpers/catalogue-factories.ts';
import { createCourse, newStudentNumber, signInAs } from '../../../test/helpers/factories.ts';
import { samplePdf } from '../../../test/helpers/pdf.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { roundQuestions } from '../rounds/round-questions.tables.ts';

let t: TestApp;
let office: Office;
let round: Round;
let post: Post;
let courseId: string;
const q: Record<string, string> = {};

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

const funding = { funding_incomeBand: 'up_to_25000', funding_incomeBenefits: 'yes', funding_careExperience: 'no', funding_caringResponsibilities: 'no', funding_estranged: 'no', funding_refugee: 'prefer_not', funding_disabilityCosts: 'no' };

before(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const now = t.clock.now();
  const partner = await createOrganisation(db, { name: 'Details Partner', now });
  office = await createOffice(db, partner, { city: 'Nairobi', country: 'KE', latitude: -1.29, longitude: 36.82, timeZone: 'Africa/Nairobi', now });
  round = await createRound(db, partner, now, { name: 'Details round' });
  post = await createPost(db, { round, office }, { title: 'Field intern', createdAt: now });
  courseId = (await createCourse(db, { name: 'Development MSc', level: 'PG', now })).id;
  const made = await db
    .insert(roundQuestions)
    .values([
      { roundId: round.id, position: 1, kind: 'single_choice', prompt: 'How did you hear about us?', options: ['A lecture', 'A friend'], required: true, createdAt: now, updatedAt: now },
      { roundId: round.id, position: 2, kind: 'long_text', prompt: 'Access requirements', required: false, createdAt: now, updatedAt: now },
      { roundId: round.id, position: 3, kind: 'yes_no', prompt: 'Do you hold a passport?', required: true, createdAt: now, updatedAt: now },
      { roundId: round.id, position: 1, kind: 'declaration', prompt: 'I will hold health insurance for the whole placement', required: true, createdAt: now, updatedAt: now },
    ])
    .returning();
  for (const row of made) q[row.kind] = row.id;
});
after(() => t.close());

async function student(): Promise<{ agent: TestAgent; user: { id: string; email: string } }> {
  const signed = await signInAs(t, 'student');
  const saved = await signed.agent.post('/profile', { studentNumber: newStudentNumber(), courseId, yearOfStudy: '1', expectedGraduation: '2028-06-30', nationality: 'GB', language1: 'en', level1: 'C2' });
  assert.equal(saved.statusCode, 303);
  return signed;
}

async function start(agent: TestAgent, r: Round = round): Promise<string> {
  const started = await agent.post(`/rounds/${r.id}/apply`, {});
  const id = /\/applications\/([0-9a-f-]{36})$/.exec(String(started.headers.location))?.[1];
  assert.ok(id);
  return id;
}

const answers = () => ({ [`answer_${q.single_choice}`]: 'A friend', [`answer_${q.yes_no}`]: 'yes', [`answer_${q.declaration}`]: 'agreed' });
const complete = () => ({ choice1: post.id, statement: 'I want to work in the field.', ...answers(), ...funding });
const cv = async (text = 'Curriculum vitae', name = 'cv.pdf') => ({ field: 'cv', name, content: await samplePdf(text), type: 'application/pdf' });

describe('the CV', () => {
  test('is stored by content, served as an attachment to its student and to staff only', async () => {
    const { agent, user } = await student();
    const id = await start(agent);
    const saved = await agent.postMultipart(`/applications/${id}`, { choice1: post.id, statement: 'Draft', intent: 'save' }, await cv('First CV', 'my cv.pdf'));
    assert.equal(saved.statusCode, 303);
    const [app] = await rows<{ cv_file_id: string }>(sql`select cv_file_id from applications where id = ${id}`);
    assert.ok(app?.cv_file_id);
    const [file] = await rows<{ storage_key: string; created_by: string }>(sql`select storage_key, created_by from stored_files where id = ${app.cv_file_id}`);
    assert.equal(file?.created_by, user.id);
    assert.doesNotMatch(file?.storage_key ?? '', /cv/i, 'stored under a generated name');

    const download = await agent.get(`/applications/${id}/cv`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.match(String(download.headers['content-disposition']), /^attachment;/);
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.match(String(download.headers['content-security-policy']), /sandbox/);
    assert.ok(download.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')));

    const page = await agent.get(`/applications/${id}`);
    assert.match(textOf(page.body), /Your CV: .*my cv.*\.pdf/);

    const stranger = await student();
    assert.equal((await stranger.agent.get(`/applications/${id}/cv`)).statusCode, 404);
    const { agent: staff } = await signInAs(t, 'staff');
    assert.equal((await staff.get(`/applications/${id}/cv`)).statusCode, 200);
    for (const role of ['partner_admin', 'partner_reviewer', 'funder', 'edi_officer'] as const) {
      const { agent: other } = await signInAs(t, role);
      assert.equal((await other.get(`/applications/${id}/cv`)).statusCode, 403, role);
    }
  });

  test('a fake, a truncated and an oversize PDF are refused with the rest of the form kept, and nothing stored', async () => {
    const { agent } = await student();
    const id = await start(agent);
    const before = (await rows(sql`select 1 from stored_files`)).length;
    const html = Buffer.from('<html><body><script>alert(1)</script></body></html>');
    const fake = await agent.postMultipart(`/applications/${id}`, { choice1: post.id, statement: 'Kept statement', intent: 'save' }, { field: 'cv', name: 'cv.pdf', content: html, type: 'application/pdf' });
    assert.equal(fake.statusCode, 400);
    assert.match(textOf(fake.body), /There is a problem/);
    assert.match(textOf(fake.body), /Your CV could not be used/);
    assert.ok(fake.body.includes('Kept statement'));

    const whole = await samplePdf('Truncated');
    const truncated = await agent.postMultipart(`/applications/${id}`, { choice1: post.id, statement: 'Kept statement', intent: 'save' }, { field: 'cv', name: 'cv.pdf', content: whole.subarray(0, Math.floor(whole.length / 2)), type: 'application/pdf' });
    assert.equal(truncated.statusCode, 400);
    assert.match(textOf(truncated.body), /Your CV could not be used/);

    const big = new Uint8Array(5 * 1024 * 1024 + 10);
    big.set(Buffer.from('%PDF-1.7\n'));
    const oversize = await agent.postMultipart(`/applications/${id}`, { choice1: post.id, statement: 'Kept statement', intent: 'save' }, { field: 'cv', name: 'cv.pdf', content: big, type: 'application/pdf' });
    assert.equal(oversize.statusCode, 400);
    assert.match(textOf(oversize.body), /Your CV is too large: The file must be smaller than 5 MB/);
    assert.ok(oversize.body.includes('Kept statement'));

    assert.equal((await rows(sql`select 1 from stored_files`)).length, before, 'no file recorded');
    const [app] = await rows<{ cv_file_id: string | null; statement: string }>(sql`select cv_file_id, statement from applications where id = ${id}`);
    assert.deepEqual(app, { cv_file_id: null, statement: '' });
  });

  test('replacing the CV keeps the old one until the new one is stored; a submitted CV stays with its submission', async () => {
    const { agent } = await student();
    const id = await start(agent);
    assert.equal((await agent.postMultipart(`/applications/${id}`, { ...complete(), intent: 'submit' }, await cv('Submitted CV'))).statusCode, 303);
    const [first] = await rows<{ cv_file_id: string }>(sql`select cv_file_id from applications where id = ${id}`);
    assert.equal((await agent.post(`/applications/${id}/reopen`, {})).statusCode, 303);

    const refused = await agent.postMultipart(`/applications/${id}`, { ...complete(), intent: 'save' }, { field: 'cv', name: 'x.pdf', content: Buffer.from('not a pdf'), type: 'application/pdf' });
    assert.equal(refused.statusCode, 400);
    const [still] = await rows<{ cv_file_id: string }>(sql`select cv_file_id from applications where id = ${id}`);
    assert.equal(still?.cv_file_id, first?.cv_file_id, 'a refused replacement leaves the CV as it was');

    assert.equal((await agent.postMultipart(`/applications/${id}`, { ...complete(), intent: 'save' }, await cv('Second CV'))).statusCode, 303);
    const [second] = await rows<{ cv_file_id: string }>(sql`select cv_file_id from applications where id = ${id}`);
    assert.notEqual(second?.cv_file_id, first?.cv_file_id);
    const [kept] = await rows<{ storage_key: string }>(sql`select storage_key from stored_files where id = ${first?.cv_file_id}`);
    assert.ok(kept, 'the CV of the first submission is kept');

    assert.equal((await agent.postMultipart(`/applications/${id}`, { ...complete(), intent: 'save' }, await cv('Third CV'))).statusCode, 303);
    const [draftOnly] = await rows(sql`select 1 from stored_files where id = ${second?.cv_file_id}`);
    assert.equal(draftOnly, undefined, 'a CV no submission used is removed when replaced');
    const download = await agent.get(`/applications/${id}/cv`);
    assert.ok(download.rawPayload.length > 0);
    assert.ok(existsSync(t.config.dataDir), 'the store is on disk');
  });
});

describe('the round’s questions, declarations and funding questions', () => {
  test('are asked on the form, checked on save, required at submission, and kept with the submission', async () => {
    const { agent } = await student();
    const id = await start(agent);
    const page = await agent.get(`/applications/${id}`);
    const text = textOf(page.body);
    assert.match(text, /How did you hear about us\?/);
    assert.match(text, /Access requirements \(optional\)/);
    assert.match(text, /I will hold health insurance for the whole placement/);
    assert.match(text, /Only the programme team sees them/);
    assert.ok(page.body.includes('enctype="multipart/form-data"'));

    const bad = await agent.post(`/applications/${id}`, { ...complete(), [`answer_${q.single_choice}`]: 'A billboard', funding_incomeBand: 'millions', intent: 'save' });
    assert.equal(bad.statusCode, 400);
    assert.match(textOf(bad.body), /Choose one of the answers to “How did you hear about us\?”/);
    assert.match(textOf(bad.body), /Choose one of the answers to “What is your household’s income/);
    assert.ok(bad.body.includes('I want to work in the field.'), 'the statement is kept');

    const missing = await agent.postMultipart(`/applications/${id}`, { choice1: post.id, statement: 'Statement', intent: 'submit' }, await cv());
    assert.equal(missing.statusCode, 400);
    const problems = textOf(missing.body);
    assert.match(problems, /Answer the question: “How did you hear about us\?”/);
    assert.match(problems, /Answer the question: “Do you hold a passport\?”/);
    assert.doesNotMatch(problems, /Answer the question: “Access requirements”/, 'an optional question is not required');
    assert.match(problems, /Confirm the declaration: “I will hold health insurance/);
    assert.match(problems, /Answer the funding question: “Are you care experienced/);
    const [draft] = await rows<{ status: string }>(sql`select status from applications where id = ${id}`);
    assert.equal(draft?.status, 'draft');

    assert.equal((await agent.post(`/applications/${id}`, { ...complete(), intent: 'submit' })).statusCode, 303);
    const stored = await rows<{ question_id: string; value: string }>(sql`select question_id, value from application_answers where application_id = ${id} order by value`);
    assert.deepEqual(stored.map((r) => r.value).sort(), ['A friend', 'agreed', 'yes']);
    const [fund] = await rows<{ answers: Record<string, string> }>(sql`select answers from application_funding where application_id = ${id}`);
    assert.equal(fund?.answers.incomeBand, 'up_to_25000');
    const [snap] = await rows<{ snapshot: { answers: { prompt: string; value: string }[]; cvFileId: string | null } }>(sql`select snapshot from application_submissions where application_id = ${id}`);
    assert.ok(snap?.snapshot.answers.some((a) => a.prompt === 'How did you hear about us?' && a.value === 'A friend'));
    assert.ok(snap?.snapshot.cvFileId, 'the submission names its CV');
    // funding answers are never in the audit log
    const audit = await rows<{ details: unknown }>(sql`select details from audit_events where subject_id = ${id}`);
    assert.ok(!JSON.stringify(audit).includes('up_to_25000'));
  });

  test('a saved draft shows the stored answers again', async () => {
    const { agent } = await student();
    const id = await start(agent);
    assert.equal((await agent.post(`/applications/${id}`, { ...complete(), intent: 'save' })).statusCode, 303);
    const page = await agent.get(`/applications/${id}`);
    assert.match(page.body, new RegExp(`name="answer_${q.single_choice}" value="A friend" checked`));
    assert.match(page.body, /name="funding_incomeBand" value="up_to_25000" checked/);
    assert.match(page.body, new RegExp(`name="answer_${q.declaration}" value="agreed" checked`));
  });
});

describe('submission', () => {
  test('two submits of the same form at once make one submission', async () => {
    const { agent, user } = await student();
    const id = await start(agent);
    assert.equal((await agent.postMultipart(`/applications/${id}`, { ...complete(), intent: 'save' }, await cv())).statusCode, 303);
    const csrf = await agent.csrfToken(`/applications/${id}`);
    const [a, b] = await Promise.all([agent.post(`/applications/${id}`, { ...complete(), intent: 'submit' }, { csrf }), agent.post(`/applications/${id}`, { ...complete(), intent: 'submit' }, { csrf })]);
    assert.deepEqual([a.statusCode, b.statusCode], [303, 303]);
    assert.equal((await rows(sql`select 1 from application_submissions where application_id = ${id}`)).length, 1);
    assert.equal((await rows(sql`select 1 from outbox_messages where to_address = ${user.email} and subject like 'Application received%'`)).length, 1, 'one receipt');
  });

  test('after the deadline the status page shows the stages and the next date', async () => {
    const { agent } = await student();
    const id = await start(agent);
    assert.equal((await agent.postMultipart(`/applications/${id}`, { ...complete(), intent: 'submit' }, await cv())).statusCode, 303);
    // the deadline moved to a minute ago (moving the clock would end the session)
    const closedAt = new Date(t.clock.now().getTime() - 60_000);
    await t.database.db.execute(sql`update rounds set applications_close_at = ${closedAt.toISOString()}::timestamptz, review_until = ${new Date(t.clock.now().getTime() + 5 * 86400_000).toISOString().slice(0, 10)} where id = ${round.id}`);
    try {
      const response = await agent.get(`/applications/${id}`);
      assert.equal(response.statusCode, 200, response.body.slice(0, 300));
      const page = textOf(response.body);
      assert.match(page, /Under review \(Now\)/);
      assert.match(page, /Shortlist \(To come\)/);
      assert.match(page, /Next date that matters: under review/);
      assert.doesNotMatch(page, /Reopen to make changes/);
    } finally {
      await t.database.db.execute(sql`update rounds set applications_close_at = ${round.applicationsCloseAt.toISOString()}::timestamptz, review_until = ${round.reviewUntil} where id = ${round.id}`);
    }
  });
});

describe('eligibility overrides', () => {
  test('a post the student is not eligible for can be submitted once staff override it, and not after they reverse it', async () => {
    const now = t.clock.now();
    const german = await createPost(t.database.db, { round, office }, { title: 'German-speaking intern', languages: [{ language: 'de', level: 'B2' }], createdAt: now });
    const { agent } = await student();
    const id = await start(agent);
    assert.equal((await agent.postMultipart(`/applications/${id}`, { ...complete(), choice1: german.id, intent: 'save' }, await cv())).statusCode, 303);
    const refused = await agent.post(`/applications/${id}`, { ...complete(), choice1: german.id, intent: 'submit' });
    assert.equal(refused.statusCode, 400);
    assert.match(textOf(refused.body), /German-speaking intern: This post needs German at B2 or above/);

    const { agent: staff } = await signInAs(t, 'staff');
    const csrf = await staff.csrfToken(`/rounds/${round.id}/applications/${id}`);
    const decided = await staff.post(`/rounds/${round.id}/applications/${id}/eligibility`, { target: german.id, decision: 'eligible', reason: 'German at B2 confirmed by the language centre' }, { csrf });
    assert.equal(decided.statusCode, 303);
    assert.equal((await agent.post(`/applications/${id}`, { ...complete(), choice1: german.id, intent: 'submit' })).statusCode, 303, 'the override lets the submission through');

    assert.equal((await agent.post(`/applications/${id}/reopen`, {})).statusCode, 303);
    assert.equal((await staff.post(`/rounds/${round.id}/applications/${id}/eligibility`, { target: 'round', decision: 'not_eligible', reason: 'Not enrolled this year' }, { csrf })).statusCode, 303);
    const blocked = await agent.post(`/applications/${id}`, { ...complete(), choice1: german.id, intent: 'submit' });
    assert.equal(blocked.statusCode, 400);
    assert.match(textOf(blocked.body), /The programme team has decided that you are not eligible for this round/);
  });
});

describe('deadline reminders', () => {
  test('a draft is reminded 72 and 24 hours before the deadline, once each; a submitted one is not', async () => {
    const now = t.clock.now();
    const partner = await createOrganisation(t.database.db, { now });
    const soon = await createRound(t.database.db, partner, now, { closesInDays: 5, name: 'Reminder round' });
    await createPost(t.database.db, { round: soon, office }, { createdAt: now });
    const drafter = await student();
    const draftId = await start(drafter.agent, soon);
    const submitter = await student();
    const submittedId = await start(submitter.agent, soon);
    const soonPost = (await rows<{ id: string }>(sql`select id from posts where round_id = ${soon.id}`))[0]?.id ?? '';
    assert.equal((await submitter.agent.postMultipart(`/applications/${submittedId}`, { choice1: soonPost, statement: 'Done', ...funding, intent: 'submit' }, await cv())).statusCode, 303);

    const reminders = async (email: string) => (await rows(sql`select 1 from outbox_messages where to_address = ${email} and subject like '%is not submitted yet'`)).length;
    try {
      t.clock.set(new Date(soon.applicationsCloseAt.getTime() - 72 * 3600_000 + 1000));
      await t.jobs.runDue();
      assert.equal(await reminders(drafter.user.email), 1, '72 hours before');
      assert.equal(await reminders(submitter.user.email), 0, 'nothing to a submitted application');
      await t.jobs.runDue();
      assert.equal(await reminders(drafter.user.email), 1, 'once');
      t.clock.set(new Date(soon.applicationsCloseAt.getTime() - 24 * 3600_000 + 1000));
      await t.jobs.runDue();
      assert.equal(await reminders(drafter.user.email), 2, '24 hours before');
      const [mail] = await rows<{ text_body: string }>(sql`select text_body from outbox_messages where to_address = ${drafter.user.email} and subject like '%is not submitted yet' order by id desc limit 1`);
      assert.match(mail?.text_body ?? '', /about 24 hours from now/);
      assert.ok(mail?.text_body.includes(`/applications/${draftId}`));
    } finally {
      t.clock.set(now);
    }
  });
});
