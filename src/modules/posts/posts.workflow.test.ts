import assert from 'node:assert/strict';
import { readdirSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { TestAgent, textOf } from '../../../test/helpers/agent.ts';
import { createUser, signInAs, TEST_PASSWORD } from '../../../test/helpers/factories.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import type { Role } from '../accounts/accounts.tables.ts';

let t: TestApp;
let dataDir: string;
let staff: TestAgent;

before(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'outbound-posts-'));
  t = await buildTestApp({ config: { dataDir } });
  staff = (await signInAs(t, 'staff')).agent;
});
after(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const idFrom = (location: unknown) => String(location).split('/').filter(Boolean).pop() ?? '';
let counter = 0;

async function staffPost(url: string, fields: Record<string, string | string[]>) {
  return staff.post(url, fields, { csrf: await staff.csrfToken('/account') });
}

async function organisation(kind: 'university' | 'partner' | 'funder'): Promise<string> {
  counter++;
  const response = await staffPost('/partners', { kind, name: `${kind} organisation ${counter}`, shortName: `${kind.slice(0, 3)}${counter}` });
  assert.equal(response.statusCode, 303, textOf(response.body).slice(0, 300));
  return idFrom(response.headers.location);
}

async function office(partnerId: string, agent = staff): Promise<string> {
  const response = await agent.post(
    `/partners/${partnerId}/offices`,
    { step: 'save', name: 'Somalia Programme Support Unit', city: 'Nairobi', country: 'KE', servesCountry: 'SO', latitude: '-1.28333', longitude: '36.81667', timeZone: 'Africa/Nairobi' },
    { csrf: await agent.csrfToken('/account') },
  );
  assert.equal(response.statusCode, 303, textOf(response.body).slice(0, 400));
  const result = await t.database.db.execute(sql`select id from offices where organisation_id = ${partnerId} order by created_at desc limit 1`);
  return (result as unknown as { rows: { id: string }[] }).rows[0]?.id ?? '';
}

async function agreement(universityId: string, partnerId: string, quota = 2): Promise<string> {
  const response = await staff.postMultipart('/agreements', {
    institutionId: universityId,
    partnerId,
    title: `Agreement ${counter}`,
    signedOn: '2022-01-20',
    validFrom: '2022-02-01',
    validTo: '2030-01-31',
    quotaPerRound: String(quota),
    minDurationMonths: '4',
    maxDurationMonths: '9',
  }, undefined, { csrf: await staff.csrfToken('/account') });
  assert.equal(response.statusCode, 303, textOf(response.body).slice(0, 400));
  return idFrom(response.headers.location);
}

// A round open for posts until a day after the test clock's now (2 March 2026, 09:00 UTC),
// or one whose applications opened a month ago.
async function round(agreementId: string, opened = false): Promise<string> {
  const response = await staffPost('/rounds', {
    agreementId,
    name: 'Second cohort 2026',
    timeZone: 'Europe/London',
    postsDueAt: opened ? '2026-01-30T17:00' : '2026-03-02T17:00',
    applicationsOpenAt: opened ? '2026-02-02T09:00' : '2026-03-03T09:00',
    applicationsCloseAt: '2026-04-30T17:00',
    reviewUntil: '2026-05-15',
    interviewsUntil: '2026-05-29',
    offersBy: '2026-06-12',
    preDepartureFrom: '2026-06-15',
    placementsFrom: '2026-09-01',
    placementsTo: '2027-03-31',
    maxChoices: '3',
  });
  assert.equal(response.statusCode, 303, textOf(response.body).slice(0, 400));
  return idFrom(response.headers.location);
}

function postFields(officeId: string, extra: Record<string, string | string[]> = {}) {
  return {
    title: 'Programme Support Intern',
    officeId,
    description: 'Support the unit.\n\n- Track milestones\n- Draft notes',
    durationMonths: '6',
    earliestStart: '2026-09-01',
    latestStart: '2026-10-01',
    places: '2',
    levels: ['UG', 'PG'],
    sdgs: ['10', '16'],
    hasStipend: 'yes',
    stipendAmount: '600',
    stipendCurrency: 'usd',
    stipendPeriod: 'month',
    workingPattern: 'on_site',
    language0: 'fr',
    languageLevel0: 'B1',
    ...extra,
  };
}

async function partnerAdmin(partnerId: string): Promise<TestAgent> {
  const user = await createUser(t.database.db, { role: 'partner_admin', email: `coordinator${++counter}@partner.example.org` });
  await t.database.db.execute(sql`update users set organisation_id = ${partnerId} where id = ${user.id}`);
  const agent = new TestAgent(t.app, `192.0.2.${counter % 250}`);
  assert.equal((await agent.post('/sign-in', { email: user.email, password: TEST_PASSWORD })).statusCode, 303);
  return agent;
}

async function setUp(opened = false) {
  const universityId = await organisation('university');
  const partnerId = await organisation('partner');
  const officeId = await office(partnerId);
  const agreementId = await agreement(universityId, partnerId);
  const roundId = await round(agreementId, opened);
  return { universityId, partnerId, officeId, agreementId, roundId, coordinator: await partnerAdmin(partnerId) };
}

async function draft(agent: TestAgent, roundId: string, officeId: string, extra: Record<string, string | string[]> = {}) {
  const response = await agent.post(`/rounds/${roundId}/posts`, postFields(officeId, extra), { csrf: await agent.csrfToken('/account') });
  return { response, id: idFrom(response.headers.location) };
}

describe('the post workflow', () => {
  test('a partner admin drafts and submits; staff return with a comment, then publish; the history records each step', async () => {
    const { roundId, officeId, coordinator } = await setUp();
    const { response, id } = await draft(coordinator, roundId, officeId);
    assert.equal(response.statusCode, 303, textOf(response.body).slice(0, 400));
    const page = await coordinator.get(`/manage/posts/${id}`);
    assert.match(textOf(page.body), /Draft/);
    assert.match(textOf(page.body), /600\.00 USD per month/);
    assert.match(textOf(page.body), /French \(B1\)/);

    const csrf = await coordinator.csrfToken('/account');
    assert.equal((await coordinator.post(`/manage/posts/${id}/submit`, {}, { csrf })).statusCode, 303);
    assert.equal((await coordinator.post(`/manage/posts/${id}/publish`, {}, { csrf })).statusCode, 403, 'partner admins never publish');

    const empty = await staffPost(`/manage/posts/${id}/return`, { comment: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(textOf(empty.body), /Enter a comment/);
    assert.equal((await staffPost(`/manage/posts/${id}/return`, { comment: 'Say which languages are needed.' })).statusCode, 303);
    assert.match(textOf((await coordinator.get(`/manage/posts/${id}`)).body), /Returned by the programme team Say which languages are needed\./);
    const mail = await t.database.db.execute(sql`select subject from outbox_messages where subject like 'Returned for changes%'`);
    assert.ok((mail as unknown as { rows: unknown[] }).rows.length >= 1, 'the coordinator was e-mailed');

    const twoProblems = await coordinator.post(`/manage/posts/${id}`, postFields(officeId, { places: '0', durationMonths: '2' }), { csrf });
    assert.equal(twoProblems.statusCode, 400);
    assert.match(textOf(twoProblems.body), /number of places must be 1 or more/);
    assert.match(textOf(twoProblems.body), /between 4 and 9 months, as the agreement says/);
    const edited = await coordinator.post(`/manage/posts/${id}`, postFields(officeId, { title: 'Programme Support Intern (Somalia)' }), { csrf });
    assert.equal(edited.statusCode, 303);
    assert.equal((await coordinator.post(`/manage/posts/${id}/submit`, {}, { csrf })).statusCode, 303);
    assert.equal((await staffPost(`/manage/posts/${id}/publish`, {})).statusCode, 303);
    const published = await staff.get(`/manage/posts/${id}`);
    assert.match(textOf(published.body), /Published/);
    const history = textOf(published.body);
    for (const step of ['Drafted', 'Submitted', 'Returned', 'Edited', 'Published']) assert.ok(history.includes(step), step);
    assert.equal((await coordinator.post(`/manage/posts/${id}`, postFields(officeId), { csrf })).statusCode, 400, 'a published post is no longer the partner’s to change');
    const audit = await t.database.db.execute(sql`select action from audit_events where subject_id = ${id} order by id`);
    assert.deepEqual((audit as unknown as { rows: { action: string }[] }).rows.map((r) => r.action), ['post.drafted', 'post.submitted', 'post.returned', 'post.edited', 'post.submitted', 'post.published']);
  });

  test('the quota per round is enforced at submission with a clear message', async () => {
    const { roundId, officeId, coordinator } = await setUp();
    const csrf = await coordinator.csrfToken('/account');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await draft(coordinator, roundId, officeId, { title: `Post ${i}` })).id);
    assert.equal((await coordinator.post(`/manage/posts/${ids[0]}/submit`, {}, { csrf })).statusCode, 303);
    assert.equal((await coordinator.post(`/manage/posts/${ids[1]}/submit`, {}, { csrf })).statusCode, 303);
    const third = await coordinator.post(`/manage/posts/${ids[2]}/submit`, {}, { csrf });
    assert.equal(third.statusCode, 409);
    assert.match(textOf(third.body), /The agreement allows 2 posts per round, and 2 are already submitted or published/);
    const counts = await staff.get(`/rounds/${roundId}`);
    assert.match(textOf(counts.body), /Draft: 1/);
    assert.match(textOf(counts.body), /Submitted for publication: 2/);
  });

  test('bad input: each a clear message, nothing saved', async () => {
    const { roundId, officeId, coordinator } = await setUp();
    const cases: [Record<string, string | string[]>, RegExp][] = [
      [{ durationMonths: '12' }, /between 4 and 9 months, as the agreement says/],
      [{ places: '0' }, /number of places must be 1 or more/],
      [{ sdgs: ['18'] }, /There are 17 goals/],
      [{ latestStart: '2026-08-01' }, /latest start must be on or after the earliest start/],
      [{ levels: [] }, /Choose at least one level of study/],
      [{ hasStipend: 'yes', stipendAmount: 'lots' }, /Enter the stipend as an amount/],
    ];
    for (const [extra, message] of cases) {
      const { response } = await draft(coordinator, roundId, officeId, extra);
      assert.equal(response.statusCode, 400, JSON.stringify(extra));
      assert.match(textOf(response.body), message);
      assert.match(response.body, /value="Programme Support Intern"/, 'typed values kept');
    }
    // every problem at once: an unchosen radio does not hide the checks across fields
    const fields = postFields(officeId, { latestStart: '2026-08-01', stipendAmount: '', stipendCurrency: '', stipendPeriod: '' });
    const { workingPattern: _unchosen, ...withoutPattern } = fields;
    const all = await coordinator.post(`/rounds/${roundId}/posts`, withoutPattern, { csrf: await coordinator.csrfToken('/account') });
    assert.equal(all.statusCode, 400);
    for (const message of [/Choose on site or hybrid/, /latest start must be on or after the earliest start/, /Enter the stipend as an amount/, /three-letter code/, /Choose how often the stipend is paid/]) {
      assert.match(textOf(all.body), message);
    }
    // and the checks against the agreement with them, as soon as the form has a problem of its own
    const both = await draft(coordinator, roundId, officeId, { title: '', durationMonths: '12' });
    assert.equal(both.response.statusCode, 400);
    assert.match(textOf(both.response.body), /Enter the title/);
    assert.match(textOf(both.response.body), /between 4 and 9 months, as the agreement says/);
    const count = await t.database.db.execute(sql`select count(*)::int as n from posts where round_id = ${roundId}`);
    assert.equal((count as unknown as { rows: { n: number }[] }).rows[0]?.n, 0);
  });

  test('HTML typed into a description is kept as typed and shown as text, never as markup', async () => {
    const { roundId, officeId, coordinator } = await setUp();
    const { response, id } = await draft(coordinator, roundId, officeId, { description: 'Needs <b>bold</b> people.\n\n<script>alert(1)</script>' });
    assert.equal(response.statusCode, 303);
    const page = await coordinator.get(`/manage/posts/${id}`);
    assert.doesNotMatch(page.body, /<script>alert|<b>bold/);
    assert.match(page.body, /Needs &lt;b>bold&lt;\/b> people\./);
  });

  test('a partner cannot draft once applications have opened; staff export the round as CSV with formulas neutralised', async () => {
    const { roundId, officeId, coordinator } = await setUp(true);
    const late = await draft(coordinator, roundId, officeId);
    assert.equal(late.response.statusCode, 400);
    assert.match(textOf(late.response.body), /no longer accepts posts/);
    const byStaff = await draft(staff, roundId, officeId, { title: '=HYPERLINK("http://evil.example")' });
    assert.equal(byStaff.response.statusCode, 303, 'the programme team may still add a post');
    const csv = await staff.get(`/rounds/${roundId}/posts.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="posts-second-cohort-2026.csv"/);
    assert.match(csv.body, /'=HYPERLINK/);
    assert.doesNotMatch(csv.body, /,=HYPERLINK/);
  });

  test('cloning a round shifts the timeline by a year and copies its posts as drafts', async () => {
    const { roundId, officeId, coordinator } = await setUp();
    const { id } = await draft(coordinator, roundId, officeId);
    await coordinator.post(`/manage/posts/${id}/submit`, {}, { csrf: await coordinator.csrfToken('/account') });
    const cloned = await staffPost(`/rounds/${roundId}/clone`, {});
    assert.equal(cloned.statusCode, 303);
    const newId = idFrom(cloned.headers.location);
    const page = await staff.get(`/rounds/${newId}`);
    assert.match(textOf(page.body), /Second cohort 2027/);
    assert.match(textOf(page.body), /30 April 2027/);
    assert.match(textOf(page.body), /Draft: 1/);
  });
});

describe('agreements', () => {
  test('status is derived from the dates; dates out of order name both fields; a renewal reminder e-mails staff on the day', async () => {
    const universityId = await organisation('university');
    const partnerId = await organisation('partner');
    const csrf = await staff.csrfToken('/account');
    const base = { institutionId: universityId, partnerId, title: 'Short agreement', signedOn: '2025-01-01', validFrom: '2025-01-01', quotaPerRound: '5', minDurationMonths: '4', maxDurationMonths: '9' };
    const backwards = await staff.postMultipart('/agreements', { ...base, validTo: '2024-12-31' }, undefined, { csrf });
    assert.equal(backwards.statusCode, 400);
    assert.match(textOf(backwards.body), /The end date must be on or after the start date/);
    // the test clock stands at 09:00 on 2 March 2026: today's reminder is due, tomorrow's is not
    const created = await staff.postMultipart('/agreements', { ...base, validTo: '2026-04-30', renewalReminderOn: '2026-03-02' }, undefined, { csrf });
    assert.equal(created.statusCode, 303);
    const id = idFrom(created.headers.location);
    assert.match(textOf((await staff.get(`/agreements/${id}`)).body), /Expiring within 90 days/);
    assert.match(textOf((await staff.get('/agreements?status=expiring')).body), /Short agreement/);
    await staff.postMultipart('/agreements', { ...base, title: 'Later agreement', validTo: '2026-04-30', renewalReminderOn: '2026-03-03' }, undefined, { csrf });
    await t.jobs.runDue();
    const count = async (title: string) => {
      const result = await t.database.db.execute(sql`select count(*)::int as n from outbox_messages where subject = ${`Renewal due: ${title}`}`);
      return (result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
    };
    assert.ok((await count('Short agreement')) >= 1, 'staff reminded on the day');
    assert.equal(await count('Later agreement'), 0, 'not before the day');
  });

  test('the signed document must be a PDF by content; a real PDF is stored and served as an attachment', async () => {
    const universityId = await organisation('university');
    const partnerId = await organisation('partner');
    const csrf = await staff.csrfToken('/account');
    const fields = { institutionId: universityId, partnerId, title: 'With document', signedOn: '2025-01-01', validFrom: '2025-01-01', validTo: '2029-01-01', quotaPerRound: '5', minDurationMonths: '4', maxDurationMonths: '9' };
    const fake = await staff.postMultipart('/agreements', fields, { field: 'document', name: 'agreement.pdf', content: new TextEncoder().encode('<html><body>not a pdf</body></html>'), type: 'application/pdf' }, { csrf });
    assert.equal(fake.statusCode, 400);
    assert.match(textOf(fake.body), /not a valid PDF/);
    assert.match(fake.body, /value="With document"/);
    const huge = await staff.postMultipart('/agreements', fields, { field: 'document', name: 'huge.pdf', content: new Uint8Array(11 * 1024 * 1024), type: 'application/pdf' }, { csrf });
    assert.equal(huge.statusCode, 400);
    assert.match(textOf(huge.body), /10 MB/);
    assert.match(huge.body, /value="With document"/);
    const filesDir = path.join(dataDir, 'files');
    const storedBefore = existsSync(filesDir) ? readdirSync(filesDir, { recursive: true }).length : 0;
    const doc = await PDFDocument.create();
    doc.addPage();
    const pdf = await doc.save();
    const real = await staff.postMultipart('/agreements', fields, { field: 'document', name: 'signed agreement.pdf', content: pdf, type: 'application/pdf' }, { csrf });
    assert.equal(real.statusCode, 303, textOf(real.body).slice(0, 300));
    const id = idFrom(real.headers.location);
    const download = await staff.get(`/agreements/${id}/document`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.match(String(download.headers['content-disposition']), /^attachment;/);
    assert.equal(download.rawPayload.length, pdf.length);
    assert.ok(readdirSync(filesDir, { recursive: true }).length > storedBefore);
  });
});

describe('rounds', () => {
  test('a timeline out of order is refused with a message naming both fields, and what was typed stays', async () => {
    const universityId = await organisation('university');
    const partnerId = await organisation('partner');
    const agreementId = await agreement(universityId, partnerId);
    const response = await staffPost('/rounds', {
      agreementId,
      name: 'Backwards round',
      timeZone: 'Europe/London',
      postsDueAt: '2026-03-10T17:00',
      applicationsOpenAt: '2026-03-20T09:00',
      applicationsCloseAt: '2026-03-15T17:00',
      reviewUntil: '2026-05-15',
      interviewsUntil: '2026-05-29',
      offersBy: '2026-06-12',
      preDepartureFrom: '2026-06-15',
      placementsFrom: '2026-09-01',
      placementsTo: '2026-08-01',
      maxChoices: '3',
    });
    assert.equal(response.statusCode, 400);
    const text = textOf(response.body);
    assert.match(text, /Applications close must be after applications open/);
    assert.match(text, /Placements to must be on or after placements from/);
    assert.match(response.body, /value="Backwards round"/);
    assert.match(response.body, /value="2026-03-15T17:00"/);
    const rows = await t.database.db.execute(sql`select count(*)::int as n from rounds where name = 'Backwards round'`);
    assert.equal((rows as unknown as { rows: { n: number }[] }).rows[0]?.n, 0);
  });

  test('the deadline is shown in the round’s zone and the viewer’s, and the phase follows the clock', async () => {
    const { roundId } = await setUp();
    const page = textOf((await staff.get(`/rounds/${roundId}`)).body);
    assert.match(page, /Partners are submitting posts/);
    assert.match(page, /30 April 2026 at 17:00 BST \(Europe\/London\)/);
  });
});

describe('partners and their offices', () => {
  test('latitude outside ±90 and an unknown time zone are refused with the values kept; the city finder fills the office from the gazetteer', async () => {
    const partnerId = await organisation('partner');
    const csrf = await staff.csrfToken('/account');
    const bad = await staff.post(`/partners/${partnerId}/offices`, { step: 'save', name: 'Far north', city: 'Nowhere', country: 'KE', servesCountry: 'KE', latitude: '91', longitude: '36.8', timeZone: 'Mars/Base' }, { csrf });
    assert.equal(bad.statusCode, 400);
    assert.match(textOf(bad.body), /Latitude must be between -90 and 90/);
    assert.match(bad.body, /value="Far north"/);
    const found = await staff.post(`/partners/${partnerId}/offices`, { step: 'find-city', name: 'Lao office', city: 'Vientiane' }, { csrf });
    assert.equal(found.statusCode, 200);
    const cityId = /name="cityId" value="([^"]+)"/.exec(found.body)?.[1] ?? '';
    assert.ok(cityId);
    const used = await staff.post(`/partners/${partnerId}/offices`, { step: 'use-city', name: 'Lao office', city: 'Vientiane', cityId }, { csrf });
    assert.match(used.body, /<option value="LA" selected/);
    assert.match(used.body, /value="Asia\/Vientiane" selected/);
    const count = await t.database.db.execute(sql`select count(*)::int as n from offices where organisation_id = ${partnerId}`);
    assert.equal((count as unknown as { rows: { n: number }[] }).rows[0]?.n, 0, 'finding a city saves nothing');
  });
});

describe('a partner sees only its own organisation', () => {
  test("every route that takes an id answers 404 for another partner's rows", async () => {
    const mine = await setUp();
    const theirs = await setUp();
    const { id: theirPost } = await draft(theirs.coordinator, theirs.roundId, theirs.officeId);
    const theirOffice = theirs.officeId;
    for (const role of ['partner_admin', 'partner_reviewer'] as Role[]) {
      const user = await createUser(t.database.db, { role, email: `${role}${++counter}@partner.example.org` });
      await t.database.db.execute(sql`update users set organisation_id = ${mine.partnerId} where id = ${user.id}`);
      const agent = new TestAgent(t.app, `198.18.0.${counter % 250}`);
      await agent.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
      const csrf = await agent.csrfToken('/account');
      const gets = [`/partners/${theirs.partnerId}`, `/partners/${theirs.partnerId}/edit`, `/partners/${theirs.partnerId}/offices/new`, `/offices/${theirOffice}/edit`, `/rounds/${theirs.roundId}`, `/rounds/${theirs.roundId}/posts`, `/rounds/${theirs.roundId}/posts/new`, `/manage/posts/${theirPost}`, `/manage/posts/${theirPost}/edit`];
      for (const url of gets) {
        const response = await agent.get(url);
        assert.ok([403, 404].includes(response.statusCode), `${role} GET ${url}: ${response.statusCode}`);
        assert.doesNotMatch(response.body, /Somalia Programme Support Unit|Programme Support Intern/, `${role} ${url} leaks`);
      }
      const posts = [`/partners/${theirs.partnerId}`, `/partners/${theirs.partnerId}/units`, `/partners/${theirs.partnerId}/offices`, `/offices/${theirOffice}`, `/rounds/${theirs.roundId}/posts`, `/manage/posts/${theirPost}`, `/manage/posts/${theirPost}/submit`];
      for (const url of posts) {
        const response = await agent.post(url, { name: 'Hijack', step: 'save' }, { csrf });
        assert.ok([403, 404].includes(response.statusCode), `${role} POST ${url}: ${response.statusCode}`);
      }
      assert.equal((await agent.get(`/partners/${mine.partnerId}`)).statusCode, 200, 'their own organisation is fine');
    }
    const still = await t.database.db.execute(sql`select status from posts where id = ${theirPost}`);
    assert.equal((still as unknown as { rows: { status: string }[] }).rows[0]?.status, 'draft');
  });
});
