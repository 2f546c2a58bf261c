import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { TestAgent, textOf } from '../../../test/helpers/agent.ts';
import { createOrganisation, createUser, signInAs, TEST_PASSWORD } from '../../../test/helpers/factories.ts';
import { linkIn, startSmtpServer, type ReceivedMail } from '../../../test/helpers/smtp.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { HOUR, MINUTE } from '../../../test/helpers/test-clock.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

before(async () => {
  smtp = await startSmtpServer();
  t = await buildTestApp({ config: { smtpUrl: smtp.url } });
});
after(async () => {
  await t.close();
  await smtp.close();
});

let ipCounter = 10;
const freshIp = () => `198.51.100.${ipCounter++}`;
const uniqueEmail = (name: string) => `${name}.${randomBytes(3).toString('hex')}@students.example.ac.uk`;

async function mailTo(address: string, subject: RegExp): Promise<ReceivedMail> {
  await t.jobs.runDue();
  return smtp.waitFor((m) => m.to.includes(address) && subject.test(m.subject));
}

function pathOf(url: string): string {
  return new URL(url).pathname;
}

async function auditActions(subjectId: string): Promise<string[]> {
  const result = await t.database.db.execute(sql`select action from audit_events where subject_id = ${subjectId} order by id`);
  return (result as unknown as { rows: { action: string }[] }).rows.map((r) => r.action);
}

async function userCount(email: string): Promise<number> {
  const result = await t.database.db.execute(sql`select count(*)::int as n from users where lower(email) = ${email.toLowerCase()}`);
  return (result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? -1;
}

describe('registration and e-mail verification', () => {
  test('a student registers, confirms the e-mailed link, signs in and out', async () => {
    const agent = new TestAgent(t.app, freshIp());
    const email = uniqueEmail('ada');
    const registered = await agent.post('/register', { name: 'Ada Lovelace', email, password: 'analytical engine notes' });
    assert.equal(registered.statusCode, 303);
    assert.equal(registered.headers.location, '/register/check-your-email');

    // not yet verified: sign-in is refused and a fresh link is sent
    const early = await agent.post('/sign-in', { email, password: 'analytical engine notes' });
    assert.equal(early.statusCode, 403);
    assert.match(textOf(early.body), /Confirm your e-mail address first/);

    await mailTo(email, /Confirm your e-mail address/);
    const confirmations = smtp.received.filter((m) => m.to.includes(email) && /Confirm your e-mail/.test(m.subject));
    assert.equal(confirmations.length, 2, 'one at registration, a fresh one at the refused sign-in');
    const mail = confirmations[1] ?? confirmations[0];
    if (!mail) throw new Error('no confirmation mail');
    assert.match(mail.headers.get('to') ?? '', /Ada Lovelace/);
    const stale = linkIn(confirmations[0]?.text ?? '', '/verify-email');
    assert.equal((await agent.post('/verify-email', { token: pathOf(stale).split('/').pop() ?? '' })).statusCode, 410, 'the earlier link was replaced');
    const link = linkIn(mail.text, '/verify-email');
    assert.ok(link.startsWith('http://outbound.test/verify-email/'));
    const confirmPage = await agent.get(pathOf(link));
    assert.equal(confirmPage.statusCode, 200, 'GET only shows a button; scanners cannot use up the link');
    const token = pathOf(link).split('/').pop() ?? '';
    const confirmed = await agent.post('/verify-email', { token });
    assert.equal(confirmed.statusCode, 303);
    assert.equal((await agent.post('/verify-email', { token })).statusCode, 410, 'single use');

    const signedIn = await agent.post('/sign-in', { email, password: 'analytical engine notes' });
    assert.equal(signedIn.statusCode, 303);
    const home = await agent.get('/');
    assert.match(textOf(home.body), /Welcome, Ada Lovelace/);
    assert.equal(home.headers['cache-control'], 'no-store');

    const out = await agent.post('/sign-out', {}, { csrf: await agent.csrfToken('/account') });
    assert.equal(out.statusCode, 303);
    assert.equal((await agent.get('/account')).statusCode, 302, 'signed out: /account sends to sign-in');
  });

  test('only the configured university domains may register', async () => {
    const agent = new TestAgent(t.app, freshIp());
    const response = await agent.post('/register', { name: 'Eve', email: 'eve@gmail.com', password: 'analytical engine notes' });
    assert.equal(response.statusCode, 400);
    assert.match(textOf(response.body), /Use your university e-mail address \(ending @students\.example\.ac\.uk\)/);
    assert.match(response.body, /value="eve@gmail.com"/, 'what was typed is kept');
    assert.equal(await userCount('eve@gmail.com'), 0);
  });

  test('bad input: each field gets a message, typed values stay, passwords are never echoed, nothing is written', async () => {
    const agent = new TestAgent(t.app, freshIp());
    const empty = await agent.post('/register', {});
    assert.equal(empty.statusCode, 400);
    const text = textOf(empty.body);
    assert.match(text, /There is a problem/);
    assert.match(text, /Enter your full name/);
    assert.match(text, /Enter an e-mail address/);
    assert.match(text, /Enter a password/);
    assert.match(empty.body, /href="#field-name"/);

    const email = uniqueEmail('mallory');
    const bad = await agent.post('/register', { name: '<script>alert(1)</script>', email: 'not-an-email', password: 'tiny secret' });
    assert.match(textOf(bad.body), /Enter an e-mail address in the correct format/);
    assert.match(textOf(bad.body), /Password must be at least 12 characters long/, 'every problem at once');
    assert.ok(!bad.body.includes('<script>alert'), 'HTML in a field is escaped');
    assert.match(bad.body, /value="&lt;script>alert\(1\)&lt;\/script>"/);
    assert.ok(!bad.body.includes('tiny secret'), 'a password is never put back in the page');

    const long = await agent.post('/register', { name: 'x'.repeat(101), email, password: 'analytical engine notes' });
    assert.match(textOf(long.body), /Name must be 100 characters or fewer/);
    const weak = await agent.post('/register', { name: 'Mallory', email, password: 'qwerty123456' });
    assert.match(textOf(weak.body), /too common/);
    const wrongType = await agent.post('/register', { name: ['a', 'b'], email, password: 'analytical engine notes' });
    assert.equal(wrongType.statusCode, 400);
    assert.equal(await userCount(email), 0);
  });

  test('a role field in the registration form can never set a role', async () => {
    const agent = new TestAgent(t.app, freshIp());
    const email = uniqueEmail('sneaky');
    const response = await agent.post('/register', { name: 'Sneaky', email, password: 'analytical engine notes', role: 'admin', roles: 'admin' });
    assert.equal(response.statusCode, 303);
    const result = await t.database.db.execute(sql`select roles from users where email = ${email}`);
    assert.deepEqual((result as unknown as { rows: { roles: string[] }[] }).rows[0]?.roles, ['student']);
  });

  test('repeated and simultaneous submits make one account, and do not reveal that it exists', async () => {
    const agent = new TestAgent(t.app, freshIp());
    const email = uniqueEmail('twice');
    const token = await agent.csrfToken();
    const form = { name: 'Twice', email, password: 'analytical engine notes' };
    const responses = await Promise.all([agent.post('/register', form, { csrf: token }), agent.post('/register', form, { csrf: token })]);
    assert.deepEqual(responses.map((r) => r.statusCode), [303, 303]);
    const again = await agent.post('/register', { ...form, email: email.toUpperCase() });
    assert.equal(again.statusCode, 303, 'same answer for an existing address');
    assert.equal(await userCount(email), 1);
    await mailTo(email, /already have/);
  });
});

describe('sign-in', () => {
  test('the same message for an unknown e-mail and a wrong password, and both are audited', async () => {
    const user = await createUser(t.database.db, { now: t.clock.now() });
    const agent = new TestAgent(t.app, freshIp());
    const wrong = await agent.post('/sign-in', { email: user.email, password: 'not the right one' });
    const unknown = await agent.post('/sign-in', { email: uniqueEmail('nobody'), password: 'not the right one' });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    const message = (body: string) => /We could not sign you in[^<]*<\/p>\s*<div[^>]*>\s*<p>([^<]*)/.exec(body)?.[1];
    assert.ok(message(wrong.body));
    assert.equal(message(wrong.body), message(unknown.body));
    assert.match(wrong.body, new RegExp(`value="${user.email}"`), 'the e-mail stays typed in');
    assert.deepEqual(await auditActions(user.id), ['sign-in.failed']);
  });

  test('a fresh session id at every sign-in; sign-out ends the session on the server', async () => {
    const user = await createUser(t.database.db, { now: t.clock.now() });
    const agent = new TestAgent(t.app, freshIp());
    agent.cookies.set('outbound_session', 'attacker-chosen-value');
    await agent.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    const first = agent.cookies.get('outbound_session');
    assert.ok(first && first !== 'attacker-chosen-value');
    const second = new TestAgent(t.app, freshIp());
    await second.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    assert.notEqual(second.cookies.get('outbound_session'), first);

    const stolen = new TestAgent(t.app, freshIp());
    stolen.cookies.set('outbound_session', first ?? '');
    assert.equal((await stolen.get('/account')).statusCode, 200);
    await agent.post('/sign-out', {}, { csrf: await agent.csrfToken('/account') });
    assert.equal((await stolen.get('/account')).statusCode, 302, 'the old cookie no longer works anywhere');
    assert.deepEqual(await auditActions(user.id), ['sign-in.succeeded', 'sign-in.succeeded', 'sign-out']);
  });

  test('session cookie is HttpOnly and SameSite=Lax (Secure with __Host- in production)', async () => {
    const user = await createUser(t.database.db, { now: t.clock.now() });
    const response = await new TestAgent(t.app, freshIp()).post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    const cookie = [response.headers['set-cookie']].flat().find((c) => String(c).startsWith('outbound_session='));
    assert.match(String(cookie), /HttpOnly/);
    assert.match(String(cookie), /SameSite=Lax/);
    assert.match(String(cookie), /Path=\//);
  });

  test('the 11th failure within 15 minutes answers 429 for the account, and passes after the window', async () => {
    const user = await createUser(t.database.db, { now: t.clock.now() });
    for (let i = 0; i < 10; i++) {
      // from many addresses, so only the account counter trips
      const response = await new TestAgent(t.app, freshIp()).post('/sign-in', { email: user.email, password: 'wrong password here' });
      assert.equal(response.statusCode, 401, `attempt ${i + 1}`);
    }
    const blocked = await new TestAgent(t.app, freshIp()).post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    assert.equal(blocked.statusCode, 429);
    assert.match(textOf(blocked.body), /too many failed attempts .* wait 15 minutes/i);
    t.clock.advance(15 * MINUTE + 1000);
    const later = await new TestAgent(t.app, freshIp()).post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    assert.equal(later.statusCode, 303, 'not locked out for good');
  });

  test('the 11th failure from one address answers 429, whichever accounts it tries', async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++) {
      const response = await new TestAgent(t.app, ip).post('/sign-in', { email: uniqueEmail(`guess${i}`), password: 'wrong password here' });
      assert.equal(response.statusCode, 401);
    }
    const user = await createUser(t.database.db, { now: t.clock.now() });
    assert.equal((await new TestAgent(t.app, ip).post('/sign-in', { email: user.email, password: TEST_PASSWORD })).statusCode, 429);
    assert.equal((await new TestAgent(t.app, freshIp()).post('/sign-in', { email: user.email, password: TEST_PASSWORD })).statusCode, 303);
  });

  test('idle timeout: 30 minutes for staff, 2 hours for students; 12 hours at most', async () => {
    const staff = await signInAs(t, 'staff', { ip: freshIp() });
    const student = await signInAs(t, 'student', { ip: freshIp() });
    t.clock.advance(29 * MINUTE);
    assert.equal((await staff.agent.get('/account')).statusCode, 200);
    t.clock.advance(31 * MINUTE);
    assert.equal((await staff.agent.get('/account')).statusCode, 302, 'staff idle for 31 minutes');
    assert.equal((await student.agent.get('/account')).statusCode, 200, 'student idle for 60 minutes');
    for (let hour = 2; hour <= 11; hour++) {
      t.clock.advance(HOUR);
      assert.equal((await student.agent.get('/account')).statusCode, 200, `hour ${hour}`);
    }
    t.clock.advance(HOUR);
    assert.equal((await student.agent.get('/account')).statusCode, 302, 'past the 12-hour lifetime');
  });

  test('the next parameter only redirects within the site', async () => {
    const user = await createUser(t.database.db, { now: t.clock.now() });
    const offsite = await new TestAgent(t.app, freshIp()).post('/sign-in', { email: user.email, password: TEST_PASSWORD, next: '//evil.example/' });
    assert.equal(offsite.headers.location, '/');
    const local = await new TestAgent(t.app, freshIp()).post('/sign-in', { email: user.email, password: TEST_PASSWORD, next: '/account' });
    assert.equal(local.headers.location, '/account');
  });
});

describe('password reset', () => {
  test('an e-mailed single-use link that expires in an hour and ends every session', async () => {
    const user = await createUser(t.database.db, { now: t.clock.now() });
    const device = new TestAgent(t.app, freshIp());
    await device.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    assert.equal((await device.get('/account')).statusCode, 200);

    const agent = new TestAgent(t.app, freshIp());
    const asked = await agent.post('/forgot-password', { email: user.email });
    assert.equal(asked.statusCode, 200);
    assert.match(textOf(asked.body), /If .* has an account, we have sent it a link/);
    const mail = await mailTo(user.email, /Reset your/);
    const link = linkIn(mail.text, '/reset-password');
    const token = pathOf(link).split('/').pop() ?? '';
    assert.ok(Buffer.from(token, 'base64url').length >= 16, 'at least 128 bits');
    const stored = await t.database.db.execute(sql`select token_hash from account_tokens where user_id = ${user.id} and purpose = 'reset_password'`);
    assert.ok(!JSON.stringify(stored).includes(token), 'only a hash of the token is stored');

    assert.equal((await agent.get(pathOf(link))).statusCode, 200);
    const weak = await agent.post('/reset-password', { token, password: 'short' });
    assert.equal(weak.statusCode, 400);
    const done = await agent.post('/reset-password', { token, password: 'a brand new passphrase' });
    assert.equal(done.statusCode, 303);
    assert.equal((await device.get('/account')).statusCode, 302, 'the other session ended');
    assert.equal((await agent.post('/reset-password', { token, password: 'another new passphrase' })).statusCode, 410, 'single use');
    assert.equal((await new TestAgent(t.app, freshIp()).post('/sign-in', { email: user.email, password: TEST_PASSWORD })).statusCode, 401);
    assert.equal((await new TestAgent(t.app, freshIp()).post('/sign-in', { email: user.email, password: 'a brand new passphrase' })).statusCode, 303);
    assert.ok((await auditActions(user.id)).includes('password.reset'));
  });

  test('a reset link older than an hour does not work; an unknown e-mail gets the same answer', async () => {
    const user = await createUser(t.database.db, { now: t.clock.now() });
    const agent = new TestAgent(t.app, freshIp());
    await agent.post('/forgot-password', { email: user.email });
    const link = linkIn((await mailTo(user.email, /Reset your/)).text, '/reset-password');
    t.clock.advance(HOUR + 1000);
    assert.equal((await agent.get(pathOf(link))).statusCode, 410);
    const unknown = await agent.post('/forgot-password', { email: uniqueEmail('ghost') });
    assert.equal(unknown.statusCode, 200);
    assert.match(textOf(unknown.body), /If .* has an account/);
  });
});

describe('invitations', () => {
  test('staff invite a partner user, who sets a password through a single-use link', async () => {
    const { agent: staff, user: inviter } = await signInAs(t, 'staff', { ip: freshIp() });
    const partner = await createOrganisation(t.database.db);
    const email = `partner.${randomBytes(3).toString('hex')}@partner.example.org`;
    const csrf = await staff.csrfToken('/invitations/new');
    const noOrganisation = await staff.post('/invitations/new', { name: 'Pat Partner', email, role: 'partner_admin' }, { csrf });
    assert.equal(noOrganisation.statusCode, 400);
    assert.match(textOf(noOrganisation.body), /Choose the partner organisation this person works for/);
    const sent = await staff.post('/invitations/new', { name: 'Pat Partner', email, role: 'partner_admin', organisationId: partner.id }, { csrf });
    assert.equal(sent.statusCode, 303);
    const mail = await mailTo(email, /invited/);
    assert.match(mail.text, /partner coordinator/);
    const link = linkIn(mail.text, '/invitations');
    const token = pathOf(link).split('/').pop() ?? '';

    const invitee = new TestAgent(t.app, freshIp());
    const page = await invitee.get(pathOf(link));
    assert.match(page.body, /value="Pat Partner"/);
    const accepted = await invitee.post('/invitations', { token, name: 'Pat Partner', password: 'a partner passphrase' });
    assert.equal(accepted.statusCode, 303);
    const home = await invitee.get('/');
    assert.match(textOf(home.body), /Welcome, Pat Partner/);
    assert.match(textOf(home.body), /partner coordinator/);
    assert.equal((await new TestAgent(t.app, freshIp()).post('/invitations', { token, name: 'X', password: 'another passphrase' })).statusCode, 410);
    const audit = await t.database.db.execute(sql`select action, actor_id from audit_events where action = 'invitation.sent' and details->>'email' = ${email}`);
    assert.equal((audit as unknown as { rows: { actor_id: string }[] }).rows[0]?.actor_id, inviter.id);
  });

  test('an invitation expires after 7 days; staff cannot invite an admin; students cannot invite at all', async () => {
    const { agent: staff } = await signInAs(t, 'staff', { ip: freshIp() });
    const email = `late.${randomBytes(3).toString('hex')}@partner.example.org`;
    const admin = await staff.post('/invitations/new', { name: 'Ad Min', email, role: 'admin' }, { csrf: await staff.csrfToken('/invitations/new') });
    assert.equal(admin.statusCode, 400);
    assert.match(textOf(admin.body), /cannot invite someone to that role/);
    const partner = await createOrganisation(t.database.db);
    await staff.post('/invitations/new', { name: 'Late Comer', email, role: 'partner_reviewer', organisationId: partner.id }, { csrf: await staff.csrfToken('/invitations/new') });
    const link = linkIn((await mailTo(email, /invited/)).text, '/invitations');
    t.clock.advance(7 * 24 * HOUR + 1000);
    assert.equal((await new TestAgent(t.app, freshIp()).get(pathOf(link))).statusCode, 410);

    const { agent: student } = await signInAs(t, 'student', { ip: freshIp() });
    assert.equal((await student.get('/invitations/new')).statusCode, 403);
    const posted = await student.post('/invitations/new', { name: 'X', email: 'x@partner.example.org', role: 'staff' }, { csrf: await student.csrfToken('/account') });
    assert.equal(posted.statusCode, 403);
    assert.equal(await userCount('x@partner.example.org'), 0);
  });
});

describe('your account', () => {
  test('a user sees their sessions and ends the others', async () => {
    const user = await createUser(t.database.db, { now: t.clock.now() });
    const laptop = new TestAgent(t.app, freshIp());
    const phone = new TestAgent(t.app, freshIp());
    await laptop.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    await phone.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    const page = await laptop.get('/account');
    assert.match(textOf(page.body), /This device/);
    assert.equal((page.body.match(/Sign out this device/g) ?? []).length, 1);
    const ended = await laptop.post('/account/sessions/end-others', {}, { csrf: await laptop.csrfToken('/account') });
    assert.equal(ended.statusCode, 303);
    assert.equal((await phone.get('/account')).statusCode, 302);
    assert.equal((await laptop.get('/account')).statusCode, 200);
  });

  test("a user cannot end another user's session (404)", async () => {
    const a = await signInAs(t, 'student', { ip: freshIp() });
    const b = await signInAs(t, 'student', { ip: freshIp() });
    const bPage = await b.agent.get('/account');
    assert.equal(bPage.statusCode, 200);
    const result = await t.database.db.execute(sql`select id from sessions where user_id = ${b.user.id}`);
    const bSession = (result as unknown as { rows: { id: string }[] }).rows[0]?.id ?? '';
    const attempt = await a.agent.post(`/account/sessions/${bSession}/end`, {}, { csrf: await a.agent.csrfToken('/account') });
    assert.equal(attempt.statusCode, 404);
    assert.equal((await b.agent.get('/account')).statusCode, 200);
  });

  test('changing the password needs the current one and signs out other devices', async () => {
    const user = await createUser(t.database.db, { now: t.clock.now() });
    const here = new TestAgent(t.app, freshIp());
    const there = new TestAgent(t.app, freshIp());
    await here.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    await there.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    const wrong = await here.post('/account/password', { currentPassword: 'nope nope nope', password: 'a changed passphrase' }, { csrf: await here.csrfToken('/account') });
    assert.equal(wrong.statusCode, 400);
    assert.match(textOf(wrong.body), /current password is not right/);
    const ok = await here.post('/account/password', { currentPassword: TEST_PASSWORD, password: 'a changed passphrase' }, { csrf: await here.csrfToken('/account') });
    assert.equal(ok.statusCode, 303);
    assert.equal((await here.get('/account')).statusCode, 200);
    assert.equal((await there.get('/account')).statusCode, 302);
    assert.ok((await auditActions(user.id)).includes('password.changed'));
  });

  test('a role field in the profile form can never set a role', async () => {
    const { agent, user } = await signInAs(t, 'student', { ip: freshIp() });
    const response = await agent.post('/account/profile', { name: 'New Name', role: 'admin', roles: ['admin', 'staff'] }, { csrf: await agent.csrfToken('/account') });
    assert.equal(response.statusCode, 303);
    const result = await t.database.db.execute(sql`select name, roles from users where id = ${user.id}`);
    assert.deepEqual((result as unknown as { rows: { name: string; roles: string[] }[] }).rows[0], { name: 'New Name', roles: ['student'] });
  });
});

describe('administration of users', () => {
  test('an admin disables a user: all their sessions end at once and they cannot sign in', async () => {
    const { agent: admin } = await signInAs(t, 'admin', { ip: freshIp() });
    const target = await signInAs(t, 'partner_reviewer', { ip: freshIp() });
    const list = await admin.get(`/admin/users?q=${encodeURIComponent(target.user.email)}`);
    assert.match(list.body, new RegExp(`/admin/users/${target.user.id}`));
    const disabled = await admin.post(`/admin/users/${target.user.id}/disable`, {}, { csrf: await admin.csrfToken('/admin/users') });
    assert.equal(disabled.statusCode, 303);
    assert.equal((await target.agent.get('/account')).statusCode, 302);
    assert.equal((await new TestAgent(t.app, freshIp()).post('/sign-in', { email: target.user.email, password: TEST_PASSWORD })).statusCode, 401);
    await admin.post(`/admin/users/${target.user.id}/enable`, {}, { csrf: await admin.csrfToken('/admin/users') });
    assert.equal((await new TestAgent(t.app, freshIp()).post('/sign-in', { email: target.user.email, password: TEST_PASSWORD })).statusCode, 303);
    assert.deepEqual((await auditActions(target.user.id)).filter((a) => a.startsWith('user.')), ['user.disabled', 'user.enabled']);
  });

  test('an admin changes roles; the change applies on the next request and is audited', async () => {
    const { agent: admin } = await signInAs(t, 'admin', { ip: freshIp() });
    const target = await signInAs(t, 'staff', { ip: freshIp() });
    assert.equal((await target.agent.get('/admin/users')).statusCode, 403);
    const changed = await admin.post(`/admin/users/${target.user.id}/roles`, { roles: ['staff', 'edi_officer'] }, { csrf: await admin.csrfToken('/admin/users') });
    assert.equal(changed.statusCode, 303);
    const page = await admin.get(`/admin/users/${target.user.id}`);
    assert.match(page.body, /value="edi_officer" checked/);
    const none = await admin.post(`/admin/users/${target.user.id}/roles`, {}, { csrf: await admin.csrfToken('/admin/users') });
    assert.equal(none.statusCode, 400);
    assert.match(textOf(none.body), /Choose at least one role/);
    const bogus = await admin.post(`/admin/users/${target.user.id}/roles`, { roles: 'emperor' }, { csrf: await admin.csrfToken('/admin/users') });
    assert.equal(bogus.statusCode, 400);
    const audit = await t.database.db.execute(sql`select details from audit_events where action = 'user.roles-changed' and subject_id = ${target.user.id}`);
    assert.deepEqual((audit as unknown as { rows: { details: { to: string[] } }[] }).rows.map((r) => r.details.to), [['staff', 'edi_officer']]);
  });

  test('an unknown or malformed user id is a 404 page', async () => {
    const { agent: admin } = await signInAs(t, 'admin', { ip: freshIp() });
    assert.equal((await admin.get('/admin/users/00000000-0000-0000-0000-000000000000')).statusCode, 404);
    const malformed = await admin.get("/admin/users/1'%20or%201=1");
    assert.equal(malformed.statusCode, 404);
    assert.doesNotMatch(malformed.body, /syntax|select|stack/i);
  });
});

describe('a partner coordinator invites reviewers of their own organisation only', () => {
  test('the reviewer joins the coordinator’s organisation, whatever organisation the form names', async () => {
    const mine = await createOrganisation(t.database.db);
    const other = await createOrganisation(t.database.db);
    const coordinator = await createUser(t.database.db, { role: 'partner_admin', email: `coord.${randomBytes(3).toString('hex')}@partner.example.org` });
    await t.database.db.execute(sql`update users set organisation_id = ${mine.id} where id = ${coordinator.id}`);
    const agent = new TestAgent(t.app, freshIp());
    await agent.post('/sign-in', { email: coordinator.email, password: TEST_PASSWORD });
    const page = await agent.get('/invitations/new');
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /value="staff"/, 'only the reviewer role is offered');
    const csrf = await agent.csrfToken('/invitations/new');
    const asStaff = await agent.post('/invitations/new', { name: 'Not Staff', email: `x.${randomBytes(3).toString('hex')}@partner.example.org`, role: 'staff' }, { csrf });
    assert.equal(asStaff.statusCode, 400);
    const email = `reviewer.${randomBytes(3).toString('hex')}@partner.example.org`;
    const sent = await agent.post('/invitations/new', { name: 'Rev Iewer', email, role: 'partner_reviewer', organisationId: other.id }, { csrf });
    assert.equal(sent.statusCode, 303);
    const result = await t.database.db.execute(sql`select organisation_id, roles from users where email = ${email}`);
    assert.deepEqual((result as unknown as { rows: unknown[] }).rows[0], { organisation_id: mine.id, roles: ['partner_reviewer'] });
  });
});
