import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { Tab } from './helpers/browser.ts';
import { mailLink, mailTo, signIn } from './helpers/flows.ts';
import { e2eSuite } from './helpers/suite.ts';

const suite = e2eSuite();

const pathOf = (tab: Tab) => new URL(tab.page.url()).pathname + new URL(tab.page.url()).search;

test('a student registers, confirms the e-mail address from the link sent, signs in and signs out', async () => {
  const tab = await Tab.open(suite.browser, suite.server.baseUrl);
  const { page } = tab;
  const email = `ada.${randomBytes(3).toString('hex')}@students.example.ac.uk`;
  const password = 'plum orbit canal lantern';

  assert.equal(await tab.visit('/register'), 200);
  assert.equal(await tab.heading(), 'Register as a student');
  await page.getByLabel('Full name').fill('Ada Lovelace');
  await page.getByLabel('University e-mail address').fill(email);
  await page.getByLabel('Create a password').fill(password);
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Register' })), 200);
  assert.equal(pathOf(tab), '/register/check-your-email');
  assert.equal(await tab.heading(), 'Check your e-mail');

  const mail = await mailTo(suite.server, email, 'Confirm your e-mail address');
  assert.match(mail.text, /Dear Ada Lovelace/);
  const link = mailLink(suite.server, mail, '/verify-email');

  assert.equal(await tab.visit(link), 200);
  assert.equal(await tab.heading(), 'Confirm your e-mail address');
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Confirm my e-mail address' })), 200);
  assert.equal(pathOf(tab), '/sign-in');
  assert.match(await page.getByRole('status').innerText(), /Your e-mail address is confirmed/);

  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Sign in' })), 200);
  assert.equal(pathOf(tab), '/');
  assert.equal(await tab.heading(), 'Welcome, Ada Lovelace');
  assert.match(await page.getByRole('banner').innerText(), /Signed in as Ada Lovelace/);
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Your account' }).count(), 1);

  assert.equal(await tab.activate(page.getByRole('banner').getByRole('button', { name: 'Sign out' })), 200);
  assert.equal(pathOf(tab), '/');
  assert.match(await page.getByRole('status').innerText(), /You have signed out/);
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
  assert.equal(await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).count(), 1);

  // the session is over on the server too, not just hidden
  await tab.visit('/account');
  assert.equal(pathOf(tab), '/sign-in?next=%2Faccount');
  await tab.close();
});

test('signing in before confirming sends a new link; old links stop working and a link works once', async () => {
  const tab = await Tab.open(suite.browser, suite.server.baseUrl);
  const { page } = tab;
  const email = `mary.${randomBytes(3).toString('hex')}@students.example.ac.uk`;
  const password = 'velvet harbour quartz meadow';
  await tab.visit('/register');
  await page.getByLabel('Full name').fill('Mary Somerville');
  await page.getByLabel('University e-mail address').fill(email);
  await page.getByLabel('Create a password').fill(password);
  await tab.activate(page.getByRole('button', { name: 'Register' }));
  const firstLink = mailLink(suite.server, await mailTo(suite.server, email, 'Confirm your e-mail address'), '/verify-email');

  assert.equal(await signIn(tab, email, password), 403);
  assert.equal(await page.getByRole('region', { name: 'Confirm your e-mail address first' }).count(), 1);
  const secondLink = mailLink(suite.server, await mailTo(suite.server, email, 'Confirm your e-mail address', 2), '/verify-email');
  assert.notEqual(secondLink, firstLink);

  await tab.visit(firstLink);
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Confirm my e-mail address' })), 410);
  assert.equal(await tab.heading(), 'This link does not work');

  await tab.visit(secondLink);
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Confirm my e-mail address' })), 200);
  assert.equal(pathOf(tab), '/sign-in');
  await tab.visit(secondLink);
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Confirm my e-mail address' })), 410);

  assert.equal(await signIn(tab, email, password), 200);
  assert.equal(await tab.heading(), 'Welcome, Mary Somerville');
  await tab.close();
});

test('a registration with problems shows a focused error summary linked to the fields and keeps what was typed', async () => {
  const tab = await Tab.open(suite.browser, suite.server.baseUrl);
  const { page } = tab;
  await tab.visit('/register');

  // nothing filled in (the form does not use browser validation, so the server answers)
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Register' })), 400);
  assert.match(await page.title(), /^Error: /);
  const summary = page.getByRole('alert', { name: 'There is a problem' });
  assert.ok(await tab.isFocused(summary), 'focus should be on the error summary');
  const links = summary.getByRole('link');
  assert.deepEqual(await links.allInnerTexts(), ['Enter your full name', 'Enter an e-mail address', 'Enter a password']);
  const fields = ['Full name', 'University e-mail address', 'Create a password'];
  for (const [i, label] of fields.entries()) {
    const href = await links.nth(i).getAttribute('href');
    const field = page.getByLabel(label);
    assert.equal(href, `#${await field.getAttribute('id')}`, `summary link ${i} should point at ${label}`);
    assert.equal(await field.getAttribute('aria-invalid'), 'true', label);
  }
  // the field's own message is part of its accessible description
  const describedBy = (await page.getByLabel('Full name').getAttribute('aria-describedby')) ?? '';
  assert.match(await page.locator(`#${describedBy}`).innerText(), /Enter your full name/);

  await links.first().click();
  assert.ok(await tab.isFocused(page.getByLabel('Full name')), 'following a summary link should focus its field');

  // typed values come back; the password never does
  await page.getByLabel('Full name').fill('Grace Hopper');
  await page.getByLabel('University e-mail address').fill('grace@example.com');
  await page.getByLabel('Create a password').fill('too short');
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Register' })), 400);
  assert.ok(await tab.isFocused(summary), 'focus should be on the error summary again');
  assert.deepEqual(await summary.getByRole('link').allInnerTexts(), [
    'Use your university e-mail address (ending @students.example.ac.uk)',
    'Password must be at least 12 characters long',
  ]);
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Grace Hopper');
  assert.equal(await page.getByLabel('University e-mail address').inputValue(), 'grace@example.com');
  assert.equal(await page.getByLabel('Create a password').inputValue(), '');
  assert.equal(await page.getByLabel('Full name').getAttribute('aria-invalid'), null);
  await tab.close();
});
