import { eq } from 'drizzle-orm';
import { readFile, rm } from 'node:fs/promises';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../clock.ts';
import { sanitiseFileName } from './file-names.ts';
import type { FileStore } from './file-store.ts';
import { storedFiles } from './files.tables.ts';
import { checkPdf } from './pdf-check.ts';
import type { UploadedFile } from './uploads.ts';

export type StoredFile = typeof storedFiles.$inferSelect;

// What a file must be, judged by its content. CVs and agreements are both PDFs; more kinds can join.
export type FileKind = 'pdf';

interface KindRule {
  contentType: string;
  extension: string;
  check(bytes: Uint8Array, maxBytes: number): Promise<{ ok: true } | { ok: false; message: string }>;
}

const kinds: Record<FileKind, KindRule> = {
  pdf: { contentType: 'application/pdf', extension: '.pdf', check: (bytes, maxBytes) => checkPdf(bytes, { maxBytes }) },
};

export type AdoptResult = { ok: true; file: StoredFile } | { ok: false; message: string };

export interface AdoptOptions {
  kind: FileKind;
  createdBy: string | null;
  // the caller's transaction: the row is written with it, and a failed insert throws so that it rolls back
  exec?: Db;
}

export interface FileService {
  // Checks an uploaded file by content, moves it into the store and records it. A file that is
  // refused ({ ok: false, message } for the form) is deleted at once.
  adopt(upload: UploadedFile, options: AdoptOptions): Promise<AdoptResult>;
  findById(id: string, exec?: Db): Promise<StoredFile | undefined>;
  // Removes the row (with exec) and the bytes. Also the way back for a caller whose own transaction
  // failed after adopt() succeeded in it: the row is gone with the rollback, the bytes are not.
  discard(file: StoredFile, exec?: Db): Promise<void>;
  readonly store: FileStore;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createFileService(deps: { db: Db; store: FileStore; clock: Clock }): FileService {
  const { db, store, clock } = deps;
  return {
    store,
    async adopt(upload, options) {
      if (upload.tooLarge) return { ok: false, message: upload.message };
      const rule = kinds[options.kind];
      const bytes = await readFile(upload.tempPath);
      const checked = bytes.length === upload.size ? await rule.check(bytes, upload.limitBytes) : { ok: false as const, message: 'The file could not be read. Upload it again.' };
      if (!checked.ok) {
        await rm(upload.tempPath, { force: true });
        return { ok: false, message: checked.message };
      }
      const key = await store.put({ tempFile: upload.tempPath });
      try {
        const [row] = await (options.exec ?? db)
          .insert(storedFiles)
          .values({
            storageKey: key,
            originalName: sanitiseFileName(upload.originalName, { extension: rule.extension }),
            contentType: rule.contentType,
            sizeBytes: upload.size,
            sha256: upload.sha256,
            createdAt: clock(),
            createdBy: options.createdBy,
          })
          .returning();
        if (!row) throw new Error('Stored file not recorded');
        return { ok: true, file: row };
      } catch (error) {
        // no row, no bytes: the caller's transaction rolls back with nothing left on disk
        await store.delete(key);
        throw error;
      }
    },
    async findById(id, exec = db) {
      if (!UUID.test(id)) return undefined;
      const [row] = await exec.select().from(storedFiles).where(eq(storedFiles.id, id));
      return row;
    },
    async discard(file, exec = db) {
      await exec.delete(storedFiles).where(eq(storedFiles.id, file.id));
      await store.delete(file.storageKey);
    },
  };
}
