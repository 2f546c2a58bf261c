import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { DateTime, formatDateTime } from './DateTime.tsx';
import { ErrorSummary, TextField } from './forms.tsx';
import { Pagination, pageCount } from './Pagination.tsx';
import { plural } from './plural.ts';
import { Table } from './Table.tsx';

test('a moment is shown in the named zone with the zone spelt out, and in a second zone when asked', () => {
  const at = new Date('2026-06-30T15:00:00Z');
  assert.equal(formatDateTime(at, 'Europe/London'), '30 June 2026 at 16:00 BST (Europe/London)');
  const html = renderToString(DateTime({ at, timeZone: 'Africa/Nairobi', alsoIn: 'Europe/London' }));
  assert.match(html, /<time datetime="2026-06-30T15:00:00.000Z">30 June 2026 at 18:00 GMT\+3 \(Africa\/Nairobi\)<\/time>/);
  assert.match(html, /which is 30 June 2026 at 16:00 BST \(Europe\/London\)/);
  assert.doesNotMatch(renderToString(DateTime({ at, timeZone: 'Europe/London', alsoIn: 'Europe/London' })), /which is/);
});

test('the error summary links to each field; a field with an error says so and is described by it', () => {
  const summaryNode = ErrorSummary({ errors: { email: 'Enter an e-mail address', name: 'Enter your full name' } });
  assert.ok(summaryNode);
  const summary = renderToString(summaryNode);
  assert.match(summary, /<a href="#field-email">Enter an e-mail address<\/a>/);
  assert.match(summary, /<a href="#field-name">Enter your full name<\/a>/);
  assert.equal(ErrorSummary({ errors: {} }), null);
  const field = renderToString(TextField({ name: 'email', label: 'E-mail', hint: 'Your university address', error: 'Enter an e-mail address', value: '<b>typed</b>' }));
  assert.match(field, /aria-describedby="field-email-hint field-email-error"/);
  assert.match(field, /aria-invalid="true"/);
  assert.match(field, /value="&lt;b>typed&lt;\/b>"/);
  const password = renderToString(TextField({ name: 'password', label: 'Password', type: 'password', value: 'secret value' }));
  assert.doesNotMatch(password, /secret value/, 'a password field never gets its value back');
});

test('sortable headers are links with aria-sort on the active column', () => {
  const html = renderToString(
    Table({
      caption: 'People',
      columns: [{ key: 'name', label: 'Name', sortable: true }, { key: 'age', label: 'Age', sortable: true, numeric: true }, { key: 'note', label: 'Note' }],
      rows: [['Ada', '36', 'x']],
      sort: { key: 'name', direction: 'asc' },
      sortHref: (key, direction) => `/people?sort=${key}&dir=${direction}`,
    }),
  );
  assert.match(html, /<th scope="col" aria-sort="ascending"><a href="\/people\?sort=name&amp;dir=desc">Name/);
  assert.match(html, /<th scope="col" class="numeric"><a href="\/people\?sort=age&amp;dir=asc">Age/);
  assert.match(html, /<th scope="col">Note<\/th>/);
  const empty = renderToString(Table({ caption: 'None', columns: [{ key: 'a', label: 'A' }], rows: [], empty: 'Nothing here.' }));
  assert.match(empty, /<td colspan="1">Nothing here.<\/td>/);
});

test('pagination shows previous and next only where they exist', () => {
  assert.equal(pageCount(0, 50), 1);
  assert.equal(pageCount(101, 50), 3);
  assert.equal(Pagination({ page: 1, total: 10, pageSize: 50, href: (p) => `?page=${p}` }), null);
  const middleNode = Pagination({ page: 2, total: 120, pageSize: 50, href: (p) => `?page=${p}` });
  assert.ok(middleNode);
  const middle = renderToString(middleNode);
  assert.match(middle, /Page 2 of 3 \(120 in all\)/);
  assert.match(middle, /href="\?page=1" rel="prev"/);
  assert.match(middle, /href="\?page=3" rel="next"/);
  const lastNode = Pagination({ page: 3, total: 120, pageSize: 50, href: (p) => `?page=${p}` });
  assert.ok(lastNode);
  const last = renderToString(lastNode);
  assert.doesNotMatch(last, /rel="next"/);
});

test('counts read as plain English', () => {
  assert.equal(plural(1, 'user'), '1 user');
  assert.equal(plural(0, 'user'), '0 users');
  assert.equal(plural(12500, 'event'), '12,500 events');
  assert.equal(plural(2, 'person', 'people'), '2 people');
});
