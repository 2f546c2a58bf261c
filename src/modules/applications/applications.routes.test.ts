import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { textOf, type TestAgent } from '../../../test/helpers/agent.ts';
import { createOffice, createOrganisation, createPost, createRound, type Office, type Post, type Round } from '../../../test/helpers/catalogue-factories.ts';
import { createCourse, newStudentNumber, signInAs } from '../../../test/helpers/factories.ts';
import { samplePdf } from '../../../test/helpers/pdf.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

let t: TestApp;
let office: Office;
let round: Round;
let other: Round;
let open: Post;
let second: Post;
let french: Post;
let elsewhere: Post;
let courseId: string;

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

before(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const now = t.clock.now();
  const partner = await createOrganisation(db, { name: 'Applications Partner', now });
  office = await createOffice(db, partner, { city: 'Geneva', country: 'CH', latitude: 46.2, longitude: 6.14, timeZone: 'Europe/Zurich', now });
  round = await createRound(db, partner, now, { name: 'Spring applications round' });
  other = await createRound(db, partner, now, { name: 'Another round' });
  open = await createPost(db, { round, office }, { title: 'Policy intern', createdAt: now });
  second = await createPost(db, { round, office }, { title: 'Data intern', createdAt: now });
  french = await createPost(db, { round, office }, { title: 'French-speaking intern', languages: [{ language: 'fr', level: 'C1' }], createdAt: now });
  elsewhere = await createPost(db, { round: other, office }, { title: 'Other round intern', createdAt: now });
  courseId = (await createCourse(db, { name: 'Politics BA', level: 'UG', now })).id;
});
after(() => t.close());

async function student(withProfile = true): Promise<{ agent: TestAgent; user: { id: string; email: string } }> {
  const signed = await signInAs(t, 'student');
  if (withProfile) {
    const saved = await signed.agent.post('/profile', { studentNumber: newStudentNumber(), courseId, yearOfStudy: '2', expectedGraduation: '2028-06-30', nationality: 'KE', language1: 'en', level1: 'C2' });
    assert.equal(saved.statusCode, 303);
  }
  return signed;
}

async function start(agent: TestAgent, r: Round = round): Promise<string> {
  const started = await agent.post(`/rounds/${r.id}/apply`, {});
  assert.equal(started.statusCode, 303);
  const id = /\/applications\/([0-9a-f-]{36})$/.exec(String(started.headers.location))?.[1];
  assert.ok(id);
  return id;
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

// every funding question answered, as a complete application has them
const funding = { funding_incomeBand: 'prefer_not', funding_incomeBenefits: 'no', funding_careExperience: 'no', funding_caringResponsibilities: 'no', funding_estranged: 'no', funding_refugee: 'prefer_not', funding_disabilityCosts: 'no' };

async function cvFile(text = 'Curriculum vitae') {
  return { field: 'cv', name: 'my cv.pdf', content: await samplePdf(text), type: 'application/pdf' };
}

describe('an application', () => {
  test('start, save, submit, reopen, resubmit and withdraw, with a receipt and audit', async () => {
    const { agent, user } = await student();
    const page = await agent.get(`/rounds/${round.id}/apply`);
    assert.equal(page.statusCode, 200);
    assert.match(textOf(page.body), /Start your application/);
    assert.equal((await rows(sql`select 1 from applications where student_id = ${user.id}`)).length, 0, 'a GET creates nothing');

    const id = await start(agent);
    const draft = await agent.get(`/applications/${id}`);
    assert.equal(draft.statusCode, 200);
    assert.match(textOf(draft.body), /Still to do before you submit/);
    assert.match(textOf(draft.body), /Choose at least one post/);
    assert.equal((draft.body.match(/name="choice\d"/g) ?? []).length, 3, 'one row per possible choice');
    assert.ok(draft.body.includes('src="/assets/word-count.js"'));

    const saved = await agent.post(`/applications/${id}`, { choice1: second.id, motivation1: 'Data matters', statement: '', intent: 'save' });
    assert.equal(saved.statusCode, 303);
    const [choice] = await rows<{ rank: number; post_id: string }>(sql`select rank, post_id from application_choices where application_id = ${id}`);
    assert.deepEqual(choice, { rank: 1, post_id: second.id });

    const incomplete = await agent.post(`/applications/${id}`, { choice1: second.id, statement: '', intent: 'submit' });
    assert.equal(incomplete.statusCode, 400);
    assert.match(textOf(incomplete.body), /Write your personal statement/);

    const submitted = await agent.postMultipart(`/applications/${id}`, { choice1: open.id, choice2: second.id, statement: words(120), ...funding, intent: 'submit' }, await cvFile());
    assert.equal(submitted.statusCode, 303);
    const [app] = await rows<{ status: string; submitted_at: Date | null }>(sql`select status, submitted_at from applications where id = ${id}`);
    assert.equal(app?.status, 'submitted');
    const [mail] = await rows<{ subject: string; text_body: string; to_address: string }>(sql`select subject, text_body, to_address from outbox_messages where to_address = ${user.email} order by id desc limit 1`);
    assert.equal(mail?.subject, 'Application received: Spring applications round');
    assert.match(mail?.text_body ?? '', /1\. Policy intern\n2\. Data intern/);
    assert.match(mail?.text_body ?? '', /Personal statement: 120 words/);

    const edit = await agent.post(`/applications/${id}`, { choice1: open.id, statement: 'x', intent: 'save' });
    assert.equal(edit.statusCode, 303, 'a submitted application is not changed without reopening');
    assert.equal((await rows(sql`select 1 from application_choices where application_id = ${id}`)).length, 2);

    assert.equal((await agent.post(`/applications/${id}/reopen`, {})).statusCode, 303);
    const again = await agent.post(`/applications/${id}`, { choice1: second.id, statement: words(80), ...funding, intent: 'submit' });
    assert.equal(again.statusCode, 303);
    const history = await rows<{ snapshot: { choices: { title: string }[] } }>(sql`select snapshot from application_submissions where application_id = ${id} order by id`);
    assert.equal(history.length, 2, 'each submission kept');
    assert.deepEqual(history[1]?.snapshot.choices.map((c) => c.title), ['Data intern']);

    const status = await agent.get(`/applications/${id}`);
    assert.match(textOf(status.body), /Reopened for changes on/);
    assert.match(textOf(status.body), /Next date that matters: the deadline/);
    assert.match(textOf(status.body), /Submitted \(Done\)/);
    assert.match(textOf(status.body), /Eligibility \(Done\).*You meet the requirements of 1 of your 1 choice\./);
    assert.match(textOf(status.body), /Under review \(To come\)/);

    const confirm = await agent.get(`/applications/${id}/withdraw`);
    assert.equal(confirm.statusCode, 200);
    assert.equal((await agent.post(`/applications/${id}/withdraw`, { reason: 'I found a job' })).statusCode, 303);
    const [gone] = await rows<{ status: string; withdraw_reason: string }>(sql`select status, withdraw_reason from applications where id = ${id}`);
    assert.deepEqual(gone, { status: 'withdrawn', withdraw_reason: 'I found a job' });
    const [bye] = await rows<{ subject: string }>(sql`select subject from outbox_messages where to_address = ${user.email} order by id desc limit 1`);
    assert.equal(bye?.subject, 'Application withdrawn: Spring applications round');

    assert.equal(await start(agent), id, 'started again before the deadline, the same application');
    const actions = await rows<{ action: string }>(sql`select action from audit_events where subject_id = ${id} order by id`);
    assert.deepEqual([...new Set(actions.map((a) => a.action))].sort(), ['application.reopened', 'application.saved', 'application.started', 'application.submitted', 'application.withdrawn']);

    const list = await agent.get('/applications');
    assert.ok(list.body.includes(`href="/applications/${id}"`));
  });

  test('bad choices are refused with field errors and a long statement at submission; the form keeps what was typed', async () => {
    const { agent } = await student();
    const id = await start(agent);
    const foreign = await agent.post(`/applications/${id}`, { choice1: elsewhere.id, statement: 'Hello', intent: 'save' });
    assert.equal(foreign.statusCode, 400);
    assert.match(textOf(foreign.body), /Choice 1 is not a post of this round/);

    const twice = await agent.post(`/applications/${id}`, { choice1: open.id, choice2: open.id, intent: 'save' });
    assert.equal(twice.statusCode, 400);
    assert.match(textOf(twice.body), /You have ranked Policy intern twice/);

    const many = await agent.post(`/applications/${id}`, { choice1: open.id, choice2: second.id, choice3: french.id, choice4: elsewhere.id, intent: 'save' });
    assert.equal(many.statusCode, 400);
    assert.match(textOf(many.body), /You can rank up to 3 posts in this round/);

    assert.equal((await rows(sql`select 1 from application_choices where application_id = ${id}`)).length, 0, 'nothing stored');
    const long = await agent.post(`/applications/${id}`, { choice1: open.id, statement: words(501), ...funding, intent: 'submit' });
    assert.equal(long.statusCode, 400);
    assert.match(textOf(long.body), /Shorten your personal statement: it has 501 words; the limit is 500/);
    assert.ok(long.body.includes('word500'), 'the statement is kept in the form');
    const [draft] = await rows<{ status: string; statement: string }>(sql`select status, statement from applications where id = ${id}`);
    assert.equal(draft?.status, 'draft', 'not submitted');
    assert.equal(draft?.statement, words(501), 'the over-long statement is kept in the draft, to be shortened');
  });

  test('an ineligible choice and a missing profile are named in plain words', async () => {
    const { agent } = await student();
    const id = await start(agent);
    const refused = await agent.post(`/applications/${id}`, { choice1: french.id, statement: 'Short statement', intent: 'submit' });
    assert.equal(refused.statusCode, 400);
    assert.match(textOf(refused.body), /French-speaking intern: This post needs French at C1 or above; your profile does not list French/);

    const bare = await student(false);
    const bareId = await start(bare.agent);
    const noProfile = await bare.agent.post(`/applications/${bareId}`, { choice1: open.id, statement: 'Short statement', intent: 'submit' });
    assert.equal(noProfile.statusCode, 400);
    assert.match(textOf(noProfile.body), /Add your study details/);
    assert.ok(noProfile.body.includes('href="/profile"'));
  });

  test('a submission one second after the deadline is refused and the draft stays', async () => {
    const now = t.clock.now();
    const partner = await createOrganisation(t.database.db, { now });
    const late = await createRound(t.database.db, partner, now, { closesInDays: 0.01, name: 'Closing round', timeZone: 'Asia/Tokyo' });
    const post = await createPost(t.database.db, { round: late, office }, { createdAt: now });
    const { agent } = await student();
    const id = await start(agent, late);
    assert.equal((await agent.post(`/applications/${id}`, { choice1: post.id, statement: 'Draft words', intent: 'save' })).statusCode, 303);
    t.clock.set(new Date(late.applicationsCloseAt.getTime() + 1000));
    try {
      const refused = await agent.post(`/applications/${id}`, { choice1: post.id, statement: 'Draft words', intent: 'submit' });
      assert.equal(refused.statusCode, 409);
      assert.match(textOf(refused.body), /The deadline has passed/);
      assert.match(textOf(refused.body), /Asia\/Tokyo/);
      assert.match(textOf(refused.body), /Europe\/London/);
      const [app] = await rows<{ status: string; statement: string }>(sql`select status, statement from applications where id = ${id}`);
      assert.deepEqual(app, { status: 'draft', statement: 'Draft words' });
    } finally {
      t.clock.set(now);
    }
  });

  test('two simultaneous starts make one application', async () => {
    const { agent, user } = await student();
    const csrf = await agent.csrfToken('/applications');
    const [a, b] = await Promise.all([agent.post(`/rounds/${round.id}/apply`, {}, { csrf }), agent.post(`/rounds/${round.id}/apply`, {}, { csrf })]);
    assert.equal(a.statusCode, 303);
    assert.equal(b.statusCode, 303);
    assert.equal(a.headers.location, b.headers.location);
    assert.equal((await rows(sql`select 1 from applications where student_id = ${user.id}`)).length, 1);
  });

  test('another student’s application is not found; partners and staff are refused', async () => {
    const owner = await student();
    const id = await start(owner.agent);
    const stranger = await student();
    assert.equal((await stranger.agent.get(`/applications/${id}`)).statusCode, 404);
    assert.equal((await stranger.agent.post(`/applications/${id}/withdraw`, {})).statusCode, 404);
    for (const role of ['staff', 'partner_admin', 'partner_reviewer'] as const) {
      const { agent } = await signInAs(t, role);
      assert.equal((await agent.get(`/applications/${id}`)).statusCode, 403, role);
      assert.equal((await agent.get(`/rounds/${round.id}/apply`)).statusCode, 403, role);
      assert.equal((await agent.get('/applications')).statusCode, 403, role);
    }
  });

  test('the catalogue post page offers students an Apply link while the round is open', async () => {
    const { agent } = await student();
    const page = await agent.get(`/posts/${open.id}`);
    assert.ok(page.body.includes(`href="/rounds/${round.id}/apply"`));
    const { agent: staff } = await signInAs(t, 'staff');
    assert.ok(!(await staff.get(`/posts/${open.id}`)).body.includes('/apply'));
  });
});
