import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { RawHtml } from './RawHtml.tsx';

test('RawHtml writes rendered HTML as it is, without a wrapper', () => {
  const inner = renderToString(<li>{'<b>&'}</li>);
  assert.equal(
    renderToString(
      <ul>
        <RawHtml html={inner} />
        <li>after</li>
      </ul>,
    ),
    '<ul><li>&lt;b>&amp;</li><li>after</li></ul>',
  );
});
