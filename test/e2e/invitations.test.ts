import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { createOrganisation, createUser, TEST_PASSWORD } from '../helpers/factories.ts';
import { Tab } from './helpers/browser.ts';
import { mailLink, mailTo, signIn } from './helpers/flows.ts';
import { e2eSuite } from './helpers/suite.ts';

const suite = e2eSuite();

test('staff invite a partner coordinator, who sets a name and password from the e-mailed link and lands signed in', async () => {
  const staff = await createUser(suite.server.testApp.database.db, { role: 'staff', name: 'Sam Okafor', now: new Date() });
  const partner = await createOrganisation(suite.server.testApp.database.db, { name: 'Migration Partner Agency' });
  const email = `amina.${randomBytes(3).toString('hex')}@partner.example.org`;
  const inviter = await Tab.open(suite.browser, suite.server.baseUrl);
  assert.equal(await signIn(inviter, staff.email, TEST_PASSWORD), 200);
  assert.equal(await inviter.heading(), 'Welcome, Sam Okafor');

  const nav = inviter.page.getByRole('navigation', { name: 'Main' });
  assert.equal(await inviter.activate(nav.getByRole('link', { name: 'Invite someone' })), 200);
  assert.equal(new URL(inviter.page.url()).pathname, '/invitations/new');
  assert.equal(await nav.getByRole('link', { name: 'Invite someone' }).getAttribute('aria-current'), 'page');
  assert.equal(await inviter.heading(), 'Invite someone');

  // a form with a problem first: the summary takes focus and the typed values stay
  await inviter.page.getByLabel('Full name').fill('Amina Wekesa');
  await inviter.page.getByLabel('E-mail address').fill(email);
  assert.equal(await inviter.activate(inviter.page.getByRole('button', { name: 'Send invitation' })), 400);
  const summary = inviter.page.getByRole('alert', { name: 'There is a problem' });
  assert.ok(await inviter.isFocused(summary), 'focus should be on the error summary');
  assert.deepEqual(await summary.getByRole('link').allInnerTexts(), ['Choose a role']);
  assert.equal(await inviter.page.getByLabel('Full name').inputValue(), 'Amina Wekesa');
  assert.equal(await inviter.page.getByLabel('E-mail address').inputValue(), email);

  await inviter.page.getByLabel('Role').selectOption({ label: 'partner coordinator' });
  await inviter.page.getByLabel('Organisation').selectOption({ label: `${partner.name} (partner)` });
  assert.equal(await inviter.activate(inviter.page.getByRole('button', { name: 'Send invitation' })), 200);
  assert.equal(new URL(inviter.page.url()).pathname, '/invitations/new');
  assert.equal(await inviter.page.getByRole('status').innerText(), `Invitation sent to ${email}.`);
  await inviter.close();

  const mail = await mailTo(suite.server, email, 'You are invited');
  assert.match(mail.text, /Dear Amina Wekesa/);
  assert.match(mail.text, /Sam Okafor has invited you .* as a partner coordinator/);
  const link = mailLink(suite.server, mail, '/invitations');

  // the invitee, in a browser of their own
  const invitee = await Tab.open(suite.browser, suite.server.baseUrl);
  assert.equal(await invitee.visit(link), 200);
  assert.equal(await invitee.heading(), 'Accept your invitation');
  assert.match(await invitee.page.getByRole('main').innerText(), new RegExp(`Set up your account for ${email.replace(/\./g, '\\.')}`));
  assert.equal(await invitee.page.getByLabel('Full name').inputValue(), 'Amina Wekesa');
  await invitee.page.getByLabel('Full name').fill('Amina Wekesa Otieno');
  await invitee.page.getByLabel('New password').fill('acacia savanna drizzle compass');
  assert.equal(await invitee.activate(invitee.page.getByRole('button', { name: 'Save password' })), 200);
  assert.equal(new URL(invitee.page.url()).pathname, '/');
  assert.equal(await invitee.heading(), 'Welcome, Amina Wekesa Otieno');
  assert.equal(await invitee.page.getByRole('status').innerText(), 'Welcome. Your account is ready.');
  assert.match(await invitee.page.getByRole('main').innerText(), /As a partner coordinator/);
  assert.match(await invitee.page.getByRole('banner').innerText(), /Signed in as Amina Wekesa Otieno/);

  // a partner coordinator may invite reviewers only, and the link has been used up
  assert.equal(await invitee.visit('/invitations/new'), 200);
  assert.deepEqual(await invitee.page.getByLabel('Role').locator('option').allInnerTexts(), ['Choose a role', 'partner reviewer']);
  assert.equal(await invitee.visit(link), 410);
  assert.equal(await invitee.heading(), 'This link does not work');

  // the password chosen is the one that signs in
  assert.equal(await invitee.activate(invitee.page.getByRole('banner').getByRole('button', { name: 'Sign out' })), 200);
  assert.equal(await signIn(invitee, email, 'acacia savanna drizzle compass'), 200);
  assert.equal(await invitee.heading(), 'Welcome, Amina Wekesa Otieno');
  await invitee.close();
});
