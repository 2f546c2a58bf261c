import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { plainTextBlocks } from './plain-text.ts';
import { PlainText } from './PlainText.tsx';

const html = (text: string, empty?: string) => renderToString(<PlainText text={text} empty={empty} />);

test('blank lines separate paragraphs; lines within a paragraph stay together', () => {
  assert.deepEqual(plainTextBlocks('First line\nsecond line\n\n\nNext paragraph'), [
    { kind: 'paragraph', lines: ['First line', 'second line'] },
    { kind: 'paragraph', lines: ['Next paragraph'] },
  ]);
});

test('"- ", "* " and "• " lines make a list; a list ends at a blank line or a plain line', () => {
  assert.deepEqual(plainTextBlocks('You will:\n- draft reports\n* analyse data\n  across regions\n• brief the team\nThen more.\n\n- alone'), [
    { kind: 'paragraph', lines: ['You will:'] },
    { kind: 'list', items: ['draft reports', 'analyse data across regions', 'brief the team'] },
    { kind: 'paragraph', lines: ['Then more.'] },
    { kind: 'list', items: ['alone'] },
  ]);
});

test('Windows line ends, surrounding space and empty text', () => {
  assert.deepEqual(plainTextBlocks('  One\r\n\r\n- two  \r\n'), [
    { kind: 'paragraph', lines: ['One'] },
    { kind: 'list', items: ['two'] },
  ]);
  assert.deepEqual(plainTextBlocks(''), []);
  assert.deepEqual(plainTextBlocks('\n \n\t\n'), []);
  // a hyphen needs a space after it to be a bullet: "-5 °C" is text
  assert.deepEqual(plainTextBlocks('-5 °C at night\n--- not a list'), [{ kind: 'paragraph', lines: ['-5 °C at night', '--- not a list'] }]);
});

test('markup is shown as typed, never interpreted', () => {
  const out = html('<script>alert(1)</script>\n- <b>bold</b> & <img src=x onerror=alert(1)>');
  assert.ok(!out.includes('<script>'));
  assert.ok(!out.includes('<b>'));
  assert.ok(!out.includes('<img'));
  assert.match(out, /&lt;script>alert\(1\)&lt;\/script>/);
  assert.match(out, /<li>&lt;b>bold&lt;\/b> &amp; &lt;img src=x onerror=alert\(1\)><\/li>/);
});

test('empty text shows the fallback, or nothing', () => {
  assert.equal(html(' ', 'None given.'), '<p>None given.</p>');
  assert.equal(html(''), '');
});
