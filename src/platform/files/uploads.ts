import type { FastifyMultipartBaseOptions, MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { formatBytes } from './file-names.ts';

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

// A route that accepts a file says so, with its own limit: config: { access, upload: { maxFileBytes } }.
export interface UploadRouteOptions {
  maxFileBytes?: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    upload?: UploadRouteOptions;
  }
}

// A file received in full into a temporary file; the route hands it to files.adopt() or it is deleted after the response.
export interface ReceivedFile {
  tooLarge: false;
  fieldName: string;
  tempPath: string;
  // as the browser sent it (only the last path segment); sanitise before showing or storing
  originalName: string;
  size: number;
  sha256: string;
  // what the browser claimed; content is checked on adoption, never trusted from this
  contentTypeClaimed: string;
  limitBytes: number;
}

// A file refused while it streamed because it passed the limit: nothing of it is kept.
export interface RefusedFile {
  tooLarge: true;
  fieldName: string;
  originalName: string;
  limitBytes: number;
  // bytes read before the refusal (at most limitBytes + 1)
  receivedBytes: number;
  message: string;
}

export type UploadedFile = ReceivedFile | RefusedFile;

// For every route; a multipart request's fields are small form values, and there is one file at most.
export const multipartOptions: FastifyMultipartBaseOptions = {
  // a file over the limit is reported to the route (to re-render its form), not thrown as a 413
  throwFileSizeLimit: false,
  limits: {
    fieldNameSize: 100,
    fieldSize: 64 * 1024,
    // a browser sends every input of a form, filled or not: an application with 10 choices, the
    // funding questions and a round's own questions is some 60 fields
    fields: 100,
    files: 1,
    parts: 101,
    headerPairs: 100,
    fileSize: DEFAULT_MAX_FILE_BYTES,
  },
};

export class UploadNotAcceptedError extends Error {
  readonly statusCode = 415;
  constructor() {
    super('This route does not accept multipart forms');
  }
}

export class UploadFieldTooLargeError extends Error {
  readonly statusCode = 413;
  constructor() {
    super('A form field was too large');
  }
}

export class UploadMalformedError extends Error {
  readonly statusCode = 400;
  constructor() {
    super('The multipart body could not be read');
  }
}

// busboy's parse errors ("Unexpected end of multipart data", "Part terminated early") are the client's;
// errors with a status keep it, and a failing disk (ENOSPC, EACCES) stays a 500
function asClientError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  if ('statusCode' in error || 'syscall' in error) return error;
  return new UploadMalformedError();
}

interface RequestUploads {
  files: Map<string, UploadedFile>;
  // every temporary file created for the request, removed when the response is sent
  temps: string[];
}

const received = new WeakMap<FastifyRequest, RequestUploads>();

// The file a route's form sent under fieldName; undefined when none was chosen (or the form was not multipart).
export function uploadedFile(request: FastifyRequest, fieldName: string): UploadedFile | undefined {
  return received.get(request)?.files.get(fieldName);
}

export function tooLargeMessage(limitBytes: number): string {
  return `The file must be smaller than ${formatBytes(limitBytes)}.`;
}

async function receiveFile(part: MultipartFile, limitBytes: number, tmpDir: string, state: RequestUploads): Promise<UploadedFile | undefined> {
  await mkdir(tmpDir, { recursive: true, mode: 0o700 });
  const tempPath = path.join(tmpDir, `${randomBytes(16).toString('hex')}.upload`);
  state.temps.push(tempPath);
  const handle = await open(tempPath, 'wx', 0o600);
  const hash = createHash('sha256');
  let size = 0;
  let tooLarge = false;
  try {
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (tooLarge) continue;
      if (size > limitBytes) {
        // refused the moment the limit is passed: the partial file goes, the rest of the part is read and dropped
        tooLarge = true;
        await handle.close();
        await rm(tempPath, { force: true });
        continue;
      }
      hash.update(chunk);
      await handle.write(chunk);
    }
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  } finally {
    if (!tooLarge) await handle.close();
  }
  if (tooLarge) {
    return { tooLarge: true, fieldName: part.fieldname, originalName: part.filename, limitBytes, receivedBytes: size, message: tooLargeMessage(limitBytes) };
  }
  // a file input left empty is still sent by browsers, as an empty part without a name
  if (size === 0 && part.filename === '') {
    await rm(tempPath, { force: true });
    return undefined;
  }
  return {
    tooLarge: false,
    fieldName: part.fieldname,
    tempPath,
    originalName: part.filename,
    size,
    sha256: hash.digest('hex'),
    contentTypeClaimed: part.mimetype,
    limitBytes,
  };
}

function append(body: Record<string, string | string[]>, name: string, value: string): void {
  const existing = body[name];
  if (existing === undefined) body[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else body[name] = [existing, value];
}

async function removeTemps(request: FastifyRequest): Promise<void> {
  const state = received.get(request);
  if (!state) return;
  const temps = state.temps.splice(0);
  await Promise.all(temps.map((file) => rm(file, { force: true })));
}

// Left behind by a process that stopped mid-request; a day is far longer than any upload.
async function removeStaleTemps(tmpDir: string, olderThanMs: number): Promise<void> {
  let names: string[];
  try {
    names = await readdir(tmpDir);
  } catch {
    return;
  }
  const cutoff = Date.now() - olderThanMs;
  for (const name of names) {
    if (!name.endsWith('.upload')) continue;
    const file = path.join(tmpDir, name);
    const info = await stat(file).catch(() => undefined);
    if (info && info.mtimeMs < cutoff) await rm(file, { force: true });
  }
}

// Multipart bodies are read in preValidation, so that by preHandler (the CSRF check) request.body holds
// the plain field values, _csrf included, as a url-encoded form would; the file is already in a temp file.
// Registered after @fastify/multipart (which only marks multipart requests; it reads nothing by itself).
export async function installUploads(app: FastifyInstance, deps: { tmpDir: string }): Promise<void> {
  const { tmpDir } = deps;
  await removeStaleTemps(tmpDir, 24 * 60 * 60 * 1000);

  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    const options = request.routeOptions.config.upload;
    // deny by default: only a route that declares config.upload reads multipart bodies
    if (!options) throw new UploadNotAcceptedError();
    const limitBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    const state: RequestUploads = { files: new Map(), temps: [] };
    received.set(request, state);
    const body: Record<string, string | string[]> = {};
    try {
      // busboy stops handing over file bytes one past the limit and drops the rest of the part
      for await (const part of request.parts({ limits: { fileSize: limitBytes + 1 } })) {
        if (part.type === 'file') {
          const file = await receiveFile(part, limitBytes, tmpDir, state);
          if (file) state.files.set(part.fieldname, file);
          continue;
        }
        if (part.valueTruncated || part.fieldnameTruncated) throw new UploadFieldTooLargeError();
        // a part sent as application/json arrives parsed; it is no form field
        if (typeof part.value !== 'string') continue;
        append(body, part.fieldname, part.value);
      }
    } catch (error) {
      throw asClientError(error);
    }
    request.body = body;
  });

  // onSend runs once the handler (or the error handler, after a failed CSRF check) has answered;
  // anything not adopted by then is deleted. onResponse catches a response that never sent.
  app.addHook('onSend', async (request, _reply, payload) => {
    await removeTemps(request);
    return payload;
  });
  app.addHook('onResponse', async (request) => {
    await removeTemps(request);
  });
  app.addHook('onRequestAbort', async (request) => {
    await removeTemps(request);
  });
}
