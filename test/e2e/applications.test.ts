import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createOffice, createOrganisation, createPost, createRound } from '../helpers/catalogue-factories.ts';
import { createCourse, createUser, TEST_PASSWORD } from '../helpers/factories.ts';
import { Tab } from './helpers/browser.ts';
import { mailTo, signIn } from './helpers/flows.ts';
import { e2eSuite } from './helpers/suite.ts';
import { samplePdf } from '../helpers/pdf.ts';

const suite = e2eSuite();
const NARROW = { width: 320, height: 720 };
const statement = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');

async function catalogue() {
  const db = suite.server.testApp.database.db;
  const now = new Date();
  const agency = await createOrganisation(db, { name: 'Agency for Refugees', shortName: 'AFR', now });
  const office = await createOffice(db, agency, { city: 'Geneva', country: 'CH', latitude: 46.2, longitude: 6.14, timeZone: 'Europe/Zurich', now });
  const round = await createRound(db, agency, now, { name: 'Autumn round' });
  const policy = await createPost(db, { round, office }, { title: 'Policy Intern', createdAt: now });
  const data = await createPost(db, { round, office }, { title: 'Data Intern', createdAt: now });
  const course = await createCourse(db, { name: 'Politics BA', level: 'UG', now });
  return { round, policy, data, course };
}

test('a student applies to a round from the catalogue, saves, submits, gets a receipt and withdraws', async () => {
  const { policy, data, course } = await catalogue();
  const student = await createUser(suite.server.testApp.database.db, { role: 'student', name: 'Ada Applicant', now: new Date() });
  const tab = await Tab.open(suite.browser, suite.server.baseUrl);
  const { page } = tab;
  assert.equal(await signIn(tab, student.email, TEST_PASSWORD), 200);

  // the study profile, through the form
  assert.equal(await tab.visit('/profile'), 200);
  await page.getByLabel('Course').selectOption(course.id);
  await page.getByLabel('Student number').fill('E2E54321');
  await page.getByLabel('Nationality').selectOption('GB');
  await page.getByLabel('Year of study').selectOption('2');
  await page.getByLabel('Expected graduation date').fill('2028-06-30');
  await page.getByLabel('Language 1', { exact: true }).selectOption('en');
  await page.getByLabel('Level in language 1').selectOption('C2');
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Save profile' })), 200);
  assert.equal(await page.getByText('Your profile has been saved.').count(), 1);

  // from the post in the catalogue to the start page
  assert.equal(await tab.visit(`/posts/${policy.id}`), 200);
  assert.equal(await tab.activate(page.getByRole('link', { name: 'Apply', exact: true })), 200);
  assert.equal(await tab.heading(), 'Apply to Autumn round');
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Start your application' })), 200);
  assert.match(page.url(), /\/applications\/[0-9a-f-]{36}$/);
  const applicationPath = new URL(page.url()).pathname;
  assert.equal(await tab.heading(), 'Your application to Autumn round');
  assert.equal(await page.getByRole('heading', { name: 'Still to do before you submit' }).count(), 1);

  // submitting with nothing: the checklist of what is missing
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Submit', exact: true })), 400);
  const problems = page.getByRole('status').filter({ hasText: 'Your application cannot be submitted yet' });
  assert.equal(await problems.count(), 1);
  assert.equal(await problems.getByText('Write your personal statement', { exact: false }).count(), 1);
  assert.ok(await tab.isFocused(problems), 'the explanation takes the focus');

  // rank the two posts the wrong way round, then fix the order with the move buttons, by keyboard
  await page.getByLabel('Choice 1', { exact: true }).selectOption(policy.id);
  await page.getByLabel('Choice 2', { exact: true }).selectOption(data.id);
  await page.getByLabel('Why choice 2? (optional)').fill('I like data.');
  const moveUp = page.getByRole('button', { name: 'Move choice 2 up' });
  await moveUp.focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.getByLabel('Choice 1', { exact: true }).inputValue(), data.id);
  assert.equal(await page.getByLabel('Why choice 1? (optional)').inputValue(), 'I like data.', 'the motivation moves with its post');
  assert.equal(await page.getByLabel('Choice 2', { exact: true }).inputValue(), policy.id);
  assert.equal(await page.locator('[data-ranking-status]').textContent(), 'Data Intern is now choice 1; Policy Intern is now choice 2.');
  assert.ok(await tab.isFocused(page.getByRole('button', { name: 'Move choice 1 up' }).or(page.getByRole('button', { name: 'Move choice 1 down' }))), 'the focus stays on a move button');

  // statement, CV and the funding questions, then save
  await page.getByLabel('Personal statement').fill(statement);
  await page.getByLabel('Your CV').setInputFiles({ name: 'ada-cv.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf('Ada Applicant')) });
  for (const name of ['funding_incomeBand', 'funding_incomeBenefits', 'funding_careExperience', 'funding_caringResponsibilities', 'funding_estranged', 'funding_refugee', 'funding_disabilityCosts']) {
    await page.locator(`input[name="${name}"][value="prefer_not"]`).check();
  }
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Save and come back later' })), 200);
  assert.equal(await page.getByRole('link', { name: 'ada-cv.pdf' }).count(), 1);
  assert.equal(await page.getByText('Your application has been saved. You can come back to it later.').count(), 1);
  assert.equal(await page.getByLabel('Choice 1', { exact: true }).inputValue(), data.id);
  assert.equal(await page.getByLabel('Choice 2', { exact: true }).inputValue(), policy.id);
  assert.equal(await page.getByLabel('Personal statement').inputValue(), statement);
  assert.equal(await page.getByText('Your application is complete. Submit it before the deadline.').count(), 1);

  // at 320 px the application form fits without scrolling sideways
  const narrow = await Tab.open(suite.browser, suite.server.baseUrl, { viewport: NARROW, storageState: await tab.context.storageState() });
  assert.equal(await narrow.visit(applicationPath), 200);
  const width = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= NARROW.width, `the application page is ${width} px wide at 320 px`);
  await narrow.close();

  // submit: the submitted state and the receipt
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Submit', exact: true })), 200);
  assert.equal(await page.getByText('Your application has been submitted. We have sent you a receipt by e-mail.').count(), 1);
  assert.match(await page.getByText('Status:').innerText(), /^Status: Submitted on /);
  assert.equal(await page.locator('.stages [aria-current="step"]').count(), 0, 'before the deadline no later stage is under way');
  const choices = page.getByRole('heading', { name: 'Your choices' }).locator('xpath=following-sibling::ol[1]').getByRole('listitem');
  assert.deepEqual(await choices.allInnerTexts(), ['Data Intern', 'Policy Intern']);
  const receipt = await mailTo(suite.server, student.email, 'Application received: Autumn round');
  assert.match(receipt.text, /1\. Data Intern\r?\n2\. Policy Intern/);
  assert.match(receipt.text, /Personal statement: 60 words/);

  // withdraw through the confirmation page, with a reason
  assert.equal(await tab.activate(page.getByRole('link', { name: 'Withdraw your application' })), 200);
  assert.equal(await tab.heading(), 'Withdraw your application to Autumn round?');
  await page.getByLabel('Why are you withdrawing? (optional)').fill('I found another internship');
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Withdraw application' })), 200);
  assert.equal(new URL(page.url()).pathname, applicationPath);
  assert.equal(await page.getByText('Your application has been withdrawn. We have sent you a confirmation by e-mail.').count(), 1);
  assert.equal(await page.getByText('You withdrew this application: “I found another internship”.').count(), 1);
  await mailTo(suite.server, student.email, 'Application withdrawn: Autumn round');
  await tab.close();
});
