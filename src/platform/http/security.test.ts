import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { TestAgent, textOf } from '../../../test/helpers/agent.ts';
import { createUser, signInAs, TEST_PASSWORD } from '../../../test/helpers/factories.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

let t: TestApp;
before(async () => {
  // a route that fails, to see what an unexpected error looks like from outside
  t = await buildTestApp({
    extend: (app) =>
      app.get('/boom', { config: { access: 'public' } }, async () => {
        throw new Error('select * from users -- secret internals');
      }),
  });
});
after(() => t.close());

// The expected rule of every route; a new route must be added here (and given a rule).
const expectedRules: Record<string, string> = {
  'GET /': 'public',
  'GET /contact': 'public',
  'GET /accessibility': 'public',
  'GET /privacy': 'public',
  'GET /healthz': 'public',
  'GET /assets/:name': 'public',
  'GET /sign-in': 'public',
  'POST /sign-in': 'public',
  'POST /sign-out': 'signed-in',
  'GET /register': 'public',
  'POST /register': 'public',
  'GET /register/check-your-email': 'public',
  'GET /verify-email/:token': 'public',
  'POST /verify-email': 'public',
  'GET /forgot-password': 'public',
  'POST /forgot-password': 'public',
  'GET /reset-password/:token': 'public',
  'POST /reset-password': 'public',
  'GET /invitations/new': 'staff,admin,partner_admin',
  'POST /invitations/new': 'staff,admin,partner_admin',
  'GET /invitations/:token': 'public',
  'POST /invitations': 'public',
  'GET /account': 'signed-in',
  'POST /account/profile': 'signed-in',
  'POST /account/password': 'signed-in',
  'POST /account/sessions/:id/end': 'signed-in',
  'POST /account/sessions/end-others': 'signed-in',
  'GET /admin/users': 'admin',
  'GET /admin/users/:id': 'admin',
  'POST /admin/users/:id/roles': 'admin',
  'POST /admin/users/:id/disable': 'admin',
  'POST /admin/users/:id/enable': 'admin',
  'GET /admin/audit': 'admin',
  'GET /admin/outbox': 'admin',
  'GET /admin/outbox/:id': 'admin',
  'GET /courses': 'staff,admin',
  'GET /courses/new': 'staff,admin',
  'POST /courses/new': 'staff,admin',
  'GET /courses/:id': 'staff,admin',
  'POST /courses/:id': 'staff,admin',
  'GET /profile': 'student',
  'POST /profile': 'student',
  'GET /applications': 'student',
  'GET /rounds/:id/apply': 'student',
  'POST /rounds/:id/apply': 'student',
  'GET /applications/:id': 'student',
  'POST /applications/:id': 'student',
  'POST /applications/:id/reopen': 'student',
  'GET /applications/:id/cv': 'student,staff,admin',
  'GET /applications/:id/withdraw': 'student',
  'POST /applications/:id/withdraw': 'student',
  'GET /applications/:id/equality': 'student',
  'POST /applications/:id/equality': 'student',
  'POST /applications/:id/equality/withdraw': 'student',
  'GET /equality': 'edi_officer',
  'GET /equality.csv': 'edi_officer',
  'GET /posts': 'public',
  'GET /posts/:id': 'public',
  'GET /partners': 'staff,admin,partner_admin,partner_reviewer,funder',
  'GET /partners/new': 'staff,admin',
  'POST /partners': 'staff,admin',
  'GET /partners/:id': 'staff,admin,partner_admin,partner_reviewer,funder',
  'GET /partners/:id/edit': 'staff,admin,partner_admin',
  'POST /partners/:id': 'staff,admin,partner_admin',
  'POST /partners/:id/units': 'staff,admin,partner_admin',
  'GET /partners/:id/offices/new': 'staff,admin,partner_admin',
  'POST /partners/:id/offices': 'staff,admin,partner_admin',
  'GET /offices/:id/edit': 'staff,admin,partner_admin',
  'POST /offices/:id': 'staff,admin,partner_admin',
  'GET /agreements': 'staff,admin',
  'GET /agreements/new': 'staff,admin',
  'POST /agreements': 'staff,admin',
  'GET /agreements/:id': 'staff,admin',
  'GET /agreements/:id/edit': 'staff,admin',
  'POST /agreements/:id': 'staff,admin',
  'GET /agreements/:id/document': 'staff,admin',
  'GET /rounds': 'staff,admin,partner_admin,partner_reviewer',
  'GET /rounds/new': 'staff,admin',
  'POST /rounds': 'staff,admin',
  'GET /rounds/:id': 'staff,admin,partner_admin,partner_reviewer',
  'GET /rounds/:id/edit': 'staff,admin',
  'POST /rounds/:id': 'staff,admin',
  'POST /rounds/:id/clone': 'staff,admin',
  'GET /rounds/:id/questions': 'staff,admin',
  'POST /rounds/:id/questions': 'staff,admin',
  'POST /rounds/:id/declarations': 'staff,admin',
  'GET /rounds/:id/questions/:questionId/edit': 'staff,admin',
  'POST /rounds/:id/questions/:questionId/edit': 'staff,admin',
  'GET /rounds/:id/questions/:questionId/delete': 'staff,admin',
  'POST /rounds/:id/questions/:questionId/delete': 'staff,admin',
  'POST /rounds/:id/questions/:questionId/move': 'staff,admin',
  'GET /rounds/:id/posts': 'staff,admin,partner_admin,partner_reviewer',
  'GET /rounds/:id/posts.csv': 'staff,admin',
  'GET /rounds/:id/applications': 'staff,admin',
  'GET /rounds/:id/applications.csv': 'staff,admin',
  'GET /rounds/:id/applications/:applicationId': 'staff,admin',
  'POST /rounds/:id/applications/:applicationId/eligibility': 'staff,admin',
  'GET /posts/:id/reviewers': 'partner_admin',
  'POST /posts/:id/reviewers': 'partner_admin',
  'GET /reviews': 'partner_reviewer,partner_admin',
  'GET /reviews/:applicationId/:postId': 'partner_reviewer,partner_admin',
  'POST /reviews/:applicationId/:postId': 'partner_reviewer,partner_admin',
  'POST /reviews/:applicationId/:postId/conflict': 'partner_reviewer,partner_admin',
  'GET /reviews/:applicationId/:postId/cv': 'partner_reviewer,partner_admin',
  'GET /rounds/:id/selection': 'staff,admin',
  'POST /rounds/:id/selection': 'staff,admin',
  'GET /rounds/:id/rubric': 'staff,admin,partner_admin',
  'POST /rounds/:id/rubric': 'staff,admin',
  'GET /rounds/:id/rubric/:criterionId/edit': 'staff,admin',
  'POST /rounds/:id/rubric/:criterionId/edit': 'staff,admin',
  'GET /rounds/:id/rubric/:criterionId/delete': 'staff,admin',
  'POST /rounds/:id/rubric/:criterionId/delete': 'staff,admin',
  'POST /rounds/:id/rubric/:criterionId/move': 'staff,admin',
  'GET /posts/:id/shortlist': 'staff,admin,partner_admin',
  'POST /posts/:id/shortlist': 'partner_admin',
  'GET /posts/:id/shortlist/fix': 'partner_admin',
  'POST /posts/:id/shortlist/fix': 'partner_admin',
  'GET /posts/:id/interviews': 'staff,admin,partner_admin',
  'POST /posts/:id/interviews': 'partner_admin',
  'GET /posts/:id/interviews/:slotId': 'partner_admin',
  'POST /posts/:id/interviews/:slotId': 'partner_admin',
  'POST /posts/:id/interviews/:slotId/delete': 'partner_admin',
  'POST /posts/:id/interviews/:slotId/cancel': 'partner_admin',
  'GET /applications/:id/interviews': 'student',
  'POST /applications/:id/interviews/book': 'student',
  'POST /applications/:id/interviews/cancel': 'student',
  'GET /interviews': 'partner_admin,partner_reviewer',
  'GET /interviews/:slotId/scores': 'partner_admin,partner_reviewer',
  'POST /interviews/:slotId/scores': 'partner_admin,partner_reviewer',
  'POST /account/time-zone': 'signed-in',
  'GET /posts/:id/ranking': 'staff,admin,partner_admin',
  'POST /posts/:id/ranking': 'partner_admin',
  'GET /rounds/:id/allocation': 'staff,admin',
  'POST /rounds/:id/allocation/constraints': 'staff,admin',
  'POST /rounds/:id/allocation/constraints/:constraintId/remove': 'staff,admin',
  'POST /rounds/:id/allocation/runs': 'staff,admin',
  'GET /allocation-runs/:id': 'staff,admin',
  'GET /allocation-runs/:id/recompute': 'staff,admin',
  'GET /allocation-runs/:id/compare': 'staff,admin',
  'GET /allocation-runs/:id/publish': 'staff,admin',
  'POST /allocation-runs/:id/publish': 'staff,admin',
  'GET /rounds/:id/offers': 'staff,admin',
  'GET /offers/:id': 'student',
  'POST /offers/:id/accept': 'student',
  'POST /offers/:id/decline': 'student',
  'GET /applications/:id/outcome': 'student',
  'GET /posts/:id/allocation': 'staff,admin,partner_admin',
  'GET /rounds/:id/selection/overview': 'staff,admin',
  'GET /rounds/:id/selection/posts/:postId': 'staff,admin',
  'GET /rounds/:id/posts/new': 'staff,admin,partner_admin',
  'POST /rounds/:id/posts': 'staff,admin,partner_admin',
  'GET /manage/posts/:id': 'staff,admin,partner_admin,partner_reviewer',
  'GET /manage/posts/:id/edit': 'staff,admin,partner_admin',
  'POST /manage/posts/:id': 'staff,admin,partner_admin',
  'POST /manage/posts/:id/submit': 'staff,admin,partner_admin',
  'POST /manage/posts/:id/publish': 'staff,admin',
  'POST /manage/posts/:id/close': 'staff,admin',
  'POST /manage/posts/:id/return': 'staff,admin',
  'GET /boom': 'public',
};

describe('deny by default', () => {
  test('route inventory: every route has a rule, and the rule is the expected one', () => {
    const seen = t.routes.filter((r) => r.method !== 'HEAD');
    const missing = seen.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`);
    assert.deepEqual(missing, [], 'routes without an access rule');
    const actual = Object.fromEntries(seen.map((r) => [`${r.method} ${r.url}`, Array.isArray(r.access) ? r.access.join(',') : String(r.access)]));
    assert.deepEqual(actual, expectedRules);
  });

  test('a route registered without a rule is refused to everyone, even an admin', async () => {
    const extra = await buildTestApp({ extend: (app) => app.get('/forgotten-rule', async () => 'secret') });
    try {
      const { agent } = await signInAs(extra, 'admin');
      assert.equal((await agent.get('/forgotten-rule')).statusCode, 403);
      assert.ok(extra.routes.some((r) => r.url === '/forgotten-rule' && r.access === undefined), 'the inventory shows it');
    } finally {
      await extra.close();
    }
  });

  test('every role-restricted page: signed out goes to sign-in, the wrong role gets 403', async () => {
    const { agent: student } = await signInAs(t, 'student');
    for (const url of ['/admin/users', '/admin/audit', '/admin/outbox', '/invitations/new']) {
      const anonymous = await new TestAgent(t.app).get(url);
      assert.equal(anonymous.statusCode, 302, url);
      assert.equal(anonymous.headers.location, `/sign-in?next=${encodeURIComponent(url)}`);
      const forbidden = await student.get(url);
      assert.equal(forbidden.statusCode, 403, url);
      assert.match(textOf(forbidden.body), /You cannot do that/);
    }
  });
});

describe('CSRF', () => {
  test('a POST without a valid _csrf token gets 403 and changes nothing', async () => {
    const { agent, user } = await signInAs(t, 'student');
    for (const csrf of [false, 'forged-token', await new TestAgent(t.app).csrfToken()] as const) {
      const response = await agent.post('/account/profile', { name: 'Changed By Attacker' }, { csrf });
      assert.equal(response.statusCode, 403);
      assert.match(textOf(response.body), /The form had expired/);
    }
    const result = await t.database.db.execute(sql`select name from users where id = ${user.id}`);
    assert.equal((result as unknown as { rows: { name: string }[] }).rows[0]?.name, 'Test Person');
  });

  test('sign-in and registration forms need the token too', async () => {
    const user = await createUser(t.database.db);
    const agent = new TestAgent(t.app);
    assert.equal((await agent.post('/sign-in', { email: user.email, password: TEST_PASSWORD }, { csrf: false })).statusCode, 403);
    const email = `csrf.${randomBytes(3).toString('hex')}@students.example.ac.uk`;
    assert.equal((await agent.post('/register', { name: 'C', email, password: 'analytical engine notes' }, { csrf: 'nope' })).statusCode, 403);
    const count = await t.database.db.execute(sql`select count(*)::int as n from users where email = ${email}`);
    assert.equal((count as unknown as { rows: { n: number }[] }).rows[0]?.n, 0);
  });

  test('no state changes on GET: sign-out and user changes are POST only', async () => {
    const { agent } = await signInAs(t, 'admin');
    assert.equal((await agent.get('/sign-out')).statusCode, 404);
    assert.equal((await agent.get('/account')).statusCode, 200, 'still signed in');
  });
});

describe('headers', () => {
  test('CSP, nosniff, Referrer-Policy and frame protection on every response', async () => {
    for (const url of ['/', '/sign-in', '/healthz', '/assets/outbound.css', '/no-such-page']) {
      const response = await t.app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) assert.ok(csp.includes(directive), `${url}: ${directive}`);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.equal(response.headers['referrer-policy'], 'strict-origin-when-cross-origin');
      assert.equal(response.headers['strict-transport-security'], undefined, 'no HSTS over plain HTTP');
    }
  });

  test('pages carry no inline scripts', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/sign-in' });
    assert.doesNotMatch(response.body, /<script(?![^>]*\bsrc=)[^>]*>/);
    assert.doesNotMatch(response.body, /\son[a-z]+="/);
  });

  test('HSTS over TLS behind a trusted proxy; __Host- Secure cookies in production', async () => {
    const prod = await buildTestApp({ config: { env: 'production', trustProxy: true, baseUrl: 'https://outbound.example.ac.uk' } });
    try {
      const page = await prod.app.inject({ method: 'GET', url: '/sign-in', headers: { 'x-forwarded-proto': 'https' } });
      assert.equal(page.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
      const csrfCookie = [page.headers['set-cookie']].flat().map(String).find((c) => c.startsWith('__Host-outbound_csrf='));
      assert.match(String(csrfCookie), /Secure/);
      const user = await createUser(prod.database.db);
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const signedIn = await prod.app.inject({
        method: 'POST',
        url: '/sign-in',
        headers: { 'x-forwarded-proto': 'https', 'content-type': 'application/x-www-form-urlencoded', cookie: String(csrfCookie).split(';')[0] ?? '' },
        payload: new URLSearchParams({ _csrf: token, email: user.email, password: TEST_PASSWORD }).toString(),
      });
      assert.equal(signedIn.statusCode, 303);
      const session = [signedIn.headers['set-cookie']].flat().map(String).find((c) => c.startsWith('__Host-outbound_session='));
      assert.match(String(session), /Secure/);
      assert.match(String(session), /HttpOnly/);
      assert.match(String(session), /Path=\//);
      assert.doesNotMatch(String(session), /Domain=/);
    } finally {
      await prod.close();
    }
  });
});

describe('errors', () => {
  test('404 and 500 pages are in the layout, with no stack trace or SQL; the 500 is logged with a request id', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/no-such-page' });
    assert.equal(missing.statusCode, 404);
    assert.match(textOf(missing.body), /Page not found/);
    assert.match(missing.body, /Skip to main content/);

    const boom = await t.app.inject({ method: 'GET', url: '/boom' });
    assert.equal(boom.statusCode, 500);
    assert.match(textOf(boom.body), /Sorry, there is a problem with the service/);
    assert.doesNotMatch(boom.body, /select \*|secret internals|at .*\.ts:\d+/);
    const reference = /quote reference <code>([^<]+)<\/code>/.exec(boom.body)?.[1];
    assert.ok(reference);
    const logged = t.logs.map((line) => JSON.parse(line) as Record<string, unknown>).find((l) => l.msg === 'unexpected error');
    assert.equal(logged?.reqId, reference);
  });

  test('a body that is too large or malformed gets a page, not a stack trace', async () => {
    const big = await t.app.inject({ method: 'POST', url: '/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `email=${'a'.repeat(70 * 1024)}` });
    assert.equal(big.statusCode, 413);
    assert.match(textOf(big.body), /too large/);
    const json = await t.app.inject({ method: 'POST', url: '/sign-in', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    assert.ok([400, 415].includes(json.statusCode), String(json.statusCode));
    assert.doesNotMatch(json.body, /at .*\.js:\d+|SyntaxError/);
  });
});

describe('logs', () => {
  test('logs never contain passwords, tokens or session ids', async () => {
    const password = 'a very particular passphrase';
    const agent = new TestAgent(t.app);
    const email = `logs.${randomBytes(3).toString('hex')}@students.example.ac.uk`;
    await agent.post('/register', { name: 'Log Watcher', email, password });
    await agent.post('/sign-in', { email, password: 'the wrong passphrase here' });
    const user = await createUser(t.database.db);
    await agent.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    const session = agent.cookies.get('outbound_session') ?? '';
    await agent.get('/account');
    await agent.get('/reset-password/some-secret-token-value');
    await agent.get('/invitations/another-secret-token-value');
    const log = t.logs.join('\n');
    assert.ok(session.length > 20);
    for (const secret of [password, 'the wrong passphrase here', TEST_PASSWORD, session, 'some-secret-token-value', 'another-secret-token-value']) {
      assert.ok(!log.includes(secret), `log contains ${secret.slice(0, 6)}…`);
    }
    assert.match(log, /\/reset-password\/\[redacted\]/, 'the request is logged, without its token');
  });
});
