import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { multipartBody, TestAgent } from '../../../test/helpers/agent.ts';
import { signInAs } from '../../../test/helpers/factories.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { typedValues } from '../http/forms.ts';
import type { FileService } from './file-service.ts';
import { storedFiles } from './files.tables.ts';
import { sendStoredFile } from './send-stored-file.ts';
import { uploadedFile, type ReceivedFile } from './uploads.ts';

const MB = 1024 * 1024;

async function makePdf(pages = 1): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

// Test-only routes, written the way a module would write them: the route owns its form and access check.
function uploadRoutes(files: () => FileService) {
  return (app: FastifyInstance) => {
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const values = typedValues(request.body);
      const upload = uploadedFile(request, 'document');
      if (!upload) return reply.code(400).send({ error: 'Select a PDF file.', values });
      const result = await files().adopt(upload, { kind: 'pdf', createdBy: request.actor?.id ?? null });
      if (!result.ok) return reply.code(400).send({ error: result.message, values, ...(upload.tooLarge ? { receivedBytes: upload.receivedBytes } : {}) });
      return reply.code(201).send({ id: result.file.id, name: result.file.originalName, values });
    };
    app.post('/test-upload', { config: { access: 'public', upload: {} } }, handler);
    app.post('/test-upload-small', { config: { access: 'public', upload: { maxFileBytes: 4096 } } }, handler);
    app.post('/test-upload-signed-in', { config: { access: 'signed-in', upload: {} } }, handler);
    app.get<{ Params: { id: string } }>('/test-files/:id', { config: { access: 'public' } }, async (request, reply) => {
      const file = await files().findById(request.params.id);
      if (!file) return reply.code(404).send({ error: 'not found' });
      return sendStoredFile(reply, file, files().store);
    });
  };
}

let t: TestApp;
let dataDir: string;
before(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'outbound-files-'));
  // the routes are registered while the app is built, and reach its file service once it exists
  t = await buildTestApp({ config: { dataDir }, extend: uploadRoutes(() => t.files) });
});
after(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}
const storedOnDisk = () => listFiles(path.join(dataDir, 'files'));
const tempFiles = () => listFiles(path.join(dataDir, 'tmp'));
async function rowCount(): Promise<number> {
  const result = await t.database.db.execute(sql`select count(*)::int as n from stored_files`);
  return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
}

// Nothing stored, nothing left in the temp directory: what every refusal must leave behind.
async function assertNothingKept(before: { rows: number; stored: number }) {
  assert.equal(await rowCount(), before.rows, 'no stored_files row');
  assert.equal((await storedOnDisk()).length, before.stored, 'no file under DATA_DIR/files');
  assert.deepEqual(await tempFiles(), [], 'no temp file left');
}
async function snapshot() {
  return { rows: await rowCount(), stored: (await storedOnDisk()).length };
}

describe('uploading and serving a PDF', () => {
  test('a valid PDF is stored under a generated name, recorded, and served back identical as a download', async () => {
    const agent = new TestAgent(t.app);
    const pdf = await makePdf(2);
    const response = await agent.postMultipart('/test-upload', { title: 'Signed agreement' }, { field: 'document', name: 'Vertrag Müller – signed.pdf', content: pdf, type: 'application/pdf' });
    assert.equal(response.statusCode, 201, response.body);
    const { id, name, values } = response.json<{ id: string; name: string; values: Record<string, string> }>();
    assert.equal(name, 'Vertrag Müller – signed.pdf');
    assert.deepEqual(values, { title: 'Signed agreement' }, 'the plain fields reach the handler as strings, without _csrf');

    const [row] = await t.database.db.select().from(storedFiles).where(sql`${storedFiles.id} = ${id}`);
    assert.ok(row);
    assert.equal(row.sizeBytes, pdf.length);
    assert.equal(row.sha256, createHash('sha256').update(pdf).digest('hex'));
    assert.equal(row.contentType, 'application/pdf');
    assert.equal(row.createdBy, null);
    assert.match(row.storageKey, /^[0-9a-f]{32}$/);
    const onDisk = await storedOnDisk();
    assert.ok(onDisk.some((file) => path.basename(file) === row.storageKey), 'stored under its key');
    assert.ok(onDisk.every((file) => !file.includes('Vertrag')), 'never under the user’s file name');
    assert.deepEqual(await tempFiles(), [], 'the temp file was moved, not copied');

    const served = await agent.get(`/test-files/${id}`);
    assert.equal(served.statusCode, 200);
    assert.ok(served.rawPayload.equals(pdf), 'the same bytes come back');
    assert.equal(served.headers['content-type'], 'application/pdf');
    assert.equal(served.headers['content-length'], String(pdf.length));
    assert.equal(served.headers['content-disposition'], `attachment; filename="Vertrag Muller _ signed.pdf"; filename*=UTF-8''Vertrag%20M%C3%BCller%20%E2%80%93%20signed.pdf`);
    assert.equal(served.headers['x-content-type-options'], 'nosniff');
    assert.equal(served.headers['content-security-policy'], "sandbox; default-src 'none'");
    assert.equal(served.headers['cache-control'], 'no-store');
  });

  test('a signed-in upload records who uploaded it; the token is the session’s', async () => {
    const { agent, user } = await signInAs(t, 'student');
    const response = await agent.postMultipart('/test-upload-signed-in', {}, { field: 'document', name: 'cv', content: await makePdf(1) });
    assert.equal(response.statusCode, 201, response.body);
    const { id, name } = response.json<{ id: string; name: string }>();
    assert.equal(name, 'cv.pdf', 'a PDF is offered with its extension');
    const file = await t.files.findById(id);
    assert.equal(file?.createdBy, user.id);
    const signedOut = await new TestAgent(t.app).postMultipart('/test-upload-signed-in', {}, { field: 'document', name: 'cv.pdf', content: await makePdf(1) });
    assert.equal(signedOut.statusCode, 403, 'access is checked before the body is read');
  });

  test('HTML renamed .pdf is refused with a clear message; nothing is stored and the temp file is gone', async () => {
    const before = await snapshot();
    const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
    const response = await new TestAgent(t.app).postMultipart('/test-upload', { title: 'kept' }, { field: 'document', name: 'agreement.pdf', content: html, type: 'application/pdf' });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(response.json(), { error: 'The file must be a PDF. This file is not a valid PDF document.', values: { title: 'kept' } });
    await assertNothingKept(before);
  });

  test('a truncated PDF is refused; nothing is stored', async () => {
    const before = await snapshot();
    const pdf = await makePdf(3);
    const response = await new TestAgent(t.app).postMultipart('/test-upload', {}, { field: 'document', name: 'agreement.pdf', content: pdf.subarray(0, Math.floor(pdf.length / 2)) });
    assert.equal(response.statusCode, 400);
    assert.match(response.json<{ error: string }>().error, /^The file must be a PDF\. This file is incomplete or damaged/);
    await assertNothingKept(before);
  });

  test('a 50 MB upload is refused while it streams, the form values are kept, and nothing is stored', async () => {
    const before = await snapshot();
    const huge = Buffer.alloc(50 * MB, 0x20);
    huge.write('%PDF-1.7\n', 0, 'latin1');
    const response = await new TestAgent(t.app).postMultipart('/test-upload', { title: 'My agreement', note: 'typed before choosing the file' }, { field: 'document', name: 'huge.pdf', content: huge });
    assert.equal(response.statusCode, 400);
    const body = response.json<{ error: string; values: Record<string, string>; receivedBytes: number }>();
    assert.equal(body.error, 'The file must be smaller than 10 MB.');
    assert.deepEqual(body.values, { title: 'My agreement', note: 'typed before choosing the file' });
    assert.ok(body.receivedBytes <= 10 * MB + 1, `stopped at the limit, read ${body.receivedBytes} bytes`);
    assert.ok(body.receivedBytes < 11 * MB);
    await assertNothingKept(before);
  });

  test('the limit is per route: exactly at the limit passes, one byte over is refused', async () => {
    const pdf = await makePdf(1);
    // padded with white space and a second end marker (as an empty incremental update would leave)
    const tail = Buffer.from('\n%%EOF\n');
    const atLimit = Buffer.concat([pdf, Buffer.alloc(4096 - pdf.length - tail.length, 0x0a), tail]);
    assert.equal(atLimit.length, 4096);
    const ok = await new TestAgent(t.app).postMultipart('/test-upload-small', {}, { field: 'document', name: 'a.pdf', content: atLimit });
    assert.equal(ok.statusCode, 201, ok.body);
    const before = await snapshot();
    const over = await new TestAgent(t.app).postMultipart('/test-upload-small', {}, { field: 'document', name: 'a.pdf', content: Buffer.concat([atLimit, Buffer.from('\n')]) });
    assert.equal(over.statusCode, 400);
    assert.equal(over.json<{ error: string }>().error, 'The file must be smaller than 4 KB.');
    await assertNothingKept(before);
  });

  test('a missing or forged _csrf is refused with 403 after the file streamed; nothing is stored and the temp file is removed', async () => {
    const before = await snapshot();
    const pdf = await makePdf(1);
    for (const csrf of [false, 'forged-token-forged-token-forged-token-123'] as const) {
      const agent = new TestAgent(t.app);
      await agent.get('/forgot-password'); // a real anonymous CSRF cookie, so only the token is wrong
      const response = await agent.postMultipart('/test-upload', { title: 'x' }, { field: 'document', name: 'agreement.pdf', content: pdf }, { csrf });
      assert.equal(response.statusCode, 403);
      assert.match(response.body, /The form had expired/);
      await assertNothingKept(before);
    }
  });

  test('the order of the parts does not matter: a file before _csrf is accepted', async () => {
    const agent = new TestAgent(t.app);
    const form = new FormData();
    form.append('document', new Blob([new Uint8Array(await makePdf(1))]), 'first.pdf');
    form.append('title', 'after the file');
    form.append('_csrf', await agent.csrfToken());
    const encoded = new Response(form);
    const response = await t.app.inject({
      method: 'POST',
      url: '/test-upload',
      headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': encoded.headers.get('content-type') ?? '' },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
    assert.equal(response.statusCode, 201, response.body);
    assert.deepEqual(response.json<{ values: Record<string, string> }>().values, { title: 'after the file' });
  });

  test('a repeated _csrf field is refused (the token must be one string)', async () => {
    const before = await snapshot();
    const agent = new TestAgent(t.app);
    const token = await agent.csrfToken();
    const response = await agent.postMultipart('/test-upload', { _csrf: [token, token] }, { field: 'document', name: 'a.pdf', content: await makePdf(1) }, { csrf: false });
    assert.equal(response.statusCode, 403);
    await assertNothingKept(before);
  });

  test('a form sent without a file, multipart or url-encoded, reaches the handler with no file', async () => {
    const agent = new TestAgent(t.app);
    // a file input left empty: browsers still send the part, with filename="" and no bytes
    // (built by hand: FormData would name it "blob")
    const token = await agent.csrfToken();
    const boundary = '----outbound-test-boundary';
    const raw = [
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nno file\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="document"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n`,
      `--${boundary}--\r\n`,
    ].join('');
    const empty = await t.app.inject({
      method: 'POST',
      url: '/test-upload',
      headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: raw,
    });
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(empty.json(), { error: 'Select a PDF file.', values: { title: 'no file' } });
    const plain = await agent.post('/test-upload', { title: 'url-encoded' });
    assert.equal(plain.statusCode, 400);
    assert.deepEqual(plain.json(), { error: 'Select a PDF file.', values: { title: 'url-encoded' } });
    assert.deepEqual(await tempFiles(), []);
  });

  test('an empty file with a name is refused as empty', async () => {
    const response = await new TestAgent(t.app).postMultipart('/test-upload', {}, { field: 'document', name: 'blank.pdf', content: new Uint8Array() });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json<{ error: string }>().error, 'The selected file is empty.');
    assert.deepEqual(await tempFiles(), []);
  });
});

describe('multipart limits', () => {
  test('a route that does not declare uploads refuses multipart bodies (415), before reading them', async () => {
    const agent = new TestAgent(t.app);
    const response = await agent.postMultipart('/forgot-password', { email: 'someone@example.ac.uk' }, { field: 'document', name: 'a.pdf', content: await makePdf(1) });
    assert.equal(response.statusCode, 415);
    assert.deepEqual(await tempFiles(), []);
  });

  test('two files, too many fields, or a field over 64 KB are refused (413), and no temp file is left', async () => {
    const agent = new TestAgent(t.app);
    const token = await agent.csrfToken();
    const pdf = await makePdf(1);
    const form = new FormData();
    form.append('_csrf', token);
    form.append('document', new Blob([new Uint8Array(pdf)]), 'a.pdf');
    form.append('other', new Blob([new Uint8Array(pdf)]), 'b.pdf');
    const encoded = new Response(form);
    const twoFiles = await t.app.inject({
      method: 'POST',
      url: '/test-upload',
      headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': encoded.headers.get('content-type') ?? '' },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
    assert.equal(twoFiles.statusCode, 413);

    const many = Object.fromEntries(Array.from({ length: 105 }, (_, i) => [`f${i}`, 'x']));
    assert.equal((await agent.postMultipart('/test-upload', many, { field: 'document', name: 'a.pdf', content: pdf })).statusCode, 413);
    assert.equal((await agent.postMultipart('/test-upload', { big: 'x'.repeat(64 * 1024 + 1) })).statusCode, 413);
    assert.deepEqual(await tempFiles(), []);
    assert.equal(twoFiles.headers['content-type']?.toString().startsWith('text/html'), true, 'a page, not a stack trace');
  });

  test('a malformed multipart body is a 400, not a 500', async () => {
    const agent = new TestAgent(t.app);
    const { payload } = await multipartBody({ _csrf: await agent.csrfToken(), title: 'x' }, { field: 'document', name: 'a.pdf', content: await makePdf(1) });
    const response = await t.app.inject({
      method: 'POST',
      url: '/test-upload',
      headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'multipart/form-data; boundary=not-the-one-used' },
      payload,
    });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(await tempFiles(), []);
  });

  test('the multipart helper builds a body a browser would', async () => {
    const { payload, contentType } = await multipartBody({ a: '1' }, { field: 'f', name: 'x.pdf', content: Buffer.from('abc') });
    assert.match(contentType, /^multipart\/form-data; boundary=/);
    assert.match(payload.toString('latin1'), /name="f"; filename="x.pdf"/);
  });
});

describe('over a real connection', () => {
  let base = '';
  let cookie = '';
  let token = '';
  before(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const page = await fetch(`${base}/forgot-password`);
    cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  });

  test('a 50 MB upload gets the form’s answer, not a reset connection', async () => {
    const huge = Buffer.alloc(50 * MB, 0x20);
    const { payload, contentType } = await multipartBody({ _csrf: token, title: 'kept' }, { field: 'document', name: 'huge.pdf', content: huge });
    const response = await fetch(`${base}/test-upload`, { method: 'POST', body: new Uint8Array(payload), headers: { 'content-type': contentType, cookie } });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: string; values: Record<string, string>; receivedBytes: number };
    assert.equal(body.error, 'The file must be smaller than 10 MB.');
    assert.deepEqual(body.values, { title: 'kept' });
    assert.deepEqual(await tempFiles(), []);
  });

  test('an upload the client abandons half way leaves no temp file', async () => {
    const { payload, contentType } = await multipartBody({ _csrf: token }, { field: 'document', name: 'a.pdf', content: Buffer.alloc(8 * MB, 0x20) });
    const { request } = await import('node:http');
    const url = new URL(`${base}/test-upload`);
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': contentType, 'content-length': payload.length, cookie } });
    req.on('error', () => undefined);
    req.write(payload.subarray(0, 4 * MB));
    // wait until the server has started the temp file, then hang up
    for (let i = 0; i < 100 && (await tempFiles()).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal((await tempFiles()).length, 1, 'the upload was being received');
    req.destroy();
    for (let i = 0; i < 100 && (await tempFiles()).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(await tempFiles(), []);
  });
});

describe('file service', () => {
  async function tempUpload(content: Buffer): Promise<ReceivedFile> {
    const dir = path.join(dataDir, 'tmp');
    await rm(path.join(dir, 'service-test.upload'), { force: true });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dir, { recursive: true });
    const tempPath = path.join(dir, 'service-test.upload');
    await writeFile(tempPath, content);
    return {
      tooLarge: false,
      fieldName: 'document',
      tempPath,
      originalName: 'agreement.pdf',
      size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      contentTypeClaimed: 'application/pdf',
      limitBytes: 10 * MB,
    };
  }

  test('when the insert fails inside the caller’s transaction, it throws (the transaction rolls back) and the stored file is removed', async () => {
    const before = await snapshot();
    const upload = await tempUpload(await makePdf(1));
    await assert.rejects(
      t.database.db.transaction(async (tx) => {
        // the caller's transaction has already failed: the insert cannot succeed
        await tx.execute(sql`select 1 / 0`).catch(() => undefined);
        await t.files.adopt(upload, { kind: 'pdf', createdBy: null, exec: tx });
      }),
    );
    assert.equal(await rowCount(), before.rows);
    assert.equal((await storedOnDisk()).length, before.stored, 'the stored bytes were removed');
  });

  test('adopted in a transaction that later fails: discard() removes the bytes the rollback cannot', async () => {
    const before = await snapshot();
    const upload = await tempUpload(await makePdf(1));
    let adopted: Awaited<ReturnType<FileService['adopt']>> | undefined;
    await assert.rejects(
      t.database.db.transaction(async (tx) => {
        adopted = await t.files.adopt(upload, { kind: 'pdf', createdBy: null, exec: tx });
        throw new Error('the caller’s next step failed');
      }),
    );
    assert.ok(adopted?.ok);
    assert.equal(await rowCount(), before.rows, 'the row rolled back');
    assert.equal((await storedOnDisk()).length, before.stored + 1, 'the bytes are still there');
    await t.files.discard(adopted.file);
    assert.equal((await storedOnDisk()).length, before.stored);
  });

  test('a stored file whose bytes are missing is a 404, and odd ids are simply not found', async () => {
    const upload = await tempUpload(await makePdf(1));
    const result = await t.files.adopt(upload, { kind: 'pdf', createdBy: null });
    assert.ok(result.ok);
    await t.fileStore.delete(result.file.storageKey);
    assert.equal((await new TestAgent(t.app).get(`/test-files/${result.file.id}`)).statusCode, 404);
    assert.equal(await t.files.findById('../../etc/passwd'), undefined);
    await assert.rejects(t.fileStore.open('../secret'), /not found/);
  });
});
