import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createUser, TEST_PASSWORD } from '../helpers/factories.ts';
import { Tab } from './helpers/browser.ts';
import { mailTo, signIn } from './helpers/flows.ts';
import { e2eSuite } from './helpers/suite.ts';

const suite = e2eSuite();

const NARROW = { width: 320, height: 720 };
const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test('the public pages and the not-found page are accessible', async () => {
  const tab = await Tab.open(suite.browser, suite.server.baseUrl);
  const pages: [string, number, string][] = [
    ['/', 200, 'International internships with our partner organisations'],
    ['/contact', 200, 'Contact the programme team'],
    ['/accessibility', 200, 'Accessibility statement'],
    ['/privacy', 200, 'Privacy notice'],
    ['/sign-in', 200, 'Sign in'],
    ['/forgot-password', 200, 'Reset your password'],
    ['/no-such-page', 404, 'Page not found'],
  ];
  for (const [path, status, heading] of pages) {
    assert.equal(await tab.visit(path), status, path);
    assert.equal(await tab.heading(), heading, path);
  }
  // the footer links reach the same pages
  await tab.visit('/');
  assert.equal(await tab.activate(tab.page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' })), 200);
  assert.equal(new URL(tab.page.url()).pathname, '/accessibility');
  await tab.close();
});

test('an administrator reaches their account and the administration pages, all accessible', async () => {
  const db = suite.server.testApp.database.db;
  const now = new Date();
  const admin = await createUser(db, { role: 'admin', name: 'Ada Admin', now });
  const student = await createUser(db, { role: 'student', name: 'Sid Student', now });
  await createUser(db, { role: 'student', name: 'Una Unconfirmed', verified: false, now });
  // an e-mail in the outbox, delivered over SMTP
  await suite.server.testApp.accounts.requestPasswordReset(student.email, { ip: '127.0.0.1', userAgent: 'e2e setup' });
  await mailTo(suite.server, student.email, 'Reset your');

  const tab = await Tab.open(suite.browser, suite.server.baseUrl);
  const { page } = tab;
  assert.equal(await signIn(tab, admin.email, TEST_PASSWORD), 200);
  assert.equal(await tab.heading(), 'Welcome, Ada Admin');
  // a second device, so the sessions table lists another one to sign out
  const other = await Tab.open(suite.browser, suite.server.baseUrl);
  assert.equal(await signIn(other, admin.email, TEST_PASSWORD), 200);
  await other.close();

  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.equal(await tab.activate(nav.getByRole('link', { name: 'Your account' })), 200);
  assert.equal(await tab.heading(), 'Your account');
  const sessions = page.getByRole('table', { name: 'Your active sessions' });
  assert.equal(await sessions.getByRole('row').count(), 3, 'a header row and two sessions');
  assert.equal(await sessions.getByText('This device', { exact: true }).count(), 1);
  assert.equal(await sessions.getByRole('button', { name: /Sign out this device/ }).count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Sign out all other devices' }).count(), 1);

  assert.equal(await tab.activate(nav.getByRole('link', { name: 'Users' })), 200);
  assert.equal(await tab.heading(), 'Users');
  const users = page.getByRole('table', { name: '3 users' });
  assert.equal(await users.getByRole('row').count(), 4);
  assert.equal(await users.getByText('E-mail not confirmed').count(), 1);

  await page.getByLabel('Name or e-mail').fill('Sid');
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Filter' })), 200);
  assert.equal(await page.getByRole('table', { name: '1 user' }).getByRole('link', { name: 'Sid Student' }).count(), 1);
  assert.equal(await page.getByLabel('Name or e-mail').inputValue(), 'Sid');

  assert.equal(await tab.activate(page.getByRole('link', { name: 'Sid Student' })), 200);
  assert.equal(new URL(page.url()).pathname, `/admin/users/${student.id}`);
  assert.equal(await tab.heading(), 'Sid Student');
  assert.ok(await page.getByRole('group', { name: 'Roles this person holds' }).getByLabel('student').isChecked());
  assert.equal(await page.getByRole('button', { name: 'Disable account' }).count(), 1);

  assert.equal(await tab.activate(nav.getByRole('link', { name: 'Audit log' })), 200);
  assert.equal(await tab.heading(), 'Audit log');
  assert.ok((await page.getByRole('table').getByText('sign-in.succeeded').count()) >= 2);

  assert.equal(await tab.activate(nav.getByRole('link', { name: 'Outbox' })), 200);
  assert.equal(await tab.heading(), 'Outbox');
  const outbox = page.getByRole('table', { name: '1 message' });
  assert.equal(await outbox.getByText('Sent', { exact: true }).count(), 1);
  assert.equal(await tab.activate(outbox.getByRole('link', { name: /^Reset your/ })), 200);
  assert.match(await tab.heading(), /^Reset your/);
  assert.match(await page.locator('pre').innerText(), /\/reset-password\//);
  await tab.close();
});

test('at 320 CSS pixels wide, pages reflow without scrolling sideways', async () => {
  const admin = await createUser(suite.server.testApp.database.db, { role: 'admin', name: 'Nadia Narrow-Screen', now: new Date() });
  const tab = await Tab.open(suite.browser, suite.server.baseUrl, { viewport: NARROW });
  assert.equal(await tab.visit('/sign-in'), 200);
  assert.ok((await scrollWidth(tab.page)) <= NARROW.width, `/sign-in is ${await scrollWidth(tab.page)}px wide`);
  assert.equal(await signIn(tab, admin.email, TEST_PASSWORD), 200);
  for (const path of ['/account', '/admin/users', '/admin/audit']) {
    assert.equal(await tab.visit(path), 200, path);
    const width = await scrollWidth(tab.page);
    assert.ok(width <= NARROW.width, `${path} is ${width}px wide`);
  }
  await tab.close();
});

test('the first Tab on a page reaches the skip link, which moves focus to the main content', async () => {
  const tab = await Tab.open(suite.browser, suite.server.baseUrl);
  const { page } = tab;
  await tab.visit('/sign-in');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  assert.ok(await tab.isFocused(skip), 'the first Tab should focus the skip link');
  const box = await skip.boundingBox();
  assert.ok(box && box.x >= 0 && box.y >= 0 && box.width > 0, `the focused skip link should be on screen (${JSON.stringify(box)})`);

  await page.keyboard.press('Enter');
  assert.ok(await tab.isFocused(page.getByRole('main')), 'following the skip link should focus the main content');
  await page.keyboard.press('Tab');
  assert.ok(await tab.isFocused(page.getByLabel('E-mail address')), 'the next Tab should reach the first field of the form');
  await tab.close();
});
