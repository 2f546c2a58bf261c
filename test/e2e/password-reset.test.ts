import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createUser, TEST_PASSWORD } from '../helpers/factories.ts';
import { Tab } from './helpers/browser.ts';
import { mailLink, mailTo, signIn } from './helpers/flows.ts';
import { e2eSuite } from './helpers/suite.ts';

const suite = e2eSuite();

test('a forgotten password is reset through the e-mailed link; the new password works and the old one does not', async () => {
  const user = await createUser(suite.server.testApp.database.db, { role: 'student', name: 'Rosalind Franklin', now: new Date() });
  const newPassword = 'copper kestrel midnight fjord';
  const tab = await Tab.open(suite.browser, suite.server.baseUrl);
  const { page } = tab;

  await tab.visit('/sign-in');
  assert.equal(await tab.activate(page.getByRole('link', { name: 'Forgotten your password?' })), 200);
  assert.equal(new URL(page.url()).pathname, '/forgot-password');
  assert.equal(await tab.heading(), 'Reset your password');
  await page.getByLabel('E-mail address').fill(user.email);
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Send the link' })), 200);
  assert.equal(await tab.heading(), 'Check your e-mail');
  assert.match(await page.getByRole('main').innerText(), new RegExp(`If ${user.email.replace(/\./g, '\\.')} has an account`));

  const mail = await mailTo(suite.server, user.email, 'Reset your');
  assert.match(mail.text, /Dear Rosalind Franklin/);
  const link = mailLink(suite.server, mail, '/reset-password');

  assert.equal(await tab.visit(link), 200);
  assert.equal(await tab.heading(), 'Choose a new password');
  assert.match(await page.getByRole('main').innerText(), new RegExp(`For ${user.email.replace(/\./g, '\\.')}`));

  // the policy is enforced here too, with the error summary
  await page.getByLabel('New password').fill('password1234');
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Save password' })), 400);
  const summary = page.getByRole('alert', { name: 'There is a problem' });
  assert.ok(await tab.isFocused(summary), 'focus should be on the error summary');
  assert.match(await summary.innerText(), /too common/);

  await page.getByLabel('New password').fill(newPassword);
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Save password' })), 200);
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  assert.match(await page.getByRole('status').innerText(), /Your password has been changed/);
  await mailTo(suite.server, user.email, 'Your ');

  assert.equal(await signIn(tab, user.email, TEST_PASSWORD), 401);
  assert.match(await page.getByRole('status').innerText(), /We could not sign you in/);
  assert.equal(await page.getByLabel('E-mail address').inputValue(), user.email);

  assert.equal(await signIn(tab, user.email, newPassword), 200);
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await tab.heading(), 'Welcome, Rosalind Franklin');

  // the link has been used up
  assert.equal(await tab.visit(link), 410);
  assert.equal(await tab.heading(), 'This link does not work');
  await tab.close();
});
