import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { type TestAgent, textOf } from '../../../test/helpers/agent.ts';
import { createOffice, createOrganisation, createPost, createRound, signInWithOrganisation, type Organisation, type Post } from '../../../test/helpers/catalogue-factories.ts';
import { createUser, signInAs } from '../../../test/helpers/factories.ts';
import { createApplicant, createReview, FUNDING_MARKER, type Applicant } from '../../../test/helpers/shortlist-factories.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { applications } from '../applications/applications.tables.ts';
import { candidateRef } from './candidate-ref.ts';
import { reviewConflicts, rubricCriteria, selectionSettings, shortlistDecisions, shortlistEntries } from './selection.tables.ts';
import { identityShown } from './shortlist.service.ts';

let t: TestApp;
// in a round whose applications have closed
let post: Post;
let otherPost: Post;
// in a round still open, with named review
let openPost: Post;
let ada: Applicant;
let bob: Applicant;
let cara: Applicant;
let dan: Applicant;
let eve: Applicant;
let nina: Applicant;
let partnerOrg: Organisation;
let partnerAdmin: TestAgent;
let partnerAdminId: string;
let staff: TestAgent;

const ref = (a: Applicant, p: Post = post) => candidateRef(a.applicationId, p.id);

async function entries(postId: string): Promise<string[]> {
  const rows = await t.database.db.select().from(shortlistEntries).where(eq(shortlistEntries.postId, postId));
  return rows.map((r) => r.applicationId).sort();
}

async function audits(postId: string, action: string) {
  return t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, postId), eq(auditEvents.action, action)));
}

// nothing that names the student, and never funding answers or other profile details
function assertAnonymous(html: string, applicant: Applicant, who: string) {
  assert.ok(!html.includes(applicant.user.name), `${who}: name shown`);
  assert.ok(!html.includes(applicant.user.email), `${who}: e-mail shown`);
  assert.ok(!html.includes(applicant.studentNumber), `${who}: student number shown`);
}

function assertNoPrivateExtras(html: string) {
  assert.ok(!html.includes(FUNDING_MARKER), 'funding answer shown');
  assert.ok(!html.includes('they/them'), 'pronouns shown');
  assert.ok(!html.includes('+44 7700 900123'), 'phone shown');
}

before(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const now = t.clock.now();
  const partner = await createOrganisation(db, { name: 'Shortlist Partner', now });
  partnerOrg = partner;
  const office = await createOffice(db, partner, { city: 'Nairobi', country: 'KE', latitude: -1.29, longitude: 36.82, timeZone: 'Africa/Nairobi', now });
  const round = await createRound(db, partner, now, { name: 'Shortlist round', opensInDays: -40, closesInDays: -3 });
  const openRound = await createRound(db, partner, now, { name: 'Open shortlist round', closesInDays: 10 });
  post = await createPost(db, { round, office }, { title: 'Migration data intern', createdAt: now });
  otherPost = await createPost(db, { round, office }, { title: 'Health intern', createdAt: now });
  openPost = await createPost(db, { round: openRound, office }, { title: 'Open round intern', createdAt: now });
  await db.insert(selectionSettings).values({ roundId: openRound.id, reviewsPerApplication: 2, anonymised: false, updatedAt: now });

  const [motivation, languages] = await db
    .insert(rubricCriteria)
    .values([
      { roundId: round.id, position: 1, name: 'Motivation', weight: 3, descriptors: ['1', '2', '3', '4', '5'], createdAt: now, updatedAt: now },
      { roundId: round.id, position: 2, name: 'Languages', weight: 1, descriptors: ['1', '2', '3', '4', '5'], createdAt: now, updatedAt: now },
    ])
    .returning();
  assert.ok(motivation && languages);

  ada = await createApplicant(db, { round, posts: [post], name: 'Ada Lovelace', course: 'Mathematics BSc', year: 3, now });
  bob = await createApplicant(db, { round, posts: [otherPost, post], name: 'Bob Marley', course: 'Politics MA', level: 'PG', year: 1, now });
  cara = await createApplicant(db, { round, posts: [post], name: 'Cara Withdrawn', status: 'withdrawn', now });
  dan = await createApplicant(db, { round, posts: [post], name: 'Dan Drafting', status: 'draft', now });
  eve = await createApplicant(db, { round, posts: [otherPost], name: 'Eve Elsewhere', now });
  nina = await createApplicant(db, { round: openRound, posts: [openPost], name: 'Nina Named', now });

  const reviewerA = await createUser(db, { role: 'partner_reviewer', now });
  const reviewerB = await createUser(db, { role: 'partner_reviewer', now });
  // Ada: 4.75 and 3.25 → mean 4.0, spread 1.5; motivation 5 vs 3 → reviewers disagree
  await createReview(db, { applicationId: ada.applicationId, post, reviewer: reviewerA, scores: { [motivation.id]: 5, [languages.id]: 4 }, now });
  await createReview(db, { applicationId: ada.applicationId, post, reviewer: reviewerB, scores: { [motivation.id]: 3, [languages.id]: 4 }, now });
  // Bob: one submitted review (2.0); a draft does not count
  await createReview(db, { applicationId: bob.applicationId, post, reviewer: reviewerA, scores: { [motivation.id]: 2, [languages.id]: 2 }, now });
  await createReview(db, { applicationId: bob.applicationId, post, reviewer: reviewerB, scores: { [motivation.id]: 5, [languages.id]: 5 }, submitted: false, now });
  // a review of Bob for the other post does not count here
  await createReview(db, { applicationId: bob.applicationId, post: otherPost, reviewer: reviewerA, scores: { [motivation.id]: 5, [languages.id]: 5 }, now });

  const signedIn = await signInWithOrganisation(t, 'partner_admin', partner);
  partnerAdmin = signedIn.agent;
  partnerAdminId = signedIn.user.id;
  staff = (await signInAs(t, 'staff')).agent;
});
after(() => t.close());

describe('who may know a candidate (pure rule)', () => {
  test('staff always see the name; partners only after fixing, for shortlisted candidates, or in named review', () => {
    assert.deepEqual(identityShown({ staff: true }, { anonymised: true }, { shortlisted: false, fixed: false }), { name: true, email: false });
    assert.deepEqual(identityShown({ staff: false }, { anonymised: true }, { shortlisted: true, fixed: false }), { name: false, email: false });
    assert.deepEqual(identityShown({ staff: false }, { anonymised: true }, { shortlisted: false, fixed: true }), { name: false, email: false });
    assert.deepEqual(identityShown({ staff: false }, { anonymised: true }, { shortlisted: true, fixed: true }), { name: true, email: true });
    assert.deepEqual(identityShown({ staff: false }, { anonymised: false }, { shortlisted: false, fixed: false }), { name: true, email: false });
  });
});

describe('the shortlist of a post', () => {
  test('access: students and reviewers 403, partner admins of another organisation 404', async () => {
    const db = t.database.db;
    const student = (await signInAs(t, 'student')).agent;
    // a reviewer of the post's own organisation
    const reviewer = (await signInWithOrganisation(t, 'partner_reviewer', partnerOrg)).agent;
    const stranger = (await signInWithOrganisation(t, 'partner_admin', await createOrganisation(db, { name: 'Stranger Partner', now: t.clock.now() }))).agent;
    for (const agent of [student, reviewer]) {
      assert.equal((await agent.get(`/posts/${post.id}/shortlist`)).statusCode, 403);
      assert.equal((await agent.post(`/posts/${post.id}/shortlist`, { shortlisted: ada.applicationId })).statusCode, 403);
      assert.equal((await agent.post(`/posts/${post.id}/shortlist/fix`, {})).statusCode, 403);
    }
    assert.equal((await stranger.get(`/posts/${post.id}/shortlist`)).statusCode, 404);
    assert.equal((await stranger.post(`/posts/${post.id}/shortlist`, { shortlisted: ada.applicationId })).statusCode, 404);
    assert.equal((await stranger.get(`/posts/${post.id}/shortlist/fix`)).statusCode, 404);
    assert.equal((await stranger.post(`/posts/${post.id}/shortlist/fix`, {})).statusCode, 404);
    assert.deepEqual(await entries(post.id), []);
  });

  test('the partner admin sees the submitted candidates of this post by reference, with study details and review summary, best first; audited', async () => {
    const before = (await audits(post.id, 'selection.shortlist_viewed')).length;
    const page = await partnerAdmin.get(`/posts/${post.id}/shortlist`);
    assert.equal(page.statusCode, 200);
    const html = page.body;
    const text = textOf(html);
    // submitted applications that ranked this post only: not withdrawn, draft, or of another post
    assert.ok(html.includes(ref(ada)) && html.includes(ref(bob)));
    for (const other of [cara, dan, eve]) assert.ok(!html.includes(ref(other)), 'only submitted applications to this post');
    for (const a of [ada, bob, cara, dan, eve]) assertAnonymous(html, a, a.user.name);
    assertNoPrivateExtras(html);
    // course, level and year
    assert.match(text, /Mathematics BSc\s*Undergraduate, year 3/);
    assert.match(text, /Politics MA\s*Postgraduate, year 1/);
    // highest weighted mean first
    assert.ok(html.indexOf(ref(ada)) < html.indexOf(ref(bob)));
    assert.match(text, /2 of 2\s*4\.0\s*1\.5\s*Reviewers disagree/);
    assert.match(text, /1 of 2\s*still to come: 1\s*2\.0\s*0\.0/);
    assert.match(html, new RegExp(`type="checkbox"[^>]*name="shortlisted" value="${ada.applicationId}"`));
    assert.equal((await audits(post.id, 'selection.shortlist_viewed')).length, before + 1);
    // the other order on request
    const ascending = await partnerAdmin.get(`/posts/${post.id}/shortlist?sort=mean&dir=asc`);
    assert.ok(ascending.body.indexOf(ref(bob)) < ascending.body.indexOf(ref(ada)));
  });

  test('staff read the list with names, cannot change it', async () => {
    const page = await staff.get(`/posts/${post.id}/shortlist`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(ref(ada)));
    assert.ok(page.body.includes(ada.user.name));
    assertNoPrivateExtras(page.body);
    assert.doesNotMatch(page.body, /name="shortlisted"/);
    assert.equal((await staff.post(`/posts/${post.id}/shortlist`, { shortlisted: ada.applicationId })).statusCode, 403);
    assert.equal((await staff.post(`/posts/${post.id}/shortlist/fix`, {})).statusCode, 403);
  });

  test('saving a selection: bad or unknown candidates are refused and nothing is saved; a good one is saved and audited', async () => {
    const bad = await partnerAdmin.post(`/posts/${post.id}/shortlist`, { shortlisted: ['not-an-id'] });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /class="error-summary"/);
    // a withdrawn application is not a candidate
    const unknown = await partnerAdmin.post(`/posts/${post.id}/shortlist`, { shortlisted: [ada.applicationId, cara.applicationId] });
    assert.equal(unknown.statusCode, 409);
    assert.match(textOf(unknown.body), /list of candidates changed meanwhile/);
    // what was ticked stays ticked
    assert.match(unknown.body, new RegExp(`value="${ada.applicationId}" checked`));
    assert.deepEqual(await entries(post.id), []);

    const saved = await partnerAdmin.post(`/posts/${post.id}/shortlist`, { shortlisted: [ada.applicationId, bob.applicationId] });
    assert.equal(saved.statusCode, 303);
    assert.deepEqual(await entries(post.id), [ada.applicationId, bob.applicationId].sort());
    // "Save and fix" saves, then asks for confirmation
    const narrowed = await partnerAdmin.post(`/posts/${post.id}/shortlist`, { shortlisted: ada.applicationId, then: 'fix' });
    assert.equal(narrowed.statusCode, 303);
    assert.equal(narrowed.headers.location, `/posts/${post.id}/shortlist/fix`);
    assert.equal((await t.database.db.select().from(shortlistDecisions).where(eq(shortlistDecisions.postId, post.id))).length, 0);
    assert.deepEqual(await entries(post.id), [ada.applicationId]);
    const audit = await audits(post.id, 'selection.shortlist_saved');
    assert.equal(audit.length, 2);
    assert.deepEqual(audit.map((a) => a.details.removed).at(-1), [bob.applicationId]);

    // saved but not fixed: still anonymous
    const page = await partnerAdmin.get(`/posts/${post.id}/shortlist`);
    assert.match(page.body, new RegExp(`value="${ada.applicationId}" checked`));
    assertAnonymous(page.body, ada, 'saved, not fixed');
  });

  test('fixing needs a chosen candidate and closed applications', async () => {
    // nobody on the other post's shortlist
    const empty = await partnerAdmin.post(`/posts/${otherPost.id}/shortlist/fix`, {});
    assert.equal(empty.statusCode, 409);
    assert.match(textOf(empty.body), /Tick at least one candidate/);
    // the open round: a selection can be saved, but not fixed yet
    assert.equal((await partnerAdmin.post(`/posts/${openPost.id}/shortlist`, { shortlisted: nina.applicationId })).statusCode, 303);
    const early = await partnerAdmin.post(`/posts/${openPost.id}/shortlist/fix`, {});
    assert.equal(early.statusCode, 409);
    assert.match(textOf(early.body), /cannot be fixed yet/);
    assert.equal((await partnerAdmin.get(`/posts/${openPost.id}/shortlist/fix`)).statusCode, 409);
    const decisions = await t.database.db.select().from(shortlistDecisions);
    assert.equal(decisions.length, 0);
  });

  test('in a named-review round the partner sees names, but e-mails only once fixed', async () => {
    const page = await partnerAdmin.get(`/posts/${openPost.id}/shortlist`);
    assert.ok(page.body.includes(nina.user.name));
    assert.ok(!page.body.includes(nina.user.email));
    assert.ok(!page.body.includes(nina.studentNumber));
  });

  test('fixing the shortlist asks first, then lifts anonymity for the shortlisted only and freezes the list', async () => {
    const confirm = await partnerAdmin.get(`/posts/${post.id}/shortlist/fix`);
    assert.equal(confirm.statusCode, 200);
    assert.match(textOf(confirm.body), /Fix the shortlist of Migration data intern\?/);
    assert.ok(confirm.body.includes(ref(ada)));
    assertAnonymous(confirm.body, ada, 'confirmation page');
    assert.equal((await t.database.db.select().from(shortlistDecisions).where(eq(shortlistDecisions.postId, post.id))).length, 0);

    const fixed = await partnerAdmin.post(`/posts/${post.id}/shortlist/fix`, {});
    assert.equal(fixed.statusCode, 303);
    const [decision] = await t.database.db.select().from(shortlistDecisions).where(eq(shortlistDecisions.postId, post.id));
    assert.equal(decision?.fixedBy, partnerAdminId);
    const audit = await audits(post.id, 'selection.shortlist_fixed');
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0]?.details.applicationIds, [ada.applicationId]);

    const page = await partnerAdmin.get(`/posts/${post.id}/shortlist`);
    assert.equal(page.statusCode, 200);
    assert.match(textOf(page.body), /The shortlist is fixed/);
    // Ada: name and e-mail; never her student number
    assert.ok(page.body.includes(ada.user.name));
    assert.ok(page.body.includes(ada.user.email));
    assert.ok(!page.body.includes(ada.studentNumber));
    // Bob was not shortlisted: still anonymous
    assert.ok(page.body.includes(ref(bob)));
    assertAnonymous(page.body, bob, 'not shortlisted');
    assertNoPrivateExtras(page.body);
    assert.doesNotMatch(page.body, /name="shortlisted"/);
    const viewed = await audits(post.id, 'selection.shortlist_viewed');
    assert.equal(viewed.at(-1)?.details.namesShown, 1);

    // the list no longer changes
    const change = await partnerAdmin.post(`/posts/${post.id}/shortlist`, { shortlisted: [ada.applicationId, bob.applicationId] });
    assert.equal(change.statusCode, 409);
    assert.match(textOf(change.body), /is fixed, so it can no longer change/);
    assert.deepEqual(await entries(post.id), [ada.applicationId]);
    const again = await partnerAdmin.post(`/posts/${post.id}/shortlist/fix`, {});
    assert.equal(again.statusCode, 409);
    assert.equal((await audits(post.id, 'selection.shortlist_fixed')).length, 1);
  });

  test('a submitted review whose reviewer then declares a conflict no longer counts (decision 0006)', async () => {
    const db = t.database.db;
    const now = t.clock.now();
    const [criterion] = await db.select().from(rubricCriteria).where(eq(rubricCriteria.roundId, otherPost.roundId));
    assert.ok(criterion);
    const reviewer = await createUser(db, { role: 'partner_reviewer', now });
    await createReview(db, { applicationId: eve.applicationId, post: otherPost, reviewer, scores: { [criterion.id]: 5 }, now });
    const counted = textOf((await partnerAdmin.get(`/posts/${otherPost.id}/shortlist`)).body);
    assert.match(counted, new RegExp(`${ref(eve, otherPost)}[\\s\\S]*?1 of 2`));
    await db.insert(reviewConflicts).values({ applicationId: eve.applicationId, reviewerId: reviewer.id, reason: 'My neighbour', declaredAt: now });
    const after = textOf((await partnerAdmin.get(`/posts/${otherPost.id}/shortlist`)).body);
    assert.match(after, new RegExp(`${ref(eve, otherPost)}[\\s\\S]*?0 of 2`));
  });

  test('a withdrawn application disappears from the list', async () => {
    await t.database.db.update(applications).set({ status: 'withdrawn', withdrawnAt: t.clock.now() }).where(eq(applications.id, bob.applicationId));
    const page = await partnerAdmin.get(`/posts/${post.id}/shortlist`);
    assert.ok(!page.body.includes(ref(bob)));
    assert.ok(page.body.includes(ref(ada)));
  });
});
