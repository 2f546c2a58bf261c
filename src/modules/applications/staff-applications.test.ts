import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { TestAgent, textOf } from '../../../test/helpers/agent.ts';
import { createOffice, createOrganisation, createPost, createRound, signInWithOrganisation, type Post, type Round } from '../../../test/helpers/catalogue-factories.ts';
import { createUser, newStudentNumber, signInAs } from '../../../test/helpers/factories.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { storedFiles } from '../../platform/files/files.tables.ts';
import { equalityResponses } from '../equality/equality.tables.ts';
import { roundQuestions } from '../rounds/round-questions.tables.ts';
import { studentProfiles } from '../students/students.tables.ts';
import { applicationAnswers, applicationChoices, applicationEvents, applicationFunding, applications, applicationSubmissions, type ApplicationStatus } from './applications.tables.ts';

let t: TestApp;
let round: Round;
let other: Round;
let policy: Post;
let data: Post;
let french: Post;
let elsewhere: Post;
let graduates: Post;
let staff: TestAgent;
let staffName: string;
// the applications of the round, by the student's short name
const ids: Record<'ada' | 'eve' | 'fred' | 'carol' | 'dan', string> = { ada: '', eve: '', fred: '', carol: '', dan: '' };
let foreignId = '';

const EQUALITY_MARKER = 'Equality-marker-never-shown';
const STATEMENT = 'Ada statement: I have organised three student conferences.';

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function student(
  name: string,
  profile: { course: string; level: 'UG' | 'PG'; year: number; graduation: string; languages: { language: string; level: 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2' }[] } | null,
  application: { round: Round; status: ApplicationStatus; submittedAt?: Date; choices: { post: Post; motivation: string }[]; statement?: string },
): Promise<string> {
  const db = t.database.db;
  const now = t.clock.now();
  const user = await createUser(db, { name, now });
  if (profile) {
    await db.insert(studentProfiles).values({
      userId: user.id,
      studentNumber: newStudentNumber(),
      studyLevel: profile.level,
      course: profile.course,
      yearOfStudy: profile.year,
      expectedGraduation: profile.graduation,
      languages: profile.languages,
      nationality: 'KE',
      phone: '+44 7700 900123',
      pronouns: 'she/her',
      updatedAt: now,
    });
  }
  const [row] = await db
    .insert(applications)
    .values({ roundId: application.round.id, studentId: user.id, status: application.status, statement: application.statement ?? '', submittedAt: application.submittedAt ?? null, createdAt: now, updatedAt: now })
    .returning();
  assert.ok(row);
  if (application.choices.length > 0) await db.insert(applicationChoices).values(application.choices.map((c, i) => ({ applicationId: row.id, rank: i + 1, postId: c.post.id, motivation: c.motivation })));
  await db.insert(applicationEvents).values({ applicationId: row.id, at: now, kind: 'started' });
  return row.id;
}

// the application ids of the list's rows, in order
function listed(body: string): string[] {
  return [...body.matchAll(new RegExp(`href="/rounds/${round.id}/applications/([0-9a-f-]{36})"`, 'g'))].map((m) => m[1] ?? '');
}

// a small RFC 4180 reader, enough for the export
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) out.push([...row, cell]);
  return out;
}

before(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const now = t.clock.now();
  const partner = await createOrganisation(db, { name: 'Staff Review Partner', now });
  const office = await createOffice(db, partner, { city: 'Nairobi', country: 'KE', latitude: -1.29, longitude: 36.82, timeZone: 'Africa/Nairobi', now });
  round = await createRound(db, partner, now, { name: 'Staff review round' });
  other = await createRound(db, partner, now, { name: 'Another staff round' });
  policy = await createPost(db, { round, office }, { title: 'Policy intern', createdAt: now });
  data = await createPost(db, { round, office }, { title: 'Data intern', courses: ['Economics BSc'], minYear: 2, createdAt: now });
  french = await createPost(db, { round, office }, { title: 'French-speaking intern', languages: [{ language: 'fr', level: 'C1' }], createdAt: now });
  graduates = await createPost(db, { round, office }, { title: 'Graduate trainee', levels: ['UG', 'PG', 'recent_graduate'], createdAt: now });
  elsewhere = await createPost(db, { round: other, office }, { title: 'Other round intern', createdAt: now });

  const english = [{ language: 'en', level: 'C2' as const }];
  ids.ada = await student(
    'Ada Lovelace',
    { course: 'Politics BA', level: 'UG', year: 2, graduation: '2028-06-30', languages: english },
    { round, status: 'submitted', submittedAt: new Date('2026-03-01T10:00:00Z'), statement: STATEMENT, choices: [{ post: policy, motivation: 'Policy is my passion.' }, { post: french, motivation: 'Je voudrais apprendre.' }] },
  );
  ids.eve = await student(
    '=Eve Formula',
    { course: 'Economics BSc', level: 'UG', year: 3, graduation: '2027-06-30', languages: english },
    { round, status: 'submitted', submittedAt: new Date('2026-02-27T10:00:00Z'), choices: [{ post: data, motivation: 'Numbers.' }] },
  );
  ids.fred = await student('+Fred Plus', { course: 'Development MSc', level: 'PG', year: 1, graduation: '2027-09-30', languages: [...english, { language: 'fr', level: 'B1' }] }, { round, status: 'draft', choices: [{ post: french, motivation: 'French.' }] });
  ids.carol = await student('Carol Graduate', { course: 'Politics BA', level: 'UG', year: 3, graduation: '2020-06-30', languages: english }, { round, status: 'withdrawn', choices: [{ post: graduates, motivation: '' }] });
  ids.dan = await student('Dan Noprofile', null, { round, status: 'draft', choices: [] });
  foreignId = await student('Olga Otherround', { course: 'Politics BA', level: 'UG', year: 2, graduation: '2028-06-30', languages: english }, { round: other, status: 'draft', choices: [{ post: elsewhere, motivation: '' }] });

  // Ada's answers, funding answers, CV and a submission
  const [question] = await db.insert(roundQuestions).values({ roundId: round.id, position: 1, kind: 'long_text', prompt: 'Why this programme?', createdAt: now, updatedAt: now }).returning();
  const [declaration] = await db.insert(roundQuestions).values({ roundId: round.id, position: 1, kind: 'declaration', prompt: 'I confirm that my answers are true.', createdAt: now, updatedAt: now }).returning();
  assert.ok(question && declaration);
  await db.insert(applicationAnswers).values([
    { applicationId: ids.ada, questionId: question.id, value: 'Because of the field experience.' },
    { applicationId: ids.ada, questionId: declaration.id, value: 'agreed' },
  ]);
  await db.insert(applicationFunding).values({ applicationId: ids.ada, answers: { incomeBand: 'up_to_25000', careExperience: 'yes' }, updatedAt: now });
  const [cv] = await db.insert(storedFiles).values({ storageKey: `cv-${ids.ada}`, originalName: 'ada-cv.pdf', contentType: 'application/pdf', sizeBytes: 100, sha256: 'x', createdAt: now }).returning();
  assert.ok(cv);
  await db.update(applications).set({ cvFileId: cv.id }).where(sql`id = ${ids.ada}`);
  await db.insert(applicationSubmissions).values({ applicationId: ids.ada, submittedAt: new Date('2026-03-01T10:00:00Z'), snapshot: { statement: STATEMENT, choices: [{ rank: 1, postId: policy.id, title: 'Policy intern', motivation: '' }] } });
  await db.insert(applicationEvents).values({ applicationId: ids.ada, at: new Date('2026-03-01T10:00:00Z'), kind: 'submitted' });
  // equality monitoring for the round: never to be shown on these pages
  await db.insert(equalityResponses).values({ pseudonym: 'pseudonym-for-test', roundId: round.id, answers: { ethnicity: EQUALITY_MARKER } });

  const signed = await signInAs(t, 'staff');
  staff = signed.agent;
  staffName = signed.user.name;
});
after(() => t.close());

describe('the staff list of a round’s applications', () => {
  test('lists every application of the round, by name, with filters that work without JavaScript', async () => {
    const page = await staff.get(`/rounds/${round.id}/applications`);
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    assert.match(text, /Applications to Staff review round/);
    assert.match(text, /5 applications in all/);
    assert.doesNotMatch(text, /Olga Otherround/, 'only this round');
    assert.ok(page.body.includes(`<form method="get" action="/rounds/${round.id}/applications"`), 'a GET filter form');
    // by name: punctuation sorts before letters
    assert.deepEqual(listed(page.body), [ids.fred, ids.eve, ids.ada, ids.carol, ids.dan]);
    assert.match(text, /Policy intern/);
    assert.ok(page.body.includes(`href="/rounds/${round.id}/applications.csv"`), 'a link to the export');

    const byStatus = await staff.get(`/rounds/${round.id}/applications?status=submitted`);
    assert.deepEqual(listed(byStatus.body), [ids.eve, ids.ada]);
    assert.ok(byStatus.body.includes(`href="/rounds/${round.id}/applications.csv?status=submitted"`), 'the export keeps the filters');

    assert.deepEqual(listed((await staff.get(`/rounds/${round.id}/applications?post=${french.id}`)).body), [ids.fred, ids.ada]);
    assert.deepEqual(listed((await staff.get(`/rounds/${round.id}/applications?course=${encodeURIComponent('Economics BSc')}`)).body), [ids.eve]);
    assert.deepEqual(listed((await staff.get(`/rounds/${round.id}/applications?level=PG`)).body), [ids.fred]);
    assert.deepEqual(listed((await staff.get(`/rounds/${round.id}/applications?level=graduate`)).body), [ids.carol], 'a past graduation day makes a graduate');
    assert.deepEqual(listed((await staff.get(`/rounds/${round.id}/applications?eligibility=eligible`)).body), [ids.eve, ids.ada], 'Ada is eligible for one of her posts');
    assert.deepEqual(listed((await staff.get(`/rounds/${round.id}/applications?eligibility=not_eligible`)).body), [ids.fred, ids.carol, ids.dan]);
    assert.deepEqual(listed((await staff.get(`/rounds/${round.id}/applications?status=draft&eligibility=not_eligible`)).body), [ids.fred, ids.dan], 'filters combine');
    const nonsense = await staff.get(`/rounds/${round.id}/applications?status=bogus&post=nope&sort=evil&dir=sideways&page=-3`);
    assert.equal(nonsense.statusCode, 200, 'a bad filter value is ignored');
    assert.equal(listed(nonsense.body).length, 5);
  });

  test('sorts by submission date, status and course, in either direction, through header links', async () => {
    assert.deepEqual(listed((await staff.get(`/rounds/${round.id}/applications?sort=submitted`)).body).slice(0, 2), [ids.eve, ids.ada], 'earliest first; never submitted last');
    const newest = listed((await staff.get(`/rounds/${round.id}/applications?sort=submitted&dir=desc`)).body);
    assert.deepEqual(newest.slice(0, 2), [ids.ada, ids.eve]);
    assert.deepEqual(listed((await staff.get(`/rounds/${round.id}/applications?sort=status`)).body), [ids.eve, ids.ada, ids.fred, ids.dan, ids.carol], 'submitted, draft, withdrawn');
    assert.deepEqual(listed((await staff.get(`/rounds/${round.id}/applications?sort=course&dir=desc`)).body), [ids.ada, ids.carol, ids.eve, ids.fred, ids.dan], 'no course last');
    const page = await staff.get(`/rounds/${round.id}/applications?sort=course`);
    assert.match(page.body, /aria-sort="ascending"/);
    assert.ok(page.body.includes(`href="/rounds/${round.id}/applications?sort=course&amp;dir=desc"`), 'the sorted header reverses the order');
  });
});

describe('the staff view of one application', () => {
  test('shows the profile, choices with motivations and eligibility, statement, answers, funding, CV, history; no equality data', async () => {
    const page = await staff.get(`/rounds/${round.id}/applications/${ids.ada}`);
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    for (const expected of [
      /Ada Lovelace/,
      /Politics BA/,
      /Kenya/,
      /she\/her/,
      /\+44 7700 900123/,
      /English \(C2\)/,
      /Choice 1: Policy intern/,
      /Policy is my passion\./,
      /Je voudrais apprendre\./,
      /This post needs French at C1 or above; your profile does not list French\./,
      /Ada statement: I have organised three student conferences\./,
      /Why this programme\?\s*Because of the field experience\./,
      /I confirm that my answers are true\.\s*Agreed/,
      /Funding questions \(staff only\)/,
      /£25,000 or less/,
      /Never shown to reviewers or partners|never shown to reviewers or partners/,
      /Download the CV/,
      /No eligibility result of this application has been overridden/,
    ]) {
      assert.match(text, expected);
    }
    assert.ok(page.body.includes(`href="/applications/${ids.ada}/cv"`));
    assert.doesNotMatch(page.body, new RegExp(EQUALITY_MARKER));

    const carol = textOf((await staff.get(`/rounds/${round.id}/applications/${ids.carol}`)).body);
    assert.match(carol, /The round\s*Not eligible\s*Not eligible: You graduated more than 12 months ago/);
    assert.match(carol, /Choice 1: Graduate trainee\s*Eligible\s*Meets every rule\./, 'the round-level rule is named once, for the round');
    const dan = textOf((await staff.get(`/rounds/${round.id}/applications/${ids.dan}`)).body);
    assert.match(dan, /has not added their study details/);
    assert.match(dan, /No CV uploaded/);
  });

  test('an application of another round, or an unknown one, is not found', async () => {
    assert.equal((await staff.get(`/rounds/${round.id}/applications/${foreignId}`)).statusCode, 404);
    assert.equal((await staff.get(`/rounds/${other.id}/applications/${foreignId}`)).statusCode, 200, 'under its own round it is there');
    assert.equal((await staff.get(`/rounds/${round.id}/applications/00000000-0000-4000-8000-000000000000`)).statusCode, 404);
    assert.equal((await staff.get(`/rounds/00000000-0000-4000-8000-000000000000/applications`)).statusCode, 404);
    const post = await staff.post(`/rounds/${round.id}/applications/${foreignId}/eligibility`, { target: 'round', decision: 'eligible', reason: 'Wrong round' });
    assert.equal(post.statusCode, 404);
    assert.equal((await rows(sql`select 1 from eligibility_overrides where application_id = ${foreignId}`)).length, 0);
  });
});

describe('eligibility overrides', () => {
  test('need a reason: without one the form comes back with an error summary and what was typed', async () => {
    const url = `/rounds/${round.id}/applications/${ids.fred}/eligibility`;
    const missing = await staff.post(url, { target: french.id, decision: 'eligible', reason: '   ' });
    assert.equal(missing.statusCode, 400);
    const text = textOf(missing.body);
    assert.match(text, /There is a problem/);
    assert.match(text, /Enter the reason for the decision/);
    assert.match(missing.body, new RegExp(`<option value="${french.id}" selected`));
    assert.match(missing.body, /id="field-decision-eligible" name="decision" value="eligible" checked/);
    assert.match(missing.body, /<title>Error: /);

    const long = await staff.post(url, { target: 'round', decision: 'eligible', reason: 'x'.repeat(1001) });
    assert.equal(long.statusCode, 400);
    assert.match(textOf(long.body), /1000 characters or fewer/);

    const notRanked = await staff.post(url, { target: policy.id, decision: 'eligible', reason: 'Not one of the choices' });
    assert.equal(notRanked.statusCode, 400);
    assert.match(textOf(notRanked.body), /one of the posts this application ranks/);

    const nothingToRemove = await staff.post(url, { target: 'round', decision: 'remove', reason: 'Tidy up' });
    assert.equal(nothingToRemove.statusCode, 400);
    assert.match(textOf(nothingToRemove.body), /There is no override to remove/);
    assert.equal((await rows(sql`select 1 from eligibility_overrides where application_id = ${ids.fred}`)).length, 0, 'nothing stored');
  });

  test('are stored, audited, change the effective result and the filter, and can be removed', async () => {
    const url = `/rounds/${round.id}/applications/${ids.fred}/eligibility`;
    const done = await staff.post(url, { target: french.id, decision: 'eligible', reason: 'Interview showed C1-level French.' });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/rounds/${round.id}/applications/${ids.fred}#override`);
    const [stored] = await rows<{ post_id: string; eligible: boolean; reason: string }>(sql`select post_id, eligible, reason from eligibility_overrides where application_id = ${ids.fred}`);
    assert.deepEqual(stored, { post_id: french.id, eligible: true, reason: 'Interview showed C1-level French.' });
    const [audit] = await rows<{ action: string; details: { postId: string; decision: string } }>(sql`select action, details from audit_events where subject_id = ${ids.fred} order by id desc limit 1`);
    assert.equal(audit?.action, 'application.eligibility_overridden');
    assert.equal(audit?.details.postId, french.id);
    assert.equal(audit?.details.decision, 'eligible');

    const page = textOf((await staff.get(`/rounds/${round.id}/applications/${ids.fred}`)).body);
    assert.match(page, /The eligibility decision has been recorded/);
    assert.match(page, new RegExp(`Not eligible: This post needs French at C1 or above; your profile says B1\\. Overridden to eligible by ${staffName} on .*: Interview showed C1-level French\\.`));

    assert.ok(listed((await staff.get(`/rounds/${round.id}/applications?eligibility=eligible`)).body).includes(ids.fred), 'now eligible');
    assert.deepEqual(listed((await staff.get(`/rounds/${round.id}/applications?eligibility=overridden`)).body), [ids.fred]);

    // the round level, for the graduate
    assert.equal((await staff.post(`/rounds/${round.id}/applications/${ids.carol}/eligibility`, { target: 'round', decision: 'eligible', reason: 'Graduation date entered wrongly; checked with registry.' })).statusCode, 303);
    assert.ok(listed((await staff.get(`/rounds/${round.id}/applications?eligibility=eligible`)).body).includes(ids.carol));

    // removed: the computed result applies again; the history keeps every decision
    assert.equal((await staff.post(url, { target: french.id, decision: 'remove', reason: 'Language test result not confirmed.' })).statusCode, 303);
    assert.ok(!listed((await staff.get(`/rounds/${round.id}/applications?eligibility=eligible`)).body).includes(ids.fred));
    assert.deepEqual(listed((await staff.get(`/rounds/${round.id}/applications?eligibility=overridden`)).body), [ids.carol]);
    const history = textOf((await staff.get(`/rounds/${round.id}/applications/${ids.fred}`)).body);
    assert.match(history, /Override removed\s*Language test result not confirmed\./);
    assert.match(history, /French-speaking intern\s*Eligible\s*Interview showed C1-level French\./);
    assert.equal((await rows(sql`select 1 from eligibility_overrides where application_id = ${ids.fred}`)).length, 2);
  });
});

describe('the CSV export', () => {
  test('one row per application, formulas neutralised, no statement or equality data', async () => {
    const response = await staff.get(`/rounds/${round.id}/applications.csv`);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /text\/csv/);
    assert.equal(response.headers['content-disposition'], 'attachment; filename="applications-staff-review-round.csv"');
    const table = parseCsv(response.body.replace(/^\uFEFF/, ''));
    const [header, ...body] = table;
    assert.equal(header?.[0], 'application id');
    assert.equal(body.length, 5);
    const byId = new Map(body.map((r) => [r[0], r]));
    assert.equal(byId.get(ids.eve)?.[1], "'=Eve Formula");
    assert.equal(byId.get(ids.fred)?.[1], "'+Fred Plus");
    assert.doesNotMatch(response.body, /(^|,)"?[=+@-]/m, 'no cell starts with a formula character');
    const ada = byId.get(ids.ada);
    assert.equal(ada?.[7], 'Submitted');
    assert.equal(ada?.[9], '1. Policy intern; 2. French-speaking intern');
    assert.equal(ada?.[10], 'yes');
    assert.match(ada?.[13] ?? '', /2\. French-speaking intern: Not eligible: This post needs French/);
    assert.doesNotMatch(response.body, new RegExp(EQUALITY_MARKER));
    assert.doesNotMatch(response.body, /I have organised three student conferences/);
    assert.doesNotMatch(response.body, /£25,000|up_to_25000/, 'no funding answers');

    const filtered = parseCsv((await staff.get(`/rounds/${round.id}/applications.csv?status=submitted`)).body.replace(/^\uFEFF/, ''));
    assert.deepEqual(filtered.slice(1).map((r) => r[0]), [ids.eve, ids.ada]);
  });
});

describe('access', () => {
  test('students and partner users are refused every staff page; signed-out visitors go to sign-in', async () => {
    const { agent: studentAgent } = await signInAs(t, 'student');
    const partner = await createOrganisation(t.database.db, { name: 'Another partner org' });
    const { agent: partnerAdmin } = await signInWithOrganisation(t, 'partner_admin', partner);
    const { agent: reviewer } = await signInWithOrganisation(t, 'partner_reviewer', partner);
    const urls = [`/rounds/${round.id}/applications`, `/rounds/${round.id}/applications.csv`, `/rounds/${round.id}/applications/${ids.ada}`];
    for (const agent of [studentAgent, partnerAdmin, reviewer]) {
      for (const url of urls) assert.equal((await agent.get(url)).statusCode, 403, url);
      const csrf = await agent.csrfToken('/account');
      assert.equal((await agent.post(`/rounds/${round.id}/applications/${ids.ada}/eligibility`, { target: 'round', decision: 'eligible', reason: 'No' }, { csrf })).statusCode, 403);
    }
    assert.equal((await new TestAgent(t.app).get(urls[0] ?? '')).statusCode, 302);
    assert.equal((await rows(sql`select 1 from eligibility_overrides where application_id = ${ids.ada}`)).length, 0);

    const { agent: admin } = await signInAs(t, 'admin');
    assert.equal((await admin.get(urls[0] ?? '')).statusCode, 200, 'administrators too, as elsewhere for staff pages');
    const roundPage = await staff.get(`/rounds/${round.id}`);
    assert.ok(roundPage.body.includes(`href="/rounds/${round.id}/applications"`), 'linked from the round’s page');
  });
});
