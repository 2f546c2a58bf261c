import assert from 'node:assert/strict';
import { test } from 'node:test';
import { neutraliseCell, toCsv } from './csv.ts';

test('cells that a spreadsheet would run as a formula get a leading quote; others stay', () => {
  for (const bad of ['=1+1', '+44 20', '-2', '@SUM(A1)', '\tx', '\rx']) assert.equal(neutraliseCell(bad), `'${bad}`);
  for (const fine of ['Ada', '', ' =1', 'a=b', "'already"]) assert.equal(neutraliseCell(fine), fine);
});

test('toCsv neutralises every cell, header included, and quotes as CSV needs', () => {
  assert.equal(toCsv(['=h', 'b'], [['=HYPERLINK("x")', 'a,b']]), `'=h,b\n"'=HYPERLINK(""x"")","a,b"\n`);
});
