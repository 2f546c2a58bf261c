import { PDFDocument } from 'pdf-lib';
import { formatBytes } from './file-names.ts';

export type PdfCheck = { ok: true; pages: number } | { ok: false; message: string };

export const DEFAULT_MAX_PDF_BYTES = 10 * 1024 * 1024;

const NOT_A_PDF = 'The file must be a PDF. This file is not a valid PDF document.';
const DAMAGED = 'The file must be a PDF. This file is incomplete or damaged: save or export it as a PDF again and upload it.';
// the specification asks readers to look for %%EOF in the last 1024 bytes
const EOF_WINDOW = 1024;

function startsWithPdfHeader(bytes: Uint8Array): boolean {
  // strict: %PDF-1. or %PDF-2. at byte 0, no leading bytes (an HTML page with a PDF header inside it is not a PDF)
  const head = Buffer.from(bytes.subarray(0, 7)).toString('latin1');
  return head === '%PDF-1.' || head === '%PDF-2.';
}

function hasEofMarker(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - EOF_WINDOW)));
  return tail.includes('%%EOF', 0, 'latin1');
}

// Judged by content, never by the name or the type the browser claimed.
export async function checkPdf(bytes: Uint8Array, options: { maxBytes?: number } = {}): Promise<PdfCheck> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PDF_BYTES;
  if (bytes.length === 0) return { ok: false, message: 'The selected file is empty.' };
  if (bytes.length > maxBytes) return { ok: false, message: `The file must be smaller than ${formatBytes(maxBytes)}.` };
  if (!startsWithPdfHeader(bytes)) return { ok: false, message: NOT_A_PDF };
  if (!hasEofMarker(bytes)) return { ok: false, message: DAMAGED };
  let pages: number;
  try {
    // encrypted PDFs (often signed ones) are accepted: the page tree is readable without the password
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    pages = doc.getPageCount();
  } catch {
    return { ok: false, message: NOT_A_PDF };
  }
  if (pages < 1) return { ok: false, message: 'The PDF has no pages.' };
  return { ok: true, pages };
}
