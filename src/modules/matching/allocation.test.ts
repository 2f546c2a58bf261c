import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import { type TestAgent, textOf } from '../../../test/helpers/agent.ts';
import { createOffice, createOrganisation, createPost, createRound, signInWithOrganisation, type Post, type Round } from '../../../test/helpers/catalogue-factories.ts';
import { createUser, signInAs } from '../../../test/helpers/factories.ts';
import { createApplicant, type Applicant } from '../../../test/helpers/shortlist-factories.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { eligibilityOverrides } from '../applications/applications.tables.ts';
import { postRankings } from '../selection/selection.tables.ts';
import { ACCEPTED_OFFER_REASON, changedStudents } from './allocation.service.ts';
import { allocate, ALGORITHM_VERSION } from './deferred-acceptance.ts';
import { allocationConstraints, allocationRuns, offers } from './matching.tables.ts';
import { toStoredResult } from './stored-runs.ts';

let t: TestApp;
let round: Round;
// one place each, except p3 (2, for postgraduates only); p4 has no ranking; draft is not published
let p1: Post;
let p2: Post;
let p3: Post;
let p4: Post;
let draft: Post;
let ada: Applicant;
let bob: Applicant;
let cara: Applicant;
let dora: Applicant;
let emil: Applicant;
let staff: TestAgent;
let staffId: string;

const id = (a: Applicant) => a.applicationId;

async function rank(post: Post, order: Applicant[], by: string) {
  const now = t.clock.now();
  await t.database.db.insert(postRankings).values(order.map((a, i) => ({ postId: post.id, applicationId: a.applicationId, position: i + 1, notAppointable: false, rankedBy: by, rankedAt: now })));
}

async function runs() {
  return t.database.db.select().from(allocationRuns).where(eq(allocationRuns.roundId, round.id)).orderBy(asc(allocationRuns.number));
}

async function dryRun(): Promise<{ runId: string; location: string }> {
  const response = await staff.post(`/rounds/${round.id}/allocation/runs`, {});
  assert.equal(response.statusCode, 303);
  const location = String(response.headers.location);
  const match = /^\/allocation-runs\/([0-9a-f-]{36})$/.exec(location);
  assert.ok(match?.[1], location);
  return { runId: match[1], location };
}

before(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const now = t.clock.now();
  const partner = await createOrganisation(db, { name: 'Allocation Partner', now });
  const office = await createOffice(db, partner, { city: 'Lima', country: 'PE', latitude: -12.04, longitude: -77.04, timeZone: 'America/Lima', now });
  round = await createRound(db, partner, now, { name: 'Allocation round', opensInDays: -60, closesInDays: -30 });
  p1 = await createPost(db, { round, office }, { title: 'Post One', places: 1, createdAt: now });
  p2 = await createPost(db, { round, office }, { title: 'Post Two', places: 1, createdAt: now });
  p3 = await createPost(db, { round, office }, { title: 'Post Three', places: 2, levels: ['PG'], createdAt: now });
  p4 = await createPost(db, { round, office }, { title: 'Post Four', places: 1, createdAt: now });
  draft = await createPost(db, { round, office }, { title: 'Draft Post', places: 1, status: 'draft', createdAt: now });
  ada = await createApplicant(db, { round, posts: [p1, p2], name: 'Ada Alloc', now });
  bob = await createApplicant(db, { round, posts: [p1, p2], name: 'Bob Alloc', now });
  cara = await createApplicant(db, { round, posts: [p2, p1, draft], name: 'Cara Alloc', now });
  dora = await createApplicant(db, { round, posts: [p1], name: 'Dora Withdrawn', status: 'withdrawn', now });
  // an undergraduate: not eligible for Post Three
  emil = await createApplicant(db, { round, posts: [p3, p1], name: 'Emil Alloc', level: 'UG', now });
  await createApplicant(db, { round, posts: [p1], name: 'Fay Draft', status: 'draft', now });
  const rankedBy = await createUser(db, { role: 'partner_admin', now });
  await rank(p1, [bob, ada, emil, dora], rankedBy.id);
  await rank(p2, [ada, cara, bob], rankedBy.id);
  await rank(p3, [emil], rankedBy.id);
  const signedIn = await signInAs(t, 'staff');
  staff = signedIn.agent;
  staffId = signedIn.user.id;
});
after(() => t.close());

describe('allocation pages: access', () => {
  test('students and partners cannot reach them (403); an unknown round or run is 404', async () => {
    const student = (await signInAs(t, 'student')).agent;
    const partner = (await signInWithOrganisation(t, 'partner_admin', await createOrganisation(t.database.db, { name: 'Some partner', now: t.clock.now() }))).agent;
    for (const agent of [student, partner]) {
      assert.equal((await agent.get(`/rounds/${round.id}/allocation`)).statusCode, 403);
      assert.equal((await agent.post(`/rounds/${round.id}/allocation/runs`, {})).statusCode, 403);
      assert.equal((await agent.post(`/rounds/${round.id}/allocation/constraints`, { kind: 'forced', applicationId: id(ada), postId: p1.id, reason: 'x' })).statusCode, 403);
    }
    assert.equal((await runs()).length, 0);
    assert.equal((await staff.get(`/rounds/${crypto.randomUUID()}/allocation`)).statusCode, 404);
    assert.equal((await staff.get(`/allocation-runs/${crypto.randomUUID()}`)).statusCode, 404);
  });
});

describe('the allocation of a round', () => {
  test('the overview lists the published posts with their ranking status and warns of a post without one', async () => {
    const page = await staff.get(`/rounds/${round.id}/allocation`);
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    assert.match(text, /4 published posts with 5 places/);
    assert.ok(!text.includes('Draft Post'));
    assert.match(text, /Rankings missing.*Post Four/);
    assert.match(text, /Post One 1 4 0/);
    // the constraint form offers submitted applications only
    assert.match(page.body, new RegExp(`<option value="${id(ada)}"`));
    assert.doesNotMatch(page.body, new RegExp(`<option value="${id(dora)}"`));
  });

  test('constraints: bad input is refused with what was typed; good ones are added and audited', async () => {
    const missing = await staff.post(`/rounds/${round.id}/allocation/constraints`, { kind: 'forced', applicationId: id(cara), postId: p3.id, reason: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /class="error-summary"/);
    assert.match(textOf(missing.body), /Enter the reason/);
    assert.match(missing.body, new RegExp(`<option value="${id(cara)}" selected`));
    const withdrawn = await staff.post(`/rounds/${round.id}/allocation/constraints`, { kind: 'forced', applicationId: id(dora), postId: p3.id, reason: 'Why not' });
    assert.equal(withdrawn.statusCode, 409);
    assert.match(textOf(withdrawn.body), /Choose a student with a submitted application in this round/);
    const notPublished = await staff.post(`/rounds/${round.id}/allocation/constraints`, { kind: 'forced', applicationId: id(cara), postId: draft.id, reason: 'Why not' });
    assert.equal(notPublished.statusCode, 409);
    assert.equal((await t.database.db.select().from(allocationConstraints)).length, 0);

    assert.equal((await staff.post(`/rounds/${round.id}/allocation/constraints`, { kind: 'forced', applicationId: id(cara), postId: p3.id, reason: 'The partner asked for Cara' })).statusCode, 303);
    assert.equal((await staff.post(`/rounds/${round.id}/allocation/constraints`, { kind: 'excluded', applicationId: id(bob), postId: p1.id, reason: 'Conflict of interest' })).statusCode, 303);
    const again = await staff.post(`/rounds/${round.id}/allocation/constraints`, { kind: 'excluded', applicationId: id(bob), postId: p1.id, reason: 'Twice' });
    assert.equal(again.statusCode, 409);
    assert.match(textOf(again.body), /already in force/);
    assert.equal((await t.database.db.select().from(allocationConstraints)).length, 2);
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, round.id), eq(auditEvents.action, 'allocation.constraint_added')));
    assert.equal(audit.length, 2);
    const page = await staff.get(`/rounds/${round.id}/allocation`);
    assert.match(textOf(page.body), /Forced placement Cara Alloc Post Three The partner asked for Cara/);
  });

  test('a dry run stores its input and result, shows exactly what it stored, honours the constraints and says so; recompute matches', async () => {
    const { runId, location } = await dryRun();
    const [run] = await runs();
    assert.ok(run);
    assert.equal(run.id, runId);
    assert.equal(run.number, 1);
    assert.equal(run.runBy, staffId);
    assert.equal(run.algorithmVersion, ALGORITHM_VERSION);
    assert.equal(run.publishedAt, null);
    assert.equal(run.rerunOf, null);
    // the input: submitted and withdrawn applications, choices in order, eligibility, published posts, rankings, constraints
    const students = new Map(run.input.students.map((s) => [s.id, s]));
    assert.equal(students.size, 5);
    assert.deepEqual(students.get(id(cara))?.preferences, [p2.id, p1.id, draft.id]);
    assert.equal(students.get(id(dora))?.withdrawn, true);
    assert.equal(students.get(id(ada))?.withdrawn, undefined);
    assert.deepEqual(students.get(id(emil))?.notEligibleFor, [p3.id]);
    assert.equal(students.get(id(ada))?.notEligibleFor, undefined);
    assert.deepEqual(
      run.input.posts.map((p) => p.id).sort(),
      [p1.id, p2.id, p3.id, p4.id].sort(),
    );
    assert.deepEqual(run.input.posts.find((p) => p.id === p1.id)?.ranking, [id(bob), id(ada), id(emil), id(dora)]);
    assert.deepEqual(run.input.posts.find((p) => p.id === p4.id), { id: p4.id, capacity: 1, ranking: [] });
    assert.deepEqual(run.input.forced, [{ studentId: id(cara), postId: p3.id, reason: 'The partner asked for Cara' }]);
    assert.deepEqual(run.input.excluded, [{ studentId: id(bob), postId: p1.id, reason: 'Conflict of interest' }]);
    // the result: Bob excluded from Post One goes to Post Two; Cara forced; Emil not eligible for Post Three, behind Ada at Post One
    assert.deepEqual(run.result.assignment, { [id(ada)]: p1.id, [id(bob)]: p2.id, [id(cara)]: p3.id, [id(dora)]: null, [id(emil)]: null });
    assert.deepEqual(toStoredResult(allocate(run.input)).assignment, run.result.assignment);
    const forced = run.result.constraints.find((c) => c.kind === 'forced');
    assert.equal(forced?.applied, true);
    assert.deepEqual(forced?.notes, ['The student did not rank this post.', 'The partner did not rank the student for this post.']);

    const page = await staff.get(location);
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    assert.match(text, /Students taking part 4 Matched 3 \(75\.0%\) In their first choice 1 \(25\.0%\) In their second choice 1 \(25\.0%\) In their third choice 0 \(0\.0%\)/);
    assert.match(text, /Placed by force in a post they did not rank 1 Unplaced 1 Withdrawn \(took no part\) 1 Places 5 Places left empty 2 Posts with empty places 2/);
    assert.match(text, /Forced placement Cara Alloc Post Three The partner asked for Cara Applied The student did not rank this post\. The partner did not rank the student for this post\./);
    assert.match(text, /Excluded pair Bob Alloc Post One Conflict of interest Applied/);
    // every student as stored
    const titles = new Map([p1, p2, p3, p4].map((p) => [p.id, p.title]));
    for (const [student, name] of [
      [ada, 'Ada Alloc'],
      [bob, 'Bob Alloc'],
      [cara, 'Cara Alloc'],
      [emil, 'Emil Alloc'],
    ] as const) {
      const postId = run.result.assignment[id(student)] ?? null;
      const choice = run.result.choice[id(student)] ?? null;
      const shown = postId === null ? 'Unplaced' : `${titles.get(postId)}${run.result.forcedStudents.includes(id(student)) ? ' Forced' : ''} ${choice === null ? 'Not in their list' : `Choice ${choice}`}`;
      assert.ok(text.includes(`${name} ${shown}`), `${name} ${shown}`);
    }
    assert.match(text, /Dora Withdrawn Withdrawn/);
    assert.match(text, /Post Four 1 0 1/);
    assert.match(page.body, /id="publish"/);
    // only the unplaced
    const unplaced = textOf((await staff.get(`${location}?show=unplaced`)).body);
    assert.match(unplaced, /Unplaced: 1 student Student Post Choice Emil Alloc Unplaced/);

    const recompute = await staff.get(`${location}/recompute`);
    assert.equal(recompute.statusCode, 200);
    assert.match(textOf(recompute.body), /Identical/);
    assert.match(textOf(recompute.body), new RegExp(`Algorithm of the stored run ${ALGORITHM_VERSION} Algorithm now ${ALGORITHM_VERSION}`));
    assert.match(textOf(recompute.body), /Students whose post differs: 0/);
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, runId));
    assert.deepEqual(audit.map((a) => a.action).sort(), ['allocation.dry_run', 'allocation.run_recomputed', 'allocation.run_viewed', 'allocation.run_viewed']);
  });

  test('recompute reports a stored result that differs; compare lists the students whose post differs', async () => {
    const [first] = await runs();
    assert.ok(first);
    // without constraints: Bob takes Post One, Ada Post Two, Cara unplaced
    const rows = await t.database.db.select().from(allocationConstraints);
    for (const row of rows) assert.equal((await staff.post(`/rounds/${round.id}/allocation/constraints/${row.id}/remove`, {})).statusCode, 303);
    assert.equal((await staff.post(`/rounds/${round.id}/allocation/constraints/${crypto.randomUUID()}/remove`, {})).statusCode, 404);
    assert.equal((await t.database.db.select().from(allocationConstraints)).length, 0);
    const { runId, location } = await dryRun();
    const second = (await runs()).find((r) => r.id === runId);
    assert.equal(second?.number, 2);
    assert.deepEqual(second?.result.assignment, { [id(ada)]: p2.id, [id(bob)]: p1.id, [id(cara)]: null, [id(dora)]: null, [id(emil)]: null });
    assert.deepEqual(changedStudents(first.result, second.result), [id(ada), id(bob), id(cara)].sort());

    const compare = await staff.get(`${location}/compare?with=1`);
    assert.equal(compare.statusCode, 200);
    const text = textOf(compare.body);
    assert.match(text, /Students whose post differs: 3/);
    assert.match(text, /Ada Alloc Post One \(Choice 1\) Post Two \(Choice 2\)/);
    assert.match(text, /Cara Alloc Post Three \(Not in their list\) Unplaced/);
    assert.ok(!text.includes('Emil Alloc'));
    assert.equal((await staff.get(`${location}/compare?with=9`)).statusCode, 404);

    // a stored result tampered with is not identical when recomputed
    await t.database.db
      .update(allocationRuns)
      .set({ result: { ...first.result, assignment: { ...first.result.assignment, [id(emil)]: p4.id } } })
      .where(eq(allocationRuns.id, first.id));
    const recompute = textOf((await staff.get(`/allocation-runs/${first.id}/recompute`)).body);
    assert.match(recompute, /Different/);
    assert.match(recompute, /Students whose post differs: 1 Student Stored Recomputed Emil Alloc Post Four \(Not in their list\) Unplaced/);
  });

  test('a re-run after a published run: a declined offer takes no part, an accepted one is forced to its post', async () => {
    const db = t.database.db;
    const now = t.clock.now();
    const second = (await runs()).find((r) => r.number === 2);
    assert.ok(second);
    await db.update(allocationRuns).set({ publishedAt: now, publishedBy: staffId, respondBy: now }).where(eq(allocationRuns.id, second.id));
    // run 2: Ada → Post Two (accepted), Bob → Post One (declined)
    await db.insert(offers).values([
      { roundId: round.id, runId: second.id, applicationId: id(ada), studentId: ada.user.id, postId: p2.id, status: 'accepted', respondBy: now, sentAt: now, respondedAt: now },
      { roundId: round.id, runId: second.id, applicationId: id(bob), studentId: bob.user.id, postId: p1.id, status: 'declined', respondBy: now, sentAt: now, respondedAt: now },
    ]);
    const { runId } = await dryRun();
    const third = (await runs()).find((r) => r.id === runId);
    assert.ok(third);
    assert.equal(third.number, 3);
    assert.equal(third.rerunOf, second.id);
    const students = new Map(third.input.students.map((s) => [s.id, s]));
    assert.equal(students.get(id(bob))?.withdrawn, true);
    assert.equal(students.get(id(ada))?.withdrawn, undefined);
    assert.deepEqual(third.input.forced, [{ studentId: id(ada), postId: p2.id, reason: ACCEPTED_OFFER_REASON }]);
    // Ada keeps Post Two; Bob's place at Post One goes to Emil (his second choice); Cara stays unplaced
    assert.deepEqual(third.result.assignment, { [id(ada)]: p2.id, [id(bob)]: null, [id(cara)]: null, [id(dora)]: null, [id(emil)]: p1.id });
    const page = textOf((await staff.get(`/allocation-runs/${runId}`)).body);
    assert.match(page, /Re-run of run 2/);
    assert.match(page, new RegExp(`Forced placement Ada Alloc Post Two ${ACCEPTED_OFFER_REASON} Applied`));
    const overview = textOf((await staff.get(`/rounds/${round.id}/allocation`)).body);
    assert.match(overview, /Run 3 .* Dry run 2 of 3/);
    assert.match(overview, /Run 2 .* Published/);
  });

  test('an eligibility override counts: staff declaring Emil eligible for Post Three lets him take part there', async () => {
    const now = t.clock.now();
    await t.database.db.insert(eligibilityOverrides).values({ applicationId: id(emil), postId: p3.id, eligible: true, reason: 'Equivalent experience', decidedBy: staffId, decidedAt: now });
    const { runId } = await dryRun();
    const run = (await runs()).find((r) => r.id === runId);
    assert.ok(run);
    const emilInput = run.input.students.find((s) => s.id === id(emil));
    assert.equal(emilInput?.notEligibleFor, undefined);
    assert.equal(run.result.assignment[id(emil)], p3.id);
  });
});
