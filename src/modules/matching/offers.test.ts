import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { TestAgent, textOf } from '../../../test/helpers/agent.ts';
import { allocationInput, createAllocationRun, type AllocationRunRow } from '../../../test/helpers/allocation-factories.ts';
import { createOffice, createOrganisation, createPost, createRound, signInWithOrganisation, type Organisation, type Post, type Round } from '../../../test/helpers/catalogue-factories.ts';
import { signInAs, TEST_PASSWORD } from '../../../test/helpers/factories.ts';
import { createApplicant, type Applicant } from '../../../test/helpers/shortlist-factories.ts';
import { startSmtpServer, type ReceivedMail } from '../../../test/helpers/smtp.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { users } from '../accounts/accounts.tables.ts';
import { applicationChoices, applications } from '../applications/applications.tables.ts';
import { placements } from '../placements/placements.tables.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { jobs } from '../../platform/jobs/jobs.tables.ts';
import { allocationOutcomes, allocationRuns, offers } from './matching.tables.ts';
import { OFFER_EXPIRY_JOB } from './offers.service.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let round: Round;
let partner: Organisation;
let A: Post;
let B: Post;
let C: Post;
let D: Post;
let ada: Applicant;
let bob: Applicant;
let cara: Applicant;
let dan: Applicant;
let eve: Applicant;
let fay: Applicant;
let staff: TestAgent;
let staffId: string;
let run1: AllocationRunRow;
let run2: AllocationRunRow;

const DAY = 24 * 60 * 60 * 1000;

async function signIn(applicant: Applicant): Promise<TestAgent> {
  const agent = new TestAgent(t.app);
  const response = await agent.post('/sign-in', { email: applicant.user.email, password: TEST_PASSWORD });
  assert.equal(response.statusCode, 303);
  return agent;
}

async function offersOf(applicant: Applicant) {
  return t.database.db.select().from(offers).where(eq(offers.applicationId, applicant.applicationId)).orderBy(offers.sentAt);
}

async function liveOffer(applicant: Applicant) {
  const rows = await offersOf(applicant);
  const live = rows.filter((o) => o.status === 'open' || o.status === 'accepted');
  assert.equal(live.length, 1, `${applicant.user.name} has one live offer`);
  return live[0] as (typeof rows)[number];
}

async function mailsTo(applicant: Applicant): Promise<ReceivedMail[]> {
  await t.jobs.runDue();
  return smtp.received.filter((m) => m.to.includes(applicant.user.email));
}

async function publish(run: AllocationRunRow, respondBy: string) {
  const csrf = await staff.csrfToken(`/rounds/${round.id}/offers`);
  return staff.post(`/allocation-runs/${run.id}/publish`, { respondBy }, { csrf });
}

// a local date-time in the round's zone (Europe/London: UTC in March), days from the test clock
function localIn(days: number): string {
  return new Date(t.clock.now().getTime() + days * DAY).toISOString().slice(0, 16);
}

before(async () => {
  smtp = await startSmtpServer();
  t = await buildTestApp({ config: { smtpUrl: smtp.url } });
  const db = t.database.db;
  const now = t.clock.now();
  partner = await createOrganisation(db, { name: 'Offers Partner Organisation', now });
  const office = await createOffice(db, partner, { city: 'Nairobi', country: 'KE', latitude: -1.29, longitude: 36.82, timeZone: 'Africa/Nairobi', now });
  round = await createRound(db, partner, now, { name: 'Offers round', opensInDays: -60, closesInDays: -30 });
  A = await createPost(db, { round, office }, { title: 'Post Alpha in migration', createdAt: now });
  B = await createPost(db, { round, office }, { title: 'Post Bravo in health', earliestStart: '2026-09-01', latestStart: '2026-10-15', createdAt: now });
  C = await createPost(db, { round, office }, { title: 'Post Charlie in data', createdAt: now });
  D = await createPost(db, { round, office }, { title: 'Post Delta in law', createdAt: now });
  ada = await createApplicant(db, { round, posts: [A, B], name: 'Ada Lovelace-Offer', now });
  bob = await createApplicant(db, { round, posts: [A, B], name: 'Bob Brunel-Offer', now });
  cara = await createApplicant(db, { round, posts: [B, C], name: 'Cara Curie-Offer', now });
  dan = await createApplicant(db, { round, posts: [C], name: 'Dan Darwin-Offer', now });
  eve = await createApplicant(db, { round, posts: [A], name: 'Eve Euler-Offer', now });
  fay = await createApplicant(db, { round, posts: [D], name: 'Fay Faraday-Offer', now });
  await db.update(users).set({ timeZone: 'Asia/Tokyo' }).where(eq(users.id, ada.user.id));
  const signedIn = await signInAs(t, 'staff');
  staff = signedIn.agent;
  staffId = signedIn.user.id;
  // bob A, ada B (A full of bob), cara C (B prefers ada), dan unplaced (C prefers cara), fay D; eve is not in the run
  run1 = await createAllocationRun(db, {
    roundId: round.id,
    runBy: staffId,
    now,
    input: allocationInput(
      [
        { id: ada.applicationId, preferences: [A, B] },
        { id: bob.applicationId, preferences: [A, B] },
        { id: cara.applicationId, preferences: [B, C] },
        { id: dan.applicationId, preferences: [C] },
        { id: fay.applicationId, preferences: [D] },
      ],
      [
        { post: A, ranking: [bob.applicationId, ada.applicationId] },
        { post: B, ranking: [bob.applicationId, ada.applicationId, cara.applicationId] },
        { post: C, ranking: [cara.applicationId, dan.applicationId] },
        { post: D, ranking: [fay.applicationId] },
      ],
    ),
  });
});

after(async () => {
  await t.close();
  await smtp.close();
});

describe('publishing a run', () => {
  test('the confirmation page counts the offers and outcomes it will send', async () => {
    const page = await staff.get(`/allocation-runs/${run1.id}/publish`);
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    assert.match(text, /Offers to send 4 new offers/);
    assert.match(text, /Outcomes to tell 1 unplaced student and 1 applicant not shortlisted/);
    assert.match(page.body, /name="respondBy"[^>]*value="2026-03-09T09:00"/, 'a week from now, in the round’s zone, by default');
  });

  test('a deadline that is not a date, or is past, is refused with the value kept and nothing saved', async () => {
    const bad = await publish(run1, 'next friday');
    assert.equal(bad.statusCode, 400);
    assert.match(textOf(bad.body), /There is a problem/);
    assert.match(bad.body, /value="next friday"/);
    const past = await publish(run1, localIn(-1));
    assert.equal(past.statusCode, 400);
    assert.match(textOf(past.body), /The response deadline must be in the future/);
    const [row] = await t.database.db.select().from(allocationRuns).where(eq(allocationRuns.id, run1.id));
    assert.equal(row?.publishedAt, null);
    assert.equal((await t.database.db.select().from(offers).where(eq(offers.roundId, round.id))).length, 0);
    assert.equal((await t.database.db.select().from(allocationOutcomes).where(eq(allocationOutcomes.runId, run1.id))).length, 0);
  });

  test('publishing writes an outcome for every application of the run, an open offer per placed student, expiry jobs and the e-mails', async () => {
    const response = await publish(run1, localIn(7));
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `/rounds/${round.id}/offers`);
    const db = t.database.db;
    const [run] = await db.select().from(allocationRuns).where(eq(allocationRuns.id, run1.id));
    assert.equal(run?.publishedBy, staffId);
    assert.equal(run?.respondBy?.toISOString(), new Date(t.clock.now().getTime() + 7 * DAY).toISOString());

    const outcomes = await db.select().from(allocationOutcomes).where(eq(allocationOutcomes.runId, run1.id));
    assert.deepEqual(outcomes.map((o) => o.applicationId).sort(), [ada, bob, cara, dan, fay].map((a) => a.applicationId).sort());
    const adaOutcome = outcomes.find((o) => o.applicationId === ada.applicationId);
    assert.equal(adaOutcome?.postId, B.id);
    assert.equal(adaOutcome?.choice, 2);
    assert.equal(adaOutcome?.explanation.higherChoices[0]?.reason, 'places-filled');
    assert.equal(outcomes.find((o) => o.applicationId === dan.applicationId)?.postId, null);

    const placed = await db.select().from(offers).where(eq(offers.roundId, round.id));
    assert.deepEqual(
      placed.map((o) => `${o.applicationId}:${o.postId}:${o.status}`).sort(),
      [`${ada.applicationId}:${B.id}:open`, `${bob.applicationId}:${A.id}:open`, `${cara.applicationId}:${C.id}:open`, `${fay.applicationId}:${D.id}:open`].sort(),
    );
    const expiry = await db.select().from(jobs).where(eq(jobs.kind, OFFER_EXPIRY_JOB));
    assert.equal(expiry.filter((j) => placed.some((o) => o.id === j.payload.offerId)).length, 4, 'one expiry job per offer');
    assert.ok(expiry.every((j) => j.runAt.getTime() === run?.respondBy?.getTime()), 'due at the deadline');
    const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'offers.run_published'), eq(auditEvents.subjectId, run1.id)));
    assert.equal(audits.length, 1);

    const [adaMail] = await mailsTo(ada);
    assert.ok(adaMail, 'ada has her offer');
    assert.equal(adaMail.subject, 'Your internship offer: Post Bravo in health');
    const offer = placed.find((o) => o.applicationId === ada.applicationId);
    assert.ok(adaMail.text.includes(`http://outbound.test/offers/${offer?.id}`));
    assert.match(adaMail.text, /Organisation: Offers Partner Organisation/);
    assert.match(adaMail.text, /Where: Nairobi, Kenya/);
    assert.match(adaMail.text, /between 1 September 2026 and 15 October 2026/);
    assert.match(adaMail.text, /by 9 March 2026 at 18:00 .*\(Asia\/Tokyo\), which is 9 March 2026 at 09:00 .*\(Europe\/London\)/, 'the deadline in her zone and the round’s');
    assert.match(adaMail.text, /1\. Post Alpha in migration: All places went to candidates the partner ranked higher\./);
    assert.ok(!adaMail.text.includes(bob.user.name), 'never another student’s name');

    const [danMail] = await mailsTo(dan);
    assert.equal(danMail?.subject, 'The outcome of your application to Offers round');
    assert.match(danMail?.text ?? '', /You were not placed in any post\./);
    assert.match(danMail?.text ?? '', /1\. Post Charlie in data: All places went to candidates the partner ranked higher\./);
    assert.ok(!(danMail?.text ?? '').includes(cara.user.name));

    const [eveMail] = await mailsTo(eve);
    assert.match(eveMail?.text ?? '', /You were not shortlisted for any of the posts you chose/);
    assert.match(eveMail?.text ?? '', /1\. Post Alpha in migration: the partner did not shortlist you/);
    assert.equal((await mailsTo(bob)).length, 1);
  });

  test('a run is published once, and only the newest run of the round', async () => {
    const again = await publish(run1, localIn(7));
    assert.equal(again.statusCode, 409);
    assert.match(textOf(again.body), /This run is already published/);
    const page = await staff.get(`/allocation-runs/${run1.id}/publish`);
    assert.equal(page.statusCode, 409);
    assert.ok(!page.body.includes('name="respondBy"'), 'no form on a published run');

    const stale = await createAllocationRun(t.database.db, { roundId: round.id, runBy: staffId, now: t.clock.now(), input: run1.input });
    const newest = await createAllocationRun(t.database.db, { roundId: round.id, runBy: staffId, now: t.clock.now(), input: run1.input });
    const refused = await publish(stale, localIn(7));
    assert.equal(refused.statusCode, 409);
    assert.match(textOf(refused.body), /This is not the newest run of the round/);
    const [row] = await t.database.db.select().from(allocationRuns).where(eq(allocationRuns.id, stale.id));
    assert.equal(row?.publishedAt, null);
    assert.equal((await t.database.db.select().from(allocationOutcomes).where(eq(allocationOutcomes.runId, stale.id))).length, 0);
    assert.equal((await t.database.db.select().from(offers).where(eq(offers.runId, stale.id))).length, 0);
    // clean up: these two runs are not part of the story
    await t.database.db.delete(allocationRuns).where(eq(allocationRuns.id, newest.id));
    await t.database.db.delete(allocationRuns).where(eq(allocationRuns.id, stale.id));
  });

  test('non-staff cannot reach the publish page or the round’s offers', async () => {
    const student = await signIn(ada);
    assert.equal((await student.get(`/allocation-runs/${run1.id}/publish`)).statusCode, 403);
    const { agent: partnerAdmin } = await signInWithOrganisation(t, 'partner_admin', partner);
    assert.equal((await partnerAdmin.get(`/rounds/${round.id}/offers`)).statusCode, 403);
  });
});

describe('the student’s offer and outcome', () => {
  test('the offer page shows the post, the dates and the deadline in the student’s zone and the round’s', async () => {
    const agent = await signIn(ada);
    const offer = await liveOffer(ada);
    const page = await agent.get(`/offers/${offer.id}`);
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    assert.match(text, /Your offer: Post Bravo in health/);
    assert.match(text, /Organisation Offers Partner Organisation/);
    assert.match(text, /Office Nairobi, Kenya/);
    assert.match(text, /Between 1 September 2026 and 15 October 2026/);
    assert.match(text, /Answer by 9 March 2026 at 18:00 GMT\+9 \(Asia\/Tokyo\) ?, which is 9 March 2026 at 09:00 GMT \(Europe\/London\)/);
    assert.match(text, /Waiting for an answer/);
    assert.ok(page.body.includes(`action="/offers/${offer.id}/accept"`));
    assert.ok(page.body.includes(`action="/offers/${offer.id}/decline"`));
    for (const other of [bob, cara, dan, eve, fay]) assert.ok(!page.body.includes(other.user.name), `no ${other.user.name}`);
  });

  test('another student’s offer and outcome are not found', async () => {
    const offer = await liveOffer(ada);
    const other = await signIn(bob);
    assert.equal((await other.get(`/offers/${offer.id}`)).statusCode, 404);
    assert.equal((await other.get(`/applications/${ada.applicationId}/outcome`)).statusCode, 404);
    const csrf = await other.csrfToken(`/offers/${(await liveOffer(bob)).id}`);
    assert.equal((await other.post(`/offers/${offer.id}/accept`, {}, { csrf })).statusCode, 404);
    assert.equal((await liveOffer(ada)).status, 'open', 'nothing changed');
  });

  test('the outcome page explains every post ranked above the one placed, without other students’ names', async () => {
    const agent = await signIn(ada);
    const page = await agent.get(`/applications/${ada.applicationId}/outcome`);
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    assert.match(text, /You were placed in Post Bravo in health at Offers Partner Organisation, your 2nd choice\./);
    assert.match(text, /1 Post Alpha in migration All places went to candidates the partner ranked higher\./);
    const offer = await liveOffer(ada);
    assert.ok(page.body.includes(`href="/offers/${offer.id}"`), 'her offers are listed');
    for (const other of [bob, cara, dan, eve, fay]) assert.ok(!page.body.includes(other.user.name), `no ${other.user.name}`);
    const application = await agent.get(`/applications/${ada.applicationId}`);
    assert.ok(application.body.includes(`href="/applications/${ada.applicationId}/outcome"`), 'linked from the application’s status page');

    const eveAgent = await signIn(eve);
    const evePage = textOf((await eveAgent.get(`/applications/${eve.applicationId}/outcome`)).body);
    assert.match(evePage, /You were not shortlisted for any of the posts you chose/);
  });

  test('accepting creates the placement, pending funding, once; a second submit changes nothing', async () => {
    const agent = await signIn(bob);
    const offer = await liveOffer(bob);
    const csrf = await agent.csrfToken(`/offers/${offer.id}`);
    const first = await agent.post(`/offers/${offer.id}/accept`, {}, { csrf });
    assert.equal(first.statusCode, 303);
    const second = await agent.post(`/offers/${offer.id}/accept`, {}, { csrf });
    assert.equal(second.statusCode, 303);
    const rows = await t.database.db.select().from(placements).where(eq(placements.applicationId, bob.applicationId));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.status, 'pending_funding');
    assert.equal(rows[0]?.postId, A.id);
    assert.equal(rows[0]?.offerId, offer.id);
    assert.equal((await liveOffer(bob)).status, 'accepted');
    const mails = await mailsTo(bob);
    assert.equal(mails.filter((m) => m.subject === 'You accepted your offer: Post Alpha in migration').length, 1);
    assert.match(textOf((await agent.get(`/offers/${offer.id}`)).body), /pending funding/);
  });

  test('declining records the answer and the optional reason; an accepted offer cannot be declined', async () => {
    const agent = await signIn(cara);
    const offer = await liveOffer(cara);
    const csrf = await agent.csrfToken(`/offers/${offer.id}`);
    const tooLong = await agent.post(`/offers/${offer.id}/decline`, { reason: 'x'.repeat(1001) }, { csrf });
    assert.equal(tooLong.statusCode, 400);
    assert.match(textOf(tooLong.body), /The reason must be 1000 characters or fewer/);
    assert.equal((await offersOf(cara))[0]?.status, 'open', 'nothing saved');
    const declined = await agent.post(`/offers/${offer.id}/decline`, { reason: 'I took a job at home' }, { csrf });
    assert.equal(declined.statusCode, 303);
    const [row] = await offersOf(cara);
    assert.equal(row?.status, 'declined');
    assert.equal(row?.declineReason, 'I took a job at home');

    const bobAgent = await signIn(bob);
    const bobOffer = await liveOffer(bob);
    const refused = await bobAgent.post(`/offers/${bobOffer.id}/decline`, {}, { csrf: await bobAgent.csrfToken(`/offers/${bobOffer.id}`) });
    assert.equal(refused.statusCode, 409);
    assert.match(textOf(refused.body), /You have accepted this offer, so it can no longer be declined here/);
    assert.equal((await liveOffer(bob)).status, 'accepted');
  });
});

describe('a re-run after a decline', () => {
  test('a changed offer supersedes the old one and is announced; unchanged and accepted offers are kept', async () => {
    const db = t.database.db;
    const fayBefore = await liveOffer(fay);
    const adaBefore = await liveOffer(ada);
    const fayMails = (await mailsTo(fay)).length;
    const caraMails = (await mailsTo(cara)).length;
    const eveMails = (await mailsTo(eve)).length;
    // the partner opened a second place on A; cara declined; bob accepted A (forced, as the allocation does)
    run2 = await createAllocationRun(db, {
      roundId: round.id,
      runBy: staffId,
      now: t.clock.now(),
      rerunOf: run1.id,
      input: allocationInput(
        [
          { id: ada.applicationId, preferences: [A, B] },
          { id: bob.applicationId, preferences: [A, B] },
          { id: cara.applicationId, preferences: [B, C], withdrawn: true },
          { id: dan.applicationId, preferences: [C] },
          { id: fay.applicationId, preferences: [D] },
        ],
        [
          { post: A, capacity: 2, ranking: [bob.applicationId, ada.applicationId] },
          { post: B, ranking: [bob.applicationId, ada.applicationId, cara.applicationId] },
          { post: C, ranking: [cara.applicationId, dan.applicationId] },
          { post: D, ranking: [fay.applicationId] },
        ],
        { forced: [{ studentId: bob.applicationId, postId: A.id, reason: 'Accepted an offer of this post' }] },
      ),
    });
    const confirm = textOf((await staff.get(`/allocation-runs/${run2.id}/publish`)).body);
    assert.match(confirm, /Offers to send 1 new offer/);
    assert.match(confirm, /Changed offers 1 offer/);
    assert.match(confirm, /Offers kept 1 open offer/);
    assert.equal((await publish(run2, localIn(7))).statusCode, 303);

    const adaOffers = await offersOf(ada);
    const old = adaOffers.find((o) => o.id === adaBefore.id);
    const fresh = await liveOffer(ada);
    assert.equal(old?.status, 'superseded');
    assert.equal(old?.supersededBy, fresh.id);
    assert.equal(fresh.postId, A.id);
    assert.equal(fresh.runId, run2.id);
    const changed = (await mailsTo(ada)).find((m) => m.subject === 'Your offer has changed: Post Alpha in migration');
    assert.ok(changed, 'the changed offer is announced');
    assert.match(changed.text, /Your earlier offer of Post Bravo in health is replaced by this one/);
    assert.ok(changed.text.includes(`/offers/${fresh.id}`));

    assert.equal((await liveOffer(fay)).id, fayBefore.id, 'the unchanged offer is kept');
    assert.equal((await mailsTo(fay)).length, fayMails, 'and not sent again');
    assert.equal((await offersOf(bob)).length, 1);
    assert.equal((await liveOffer(bob)).status, 'accepted', 'the accepted offer is untouched');
    assert.equal((await liveOffer(dan)).postId, C.id, 'the declined place goes to the next candidate');
    assert.ok((await mailsTo(dan)).some((m) => m.subject === 'Your internship offer: Post Charlie in data'));
    assert.equal((await mailsTo(cara)).length, caraMails, 'the student who declined hears nothing more');
    assert.equal((await mailsTo(eve)).length, eveMails, 'the not shortlisted are told once');
    const outcomes = await db.select().from(allocationOutcomes).where(eq(allocationOutcomes.runId, run2.id));
    assert.equal(outcomes.length, 5);

    const agent = await signIn(ada);
    const oldPage = textOf((await agent.get(`/offers/${old?.id}`)).body);
    assert.match(oldPage, /Replaced by a later offer/);
    assert.match(oldPage, /This offer was replaced by a later one: your offer of Post Alpha in migration/);
  });

  test('after the deadline an offer cannot be accepted, and the expiry job expires it and tells the student', async () => {
    const offer = await liveOffer(ada);
    const start = t.clock.now();
    try {
      t.clock.set(new Date(offer.respondBy.getTime() + 60_000));
      // signed in after the deadline (a week-old session has lapsed)
      const agent = await signIn(ada);
      const page = await agent.get(`/offers/${offer.id}`);
      assert.ok(!page.body.includes(`action="/offers/${offer.id}/accept"`), 'no accept form after the deadline');
      const csrf = await agent.csrfToken('/applications');
      const late = await agent.post(`/offers/${offer.id}/accept`, {}, { csrf });
      assert.equal(late.statusCode, 409);
      const text = textOf(late.body);
      assert.match(text, /The deadline to answer this offer has passed/);
      assert.match(text, /The deadline was 9 March 2026 at 18:00 GMT\+9 \(Asia\/Tokyo\)/);
      assert.equal((await t.database.db.select().from(placements).where(eq(placements.applicationId, ada.applicationId))).length, 0, 'nothing half-saved');
      assert.equal((await liveOffer(ada)).status, 'open');

      await t.jobs.runDue();
      const [expired] = (await offersOf(ada)).filter((o) => o.id === offer.id);
      assert.equal(expired?.status, 'expired');
      const mail = (await mailsTo(ada)).find((m) => m.subject === 'Your offer has expired: Post Alpha in migration');
      assert.ok(mail);
      assert.match(mail.text, /counts as declined/);
      assert.equal((await liveOffer(bob)).status, 'accepted', 'an accepted offer does not expire');
      const audits = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'offers.offer_expired'), eq(auditEvents.subjectId, offer.id)));
      assert.equal(audits.length, 1);
    } finally {
      t.clock.set(start);
    }
  });
});

// a student who applied to two rounds and holds an open offer in each
async function studentWithTwoOffers(name: string): Promise<{ student: Applicant; first: string; second: string }> {
  const db = t.database.db;
  const now = t.clock.now();
  const office = await createOffice(db, partner, { city: 'Geneva', country: 'CH', latitude: 46.2, longitude: 6.14, timeZone: 'Europe/Zurich', now });
  const one = await createRound(db, partner, now, { name: `First round of ${name}`, opensInDays: -60, closesInDays: -30 });
  const two = await createRound(db, partner, now, { name: `Second round of ${name}`, opensInDays: -60, closesInDays: -30 });
  const E = await createPost(db, { round: one, office }, { title: 'Post Echo in energy', createdAt: now });
  const F = await createPost(db, { round: two, office }, { title: 'Post Foxtrot in food', createdAt: now });
  const student = await createApplicant(db, { round: one, posts: [E], name, now });
  const [again] = await db.insert(applications).values({ roundId: two.id, studentId: student.user.id, status: 'submitted', submittedAt: now, createdAt: now, updatedAt: now }).returning();
  assert.ok(again);
  await db.insert(applicationChoices).values({ applicationId: again.id, rank: 1, postId: F.id });
  for (const [r, post, id] of [[one, E, student.applicationId], [two, F, again.id]] as const) {
    const run = await createAllocationRun(db, { roundId: r.id, runBy: staffId, now, input: allocationInput([{ id, preferences: [post] }], [{ post, ranking: [id] }]) });
    const csrf = await staff.csrfToken(`/rounds/${r.id}/offers`);
    assert.equal((await staff.post(`/allocation-runs/${run.id}/publish`, { respondBy: localIn(7) }, { csrf })).statusCode, 303);
  }
  const [first] = await db.select().from(offers).where(eq(offers.applicationId, student.applicationId));
  const [second] = await db.select().from(offers).where(eq(offers.applicationId, again.id));
  assert.ok(first && second);
  return { student, first: first.id, second: second.id };
}

describe('two offers', () => {
  test('a student who accepted one offer cannot accept another', async () => {
    const db = t.database.db;
    const { student: gil, first, second } = await studentWithTwoOffers('Gil Galois-Offer');
    const agent = await signIn(gil);
    assert.equal((await agent.post(`/offers/${first}/accept`, {}, { csrf: await agent.csrfToken(`/offers/${first}`) })).statusCode, 303);
    const page = textOf((await agent.get(`/offers/${second}`)).body);
    assert.match(page, /You have accepted another offer/);
    const refused = await agent.post(`/offers/${second}/accept`, {}, { csrf: await agent.csrfToken(`/offers/${second}`) });
    assert.equal(refused.statusCode, 409);
    assert.match(textOf(refused.body), /You have already accepted another offer/);
    const [after] = await db.select().from(offers).where(eq(offers.id, second));
    assert.equal(after?.status, 'open', 'nothing half-saved');
    assert.equal((await db.select().from(placements).where(eq(placements.studentId, gil.user.id))).length, 1);
  });

  test('two acceptances at the same moment: exactly one wins', async () => {
    const db = t.database.db;
    const { student: hal, first, second } = await studentWithTwoOffers('Hal Hopper-Offer');
    const agent = await signIn(hal);
    const csrf = await agent.csrfToken(`/offers/${first}`);
    const answers = await Promise.all([agent.post(`/offers/${first}/accept`, {}, { csrf }), agent.post(`/offers/${second}/accept`, {}, { csrf }), agent.post(`/offers/${first}/accept`, {}, { csrf })]);
    assert.equal(answers.filter((r) => r.statusCode === 409).length >= 1, true, 'one of the two offers is refused');
    const accepted = (await db.select().from(offers).where(eq(offers.studentId, hal.user.id))).filter((o) => o.status === 'accepted');
    assert.equal(accepted.length, 1);
    const held = await db.select().from(placements).where(eq(placements.studentId, hal.user.id));
    assert.equal(held.length, 1);
    assert.equal(held[0]?.offerId, accepted[0]?.id);
  });
});

describe('the partner’s and the staff’s pages', () => {
  test('the partner sees per post who was placed and why higher-ranked candidates went elsewhere', async () => {
    const { agent } = await signInWithOrganisation(t, 'partner_admin', partner);
    const page = await agent.get(`/posts/${B.id}/allocation`);
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    // run 2: nobody is placed in B: ada moved to A, bob holds A (accepted), cara declined
    assert.match(text, /From run 2/);
    assert.match(text, /1 Bob Brunel-Offer Placed in another post Placed in another post by the programme team\./);
    assert.match(text, /2 Ada Lovelace-Offer Placed in another post Placed in a post they preferred\./);
    assert.match(text, /3 Cara Curie-Offer Not placed Unplaced: withdrew\./);
    const alpha = textOf((await agent.get(`/posts/${A.id}/allocation`)).body);
    assert.match(alpha, /Bob Brunel-Offer 1 Placed by the programme team Accepted/);
    assert.match(alpha, /Ada Lovelace-Offer 2 Allocation Expired/);

    const elsewhere = await createOrganisation(t.database.db, { name: 'Another Partner', now: t.clock.now() });
    const { agent: stranger } = await signInWithOrganisation(t, 'partner_admin', elsewhere);
    assert.equal((await stranger.get(`/posts/${B.id}/allocation`)).statusCode, 404);
    const student = await signIn(ada);
    assert.equal((await student.get(`/posts/${B.id}/allocation`)).statusCode, 403);
    assert.equal((await staff.get(`/posts/${B.id}/allocation`)).statusCode, 200);
  });

  test('staff see the offers of the round by status and the placements pending funding', async () => {
    const page = await staff.get(`/rounds/${round.id}/offers`);
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    // ada's and dan's and fay's offers expired; bob accepted; cara declined; ada's first was replaced
    assert.match(text, /Waiting for an answer 0 Accepted 1 Declined 1 Expired \(not answered in time\) 3 Replaced by a later offer 1/);
    assert.match(text, /Bob Brunel-Offer Post Alpha in migration Pending funding/);
    assert.match(text, /Cara Curie-Offer Post Charlie in data Declined/);
  });
});
