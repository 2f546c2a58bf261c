import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TestAgent, textOf } from '../../../test/helpers/agent.ts';
import { createUser, signInAs } from '../../../test/helpers/factories.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

test('admins read the audit log with filters: who, what, when and from where', async () => {
  const { agent: admin } = await signInAs(t, 'admin', { ip: '192.0.2.50' });
  const user = await createUser(t.database.db, { email: 'audited.person@students.example.ac.uk' });
  await new TestAgent(t.app, '192.0.2.99').post('/sign-in', { email: user.email, password: 'wrong password again' });

  const all = await admin.get('/admin/audit');
  assert.equal(all.statusCode, 200);
  const failed = await admin.get('/admin/audit?action=sign-in.failed&actor=audited.person');
  const text = textOf(failed.body);
  assert.match(text, /audited\.person@students\.example\.ac\.uk/);
  assert.match(text, /sign-in\.failed/);
  assert.match(text, /192\.0\.2\.99/);
  assert.match(text, /wrong password/);
  assert.match(text, /1 event, newest first/);
  const none = await admin.get('/admin/audit?action=sign-in.failed&from=2099-01-01');
  assert.match(textOf(none.body), /No events match/);
  const garbage = await admin.get('/admin/audit?from=not-a-date&page=-4');
  assert.equal(garbage.statusCode, 200, 'bad filters are ignored, not a crash');
});

test('the outbox lists every e-mail and shows one in full; without SMTP it says so', async () => {
  const { agent: admin } = await signInAs(t, 'admin');
  await new TestAgent(t.app).post('/forgot-password', { email: (await createUser(t.database.db, { email: 'outbox.reader@students.example.ac.uk' })).email });
  await t.jobs.runDue();
  const list = await admin.get('/admin/outbox');
  assert.match(textOf(list.body), /No SMTP server is configured/);
  assert.match(textOf(list.body), /outbox\.reader@students\.example\.ac\.uk/);
  assert.match(textOf(list.body), /Kept \(no SMTP server set\)/);
  const id = /href="\/admin\/outbox\/(\d+)"/.exec(list.body)?.[1];
  const one = await admin.get(`/admin/outbox/${id ?? ''}`);
  assert.match(textOf(one.body), /To choose a new password, open this link/);
  assert.equal((await admin.get('/admin/outbox/999999')).statusCode, 404);
  assert.equal((await admin.get('/admin/outbox/abc')).statusCode, 404);
});

test('/healthz answers 503 when the database is unreachable', async () => {
  const broken = await buildTestApp();
  await broken.database.close();
  const response = await broken.app.inject({ method: 'GET', url: '/healthz' });
  assert.equal(response.statusCode, 503);
  assert.deepEqual(response.json(), { status: 'unavailable', database: { kind: broken.database.kind, reachable: false } });
  await broken.app.close();
});
