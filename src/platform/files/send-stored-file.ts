import type { FastifyReply } from 'fastify';
import { contentDisposition } from './file-names.ts';
import type { FileStore } from './file-store.ts';

export interface ServableFile {
  storageKey: string;
  originalName: string;
  contentType: string;
  sizeBytes: number;
}

// For routes that have already checked the reader may see this file. Always a download: the browser
// must not render an uploaded document as a page of this site (nosniff, sandboxing CSP).
export async function sendStoredFile(reply: FastifyReply, file: ServableFile, store: FileStore): Promise<FastifyReply> {
  const stream = await store.open(file.storageKey);
  return reply
    .header('Content-Type', file.contentType)
    .header('Content-Length', String(file.sizeBytes))
    .header('Content-Disposition', contentDisposition(file.originalName))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "sandbox; default-src 'none'")
    .header('Cache-Control', 'no-store')
    .send(stream);
}
