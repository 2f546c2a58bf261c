import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, before, describe, test } from 'node:test';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { TestAgent, textOf } from '../../test/helpers/agent.ts';
import { createOrganisation, createRound, type Round } from '../../test/helpers/catalogue-factories.ts';
import { buildTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { criterionForm, descriptorField, SCORES } from '../modules/selection/rubric.input.ts';
import { users } from '../modules/accounts/accounts.tables.ts';
import { applicationChoices, applications } from '../modules/applications/applications.tables.ts';
import { allocate } from '../modules/matching/deferred-acceptance.ts';
import { allocationConstraints, allocationOutcomes, allocationRuns, offers } from '../modules/matching/matching.tables.ts';
import { toStoredResult } from '../modules/matching/stored-runs.ts';
import { offices } from '../modules/partners/partners.tables.ts';
import { placements } from '../modules/placements/placements.tables.ts';
import { posts } from '../modules/posts/posts.tables.ts';
import { rounds } from '../modules/rounds/rounds.tables.ts';
import { summariseReviews } from '../modules/selection/review-scores.ts';
import {
  interviewPanel,
  interviewScores,
  interviewSlots,
  postRankings,
  reviewConflicts,
  reviewerAssignments,
  reviews,
  rubricCriteria,
  selectionSettings,
  shortlistDecisions,
  shortlistEntries,
} from '../modules/selection/selection.tables.ts';
import { dayIn, wallClock } from '../platform/time/zoned.ts';
import { DEMO_PASSWORD, demoAccounts, seedDemo } from './seed.ts';
import { seedSelection } from './seed-selection.ts';
import { SELECTION_STAGE_ROUND } from './seed-selection-stage.ts';

let t: TestApp;
let round: Round;
before(async () => {
  t = await buildTestApp();
  round = await createRound(t.database.db, await createOrganisation(t.database.db, { now: t.clock.now() }), t.clock.now(), { name: 'Second cohort' });
});
after(() => t.close());

test('the demo round gets two anonymised reviews per application and a four-criterion rubric that the form would accept; seeding again adds nothing', async () => {
  const db = t.database.db;
  await seedSelection(db, t.clock.now(), round.id);
  await seedSelection(db, t.clock.now(), round.id);
  const [settings] = await db.select().from(selectionSettings).where(eq(selectionSettings.roundId, round.id));
  assert.equal(settings?.reviewsPerApplication, 2);
  assert.equal(settings?.anonymised, true);
  const rows = await db.select().from(rubricCriteria).where(eq(rubricCriteria.roundId, round.id)).orderBy(asc(rubricCriteria.position));
  assert.deepEqual(
    rows.map((r) => [r.position, r.name, r.weight]),
    [
      [1, 'Motivation and fit', 3],
      [2, 'Relevant knowledge', 2],
      [3, 'Communication', 2],
      [4, 'Languages', 1],
    ],
  );
  for (const row of rows) {
    const fields: Record<string, string> = { name: row.name, description: row.description, weight: String(row.weight) };
    for (const score of SCORES) fields[descriptorField(score)] = row.descriptors[score - 1] ?? '';
    assert.equal(criterionForm.safeParse(fields).success, true, row.name);
  }
});

describe('the demo at the selection stage', () => {
  let demo: TestApp;
  let dataDir: string;
  let seedMs = 0;
  let roundId: string;
  const DAY = 86_400_000;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'outbound-seed-selection-'));
    demo = await buildTestApp({ config: { dataDir } });
    const started = performance.now();
    await seedDemo(demo.database.db, demo.clock.now(), demo.config);
    seedMs = performance.now() - started;
    const [round] = await demo.database.db.select().from(rounds).where(eq(rounds.name, SELECTION_STAGE_ROUND));
    assert.ok(round, 'the selection-stage round exists');
    roundId = round.id;
  });
  after(async () => {
    await demo.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function roundPosts() {
    return demo.database.db.select().from(posts).where(eq(posts.roundId, roundId));
  }

  test('a round whose applications have closed, with 30 to 40 submitted applications to its own posts', async (ctx) => {
    ctx.diagnostic(`seedDemo took ${Math.round(seedMs)} ms`);
    const db = demo.database.db;
    const [round] = await db.select().from(rounds).where(eq(rounds.id, roundId));
    assert.ok(round && round.applicationsCloseAt.getTime() < demo.clock.now().getTime());
    const own = await db.select().from(applications).where(eq(applications.roundId, roundId));
    assert.ok(own.length >= 30 && own.length <= 40, `${own.length} applications`);
    assert.ok(own.every((a) => a.status === 'submitted' && a.submittedAt !== null && a.submittedAt <= round.applicationsCloseAt && a.cvFileId !== null));
    const postIds = new Set((await roundPosts()).map((p) => p.id));
    const choices = await db.select().from(applicationChoices).where(inArray(applicationChoices.applicationId, own.map((a) => a.id)));
    assert.ok(choices.every((c) => postIds.has(c.postId)), 'choices name the round’s own posts');
    // statements that name a post name this round's first choice
    const titles = new Map((await roundPosts()).map((p) => [p.id, p.title]));
    const naming = own.filter((a) => titles.get(choices.find((c) => c.applicationId === a.id && c.rank === 1)?.postId ?? '') !== undefined && a.statement.includes(titles.get(choices.find((c) => c.applicationId === a.id && c.rank === 1)?.postId ?? '') ?? '∅'));
    assert.ok(naming.length >= own.length / 2, `${naming.length} of ${own.length} statements name their first choice`);
  });

  test('every application to a post has K submitted reviews from the post’s reviewers; one conflict declared, one disagreement', async () => {
    const db = demo.database.db;
    const postRows = await roundPosts();
    const [settings] = await db.select().from(selectionSettings).where(eq(selectionSettings.roundId, roundId));
    const k = settings?.reviewsPerApplication ?? 0;
    assert.equal(k, 2);
    const criteria = await db.select().from(rubricCriteria).where(eq(rubricCriteria.roundId, roundId));
    assert.equal(criteria.length, 4);
    const own = await db.select({ id: applications.id }).from(applications).where(eq(applications.roundId, roundId));
    const choices = await db.select().from(applicationChoices).where(inArray(applicationChoices.applicationId, own.map((a) => a.id)));
    const all = await db.select().from(reviews).where(inArray(reviews.postId, postRows.map((p) => p.id)));
    const assigned = await db.select().from(reviewerAssignments).where(inArray(reviewerAssignments.postId, postRows.map((p) => p.id)));
    const conflicts = await db.select().from(reviewConflicts).where(inArray(reviewConflicts.applicationId, own.map((a) => a.id)));
    assert.equal(conflicts.length, 1);
    let disagreements = 0;
    for (const c of choices) {
      const mine = all.filter((r) => r.applicationId === c.applicationId && r.postId === c.postId);
      assert.equal(mine.length, k);
      for (const r of mine) {
        assert.ok(r.submittedAt && r.submittedAt.getTime() < demo.clock.now().getTime());
        assert.ok(assigned.some((a) => a.postId === r.postId && a.reviewerId === r.reviewerId), 'by an assigned reviewer');
        assert.ok(!conflicts.some((x) => x.applicationId === r.applicationId && x.reviewerId === r.reviewerId), 'not by the reviewer with the conflict');
        assert.ok(r.recommendation !== null && r.comment.length > 20);
        assert.deepEqual(Object.keys(r.scores).sort(), criteria.map((x) => x.id).sort());
      }
      if (summariseReviews(criteria, mine).disagree) disagreements += 1;
    }
    assert.ok(disagreements >= 1, 'reviewers disagree somewhere');
    // the demo reviewer has reviewed every application to her posts: nothing of this round waits in her queue
    const [noor] = await db.select().from(users).where(eq(users.email, demoAccounts.find((x) => x.role === 'partner_reviewer')?.email ?? ''));
    assert.ok(noor);
    for (const c of choices.filter((x) => assigned.some((a) => a.postId === x.postId && a.reviewerId === noor.id))) {
      assert.ok(all.some((r) => r.applicationId === c.applicationId && r.postId === c.postId && r.reviewerId === noor.id));
    }
    const [conflict] = conflicts;
    assert.ok(conflict && assigned.some((a) => a.reviewerId === conflict.reviewerId), 'declared by an assigned reviewer');
  });

  test('the chain holds: booked slots are of fixed-shortlisted candidates, in the past, in office hours of the office’s zone; rankings name only interviewed candidates', async () => {
    const db = demo.database.db;
    const postRows = await roundPosts();
    const ids = postRows.map((p) => p.id);
    const entries = await db.select().from(shortlistEntries).where(inArray(shortlistEntries.postId, ids));
    const decisions = await db.select().from(shortlistDecisions).where(inArray(shortlistDecisions.postId, ids));
    assert.equal(decisions.length, postRows.length, 'every post’s shortlist is fixed');
    const slots = await db.select().from(interviewSlots).where(inArray(interviewSlots.postId, ids));
    const booked = slots.filter((s) => s.applicationId !== null);
    assert.ok(booked.length >= postRows.length && slots.length > booked.length, 'booked and empty slots');
    const officeRows = await db.select().from(offices);
    const now = demo.clock.now().getTime();
    for (const slot of booked) {
      assert.ok(decisions.some((d) => d.postId === slot.postId));
      assert.ok(entries.some((e) => e.postId === slot.postId && e.applicationId === slot.applicationId), 'booked by a shortlisted candidate of the post');
      assert.ok(slot.startsAt.getTime() + slot.minutes * 60_000 < now, 'in the past');
      assert.ok(slot.bookedAt && slot.bookedAt.getTime() < slot.startsAt.getTime());
    }
    for (const slot of slots) {
      const post = postRows.find((p) => p.id === slot.postId);
      const office = officeRows.find((o) => o.id === post?.officeId);
      assert.ok(office);
      const local = wallClock(slot.startsAt, office.timeZone);
      assert.ok(local.hour >= 9 && local.hour <= 16, `${local.hour}:00 in ${office.timeZone}`);
    }
    assert.ok(new Set(slots.map((s) => officeRows.find((o) => o.id === postRows.find((p) => p.id === s.postId)?.officeId)?.timeZone)).size >= 3, 'several time zones');
    const panel = await db.select().from(interviewPanel).where(inArray(interviewPanel.slotId, slots.map((s) => s.id)));
    assert.ok(slots.every((s) => panel.filter((m) => m.slotId === s.id).length >= 2), 'a panel on every slot');
    // within the round's interview period (its last day, in the round's zone)
    const [round] = await db.select().from(rounds).where(eq(rounds.name, SELECTION_STAGE_ROUND));
    assert.ok(round);
    for (const slot of slots) assert.ok(dayIn(slot.startsAt, round.timeZone) <= round.interviewsUntil, `${slot.startsAt.toISOString()} after ${round.interviewsUntil}`);
    // as the partner's form requires: nobody sits on two interviews at once
    for (const a of slots) {
      for (const b of slots) {
        if (a.id >= b.id || a.startsAt.getTime() >= b.startsAt.getTime() + b.minutes * 60_000 || b.startsAt.getTime() >= a.startsAt.getTime() + a.minutes * 60_000) continue;
        const shared = panel.filter((m) => m.slotId === a.id && panel.some((n) => n.slotId === b.id && n.memberId === m.memberId));
        assert.equal(shared.length, 0, `slots ${a.id} and ${b.id} overlap with a shared panel member`);
      }
    }
    const scores = await db.select().from(interviewScores).where(inArray(interviewScores.postId, ids));
    for (const slot of booked) {
      const members = panel.filter((m) => m.slotId === slot.id).map((m) => m.memberId);
      const mine = scores.filter((s) => s.postId === slot.postId && s.applicationId === slot.applicationId);
      assert.deepEqual(mine.map((s) => s.memberId).sort(), [...members].sort(), 'every panel member scored the interview');
      assert.ok(mine.every((s) => s.submittedAt && s.submittedAt.getTime() > slot.startsAt.getTime()));
    }
    const rankings = await db.select().from(postRankings).where(inArray(postRankings.postId, ids));
    assert.ok(rankings.length > 0);
    for (const r of rankings) assert.ok(booked.some((s) => s.postId === r.postId && s.applicationId === r.applicationId), 'ranks only interviewed candidates');
    assert.equal(rankings.filter((r) => r.notAppointable).length, 1, 'one not appointable');
    assert.ok(rankings.filter((r) => r.notAppointable).every((r) => r.position === null));
    for (const id of ids) {
      const positions = rankings.filter((r) => r.postId === id && !r.notAppointable).map((r) => r.position).sort((a, b) => (a ?? 0) - (b ?? 0));
      assert.deepEqual(positions, positions.map((_, i) => i + 1), 'strict order from 1');
    }
  });

  test('one published run that recomputes to the stored result, an outcome for every applicant, and offers that match the assignment', async () => {
    const db = demo.database.db;
    const runs = await db.select().from(allocationRuns).where(eq(allocationRuns.roundId, roundId));
    assert.equal(runs.length, 1);
    const [run] = runs;
    assert.ok(run && run.publishedAt && run.respondBy);
    assert.deepEqual(toStoredResult(allocate(run.input)), run.result, 'the stored run recomputes to the same result');
    const [constraint, ...more] = await db.select().from(allocationConstraints).where(eq(allocationConstraints.roundId, roundId));
    assert.ok(constraint && more.length === 0 && constraint.reason.length > 20);
    assert.ok(run.input.excluded?.some((e) => e.studentId === constraint.applicationId && e.postId === constraint.postId), 'the constraint is in the run’s input');
    assert.ok(run.result.constraints.some((c) => c.applied && c.studentId === constraint.applicationId));

    const own = await db.select().from(applications).where(eq(applications.roundId, roundId));
    assert.deepEqual(run.input.students.map((s) => s.id).sort(), own.map((a) => a.id).sort(), 'every applicant takes part');
    const outcomes = await db.select().from(allocationOutcomes).where(eq(allocationOutcomes.runId, run.id));
    assert.equal(outcomes.length, own.length);
    for (const o of outcomes) {
      assert.equal(o.postId, run.result.assignment[o.applicationId] ?? null);
      assert.equal(o.explanation.studentId, o.applicationId);
      assert.equal(o.explanation.postId, o.postId);
    }
    assert.ok(outcomes.some((o) => o.postId === null) && outcomes.some((o) => o.explanation.higherChoices.length > 0), 'unplaced students and explained choices');

    const offerRows = await db.select().from(offers).where(eq(offers.roundId, roundId));
    const placed = Object.entries(run.result.assignment).filter(([, post]) => post !== null);
    assert.equal(offerRows.length, placed.length, 'one offer per placed student');
    for (const offer of offerRows) {
      assert.equal(offer.runId, run.id);
      assert.equal(run.result.assignment[offer.applicationId], offer.postId, 'the offer is the run’s assignment');
      const application = own.find((a) => a.id === offer.applicationId);
      assert.equal(offer.studentId, application?.studentId);
    }
    const byStatus = (status: string) => offerRows.filter((o) => o.status === status);
    assert.ok(byStatus('accepted').length >= 2, 'some accepted');
    assert.equal(byStatus('declined').length, 1);
    assert.ok(byStatus('declined')[0]?.declineReason);
    assert.ok(byStatus('open').length >= 1, 'some open');
    for (const o of byStatus('open')) assert.equal(o.respondBy.getTime(), demo.clock.now().getTime() + 7 * DAY, 'open until a week after the seed');
    const placementRows = await db.select().from(placements).where(eq(placements.roundId, roundId));
    assert.deepEqual(placementRows.map((p) => p.offerId).sort(), byStatus('accepted').map((o) => o.id).sort(), 'a placement for every accepted offer');
    for (const p of placementRows) {
      const offer = offerRows.find((o) => o.id === p.offerId);
      assert.equal(p.status, 'pending_funding');
      assert.equal(p.postId, offer?.postId);
      assert.equal(p.studentId, offer?.studentId);
    }
    for (const row of [...offerRows.map((o) => o.respondedAt), ...placementRows.map((p) => p.createdAt), run.publishedAt, run.runAt]) {
      if (row) assert.ok(row.getTime() <= demo.clock.now().getTime(), 'nothing happens after the seed time');
    }
  });

  // the story of the round in names and times, without the random ids
  async function fingerprint(app: TestApp): Promise<string[]> {
    const db = app.database.db;
    const [round] = await db.select().from(rounds).where(eq(rounds.name, SELECTION_STAGE_ROUND));
    assert.ok(round);
    const names = new Map((await db.select({ id: users.id, name: users.name }).from(users)).map((u) => [u.id, u.name]));
    const postRows = await db.select().from(posts).where(eq(posts.roundId, round.id));
    const title = new Map(postRows.map((p) => [p.id, p.title]));
    const ids = postRows.map((p) => p.id);
    const student = new Map((await db.select().from(applications).where(eq(applications.roundId, round.id))).map((a) => [a.id, names.get(a.studentId) ?? '?']));
    const criteria = (await db.select().from(rubricCriteria).where(eq(rubricCriteria.roundId, round.id))).sort((a, b) => a.position - b.position);
    const scores = (values: Record<string, number>) => criteria.map((c) => values[c.id]).join(',');
    const lines = [
      ...(await db.select().from(reviews).where(inArray(reviews.postId, ids))).map((r) => `review ${title.get(r.postId)} ${student.get(r.applicationId)} ${names.get(r.reviewerId)} ${scores(r.scores)} ${r.recommendation} ${r.comment} ${r.submittedAt?.toISOString()}`),
      ...(await db.select().from(interviewSlots).where(inArray(interviewSlots.postId, ids))).map((x) => `slot ${title.get(x.postId)} ${x.startsAt.toISOString()} ${x.kind} ${x.applicationId ? student.get(x.applicationId) : 'free'}`),
      ...(await db.select().from(postRankings).where(inArray(postRankings.postId, ids))).map((r) => `rank ${title.get(r.postId)} ${student.get(r.applicationId)} ${r.position} ${r.notAppointable}`),
      ...(await db.select().from(offers).where(eq(offers.roundId, round.id))).map((o) => `offer ${title.get(o.postId)} ${student.get(o.applicationId)} ${o.status} ${o.respondBy.toISOString()}`),
    ];
    return lines.sort();
  }

  test('deterministic given the time: a second demo seeded at the same moment tells the same story', async () => {
    const otherDir = await mkdtemp(path.join(tmpdir(), 'outbound-seed-selection-twin-'));
    const twin = await buildTestApp({ config: { dataDir: otherDir } });
    try {
      await seedDemo(twin.database.db, demo.clock.now(), twin.config);
      const mine = await fingerprint(demo);
      assert.ok(mine.length > 100);
      assert.deepEqual(await fingerprint(twin), mine);
    } finally {
      await twin.close();
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  test('seeding again adds nothing; the staff selection pages show the round', async () => {
    const db = demo.database.db;
    const before = (await db.select().from(reviews)).length;
    await seedDemo(db, demo.clock.now(), demo.config);
    assert.equal((await db.select().from(rounds).where(eq(rounds.name, SELECTION_STAGE_ROUND))).length, 1);
    assert.equal((await db.select().from(reviews)).length, before);
    assert.equal((await db.select().from(allocationRuns).where(eq(allocationRuns.roundId, roundId))).length, 1);

    const staffEmail = demoAccounts.find((a) => a.role === 'staff')?.email ?? '';
    const [staffUser] = await db.select().from(users).where(and(eq(users.email, staffEmail)));
    assert.ok(staffUser);
    const agent = new TestAgent(demo.app);
    assert.equal((await agent.post('/sign-in', { email: staffEmail, password: DEMO_PASSWORD })).statusCode, 303);
    const page = await agent.get(`/rounds/${roundId}/selection/overview`);
    assert.equal(page.statusCode, 200);
    assert.match(textOf(page.body), /Shortlists fixed 6 of 6 posts/);
    assert.match(textOf(page.body), /Applications short of 2 reviews 0/);
    let disagreement = false;
    let conflict = false;
    for (const post of await roundPosts()) {
      const reviewsPage = await agent.get(`/rounds/${roundId}/selection/posts/${post.id}`);
      assert.equal(reviewsPage.statusCode, 200);
      assert.ok(!reviewsPage.body.includes('@students.'), 'no student e-mail on the staff page');
      disagreement ||= reviewsPage.body.includes('Reviewers disagree');
      conflict ||= reviewsPage.body.includes('I supervised this student');
    }
    assert.ok(disagreement && conflict, 'the staff pages show the disagreement and the conflict');
  });
});
