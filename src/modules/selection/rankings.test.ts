import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { type TestAgent, textOf } from '../../../test/helpers/agent.ts';
import { createOffice, createOrganisation, createPost, createRound, signInWithOrganisation, type Post, type Round } from '../../../test/helpers/catalogue-factories.ts';
import { createUser, signInAs } from '../../../test/helpers/factories.ts';
import { createApplicant, createReview, type Applicant } from '../../../test/helpers/shortlist-factories.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { HOUR } from '../../../test/helpers/test-clock.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { allocationRuns } from '../matching/matching.tables.ts';
import { checkRanking, positionField } from './rankings.input.ts';
import { interviewScores, interviewSlots, postRankings, rubricCriteria } from './selection.tables.ts';

let t: TestApp;
let round: Round;
let post: Post;
let otherPost: Post;
let ada: Applicant;
let bob: Applicant;
let cara: Applicant;
// booked, but the interview is still to come
let dan: Applicant;
// interviewed, then withdrew
let wes: Applicant;
// interviewed for the other post only
let olga: Applicant;
let partnerAdmin: TestAgent;
let staff: TestAgent;

async function saved(postId = post.id) {
  const rows = await t.database.db.select().from(postRankings).where(eq(postRankings.postId, postId));
  return rows.map((r) => ({ applicationId: r.applicationId, position: r.position, notAppointable: r.notAppointable })).sort((a, b) => (a.position ?? 99) - (b.position ?? 99) || a.applicationId.localeCompare(b.applicationId));
}

async function book(p: Post, applicant: Applicant, startsAt: Date, by: string) {
  await t.database.db.insert(interviewSlots).values({ postId: p.id, startsAt, minutes: 30, kind: 'video', location: 'https://meet.example.org/x', applicationId: applicant.applicationId, bookedAt: startsAt, createdBy: by, createdAt: startsAt, updatedAt: startsAt });
}

const form = (entries: Record<string, string>, notAppointable: string[] = [], candidates = [ada, bob, cara]) => ({
  candidate: candidates.map((c) => c.applicationId),
  notAppointable,
  ...Object.fromEntries(Object.entries(entries).map(([id, position]) => [positionField(id), position])),
});

before(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const now = t.clock.now();
  const partner = await createOrganisation(db, { name: 'Ranking Partner', now });
  const office = await createOffice(db, partner, { city: 'Nairobi', country: 'KE', latitude: -1.29, longitude: 36.82, timeZone: 'Africa/Nairobi', now });
  round = await createRound(db, partner, now, { name: 'Ranking round', opensInDays: -40, closesInDays: -20 });
  post = await createPost(db, { round, office }, { title: 'Water policy intern', places: 2, createdAt: now });
  otherPost = await createPost(db, { round, office }, { title: 'Other intern', createdAt: now });
  const [criterion] = await db.insert(rubricCriteria).values({ roundId: round.id, position: 1, name: 'Motivation', weight: 1, descriptors: ['1', '2', '3', '4', '5'], createdAt: now, updatedAt: now }).returning();
  assert.ok(criterion);
  ada = await createApplicant(db, { round, posts: [post], name: 'Ada Rank', now });
  bob = await createApplicant(db, { round, posts: [post, otherPost], name: 'Bob Rank', now });
  cara = await createApplicant(db, { round, posts: [post], name: 'Cara Rank', now });
  dan = await createApplicant(db, { round, posts: [post], name: 'Dan Later', now });
  wes = await createApplicant(db, { round, posts: [post], name: 'Wes Withdrawn', status: 'withdrawn', now });
  olga = await createApplicant(db, { round, posts: [otherPost], name: 'Olga Other', now });
  const signedIn = await signInWithOrganisation(t, 'partner_admin', partner);
  partnerAdmin = signedIn.agent;
  const past = new Date(now.getTime() - 48 * HOUR);
  for (const a of [ada, bob, cara, wes]) await book(post, a, past, signedIn.user.id);
  await book(post, dan, new Date(now.getTime() + 48 * HOUR), signedIn.user.id);
  await book(otherPost, olga, past, signedIn.user.id);
  const reviewer = await createUser(db, { role: 'partner_reviewer', now });
  await createReview(db, { applicationId: ada.applicationId, post, reviewer, scores: { [criterion.id]: 4 }, now });
  await db.insert(interviewScores).values({ postId: post.id, applicationId: ada.applicationId, memberId: signedIn.user.id, scores: { [criterion.id]: 5 }, submittedAt: now, updatedAt: now });
  // a draft does not count
  await db.insert(interviewScores).values({ postId: post.id, applicationId: bob.applicationId, memberId: signedIn.user.id, scores: { [criterion.id]: 1 }, updatedAt: now });
  staff = (await signInAs(t, 'staff')).agent;
});
after(() => t.close());

describe('the rules of a ranking (pure)', () => {
  const names = new Map([
    ['a', 'A'],
    ['b', 'B'],
    ['c', 'C'],
  ]);
  const e = (id: string, position: string, notAppointable = false) => ({ applicationId: id, position, notAppointable });
  test('a strict order without gaps, the rest not appointable', () => {
    const ok = checkRanking([e('a', '2'), e('b', '1'), e('c', '', true)], names);
    assert.deepEqual(ok, {
      ok: true,
      ranking: [
        { applicationId: 'b', position: 1, notAppointable: false },
        { applicationId: 'a', position: 2, notAppointable: false },
        { applicationId: 'c', position: null, notAppointable: true },
      ],
    });
  });
  test('repeats, gaps, both, unknown, nobody and someone left out are refused', () => {
    assert.match(JSON.stringify(checkRanking([e('a', '1'), e('b', '1'), e('c', '2')], names)), /Position 1 is given to more than one candidate/);
    assert.match(JSON.stringify(checkRanking([e('a', '1'), e('b', '3'), e('c', '', true)], names)), /position 2 is missing/);
    assert.match(JSON.stringify(checkRanking([e('a', '1', true), e('b', '2'), e('c', '3')], names)), /A has a position and is marked not appointable/);
    assert.match(JSON.stringify(checkRanking([e('a', '1'), e('b', '2'), e('c', '3'), e('x', '4')], names)), /not an interviewed candidate/);
    assert.match(JSON.stringify(checkRanking([e('a', ''), e('b', ''), e('c', '')], names)), /Give each candidate a position/);
    assert.match(JSON.stringify(checkRanking([e('a', '1'), e('b', '2')], names)), /Give C a position, or mark them not appointable/);
    assert.match(JSON.stringify(checkRanking([e('a', '1'), e('b', '2'), e('c', 'x')], names)), /The position of C must be a whole number/);
  });
});

describe('ranking a post', () => {
  test('access: students and reviewers 403, another organisation 404, staff read only', async () => {
    const student = (await signInAs(t, 'student')).agent;
    const reviewer = (await signInAs(t, 'partner_reviewer')).agent;
    const stranger = (await signInWithOrganisation(t, 'partner_admin', await createOrganisation(t.database.db, { name: 'Stranger', now: t.clock.now() }))).agent;
    for (const agent of [student, reviewer]) {
      assert.equal((await agent.get(`/posts/${post.id}/ranking`)).statusCode, 403);
      assert.equal((await agent.post(`/posts/${post.id}/ranking`, form({ [ada.applicationId]: '1' }))).statusCode, 403);
    }
    assert.equal((await stranger.get(`/posts/${post.id}/ranking`)).statusCode, 404);
    assert.equal((await stranger.post(`/posts/${post.id}/ranking`, form({ [ada.applicationId]: '1', [bob.applicationId]: '2', [cara.applicationId]: '3' }))).statusCode, 404);
    const page = await staff.get(`/posts/${post.id}/ranking`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Ada Rank'));
    assert.doesNotMatch(page.body, /name="position-/);
    assert.equal((await staff.post(`/posts/${post.id}/ranking`, form({ [ada.applicationId]: '1', [bob.applicationId]: '2', [cara.applicationId]: '3' }))).statusCode, 403);
    assert.deepEqual(await saved(), []);
  });

  test('the page lists the interviewed candidates of this post by name, with review and interview means', async () => {
    const page = await partnerAdmin.get(`/posts/${post.id}/ranking`);
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    for (const a of [ada, bob, cara]) assert.match(page.body, new RegExp(`name="${positionField(a.applicationId)}"`));
    // not interviewed yet, withdrawn, or of another post
    for (const name of ['Dan Later', 'Wes Withdrawn', 'Olga Other']) assert.ok(!text.includes(name), name);
    // Ada: review 4.0 (1 review), interview 5.0 (1 panel member); Bob's draft score does not count
    assert.match(text, /Ada Rank.*4\.0\s*1 review\s*5\.0\s*1 panel member/);
    assert.match(text, /Bob Rank.*–\s*0 reviews\s*–\s*no interview scores/);
    assert.match(page.body, /type="checkbox"[^>]*name="notAppointable"/);
  });

  test('bad rankings are refused with what was typed, nothing saved', async () => {
    const repeated = await partnerAdmin.post(`/posts/${post.id}/ranking`, form({ [ada.applicationId]: '1', [bob.applicationId]: '1', [cara.applicationId]: '2' }));
    assert.equal(repeated.statusCode, 400);
    assert.match(repeated.body, /class="error-summary"/);
    assert.match(textOf(repeated.body), /Position 1 is given to more than one candidate/);
    // typed values are kept: Cara's select shows 2
    assert.match(repeated.body, new RegExp(`name="${positionField(cara.applicationId)}"[^>]*>(?:(?!</select>).)*<option value="2" selected`, 's'));

    const gap = await partnerAdmin.post(`/posts/${post.id}/ranking`, form({ [ada.applicationId]: '1', [bob.applicationId]: '3' }, [cara.applicationId]));
    assert.equal(gap.statusCode, 400);
    assert.match(textOf(gap.body), /position 2 is missing/);
    assert.match(gap.body, new RegExp(`value="${cara.applicationId}" checked`));

    // Dan's interview is still to come: a tampered form naming him is refused
    const tampered = await partnerAdmin.post(`/posts/${post.id}/ranking`, form({ [ada.applicationId]: '1', [bob.applicationId]: '2', [cara.applicationId]: '3', [dan.applicationId]: '4' }, [], [ada, bob, cara, dan]));
    assert.equal(tampered.statusCode, 400);
    assert.match(textOf(tampered.body), /not an interviewed candidate of this post/);

    const both = await partnerAdmin.post(`/posts/${post.id}/ranking`, form({ [ada.applicationId]: '1', [bob.applicationId]: '2' }, [bob.applicationId, cara.applicationId]));
    assert.equal(both.statusCode, 400);
    assert.match(textOf(both.body), /Bob Rank has a position and is marked not appointable/);

    const nobody = await partnerAdmin.post(`/posts/${post.id}/ranking`, form({}));
    assert.equal(nobody.statusCode, 400);
    assert.match(textOf(nobody.body), /Give each candidate a position/);

    const junk = await partnerAdmin.post(`/posts/${post.id}/ranking`, { candidate: 'not-an-id', [positionField(ada.applicationId)]: '1' });
    assert.equal(junk.statusCode, 400);
    assert.deepEqual(await saved(), []);
  });

  test('a good ranking replaces the saved one whole, audited', async () => {
    const first = await partnerAdmin.post(`/posts/${post.id}/ranking`, form({ [ada.applicationId]: '2', [bob.applicationId]: '1', [cara.applicationId]: '3' }));
    assert.equal(first.statusCode, 303);
    assert.deepEqual(await saved(), [
      { applicationId: bob.applicationId, position: 1, notAppointable: false },
      { applicationId: ada.applicationId, position: 2, notAppointable: false },
      { applicationId: cara.applicationId, position: 3, notAppointable: false },
    ]);
    const second = await partnerAdmin.post(`/posts/${post.id}/ranking`, form({ [cara.applicationId]: '1', [ada.applicationId]: '2' }, [bob.applicationId]));
    assert.equal(second.statusCode, 303);
    assert.deepEqual(await saved(), [
      { applicationId: cara.applicationId, position: 1, notAppointable: false },
      { applicationId: ada.applicationId, position: 2, notAppointable: false },
      { applicationId: bob.applicationId, position: null, notAppointable: true },
    ]);
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, post.id), eq(auditEvents.action, 'selection.ranking_saved')));
    assert.equal(audit.length, 2);
    assert.deepEqual(audit.map((a) => a.details.order).at(-1), [cara.applicationId, ada.applicationId]);
    const page = await partnerAdmin.get(`/posts/${post.id}/ranking`);
    assert.match(textOf(page.body), /2 ranked, 1 not appointable/);
    assert.match(page.body, new RegExp(`value="${bob.applicationId}" checked`));
  });

  test('once the round’s allocation is published, the ranking can no longer change', async () => {
    const db = t.database.db;
    const now = t.clock.now();
    const staffUser = await createUser(db, { role: 'staff', now });
    await db.insert(allocationRuns).values({
      roundId: round.id,
      number: 1,
      algorithmVersion: 'test',
      input: { students: [], posts: [] },
      result: { algorithmVersion: 'test', assignment: {}, choice: {}, placed: {}, forcedStudents: [], statistics: { students: 0, withdrawn: 0, matched: 0, unplaced: 0, matchedShare: 0, byChoice: [], placedOutsideChoices: 0, places: 0, emptyPlaces: 0, postsWithEmptyPlaces: 0, proposals: 0 }, constraints: [] },
      computeMs: 0,
      runBy: staffUser.id,
      runAt: now,
      publishedBy: staffUser.id,
      publishedAt: now,
    });
    const before = await saved();
    const refused = await partnerAdmin.post(`/posts/${post.id}/ranking`, form({ [ada.applicationId]: '1', [bob.applicationId]: '2', [cara.applicationId]: '3' }));
    assert.equal(refused.statusCode, 409);
    assert.match(textOf(refused.body), /allocation of this round has been published/);
    assert.deepEqual(await saved(), before);
    const page = await partnerAdmin.get(`/posts/${post.id}/ranking`);
    assert.doesNotMatch(page.body, /name="position-/);
  });
});
