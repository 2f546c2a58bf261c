import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { TestAgent, textOf } from '../../../test/helpers/agent.ts';
import { createOrganisation, createRound, signInWithOrganisation, type Round } from '../../../test/helpers/catalogue-factories.ts';
import { signInAs } from '../../../test/helpers/factories.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { applications, applicationSubmissions } from '../applications/applications.tables.ts';
import { createPseudonymiser } from './equality.pseudonym.ts';
import { equalityField } from './equality.questions.ts';
import { equalityResponses, type EqualityAnswers } from './equality.tables.ts';

let t: TestApp;
let round: Round;
let quiet: Round;
let busy: Round;
let partner: Awaited<ReturnType<typeof createOrganisation>>;

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

before(async () => {
  t = await buildTestApp();
  const now = t.clock.now();
  partner = await createOrganisation(t.database.db, { name: 'Equality Partner', now });
  round = await createRound(t.database.db, partner, now, { name: 'Equality round' });
  quiet = await createRound(t.database.db, partner, now, { name: 'Quiet round' });
  busy = await createRound(t.database.db, partner, now, { name: 'Busy round' });
});
after(() => t.close());

// an application inserted directly (the application workflow has its own tests)
async function application(studentId: string, options: { round?: Round; status?: 'draft' | 'submitted' | 'withdrawn'; submittedBefore?: boolean } = {}): Promise<string> {
  const now = t.clock.now();
  const status = options.status ?? 'submitted';
  const [row] = await t.database.db
    .insert(applications)
    .values({ roundId: (options.round ?? round).id, studentId, status, statement: 'x', submittedAt: status === 'submitted' ? now : null, createdAt: now, updatedAt: now })
    .returning();
  assert.ok(row);
  if (status === 'submitted' || options.submittedBefore) await t.database.db.insert(applicationSubmissions).values({ applicationId: row.id, submittedAt: now, snapshot: { statement: 'x', choices: [] } });
  return row.id;
}

async function studentWithApplication(options: Parameters<typeof application>[1] = {}): Promise<{ agent: TestAgent; user: { id: string; email: string }; id: string }> {
  const { agent, user } = await signInAs(t, 'student');
  return { agent, user, id: await application(user.id, options) };
}

const field = equalityField;
const answersOf = (pseudonym: string) => rows<{ answers: EqualityAnswers; round_id: string }>(sql`select answers, round_id from equality_responses where pseudonym = ${pseudonym}`);

describe('a student answering equality monitoring', () => {
  test('saves, changes and withdraws the answers, stored apart under a pseudonym; audited without the answers; no e-mail; not logged', async () => {
    const { agent, user, id } = await studentWithApplication();
    const pseudonym = createPseudonymiser(t.config.secret)(user.id, round.id);

    const application = await agent.get(`/applications/${id}`);
    assert.equal(application.statusCode, 200);
    assert.ok(application.body.includes(`href="/applications/${id}/equality"`), 'a submitted application links to the questions');
    assert.match(textOf(application.body), /Tell us about yourself \(equality monitoring, optional\)/);

    const page = await agent.get(`/applications/${id}/equality`);
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    assert.match(text, /Every question is optional/);
    assert.match(text, /stored apart from your application/);
    assert.match(text, /selectors and the partner organisations never see them/);
    assert.match(text, /withdraw them/);
    assert.equal((page.body.match(/value="prefer_not"/g) ?? []).length, 8, '"Prefer not to say" on every question');
    assert.match(text, /Bangladeshi/);
    assert.match(text, /Gypsy or Irish Traveller/);

    const saved = await agent.post(`/applications/${id}/equality`, { [field('ethnicity')]: 'white_roma', [field('disability')]: 'yes', [field('polarQuintile')]: 'q1' });
    assert.equal(saved.statusCode, 303);
    const [stored] = await answersOf(pseudonym);
    assert.deepEqual(stored?.answers, { ethnicity: 'white_roma', disability: 'yes', polarQuintile: 'q1' });
    assert.equal(stored?.round_id, round.id);
    const columns = await rows<{ column_name: string }>(sql`select column_name from information_schema.columns where table_name = 'equality_responses'`);
    assert.deepEqual(columns.map((c) => c.column_name).sort(), ['answers', 'pseudonym', 'round_id'], 'no column names the student or dates the answers');
    const [everywhere] = await rows<{ n: number }>(sql`select count(*)::int as n from equality_responses where answers::text like ${`%${user.id}%`} or pseudonym = ${user.id}`);
    assert.equal(everywhere?.n, 0);

    const again = await agent.get(`/applications/${id}/equality`);
    assert.match(textOf(again.body), /You have answered these questions/);
    assert.match(again.body, /value="white_roma" checked/);

    const changed = await agent.post(`/applications/${id}/equality`, { [field('sex')]: 'female', [field('ethnicity')]: 'prefer_not' });
    assert.equal(changed.statusCode, 303);
    assert.deepEqual((await answersOf(pseudonym))[0]?.answers, { ethnicity: 'prefer_not', sex: 'female' }, 'saving again replaces the answers');

    const withdrawn = await agent.post(`/applications/${id}/equality/withdraw`, {});
    assert.equal(withdrawn.statusCode, 303);
    assert.equal((await answersOf(pseudonym)).length, 0, 'withdrawing deletes the row');
    const after = await agent.get(`/applications/${id}/equality`);
    assert.match(textOf(after.body), /withdrawn and have been deleted/);
    assert.doesNotMatch(textOf(after.body), /You have answered these questions/);
    const twice = await agent.post(`/applications/${id}/equality/withdraw`, {});
    assert.equal(twice.statusCode, 303);

    const audit = await rows<{ action: string; subject_type: string; subject_id: string | null; details: unknown }>(
      sql`select action, subject_type, subject_id, details from audit_events where actor_id = ${user.id} and action like 'equality.%' order by id`,
    );
    assert.deepEqual(
      audit.map((a) => a.action),
      ['equality.answered', 'equality.answered', 'equality.withdrawn'],
    );
    for (const entry of audit) {
      assert.equal(entry.subject_type, 'equality_response');
      assert.equal(entry.subject_id, null);
      assert.deepEqual(entry.details, {});
    }
    const auditText = JSON.stringify(await rows(sql`select * from audit_events`));
    for (const secret of ['white_roma', 'polarQuintile', pseudonym]) assert.ok(!auditText.includes(secret), `audit contains ${secret.slice(0, 12)}`);

    const [mail] = await rows<{ n: number }>(sql`select count(*)::int as n from outbox_messages where to_address = ${user.email}`);
    assert.equal(mail?.n, 0, 'no e-mail');
    const outboxText = JSON.stringify(await rows(sql`select * from outbox_messages`));
    assert.ok(!outboxText.includes('white_roma'));

    const log = t.logs.join('\n');
    assert.match(log, /\/applications\/[0-9a-f-]+\/equality/, 'the requests were logged');
    for (const secret of ['white_roma', 'eq_ethnicity', 'polarQuintile', pseudonym]) assert.ok(!log.includes(secret), `log contains ${secret.slice(0, 12)}`);
  });

  test('an unknown answer is refused with an error summary, keeping the other answers', async () => {
    const { agent, user, id } = await studentWithApplication();
    const response = await agent.post(`/applications/${id}/equality`, { [field('sex')]: 'male', [field('ageBand')]: '99_plus', [field('freeSchoolMeals')]: 'dont_know' });
    assert.equal(response.statusCode, 400);
    assert.match(textOf(response.body), /There is a problem/);
    assert.match(textOf(response.body), /Choose one of the answers to “How old are you\?”/);
    assert.ok(response.body.includes('href="#field-eq_ageBand"'));
    assert.match(response.body, /value="male" checked/);
    assert.match(response.body, /name="eq_freeSchoolMeals" value="dont_know" checked/);
    assert.equal((await answersOf(createPseudonymiser(t.config.secret)(user.id, round.id))).length, 0, 'nothing stored');
  });

  test("another student's application is not found; a draft is refused until it has been submitted once", async () => {
    const owner = await studentWithApplication();
    const { agent, user } = await signInAs(t, 'student');
    assert.equal((await agent.get(`/applications/${owner.id}/equality`)).statusCode, 404);
    assert.equal((await agent.post(`/applications/${owner.id}/equality`, { [field('sex')]: 'male' })).statusCode, 404);
    assert.equal((await agent.post(`/applications/${owner.id}/equality/withdraw`, {})).statusCode, 404);
    assert.equal((await agent.get(`/applications/00000000-0000-4000-8000-000000000000/equality`)).statusCode, 404);

    const draft = await application(user.id, { round: quiet, status: 'draft' });
    const page = await agent.get(`/applications/${draft}/equality`);
    assert.equal(page.statusCode, 200);
    assert.match(textOf(page.body), /Submit your application first/);
    assert.doesNotMatch(page.body, /name="eq_sex"/);
    const refused = await agent.post(`/applications/${draft}/equality`, { [field('sex')]: 'male' });
    assert.equal(refused.statusCode, 409);
    assert.match(textOf(refused.body), /once you have submitted your application/);
    assert.equal((await answersOf(createPseudonymiser(t.config.secret)(user.id, quiet.id))).length, 0);
    assert.doesNotMatch((await agent.get(`/applications/${draft}`)).body, /\/equality"/, 'no link on a draft');

    // reopened after a submission: answered once, so it may answer
    const reopened = await studentWithApplication({ round: quiet, status: 'draft', submittedBefore: true });
    assert.equal((await reopened.agent.post(`/applications/${reopened.id}/equality`, { [field('sex')]: 'male' })).statusCode, 303);
  });
});

describe('who may see equality data', () => {
  test('staff, partners, reviewers, funders and admins reach neither the report nor the student pages', async () => {
    const { id } = await studentWithApplication({ round: quiet });
    const agents = [
      (await signInAs(t, 'staff')).agent,
      (await signInAs(t, 'admin')).agent,
      (await signInAs(t, 'funder')).agent,
      (await signInWithOrganisation(t, 'partner_admin', partner)).agent,
      (await signInWithOrganisation(t, 'partner_reviewer', partner)).agent,
    ];
    for (const agent of agents) {
      for (const url of ['/equality', `/equality?round=${round.id}`, `/equality.csv?round=${round.id}`, `/applications/${id}/equality`]) {
        assert.equal((await agent.get(url)).statusCode, 403, url);
      }
      assert.equal((await agent.post(`/applications/${id}/equality`, { [field('sex')]: 'male' })).statusCode, 403);
      assert.doesNotMatch((await agent.get('/')).body, /href="\/equality"/);
    }
    const edi = (await signInAs(t, 'edi_officer')).agent;
    assert.equal((await edi.get(`/applications/${id}/equality`)).statusCode, 403, 'the edi_officer never sees one student’s answers');
    const signedOut = await new TestAgent(t.app).get('/equality');
    assert.equal(signedOut.statusCode, 302);
    assert.match(String(signedOut.headers.location), /^\/sign-in/);
  });

  test('the edi_officer sees counts per question and answer for a round, small numbers suppressed, in the page and the CSV', async () => {
    // 10 responses in the busy round: 9 seeded, 1 through the form
    const pseudonym = (n: number) => `seed-${n}-${randomBytes(4).toString('hex')}`;
    const seeded: EqualityAnswers[] = [
      ...Array.from({ length: 6 }, () => ({ disability: 'no', ethnicity: 'white_british' })),
      ...Array.from({ length: 3 }, () => ({ disability: 'yes', ethnicity: 'asian_indian' })),
    ];
    await t.database.db.insert(equalityResponses).values(seeded.map((answers, n) => ({ pseudonym: pseudonym(n), roundId: busy.id, answers })));
    const one = await studentWithApplication({ round: busy });
    assert.equal((await one.agent.post(`/applications/${one.id}/equality`, { [field('disability')]: 'yes', [field('ethnicity')]: 'black_african' })).statusCode, 303);
    // a response in another round does not count here
    await t.database.db.insert(equalityResponses).values({ pseudonym: pseudonym(99), roundId: quiet.id, answers: { disability: 'no' } });

    const { agent } = await signInAs(t, 'edi_officer');
    const home = await agent.get('/');
    assert.ok(home.body.includes('href="/equality"'), 'the navigation links to the report');
    const choose = await agent.get('/equality');
    assert.equal(choose.statusCode, 200);
    assert.match(choose.body, new RegExp(`<option value="${busy.id}"`));

    const report = await agent.get(`/equality?round=${busy.id}`);
    assert.equal(report.statusCode, 200);
    const text = textOf(report.body);
    assert.match(text, /Responses: 10/);
    assert.match(text, /Disability Answer Students Yes fewer than 5 No 6 Prefer not to say fewer than 5 Not answered fewer than 5/);
    assert.match(text, /English, Welsh, Scottish, Northern Irish or British 6/);
    assert.match(text, /Indian fewer than 5/);
    assert.match(text, /African fewer than 5/);
    assert.doesNotMatch(text, /Indian 3|Yes 4|African 1|Not answered 0/, 'no small number is shown');
    assert.doesNotMatch(report.body, /seed-\d/, 'no pseudonyms');

    const csv = await agent.get(`/equality.csv?round=${busy.id}`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /filename="equality-busy-round.csv"/);
    assert.match(csv.body, /All responses,,10/);
    assert.match(csv.body, /Disability,Yes,fewer than 5/);
    assert.match(csv.body, /Disability,No,6/);
    assert.doesNotMatch(csv.body, /,[1-4]\r?\n/);

    const few = await agent.get(`/equality?round=${quiet.id}`);
    assert.match(textOf(few.body), /Responses: fewer than 5/);
    assert.doesNotMatch(textOf(few.body), /(Male|No|Not answered) \d/, 'fewer than 5 responses: no number at all');
    assert.equal((await agent.get('/equality?round=not-a-round')).statusCode, 404);
    assert.equal((await agent.get('/equality?round=00000000-0000-4000-8000-000000000000')).statusCode, 404);
  });
});
