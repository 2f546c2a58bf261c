import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentDisposition, formatBytes, sanitiseFileName } from './file-names.ts';

test('a file name keeps its last path segment only, without control or bidi characters', () => {
  assert.equal(sanitiseFileName('../../etc/passwd'), 'passwd');
  assert.equal(sanitiseFileName('C:\\Users\\amy\\Agreement.pdf'), 'Agreement.pdf');
  assert.equal(sanitiseFileName('report\u202Efdp.exe'), 'reportfdp.exe');
  assert.equal(sanitiseFileName('a\r\nb\u0000c.pdf'), 'abc.pdf');
  assert.equal(sanitiseFileName('  "quoted" <name>?.pdf  '), '_quoted_ _name__.pdf');
  assert.equal(sanitiseFileName('.hidden'), 'hidden');
  assert.equal(sanitiseFileName('..'), 'file');
});

test('a kind adds its extension when missing, and an empty name gets a fallback', () => {
  assert.equal(sanitiseFileName('agreement', { extension: '.pdf' }), 'agreement.pdf');
  assert.equal(sanitiseFileName('Agreement.PDF', { extension: '.pdf' }), 'Agreement.PDF');
  assert.equal(sanitiseFileName('', { extension: '.pdf' }), 'file.pdf');
  assert.equal(sanitiseFileName('page.html', { extension: '.pdf' }), 'page.html.pdf');
});

test('names are cut to 200 characters, keeping the extension and whole characters', () => {
  const long = sanitiseFileName(`${'é'.repeat(300)}.pdf`, { extension: '.pdf' });
  assert.equal([...long].length, 200);
  assert.ok(long.endsWith('é.pdf'));
  const emoji = sanitiseFileName('🙂'.repeat(250));
  assert.equal([...emoji].length, 200);
  assert.ok(!emoji.includes('\uFFFD'));
});

test('Content-Disposition: plain ASCII as filename, UTF-8 names as filename* with an ASCII fallback (RFC 6266)', () => {
  assert.equal(contentDisposition('Agreement 2026.pdf'), 'attachment; filename="Agreement 2026.pdf"');
  assert.equal(contentDisposition('Vertrag Müller – 100%.pdf'), `attachment; filename="Vertrag Muller _ 100_.pdf"; filename*=UTF-8''Vertrag%20M%C3%BCller%20%E2%80%93%20100%25.pdf`);
  assert.equal(contentDisposition('a"b\r\nc.pdf'), 'attachment; filename="a_bc.pdf"');
  assert.equal(contentDisposition("it's (final).pdf"), `attachment; filename="it's (final).pdf"`);
});

test('sizes read as people say them', () => {
  assert.equal(formatBytes(10 * 1024 * 1024), '10 MB');
  assert.equal(formatBytes(2.5 * 1024 * 1024), '2.5 MB');
  assert.equal(formatBytes(2048), '2 KB');
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(formatBytes(900), '900 bytes');
});
