import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createOffice, createOrganisation, createPost, createRound, createUnit } from '../helpers/catalogue-factories.ts';
import { createCourse, createUser, TEST_PASSWORD } from '../helpers/factories.ts';
import { Tab } from './helpers/browser.ts';
import { signIn } from './helpers/flows.ts';
import { e2eSuite } from './helpers/suite.ts';

const suite = e2eSuite();
const NARROW = { width: 320, height: 720 };
const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

async function catalogue() {
  const db = suite.server.testApp.database.db;
  const now = new Date();
  const agency = await createOrganisation(db, { name: 'Agency for Migration', shortName: 'AFM', now });
  const nairobi = await createOffice(db, agency, { name: 'AFM Somalia — Programme Support', city: 'Nairobi', country: 'KE', servesCountry: 'SO', latitude: -1.29, longitude: 36.82, timeZone: 'Africa/Nairobi' });
  const geneva = await createOffice(db, agency, { name: 'AFM Headquarters', city: 'Geneva', country: 'CH', latitude: 46.2, longitude: 6.14, timeZone: 'Europe/Zurich' });
  const unit = await createUnit(db, agency, 'Programme Support Unit');
  const round = await createRound(db, agency, now);
  const support = await createPost(db, { round, office: nairobi, unit }, { title: 'Programme Support Intern', description: 'Support the programme.\n\n- Track milestones\n- Draft notes', levels: ['UG', 'PG'], sdgs: [1, 5] });
  await createPost(db, { round, office: geneva }, { title: 'Policy Intern', levels: ['PG'], languages: [{ language: 'fr', level: 'B2' }], sdgs: [16] });
  const history = await createCourse(db, { name: 'History BA', level: 'UG', now });
  return { support, history };
}

test('the catalogue, a filter, a post and the study profile work in a browser and are accessible', async () => {
  const { support, history } = await catalogue();
  const visitor = await Tab.open(suite.browser, suite.server.baseUrl);
  const { page } = visitor;
  assert.equal(await visitor.visit('/posts'), 200);
  assert.equal(await visitor.heading(), 'Internship posts');
  assert.equal(await page.getByRole('heading', { name: '2 posts' }).count(), 1);
  assert.equal(await page.getByRole('group', { name: 'Map of the duty stations' }).count(), 1);

  // the GET form: choose a region, submit, a shareable URL
  await page.getByLabel('Region').selectOption('Africa');
  assert.equal(await visitor.activate(page.getByRole('button', { name: 'Show posts' })), 200);
  assert.match(page.url(), /\/posts\?.*region=Africa/);
  assert.equal(await page.getByRole('heading', { name: '1 post' }).count(), 1);
  assert.equal(await visitor.activate(page.getByRole('link', { name: 'Programme Support Intern' })), 200);
  assert.equal(new URL(page.url()).pathname, `/posts/${support.id}`);
  assert.equal(await page.getByRole('listitem').filter({ hasText: 'Track milestones' }).count(), 1);
  await visitor.close();

  const narrow = await Tab.open(suite.browser, suite.server.baseUrl, { viewport: NARROW });
  for (const path of ['/posts', `/posts/${support.id}`]) {
    assert.equal(await narrow.visit(path), 200);
    assert.ok((await scrollWidth(narrow.page)) <= NARROW.width, `${path} fits 320 px without scrolling sideways`);
  }
  await narrow.close();

  const student = await createUser(suite.server.testApp.database.db, { role: 'student', name: 'Sam Student', now: new Date() });
  const tab = await Tab.open(suite.browser, suite.server.baseUrl);
  assert.equal(await signIn(tab, student.email, TEST_PASSWORD), 200);
  assert.equal(await tab.activate(tab.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Your profile' })), 200);
  assert.equal(await tab.heading(), 'Your profile');
  // an incomplete form comes back with an error summary that has the focus
  await tab.page.getByLabel('Course').selectOption(history.id);
  assert.equal(await tab.activate(tab.page.getByRole('button', { name: 'Save profile' })), 400);
  assert.ok(await tab.isFocused(tab.page.getByRole('alert')));
  await tab.page.getByLabel('Student number').fill('E2E12345');
  await tab.page.getByLabel('Nationality').selectOption('GB');
  await tab.page.getByLabel('Year of study').selectOption('2');
  await tab.page.getByLabel('Expected graduation date').fill('2028-06-30');
  await tab.page.getByLabel('Language 1', { exact: true }).selectOption('fr');
  await tab.page.getByLabel('Level in language 1').selectOption('A2');
  assert.equal(await tab.activate(tab.page.getByRole('button', { name: 'Save profile' })), 200);
  assert.equal(await tab.page.getByText('Your profile has been saved.').count(), 1);
  assert.equal(await tab.page.getByLabel('Course').inputValue(), history.id);

  assert.equal(await tab.visit('/posts?eligible=1'), 200);
  assert.ok(await tab.page.getByLabel('Only posts I am eligible for').isChecked());
  assert.equal(await tab.page.getByRole('heading', { name: '1 post' }).count(), 1);
  assert.equal(await tab.activate(tab.page.getByRole('link', { name: 'Programme Support Intern' })), 200);
  assert.equal(await tab.page.getByText('You are eligible', { exact: true }).count(), 1);
  await tab.close();
});
