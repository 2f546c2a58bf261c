import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { type TestAgent, textOf } from '../../../test/helpers/agent.ts';
import { createOrganisation, createRound, signInWithOrganisation, type Round } from '../../../test/helpers/catalogue-factories.ts';
import { signInAs } from '../../../test/helpers/factories.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { selectionSettings } from './selection.tables.ts';

let t: TestApp;
let open: Round;
let closed: Round;
let staff: TestAgent;

async function settingsRow(roundId: string) {
  const [row] = await t.database.db.select().from(selectionSettings).where(eq(selectionSettings.roundId, roundId));
  return row;
}

async function auditRows(roundId: string) {
  return t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'selection.settings_updated'), eq(auditEvents.subjectId, roundId)));
}

before(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const now = t.clock.now();
  const partner = await createOrganisation(db, { name: 'Settings Partner', now });
  open = await createRound(db, partner, now, { name: 'Open settings round', closesInDays: 20 });
  closed = await createRound(db, partner, now, { name: 'Closed settings round', opensInDays: -40, closesInDays: -2 });
  staff = (await signInAs(t, 'staff')).agent;
});
after(() => t.close());

describe('selection settings of a round', () => {
  test('a round without settings shows the defaults: two reviews, anonymised', async () => {
    const page = await staff.get(`/rounds/${open.id}/selection`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="reviewsPerApplication"[^>]*value="2"/);
    assert.match(page.body, /id="field-reviewMode-anonymised"[^>]*value="anonymised"[^>]*checked/);
    assert.equal(await settingsRow(open.id), undefined);
  });

  test('a number of reviews outside 1–5 or not whole is refused, with the typed value kept', async () => {
    for (const [typed, message] of [
      ['9', 'must be 5 or fewer'],
      ['0', 'must be 1 or more'],
      ['two', 'must be a whole number'],
      ['', 'Enter the number of reviews'],
    ] as const) {
      const response = await staff.post(`/rounds/${open.id}/selection`, { reviewsPerApplication: typed, reviewMode: 'named' });
      assert.equal(response.statusCode, 400, typed);
      assert.match(response.body, /class="error-summary"/);
      assert.match(textOf(response.body), new RegExp(message));
      assert.match(response.body, new RegExp(typed === '' ? 'name="reviewsPerApplication"[^>]*value[ />]' : `name="reviewsPerApplication"[^>]*value="${typed}"`));
      // the typed mode too
      assert.match(response.body, /id="field-reviewMode-named"[^>]*checked/);
    }
    assert.equal(await settingsRow(open.id), undefined);
  });

  test('before review starts, staff set the number of reviews and switch to named review; audited', async () => {
    const response = await staff.post(`/rounds/${open.id}/selection`, { reviewsPerApplication: '3', reviewMode: 'named' });
    assert.equal(response.statusCode, 303);
    const row = await settingsRow(open.id);
    assert.equal(row?.reviewsPerApplication, 3);
    assert.equal(row?.anonymised, false);
    const audits = await auditRows(open.id);
    assert.equal(audits.length, 1);
    assert.deepEqual(audits[0]?.details.changed, ['reviewsPerApplication', 'anonymised']);
    const page = await staff.get(`/rounds/${open.id}/selection`);
    assert.match(page.body, /id="field-reviewMode-named"[^>]*checked/);
    // and back to anonymised
    assert.equal((await staff.post(`/rounds/${open.id}/selection`, { reviewsPerApplication: '3', reviewMode: 'anonymised' })).statusCode, 303);
    assert.equal((await settingsRow(open.id))?.anonymised, true);
    assert.equal((await auditRows(open.id)).length, 2);
  });

  test('after applications close, the review mode is locked with the reason; switching to named review is refused', async () => {
    const page = await staff.get(`/rounds/${closed.id}/selection`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /name="reviewMode"/);
    assert.match(textOf(page.body), /The review mode is locked/);
    assert.match(textOf(page.body), /Review started when applications closed/);

    const refused = await staff.post(`/rounds/${closed.id}/selection`, { reviewsPerApplication: '2', reviewMode: 'named' });
    assert.equal(refused.statusCode, 409);
    assert.match(textOf(refused.body), /review mode can no longer change/);
    assert.equal(await settingsRow(closed.id), undefined);
    assert.equal((await auditRows(closed.id)).length, 0);
  });

  test('after applications close, the number of reviews can still change and the round stays anonymised', async () => {
    const response = await staff.post(`/rounds/${closed.id}/selection`, { reviewsPerApplication: '4' });
    assert.equal(response.statusCode, 303);
    const row = await settingsRow(closed.id);
    assert.equal(row?.reviewsPerApplication, 4);
    assert.equal(row?.anonymised, true);
  });

  test('only staff reach the settings: a student, a partner admin and a reviewer are refused', async () => {
    const partner = await createOrganisation(t.database.db, { name: 'Settings Partner Two', now: t.clock.now() });
    const agents = [(await signInAs(t, 'student')).agent, (await signInWithOrganisation(t, 'partner_admin', partner)).agent, (await signInWithOrganisation(t, 'partner_reviewer', partner)).agent];
    for (const agent of agents) {
      assert.equal((await agent.get(`/rounds/${open.id}/selection`)).statusCode, 403);
      assert.equal((await agent.post(`/rounds/${open.id}/selection`, { reviewsPerApplication: '1', reviewMode: 'named' })).statusCode, 403);
    }
    assert.equal((await settingsRow(open.id))?.reviewsPerApplication, 3);
  });

  test('the round page links to the selection settings and the rubric for staff', async () => {
    const page = await staff.get(`/rounds/${open.id}`);
    assert.match(page.body, new RegExp(`href="/rounds/${open.id}/selection"`));
    assert.match(page.body, new RegExp(`href="/rounds/${open.id}/rubric"`));
  });
});
