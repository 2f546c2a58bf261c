import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSmtpServer } from '../../../test/helpers/smtp.ts';
import { createTestClock } from '../../../test/helpers/test-clock.ts';
import { createTestDatabase } from '../../../test/helpers/test-database.ts';
import type { Database } from '../../db/client.ts';
import { createJobQueue } from '../jobs/job-queue.ts';
import { createOutbox, headerSafe } from './outbox.ts';

let database: Database;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
before(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpServer();
});
after(async () => {
  await database.close();
  await smtp.close();
});

function setUp(smtpUrl: string | undefined) {
  const clock = createTestClock();
  const jobs = createJobQueue(database.db, clock.now, () => {});
  const outbox = createOutbox({ db: database.db, clock: clock.now, jobs, smtpUrl, from: 'Outbound <outbound@example.ac.uk>' });
  return { clock, jobs, outbox };
}

test('a stored message is delivered over SMTP by a job and marked sent', async () => {
  const { jobs, outbox } = setUp(smtp.url);
  const id = await outbox.enqueue(database.db, { to: 'sam@students.example.ac.uk', toName: 'Sam', subject: 'Hello from Outbound', text: 'A line with a link https://outbound.test/x\n' });
  assert.equal((await outbox.findById(id))?.status, 'queued', 'stored before sending');
  await jobs.runDue();
  const mail = await smtp.waitFor((m) => m.to.includes('sam@students.example.ac.uk'));
  assert.equal(mail.subject, 'Hello from Outbound');
  assert.match(mail.text, /https:\/\/outbound\.test\/x/);
  assert.equal((await outbox.findById(id))?.status, 'sent');
});

test('header injection in a name or subject is neutralised', async () => {
  const { jobs, outbox } = setUp(smtp.url);
  await outbox.enqueue(database.db, {
    to: 'victim@students.example.ac.uk',
    toName: 'Victim\r\nBcc: attacker@evil.example',
    subject: 'Hi\r\nBcc: attacker@evil.example\nX-Injected: yes',
    text: 'Body',
  });
  await jobs.runDue();
  const mail = await smtp.waitFor((m) => m.to.includes('victim@students.example.ac.uk'));
  assert.deepEqual(mail.to, ['victim@students.example.ac.uk'], 'no extra recipient');
  assert.equal(mail.headers.get('bcc'), undefined);
  assert.equal(mail.headers.get('x-injected'), undefined);
  assert.equal(headerSafe('a\r\nb\tc\u2028d'), 'a b c d');
});

test('without SMTP_URL the message is kept in the outbox for admins', async () => {
  const { jobs, outbox } = setUp(undefined);
  const id = await outbox.enqueue(database.db, { to: 'kept@students.example.ac.uk', subject: 'Kept', text: 'Body' });
  await jobs.runDue();
  assert.equal((await outbox.findById(id))?.status, 'kept');
  const { messages } = await outbox.list(1, 10);
  assert.ok(messages.some((m) => m.id === id));
});

test('an unreachable SMTP server leaves the message queued for a retry, with the error recorded', async () => {
  const { clock, jobs, outbox } = setUp('smtp://127.0.0.1:9');
  const id = await outbox.enqueue(database.db, { to: 'later@students.example.ac.uk', subject: 'Later', text: 'Body' });
  await jobs.runDue();
  const message = await outbox.findById(id);
  assert.equal(message?.status, 'queued');
  assert.equal(message?.attempts, 1);
  assert.ok(message?.lastError);
  clock.advance(5_000);
  assert.equal(await jobs.runDue(), 0, 'retried later, not at once');
  for (let i = 0; i < 6; i++) {
    clock.advance(60 * 60 * 1000);
    await jobs.runDue();
  }
  const given = await outbox.findById(id);
  assert.equal(given?.status, 'failed', 'after the last attempt the outbox says so');
  assert.equal(given?.attempts, 6);
});
