import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, asc, eq, like } from 'drizzle-orm';
import { type TestAgent, textOf } from '../../../test/helpers/agent.ts';
import { createOffice, createOrganisation, createPost, createRound, signInWithOrganisation, type Organisation, type Round } from '../../../test/helpers/catalogue-factories.ts';
import { createUser, signInAs } from '../../../test/helpers/factories.ts';
import { createApplicant, createReview } from '../../../test/helpers/shortlist-factories.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { rubricCriteria } from './selection.tables.ts';

let t: TestApp;
let partner: Organisation;
let round: Round;
let reviewed: Round;
let staff: TestAgent;

const descriptors = {
  descriptor1: 'Poor: no evidence.',
  descriptor2: 'Weak: little evidence.',
  descriptor3: 'Fair: some evidence.',
  descriptor4: 'Good: clear evidence.',
  descriptor5: 'Excellent: strong evidence.',
};

function criterion(name: string, weight = '2'): Record<string, string> {
  return { name, description: `What ${name} covers.`, weight, ...descriptors };
}

async function criteriaOf(roundId: string) {
  return t.database.db.select().from(rubricCriteria).where(eq(rubricCriteria.roundId, roundId)).orderBy(asc(rubricCriteria.position));
}

async function audits(roundId: string, action: string) {
  return t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, roundId), like(auditEvents.action, action)));
}

before(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const now = t.clock.now();
  partner = await createOrganisation(db, { name: 'Rubric Partner', now });
  round = await createRound(db, partner, now, { name: 'Rubric round' });
  reviewed = await createRound(db, partner, now, { name: 'Reviewed round', opensInDays: -40, closesInDays: -5 });
  staff = (await signInAs(t, 'staff')).agent;
});
after(() => t.close());

describe('the rubric of a round', () => {
  test('bad criteria are refused with the error summary and the typed values kept; nothing is stored', async () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ ...criterion('x'.repeat(121)) }, 'name', /Name of the criterion must be 120 characters or fewer|The name of the criterion must be 120 characters or fewer/],
      [{ ...criterion('Teamwork', '11') }, 'weight', /weight must be 10 or fewer/],
      [{ ...criterion('Teamwork', '2.5') }, 'weight', /weight must be a whole number/],
      [{ ...criterion('Teamwork', '0') }, 'weight', /weight must be 1 or more/],
      [{ ...criterion('Teamwork'), descriptor3: '' }, 'descriptor3', /Enter what a score of 3 means/],
      [{ ...criterion('Teamwork'), descriptor5: 'y'.repeat(301) }, 'descriptor5', /score of 5 means must be 300 characters or fewer/i],
      [{ ...criterion('Teamwork'), description: 'z'.repeat(1001) }, 'description', /description must be 1000 characters or fewer/i],
      [{ ...criterion(''), name: '' }, 'name', /Enter the name of the criterion/],
    ];
    for (const [fields, field, message] of cases) {
      const response = await staff.post(`/rounds/${round.id}/rubric`, fields);
      assert.equal(response.statusCode, 400, field);
      assert.match(response.body, /class="error-summary"/);
      assert.match(response.body, new RegExp(`href="#field-${field}"`));
      assert.match(textOf(response.body), message);
      // what was typed comes back
      if (fields.weight) assert.match(response.body, new RegExp(`name="weight"[^>]*value="${fields.weight.replace('.', '\\.')}"`));
      assert.ok(response.body.includes(descriptors.descriptor4));
    }
    assert.equal((await criteriaOf(round.id)).length, 0);
  });

  test('staff add criteria in order, edit, move and delete them; positions stay dense; every change audited', async () => {
    for (const name of ['Motivation', 'Knowledge', 'Communication']) {
      assert.equal((await staff.post(`/rounds/${round.id}/rubric`, criterion(name, name === 'Motivation' ? '3' : '2'))).statusCode, 303);
    }
    let rows = await criteriaOf(round.id);
    assert.deepEqual(
      rows.map((r) => [r.position, r.name, r.weight]),
      [
        [1, 'Motivation', 3],
        [2, 'Knowledge', 2],
        [3, 'Communication', 2],
      ],
    );
    assert.deepEqual(rows[0]?.descriptors, Object.values(descriptors));
    assert.equal((await audits(round.id, 'selection.rubric_criterion_added')).length, 3);

    const page = await staff.get(`/rounds/${round.id}/rubric`);
    assert.equal(page.statusCode, 200);
    assert.match(textOf(page.body), /3 criteria, total weight 7/);
    assert.ok(page.body.includes(descriptors.descriptor5));

    const communication = rows[2];
    assert.ok(communication);
    // edit: the form shows the stored values; a bad weight keeps what was typed
    const edit = await staff.get(`/rounds/${round.id}/rubric/${communication.id}/edit`);
    assert.match(edit.body, /name="name"[^>]*value="Communication"/);
    const bad = await staff.post(`/rounds/${round.id}/rubric/${communication.id}/edit`, { ...criterion('Written communication', 'ten') });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /name="name"[^>]*value="Written communication"/);
    assert.equal((await staff.post(`/rounds/${round.id}/rubric/${communication.id}/edit`, criterion('Written communication', '1'))).statusCode, 303);

    // move the last one up
    assert.equal((await staff.post(`/rounds/${round.id}/rubric/${communication.id}/move`, { direction: 'up' })).statusCode, 303);
    rows = await criteriaOf(round.id);
    assert.deepEqual(
      rows.map((r) => [r.position, r.name, r.weight]),
      [
        [1, 'Motivation', 3],
        [2, 'Written communication', 1],
        [3, 'Knowledge', 2],
      ],
    );

    // delete asks first, then removes and renumbers
    const confirm = await staff.get(`/rounds/${round.id}/rubric/${communication.id}/delete`);
    assert.equal(confirm.statusCode, 200);
    assert.match(textOf(confirm.body), /Delete this criterion\?/);
    assert.equal((await criteriaOf(round.id)).length, 3);
    assert.equal((await staff.post(`/rounds/${round.id}/rubric/${communication.id}/delete`, {})).statusCode, 303);
    rows = await criteriaOf(round.id);
    assert.deepEqual(
      rows.map((r) => [r.position, r.name]),
      [
        [1, 'Motivation'],
        [2, 'Knowledge'],
      ],
    );

    const updated = await audits(round.id, 'selection.rubric_criterion_updated');
    assert.equal(updated.length, 1);
    assert.deepEqual(updated[0]?.details.changed, ['name', 'description', 'weight']);
    assert.equal((await audits(round.id, 'selection.rubric_criterion_moved')).length, 1);
    assert.equal((await audits(round.id, 'selection.rubric_criterion_deleted')).length, 1);
  });

  test('once a review of the round is submitted, the rubric is locked and says so; every change is refused', async () => {
    const db = t.database.db;
    const now = t.clock.now();
    assert.equal((await staff.post(`/rounds/${reviewed.id}/rubric`, criterion('Motivation'))).statusCode, 303);
    const [motivation] = await criteriaOf(reviewed.id);
    assert.ok(motivation);
    const office = await createOffice(db, partner, { city: 'Geneva', country: 'CH', latitude: 46.2, longitude: 6.14, timeZone: 'Europe/Zurich', now });
    const post = await createPost(db, { round: reviewed, office }, { createdAt: now });
    const applicant = await createApplicant(db, { round: reviewed, posts: [post], now });
    const reviewer = await createUser(db, { role: 'partner_reviewer', now });
    // a draft review does not lock it
    await createReview(db, { applicationId: applicant.applicationId, post, reviewer, scores: { [motivation.id]: 3 }, submitted: false, now });
    assert.doesNotMatch(textOf((await staff.get(`/rounds/${reviewed.id}/rubric`)).body), /The rubric is locked/);
    const other = await createUser(db, { role: 'partner_reviewer', now });
    await createReview(db, { applicationId: applicant.applicationId, post, reviewer: other, scores: { [motivation.id]: 4 }, now });

    const page = await staff.get(`/rounds/${reviewed.id}/rubric`);
    assert.match(textOf(page.body), /The rubric is locked/);
    assert.match(textOf(page.body), /A review in this round has been submitted/);
    assert.doesNotMatch(page.body, /Add criterion/);
    assert.doesNotMatch(page.body, /\/edit"/);

    const refusals = [
      await staff.post(`/rounds/${reviewed.id}/rubric`, criterion('Languages')),
      await staff.post(`/rounds/${reviewed.id}/rubric/${motivation.id}/edit`, criterion('Motivation and fit', '5')),
      await staff.post(`/rounds/${reviewed.id}/rubric/${motivation.id}/delete`, {}),
      await staff.get(`/rounds/${reviewed.id}/rubric/${motivation.id}/delete`),
      await staff.get(`/rounds/${reviewed.id}/rubric/${motivation.id}/edit`),
    ];
    for (const response of refusals) {
      assert.equal(response.statusCode, 409);
      assert.match(textOf(response.body), /rubric can no longer change/);
    }
    const rows = await criteriaOf(reviewed.id);
    assert.deepEqual(
      rows.map((r) => [r.name, r.weight]),
      [['Motivation', 2]],
    );
    assert.equal((await audits(reviewed.id, 'selection.rubric_%')).length, 1);
  });

  test('a partner admin of the round’s partner reads the rubric only; other partners get 404; reviewers and students 403', async () => {
    const db = t.database.db;
    const mine = await signInWithOrganisation(t, 'partner_admin', partner);
    const page = await mine.agent.get(`/rounds/${round.id}/rubric`);
    assert.equal(page.statusCode, 200);
    assert.match(textOf(page.body), /Motivation/);
    assert.ok(page.body.includes(descriptors.descriptor5));
    assert.doesNotMatch(page.body, /Add criterion/);
    assert.doesNotMatch(page.body, /\/rubric\/[0-9a-f-]+\/(edit|delete|move)/);
    assert.match(textOf(page.body), /programme team sets the rubric/);
    // the round page links to it
    assert.match((await mine.agent.get(`/rounds/${round.id}`)).body, new RegExp(`href="/rounds/${round.id}/rubric"`));
    // and cannot change it
    const [first] = await criteriaOf(round.id);
    assert.ok(first);
    assert.equal((await mine.agent.post(`/rounds/${round.id}/rubric`, criterion('Sneaky'))).statusCode, 403);
    assert.equal((await mine.agent.post(`/rounds/${round.id}/rubric/${first.id}/delete`, {})).statusCode, 403);

    const elsewhere = await createOrganisation(db, { name: 'Another Rubric Partner', now: t.clock.now() });
    const stranger = await signInWithOrganisation(t, 'partner_admin', elsewhere);
    assert.equal((await stranger.agent.get(`/rounds/${round.id}/rubric`)).statusCode, 404);

    const reviewer = await signInWithOrganisation(t, 'partner_reviewer', partner);
    assert.equal((await reviewer.agent.get(`/rounds/${round.id}/rubric`)).statusCode, 403);
    const student = await signInAs(t, 'student');
    assert.equal((await student.agent.get(`/rounds/${round.id}/rubric`)).statusCode, 403);
    assert.equal((await student.agent.post(`/rounds/${round.id}/rubric`, criterion('Sneaky'))).statusCode, 403);
    assert.equal((await criteriaOf(round.id)).length, 2);
  });
});
