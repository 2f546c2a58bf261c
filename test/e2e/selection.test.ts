import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { DEMO_PASSWORD, demoAccounts, seedDemo } from '../../src/db/seed.ts';
import { Tab } from './helpers/browser.ts';
import { signIn } from './helpers/flows.ts';
import { e2eSuite } from './helpers/suite.ts';

const suite = e2eSuite();

const account = (role: string) => {
  const found = demoAccounts.find((a) => a.role === role);
  assert.ok(found);
  return found;
};

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await suite.server.testApp.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

test('staff set the selection and rubric; the partner admin assigns a reviewer, who reviews a candidate anonymously; every page passes axe', async () => {
  const { db } = suite.server.testApp.database;
  await seedDemo(db, new Date(), suite.server.testApp.config);
  const [round] = await rows<{ id: string }>(sql`select id from rounds where name = 'Second cohort'`);
  assert.ok(round);
  // the demo post with the most submitted applications
  const [post] = await rows<{ id: string; title: string }>(
    sql`select p.id, p.title from posts p join application_choices c on c.post_id = p.id join applications a on a.id = c.application_id where a.status = 'submitted' and p.round_id = ${round.id} group by p.id, p.title order by count(*) desc, p.title limit 1`,
  );
  assert.ok(post);

  // staff: the selection settings and the rubric
  const staff = await Tab.open(suite.browser, suite.server.baseUrl);
  assert.equal(await signIn(staff, account('staff').email, DEMO_PASSWORD), 200);
  assert.equal(await staff.visit(`/rounds/${round.id}/selection`), 200);
  assert.equal(await staff.visit(`/rounds/${round.id}/rubric`), 200);
  assert.equal(await staff.page.getByText('Motivation and fit').count() > 0, true);
  await staff.close();

  // the partner admin assigns the demo reviewer to the post
  const admin = await Tab.open(suite.browser, suite.server.baseUrl);
  assert.equal(await signIn(admin, account('partner_admin').email, DEMO_PASSWORD), 200);
  assert.equal(await admin.visit(`/manage/posts/${post.id}`), 200);
  assert.equal(await admin.activate(admin.page.getByRole('link', { name: 'Reviewers' })), 200);
  assert.equal(await admin.heading(), `Reviewers of ${post.title}`);
  await admin.page.getByLabel('Reviewer', { exact: true }).selectOption({ label: `${account('partner_reviewer').name} (${account('partner_reviewer').email})` });
  assert.equal(await admin.activate(admin.page.getByRole('button', { name: 'Assign reviewer' })), 200);
  assert.match(await admin.page.locator('main').innerText(), new RegExp(account('partner_reviewer').name));
  assert.equal(await admin.visit(`/posts/${post.id}/shortlist`), 200);
  await admin.close();

  // the reviewer: the queue, then one candidate, anonymised, scored and submitted by keyboard and clicks
  const reviewer = await Tab.open(suite.browser, suite.server.baseUrl);
  const { page } = reviewer;
  assert.equal(await signIn(reviewer, account('partner_reviewer').email, DEMO_PASSWORD), 200);
  assert.equal(await reviewer.visit('/reviews'), 200);
  assert.equal(await reviewer.activate(page.getByRole('link', { name: /^Candidate / }).first()), 200);
  const shown = await page.locator('main').innerText();
  const names = await rows<{ name: string; email: string }>(sql`select u.name, u.email from users u join applications a on a.student_id = u.id where a.round_id = ${round.id}`);
  for (const n of names) {
    assert.ok(!shown.includes(n.email), 'no e-mail on an anonymised review');
    assert.ok(!shown.includes(n.name), 'no name on an anonymised review');
  }
  const criteria = await rows<{ id: string }>(sql`select id from rubric_criteria where round_id = ${round.id}`);
  for (const c of criteria) await page.locator(`input[type="radio"][value="4"][name$="${c.id}"]`).check();
  await page.locator('input[name="recommendation"][value="yes"]').check();
  assert.equal(await reviewer.activate(page.getByRole('button', { name: 'Submit review' })), 200);
  assert.match(await page.locator('main').innerText(), /Weighted mean/);
  await reviewer.close();
});
