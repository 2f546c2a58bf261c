import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { DEMO_PASSWORD, demoAccounts, seedDemo } from '../../src/db/seed.ts';
import { Tab } from './helpers/browser.ts';
import { signIn } from './helpers/flows.ts';
import { e2eSuite } from './helpers/suite.ts';

const suite = e2eSuite();

async function demo(): Promise<{ roundId: string }> {
  const { db } = suite.server.testApp.database;
  await seedDemo(db, new Date(), suite.server.testApp.config);
  const [round] = ((await db.execute(sql`select id from rounds where name = 'Second cohort'`)) as unknown as { rows: { id: string }[] }).rows;
  assert.ok(round, 'the demo has its current round');
  return { roundId: round.id };
}

const account = (role: string) => {
  const found = demoAccounts.find((a) => a.role === role);
  assert.ok(found);
  return found.email;
};

test('staff filter a round’s applications, read one and override an eligibility result; every page passes axe', async () => {
  const { roundId } = await demo();
  const tab = await Tab.open(suite.browser, suite.server.baseUrl);
  const { page } = tab;
  assert.equal(await signIn(tab, account('staff'), DEMO_PASSWORD), 200);

  // from the round to its applications, then the filter form (a GET form, no JavaScript needed)
  assert.equal(await tab.visit(`/rounds/${roundId}`), 200);
  assert.equal(await tab.activate(page.getByRole('link', { name: 'See the applications to this round' })), 200);
  assert.equal(await tab.heading(), 'Applications to Second cohort');
  await page.getByLabel('Status').selectOption('withdrawn');
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Filter' })), 200);
  assert.match(page.url(), /status=withdrawn/);
  const rows = page.locator('tbody tr');
  assert.ok((await rows.count()) >= 1);
  for (const text of await rows.allInnerTexts()) assert.match(text, /Withdrawn/);

  // an application's detail page, and an override recorded by keyboard
  await page.getByLabel('Status').selectOption('submitted');
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Filter' })), 200);
  assert.equal(await tab.activate(rows.first().getByRole('link').first()), 200);
  assert.equal(await page.getByRole('heading', { name: 'Funding questions (staff only)' }).count(), 1);
  assert.equal(await page.getByRole('heading', { name: 'Override an eligibility result' }).count(), 1);
  await page.getByLabel('Treat as not eligible').check();
  await page.getByLabel('Reason').fill('Enrolment suspended this term; confirmed with the registry.');
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Record the decision' })), 200);
  assert.match(await page.locator('main').innerText(), /Enrolment suspended this term/);

  // the round's questions and declarations
  assert.equal(await tab.visit(`/rounds/${roundId}/questions`), 200);
  assert.equal(await page.getByText('How did you hear about the programme?').count() > 0, true);
  await tab.close();
});

test('a demo student reads the stages of a submitted application and answers equality monitoring; the EDI officer sees only the aggregate', async () => {
  const { db } = suite.server.testApp.database;
  const [submitted] = ((await db.execute(
    sql`select u.email, a.id from applications a join users u on u.id = a.student_id where a.status = 'submitted' order by u.email limit 1`,
  )) as unknown as { rows: { email: string; id: string }[] }).rows;
  assert.ok(submitted, 'the demo has a submitted application');

  const student = await Tab.open(suite.browser, suite.server.baseUrl);
  assert.equal(await signIn(student, submitted.email, DEMO_PASSWORD), 200);
  assert.equal(await student.visit(`/applications/${submitted.id}`), 200);
  assert.equal(await student.page.getByRole('heading', { name: 'Where your application stands' }).count(), 1);
  assert.equal(await student.activate(student.page.getByRole('link', { name: /equality monitoring/i })), 200);
  assert.equal(await student.heading(), 'Tell us about yourself');
  assert.equal(await student.activate(student.page.getByRole('button', { name: /^Save my/ })), 200);
  await student.close();

  const edi = await Tab.open(suite.browser, suite.server.baseUrl);
  assert.equal(await signIn(edi, account('edi_officer'), DEMO_PASSWORD), 200);
  assert.equal(await edi.visit('/equality'), 200);
  assert.equal(await edi.heading(), 'Equality monitoring');
  const [round] = ((await db.execute(sql`select id from rounds where name = 'Second cohort'`)) as unknown as { rows: { id: string }[] }).rows;
  assert.equal(await edi.visit(`/equality?round=${round?.id}`), 200);
  const report = await edi.page.locator('main').innerText();
  assert.match(report, /Responses: \d+/);
  assert.doesNotMatch(report, new RegExp(submitted.email), 'no person in the report');
  await edi.close();
});
