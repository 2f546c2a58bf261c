import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

test('/healthz reports a reachable database as 200 JSON', async () => {
  const response = await t.app.inject({ method: 'GET', url: '/healthz' });
  assert.equal(response.statusCode, 200);
  assert.deepEqual(response.json(), { status: 'ok', database: { kind: t.database.kind, reachable: true } });
});

test('the public pages render in the layout with a skip link and footer links', async () => {
  for (const url of ['/', '/contact', '/accessibility', '/privacy']) {
    const response = await t.app.inject({ method: 'GET', url });
    assert.equal(response.statusCode, 200, url);
    assert.match(response.body, /^<!doctype html>/);
    assert.match(response.body, /href="#main"[^>]*>Skip to main content/);
    assert.match(response.body, /href="\/accessibility"/);
    assert.match(response.body, /href="\/privacy"/);
  }
});
