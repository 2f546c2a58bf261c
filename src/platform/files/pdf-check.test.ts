import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { checkPdf } from './pdf-check.ts';

async function makePdf(pages = 1, options: { useObjectStreams?: boolean } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`Placement agreement, page ${i + 1}`, { x: 50, y: 780, size: 14, font });
  return doc.save({ addDefaultPage: false, ...options });
}

const NOT_A_PDF = 'The file must be a PDF. This file is not a valid PDF document.';

test('a PDF made by pdf-lib passes, with its page count', async () => {
  assert.deepEqual(await checkPdf(await makePdf(1)), { ok: true, pages: 1 });
  assert.deepEqual(await checkPdf(await makePdf(3, { useObjectStreams: false })), { ok: true, pages: 3 });
});

test('a PDF 2.0 header is accepted', async () => {
  const bytes = Buffer.from(await makePdf(1));
  bytes.write('%PDF-2.0', 0, 'latin1');
  assert.deepEqual(await checkPdf(bytes), { ok: true, pages: 1 });
});

test('an empty file is refused', async () => {
  assert.deepEqual(await checkPdf(new Uint8Array()), { ok: false, message: 'The selected file is empty.' });
});

test('an HTML page renamed .pdf is refused, even with a %PDF header and %%EOF inside it', async () => {
  const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
  assert.deepEqual(await checkPdf(html), { ok: false, message: NOT_A_PDF });
  const disguised = Buffer.from('%PDF-1.7\n<html><body><script>alert(1)</script></body></html>\n%%EOF\n');
  assert.deepEqual(await checkPdf(disguised), { ok: false, message: NOT_A_PDF });
});

test('leading bytes before the header are refused (strict: the header is at byte 0)', async () => {
  const pdf = await makePdf(1);
  const shifted = Buffer.concat([Buffer.from('\n\n'), pdf]);
  assert.deepEqual(await checkPdf(shifted), { ok: false, message: NOT_A_PDF });
});

test('a truncated PDF is refused: cut short, or cut and given a fake end marker', async () => {
  const pdf = await makePdf(2, { useObjectStreams: false });
  const cut = pdf.subarray(0, Math.floor(pdf.length * 0.6));
  const result = await checkPdf(cut);
  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.message, /^The file must be a PDF\. This file is incomplete or damaged/);
  const patched = Buffer.concat([cut, Buffer.from('\n%%EOF\n')]);
  assert.deepEqual(await checkPdf(patched), { ok: false, message: NOT_A_PDF });
});

test('a PDF without pages is refused', async () => {
  const doc = await PDFDocument.create();
  const empty = await doc.save({ addDefaultPage: false });
  assert.deepEqual(await checkPdf(empty), { ok: false, message: 'The PDF has no pages.' });
});

test('a file over the limit is refused before it is parsed', async () => {
  const pdf = await makePdf(1);
  assert.deepEqual(await checkPdf(pdf, { maxBytes: pdf.length }), { ok: true, pages: 1 });
  assert.deepEqual(await checkPdf(pdf, { maxBytes: 500 }), { ok: false, message: 'The file must be smaller than 500 bytes.' });
  const big = Buffer.alloc(11 * 1024 * 1024);
  big.write('%PDF-1.7\n', 0, 'latin1');
  assert.deepEqual(await checkPdf(big), { ok: false, message: 'The file must be smaller than 10 MB.' });
});
