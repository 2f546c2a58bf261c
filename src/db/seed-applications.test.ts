import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, before, describe, test } from 'node:test';
import { buffer } from 'node:stream/consumers';
import { and, eq } from 'drizzle-orm';
import { TestAgent, textOf } from '../../test/helpers/agent.ts';
import { buildTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { users } from '../modules/accounts/accounts.tables.ts';
import { applicationAnswers, applicationChoices, applicationEvents, applicationFunding, applications, applicationSubmissions, eligibilityOverrides } from '../modules/applications/applications.tables.ts';
import { fundingQuestions } from '../modules/applications/funding-questions.ts';
import { createPseudonymiser } from '../modules/equality/equality.pseudonym.ts';
import { equalityResponses } from '../modules/equality/equality.tables.ts';
import { checkEligibility } from '../modules/posts/eligibility.ts';
import { posts } from '../modules/posts/posts.tables.ts';
import { roundQuestions } from '../modules/rounds/round-questions.tables.ts';
import { rounds } from '../modules/rounds/rounds.tables.ts';
import { factsOf } from '../modules/students/students.service.ts';
import { studentProfiles } from '../modules/students/students.tables.ts';
import { storedFiles } from '../platform/files/files.tables.ts';
import { checkPdf } from '../platform/files/pdf-check.ts';
import { dayIn } from '../platform/time/zoned.ts';
import { DEMO_STUDENT_COUNT } from './seed-applications.ts';
import { DEMO_PASSWORD, demoAccounts, seedDemo } from './seed.ts';

let t: TestApp;
let dataDir: string;
let seedMs = 0;
let roundId: string;

const words = (text: string) => text.split(/\s+/).filter((w) => w !== '').length;

async function signIn(email: string): Promise<TestAgent> {
  const agent = new TestAgent(t.app);
  const response = await agent.post('/sign-in', { email, password: DEMO_PASSWORD });
  assert.equal(response.statusCode, 303, `${email} signs in with the demo password`);
  return agent;
}

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'outbound-seed-'));
  t = await buildTestApp({ config: { dataDir } });
  const started = performance.now();
  await seedDemo(t.database.db, t.clock.now(), t.config);
  seedMs = performance.now() - started;
  const [current] = await t.database.db.select().from(rounds).where(eq(rounds.name, 'Second cohort'));
  assert.ok(current);
  roundId = current.id;
});
after(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('demo applications', () => {
  test('about forty fictional students with profiles on the student domain', async (ctx) => {
    ctx.diagnostic(`seedDemo took ${Math.round(seedMs)} ms`);
    const db = t.database.db;
    const profiles = await db.select().from(studentProfiles).innerJoin(users, eq(users.id, studentProfiles.userId));
    assert.equal(profiles.length, DEMO_STUDENT_COUNT);
    assert.ok(profiles.length >= 38 && profiles.length <= 45);
    for (const { users: user, student_profiles: profile } of profiles) {
      assert.match(user.email, /@students\.example\.ac\.uk$/);
      assert.equal(user.isDemo, true);
      assert.deepEqual(user.roles, ['student']);
      assert.match(profile.studentNumber ?? '', /^[A-Z0-9]{5,12}$/);
      assert.ok(profile.courseId);
      assert.ok(profile.languages.length > 0);
    }
    assert.equal(new Set(profiles.map((p) => p.student_profiles.studentNumber)).size, profiles.length, 'student numbers are unique');
    const today = dayIn(t.clock.now(), 'Europe/London');
    const graduates = profiles.filter((p) => p.student_profiles.expectedGraduation < today);
    assert.ok(graduates.length >= 2, 'a few graduates');
    // one graduated more than a year ago: the rules refuse every post
    const [current] = await db.select().from(rounds).where(eq(rounds.id, roundId));
    assert.ok(current);
    const asOf = dayIn(current.applicationsCloseAt, current.timeZone);
    const tooLong = graduates.filter((g) => checkEligibility(factsOf(g.student_profiles, today), { levels: ['UG', 'PG', 'recent_graduate'], courses: [], minYear: null, languages: [] }, asOf).eligible === false);
    assert.equal(tooLong.length, 1);
  });

  test('an application in every state, with the timeline in the past', async () => {
    const db = t.database.db;
    const all = await db.select().from(applications).where(eq(applications.roundId, roundId));
    assert.equal(all.length, DEMO_STUDENT_COUNT);
    const submissions = await db.select().from(applicationSubmissions);
    const submissionsOf = (id: string) => submissions.filter((s) => s.applicationId === id);
    const byStatus = (status: string) => all.filter((a) => a.status === status);
    const drafts = byStatus('draft');
    const reopened = drafts.filter((a) => submissionsOf(a.id).length > 0);
    assert.ok(byStatus('submitted').length >= 20, 'about 22 submitted');
    assert.ok(drafts.length - reopened.length >= 6, 'about 8 drafts');
    assert.ok(reopened.length >= 3, 'a few reopened');
    assert.ok(byStatus('withdrawn').length >= 3, 'a few withdrawn');
    assert.ok(byStatus('withdrawn').some((a) => a.withdrawReason) && byStatus('withdrawn').some((a) => !a.withdrawReason), 'with and without a reason');
    assert.ok(byStatus('submitted').filter((a) => submissionsOf(a.id).length === 2).length >= 2, 'resubmitted ones have two submissions');
    const choices = await db.select().from(applicationChoices);
    assert.ok(drafts.some((a) => !choices.some((c) => c.applicationId === a.id)), 'a draft without choices');
    assert.ok(drafts.some((a) => a.cvFileId === null && choices.some((c) => c.applicationId === a.id)), 'a draft without a CV');

    // this round's (the demo's selection-stage round has its own timeline)
    const events = (await db.select().from(applicationEvents)).filter((e) => all.some((a) => a.id === e.applicationId));
    const [current] = await db.select().from(rounds).where(eq(rounds.id, roundId));
    assert.ok(current);
    const now = t.clock.now().getTime();
    for (const e of events) {
      assert.ok(e.at.getTime() <= now && e.at.getTime() >= current.applicationsOpenAt.getTime(), 'events fall between the opening and now');
    }
    for (const kind of ['started', 'saved', 'submitted', 'reopened', 'withdrawn']) assert.ok(events.some((e) => e.kind === kind), kind);
    for (const a of all) {
      const own = events.filter((e) => e.applicationId === a.id).sort((x, y) => x.at.getTime() - y.at.getTime());
      assert.equal(own[0]?.kind, 'started');
      assert.equal(own.filter((e) => e.kind === 'submitted').length, submissionsOf(a.id).length);
      assert.ok(a.updatedAt.getTime() <= now);
    }
  });

  test('each submitted application is complete: a valid PDF CV, a snapshot, every required answer and declaration, funding, eligible choices', async () => {
    const db = t.database.db;
    const submitted = await db
      .select()
      .from(applications)
      .where(and(eq(applications.status, 'submitted'), eq(applications.roundId, roundId)));
    const questions = await db.select().from(roundQuestions).where(eq(roundQuestions.roundId, roundId));
    const required = questions.filter((q) => q.required || q.kind === 'declaration');
    assert.ok(required.some((q) => q.kind === 'declaration'));
    const answers = await db.select().from(applicationAnswers);
    const funding = await db.select().from(applicationFunding);
    const choices = await db.select().from(applicationChoices);
    const overrides = await db.select().from(eligibilityOverrides);
    const roundPosts = new Map((await db.select().from(posts).where(eq(posts.roundId, roundId))).map((p) => [p.id, p]));
    const [current] = await db.select().from(rounds).where(eq(rounds.id, roundId));
    assert.ok(current);
    const today = dayIn(t.clock.now(), 'Europe/London');
    const asOf = dayIn(current.applicationsCloseAt, current.timeZone);
    const statements = new Set<string>();
    for (const a of submitted) {
      assert.ok(a.cvFileId, 'a CV');
      const [file] = await db.select().from(storedFiles).where(eq(storedFiles.id, a.cvFileId));
      assert.ok(file);
      assert.equal(file.contentType, 'application/pdf');
      const bytes = await buffer(await t.fileStore.open(file.storageKey));
      assert.equal(bytes.length, file.sizeBytes);
      const pdf = await checkPdf(bytes);
      assert.ok(pdf.ok && pdf.pages >= 1 && pdf.pages <= 2, 'a one- or two-page PDF');

      const snapshots = await db.select().from(applicationSubmissions).where(eq(applicationSubmissions.applicationId, a.id));
      const latest = snapshots.at(-1)?.snapshot;
      assert.ok(latest, 'a submission snapshot');
      assert.equal(latest.statement, a.statement);
      assert.equal(latest.cvFileId, a.cvFileId);
      const own = choices.filter((c) => c.applicationId === a.id).sort((x, y) => x.rank - y.rank);
      assert.ok(own.length >= 1 && own.length <= 3);
      assert.deepEqual(
        latest.choices.map((c) => c.postId),
        own.map((c) => c.postId),
      );
      for (const q of required) {
        const answer = answers.find((x) => x.applicationId === a.id && x.questionId === q.id);
        assert.ok(answer, `answers “${q.prompt}”`);
        if (q.kind === 'declaration') assert.equal(answer.value, 'agreed');
        if (q.kind === 'single_choice') assert.ok(q.options.includes(answer.value));
        assert.ok(latest.answers?.some((x) => x.questionId === q.id && x.value === answer.value), 'in the snapshot too');
      }
      const money = funding.find((f) => f.applicationId === a.id)?.answers ?? {};
      for (const q of fundingQuestions) assert.ok(q.options.some((o) => o.value === money[q.key]), `funding: ${q.key}`);

      const [student] = await db.select().from(studentProfiles).where(eq(studentProfiles.userId, a.studentId));
      assert.ok(student);
      for (const c of own) {
        const post = roundPosts.get(c.postId);
        assert.ok(post);
        const overridden = overrides.some((o) => o.applicationId === a.id && o.postId === c.postId && o.eligible === true);
        const eligible = checkEligibility(factsOf(student, today), post, asOf).eligible;
        assert.ok(eligible || overridden, `choice ${post.title} is eligible or overridden`);
      }
      const n = words(a.statement);
      assert.ok(n >= 130 && n <= 320, `statement of ${n} words`);
      statements.add(a.statement);
    }
    assert.equal(statements.size, submitted.length, 'no two statements are the same');
    assert.ok(choices.some((c) => c.motivation !== '') && choices.some((c) => c.motivation === ''), 'motivations for some choices');
  });

  test('a few choices fail the rules, and the programme team overrode one or two', async () => {
    const db = t.database.db;
    const staff = await db.select().from(users).where(eq(users.email, demoAccounts.find((a) => a.role === 'staff')?.email ?? ''));
    const overrides = await db.select().from(eligibilityOverrides);
    assert.ok(overrides.length >= 1 && overrides.length <= 3);
    for (const o of overrides) {
      assert.equal(o.decidedBy, staff[0]?.id);
      assert.ok(o.reason.length > 20);
      assert.equal(o.eligible, true);
    }
    const drafts = await db.select().from(applications).where(eq(applications.status, 'draft'));
    const choices = await db.select().from(applicationChoices);
    const roundPosts = new Map((await db.select().from(posts).where(eq(posts.roundId, roundId))).map((p) => [p.id, p]));
    const [current] = await db.select().from(rounds).where(eq(rounds.id, roundId));
    assert.ok(current);
    const today = dayIn(t.clock.now(), 'Europe/London');
    let refused = 0;
    for (const a of drafts) {
      const [student] = await db.select().from(studentProfiles).where(eq(studentProfiles.userId, a.studentId));
      assert.ok(student);
      for (const c of choices.filter((x) => x.applicationId === a.id)) {
        const post = roundPosts.get(c.postId);
        assert.ok(post);
        if (!checkEligibility(factsOf(student, today), post, dayIn(current.applicationsCloseAt, current.timeZone)).eligible) refused += 1;
      }
    }
    assert.ok(refused >= 3, `${refused} ineligible choices in drafts`);
  });

  test('equality answers under the app’s own pseudonyms, enough for the report', async () => {
    const db = t.database.db;
    const rows = await db.select().from(equalityResponses).where(eq(equalityResponses.roundId, roundId));
    assert.ok(rows.length >= 20, `${rows.length} equality responses`);
    const pseudonym = createPseudonymiser(t.config.secret);
    const all = await db.select().from(applications).where(eq(applications.roundId, roundId));
    const submittedOnce = new Set((await db.select().from(applicationSubmissions)).map((s) => s.applicationId));
    const expected = new Set(all.filter((a) => a.status !== 'withdrawn' && submittedOnce.has(a.id)).map((a) => pseudonym(a.studentId, roundId)));
    for (const row of rows) assert.ok(expected.has(row.pseudonym), 'every row belongs to a student who submitted');

    // a student sees their own answers: the app derives the same pseudonym
    const first = all.find((a) => a.status === 'submitted' && rows.some((r) => r.pseudonym === pseudonym(a.studentId, roundId)));
    assert.ok(first);
    const [user] = await db.select().from(users).where(eq(users.id, first.studentId));
    assert.ok(user);
    const student = await signIn(user.email);
    const page = await student.get(`/applications/${first.id}/equality`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /checked/);

    // the edi_officer's report shows counts, not only suppressed cells
    const edi = await signIn(demoAccounts.find((a) => a.role === 'edi_officer')?.email ?? '');
    const report = await edi.get(`/equality?round=${roundId}`);
    assert.equal(report.statusCode, 200);
    assert.match(textOf(report.body), new RegExp(`\\b${rows.length}\\b`), 'the total is shown');
  });

  test('the staff list of the round’s applications renders for the demo staff member', async () => {
    const staff = await signIn(demoAccounts.find((a) => a.role === 'staff')?.email ?? '');
    const page = await staff.get(`/rounds/${roundId}/applications`);
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    assert.match(text, /Kofi Asante/);
    assert.match(text, /Thandiwe Dlamini/);
    const applicationId = /\/rounds\/[0-9a-f-]{36}\/applications\/([0-9a-f-]{36})/.exec(page.body)?.[1];
    assert.ok(applicationId);
    const detail = await staff.get(`/rounds/${roundId}/applications/${applicationId}`);
    assert.equal(detail.statusCode, 200);
  });
});
