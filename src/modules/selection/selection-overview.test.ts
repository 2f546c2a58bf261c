import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { type TestAgent, textOf } from '../../../test/helpers/agent.ts';
import { createOffice, createOrganisation, createPost, createRound, signInWithOrganisation, type Post, type Round } from '../../../test/helpers/catalogue-factories.ts';
import { createUser, signInAs } from '../../../test/helpers/factories.ts';
import { createApplicant, FUNDING_MARKER, type Applicant } from '../../../test/helpers/shortlist-factories.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import type { User } from '../accounts/accounts.repo.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { reviewConflicts, reviewerAssignments, reviews, rubricCriteria, selectionSettings, shortlistDecisions, shortlistEntries } from './selection.tables.ts';

let t: TestApp;
let round: Round;
let otherRound: Round;
let post: Post;
let quietPost: Post;
let foreignPost: Post;
let ada: Applicant;
let bob: Applicant;
let cara: Applicant;
let withdrawn: Applicant;
let rita: User;
let sam: User;
let tess: User;
let partnerAdmin: User;
let staff: TestAgent;

const overview = (r: Round = round) => `/rounds/${r.id}/selection/overview`;
const postPage = (p: Post, r: Round = round) => `/rounds/${r.id}/selection/posts/${p.id}`;

async function audits(subjectId: string, action: string) {
  return t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, subjectId), eq(auditEvents.action, action)));
}

before(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const now = t.clock.now();
  const partner = await createOrganisation(db, { name: 'Overview Partner', now });
  const office = await createOffice(db, partner, { city: 'Maputo', country: 'MZ', latitude: -25.97, longitude: 32.58, timeZone: 'Africa/Maputo', now });
  round = await createRound(db, partner, now, { name: 'Overview round', opensInDays: -40, closesInDays: -5 });
  otherRound = await createRound(db, partner, now, { name: 'Other overview round', opensInDays: -40, closesInDays: -5 });
  post = await createPost(db, { round, office }, { title: 'Monitoring intern', places: 2, createdAt: now });
  quietPost = await createPost(db, { round, office }, { title: 'Quiet intern', createdAt: now });
  foreignPost = await createPost(db, { round: otherRound, office }, { title: 'Foreign intern', createdAt: now });
  // three reviews per application in this round
  await db.insert(selectionSettings).values({ roundId: round.id, reviewsPerApplication: 3, anonymised: true, updatedAt: now });
  const [motivation, languages] = await db
    .insert(rubricCriteria)
    .values([
      { roundId: round.id, position: 1, name: 'Motivation', weight: 3, descriptors: ['1', '2', '3', '4', '5'], createdAt: now, updatedAt: now },
      { roundId: round.id, position: 2, name: 'Languages', weight: 1, descriptors: ['1', '2', '3', '4', '5'], createdAt: now, updatedAt: now },
    ])
    .returning();
  assert.ok(motivation && languages);

  ada = await createApplicant(db, { round, posts: [post], name: 'Ada Overview', course: 'Mathematics BSc', year: 3, now });
  bob = await createApplicant(db, { round, posts: [quietPost, post], name: 'Bob Overview', now });
  cara = await createApplicant(db, { round, posts: [post], name: 'Cara Overview', now });
  withdrawn = await createApplicant(db, { round, posts: [post], name: 'Walt Withdrawn', status: 'withdrawn', now });

  rita = await createUser(db, { role: 'partner_reviewer', name: 'Rita Reviewer', now });
  sam = await createUser(db, { role: 'partner_reviewer', name: 'Sam Scorer', now });
  tess = await createUser(db, { role: 'partner_reviewer', name: 'Tess Torn', now });
  partnerAdmin = await createUser(db, { role: 'partner_admin', name: 'Pat Partner', now });
  await db.insert(reviewerAssignments).values([rita, sam, tess].map((r) => ({ postId: post.id, reviewerId: r.id, assignedBy: partnerAdmin.id, assignedAt: now })));

  const review = (applicationId: string, reviewer: User, scores: [number, number], comment: string, recommendation: 'yes' | 'maybe' | 'no', submitted = true) => ({
    applicationId,
    postId: post.id,
    reviewerId: reviewer.id,
    scores: { [motivation.id]: scores[0], [languages.id]: scores[1] },
    comment,
    recommendation,
    submittedAt: submitted ? now : null,
    updatedAt: now,
  });
  await db.insert(reviews).values([
    // Ada: three reviews, motivation 5 vs 2 → reviewers disagree
    review(ada.applicationId, rita, [5, 4], 'Outstanding fit with the monitoring work.', 'yes'),
    review(ada.applicationId, sam, [2, 4], 'Motivation reads as generic.', 'maybe'),
    review(ada.applicationId, tess, [4, 4], 'Solid candidate.', 'yes'),
    // Bob: one review; a draft does not count
    review(bob.applicationId, rita, [3, 3], 'Adequate.', 'maybe'),
    review(bob.applicationId, sam, [1, 1], 'Draft-comment-never-shown', 'no', false),
    // Cara: Tess submitted, then declared a conflict: her review no longer counts
    review(cara.applicationId, tess, [5, 5], 'Written before the conflict.', 'yes'),
  ]);
  await db.insert(reviewConflicts).values({ applicationId: cara.applicationId, reviewerId: tess.id, reason: 'Cara was my student last year.', declaredAt: now });
  await db.insert(shortlistEntries).values({ postId: post.id, applicationId: ada.applicationId, addedBy: partnerAdmin.id, addedAt: now });
  await db.insert(shortlistDecisions).values({ postId: post.id, fixedBy: partnerAdmin.id, fixedAt: now });

  staff = (await signInAs(t, 'staff')).agent;
});
after(() => t.close());

describe('staff view of a round’s selection', () => {
  test('access: students, partner admins and reviewers 403; staff 404 for an unknown round or a post of another round', async () => {
    const db = t.database.db;
    const partner = await createOrganisation(db, { name: 'Overview Access Partner', now: t.clock.now() });
    const agents = [(await signInAs(t, 'student')).agent, (await signInWithOrganisation(t, 'partner_admin', partner)).agent, (await signInWithOrganisation(t, 'partner_reviewer', partner)).agent, (await signInAs(t, 'funder')).agent];
    for (const agent of agents) {
      assert.equal((await agent.get(overview())).statusCode, 403);
      assert.equal((await agent.get(postPage(post))).statusCode, 403);
    }
    const admin = (await signInAs(t, 'admin')).agent;
    assert.equal((await admin.get(overview())).statusCode, 200);
    assert.equal((await staff.get('/rounds/00000000-0000-4000-8000-000000000000/selection/overview')).statusCode, 404);
    assert.equal((await staff.get(postPage(foreignPost))).statusCode, 404);
    assert.equal((await staff.get(postPage(foreignPost, otherRound))).statusCode, 200);
  });

  test('the overview counts, per post, reviewers, applications, reviews against K, those short of K, conflicts and the shortlist; audited', async () => {
    const before = (await audits(round.id, 'selection.overview_viewed')).length;
    const page = await staff.get(overview());
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    // Monitoring intern: 3 submitted applications (not the withdrawn one), K = 3 → 9 needed;
    // counted reviews: Ada 3, Bob 1, Cara 0 (Tess's is withdrawn by her conflict) → 4; Bob and Cara short
    assert.match(text, /Monitoring intern 2 places Rita Reviewer, Sam Scorer, Tess Torn 3 4 \/ 9 2 1 Fixed 1 candidate by Pat Partner/);
    assert.match(text, /Quiet intern 1 place None assigned 1 0 \/ 3 1 0 Not started/);
    assert.match(text, /Reviews submitted 4 of 12 needed/);
    assert.match(text, /Applications short of 3 reviews 3/);
    assert.match(text, /Conflicts of interest declared 1/);
    assert.match(text, /Shortlists fixed 1 of 2 posts/);
    assert.ok(page.body.includes(postPage(post)));
    assert.equal((await audits(round.id, 'selection.overview_viewed')).length, before + 1);
  });

  test('the post page lists every submitted review with scores, weighted mean, recommendation and comment, the disagreement and the conflicts; never drafts, e-mails or funding; audited', async () => {
    const before = (await audits(post.id, 'selection.post_reviews_viewed')).length;
    const page = await staff.get(postPage(post));
    assert.equal(page.statusCode, 200);
    const html = page.body;
    const text = textOf(html);
    for (const name of ['Ada Overview', 'Bob Overview', 'Cara Overview']) assert.ok(html.includes(name), name);
    assert.ok(!html.includes(withdrawn.user.name), 'withdrawn application shown');
    // Rita on Ada: (5×3 + 4)/4 = 4.75
    assert.match(text, /Rita Reviewer .*? 5 4 4\.8 Yes Outstanding fit with the monitoring work\./);
    assert.match(text, /Sam Scorer .*? 2 4 2\.5 Maybe Motivation reads as generic\./);
    assert.match(text, /Ada Overview Shortlisted Reviewers disagree/);
    assert.ok(!/Bob Overview Reviewers disagree/.test(text));
    assert.ok(html.includes('Not counted: the reviewer declared a conflict of interest afterwards.'));
    assert.match(text, /Tess Torn Cara was my student last year\./);
    assert.ok(!html.includes('Draft-comment-never-shown'), 'draft shown');
    assert.ok(!html.includes(FUNDING_MARKER), 'funding answer shown');
    for (const a of [ada, bob, cara]) {
      assert.ok(!html.includes(a.user.email), 'e-mail shown');
      assert.ok(!html.includes(a.studentNumber), 'student number shown');
    }
    assert.ok(!html.includes('they/them'), 'pronouns shown');
    assert.match(text, /Shortlist Fixed 1 candidate by Pat Partner/);
    const events = await audits(post.id, 'selection.post_reviews_viewed');
    assert.equal(events.length, before + 1);
    assert.deepEqual(events.at(-1)?.details, { title: 'Monitoring intern', applications: 3, reviews: 5, conflicts: 1 });
  });

  test('the round page links staff to the selection progress', async () => {
    const page = await staff.get(`/rounds/${round.id}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(overview()));
  });
});
