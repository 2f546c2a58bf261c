import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLru } from './lru.ts';

test('the LRU forgets the least recently used entry beyond its bound', () => {
  const lru = createLru<string>(2);
  lru.set('a', 'A');
  lru.set('b', 'B');
  assert.equal(lru.get('a'), 'A');
  lru.set('c', 'C');
  assert.equal(lru.get('b'), undefined);
  assert.equal(lru.get('a'), 'A');
  assert.equal(lru.getOrMake('c', () => 'other'), 'C');
  assert.equal(lru.getOrMake('d', () => 'D'), 'D');
  assert.equal(lru.size, 2);
});
