import assert from 'node:assert/strict';
import { linkIn, type ReceivedMail } from '../../helpers/smtp.ts';
import type { Tab } from './browser.ts';
import type { E2eServer } from './server.ts';

// Sign in through the form; returns the status of the page that follows.
export async function signIn(tab: Tab, email: string, password: string): Promise<number> {
  await tab.visit('/sign-in');
  await tab.page.getByLabel('E-mail address').fill(email);
  await tab.page.getByLabel('Password', { exact: true }).fill(password);
  return tab.activate(tab.page.getByRole('button', { name: 'Sign in' }));
}

// The nth e-mail (1 = first) sent to an address with a subject starting as given, as received over SMTP.
export function mailTo(server: E2eServer, email: string, subjectStart: string, nth = 1): Promise<ReceivedMail> {
  const matches = (m: ReceivedMail) => m.to.includes(email) && m.subject.startsWith(subjectStart);
  return server.smtp.waitFor((m) => matches(m) && server.smtp.received.filter(matches).indexOf(m) === nth - 1);
}

// The link of the given path in a mail, checked to point at this server.
export function mailLink(server: E2eServer, mail: ReceivedMail, path: string): string {
  const url = linkIn(mail.text, path);
  assert.ok(url.startsWith(`${server.baseUrl}${path}/`), `link ${url} should point at ${server.baseUrl}`);
  return url;
}
