// The deadline surge: N students (20,000; SURGE_STUDENTS for fewer) submit complete applications
// with a ~200 KB CV each, as fast as the server takes them, from 50 concurrent clients that take the
// next student from one queue, on the embedded database and on PostgreSQL. Afterwards the database
// and the file store are checked: every acknowledged (303) submission must be stored with its CV.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { applications, applicationSubmissions } from '../src/modules/applications/applications.tables.ts';
import { storedFiles } from '../src/platform/files/files.tables.ts';
import { outboxMessages } from '../src/platform/mail/mail.tables.ts';
import { postgresBaseUrl } from './catalogue-data.ts';
import { runDataDir } from './paths.ts';
import { PartFailure, round, type Figures } from './results.ts';
import { freePort, HOST, processCpuMs, spawnServer, stopServer, waitForHealthy, type ServerProcess } from './server.ts';
import { buildCvPdf, insertSurgeDataset, SURGE_CHOICES, SURGE_POSTS, writeSecret, type SurgeDataset, type SurgeStudent } from './surge-data.ts';

export const DEFAULT_SURGE_STUDENTS = 20_000;
export const SURGE_CONCURRENCY = 50;
export const SURGE_DATABASE = 'outbound_bench_surge';
const TARGET_PER_S = 50;
const TARGET_P99_MS = 1000;
// a request without an answer by then counts as an error (it may still have been stored)
const REQUEST_TIMEOUT_MS = 60_000;
const BOUNDARY = '----OutboundSurgeBoundary7MA4YWxkTrZu0gW';
const ROUND_NAME = 'Deadline surge round';

type DatabaseKind = 'pglite' | 'postgres';

export function surgeStudents(): number {
  const raw = process.env.SURGE_STUDENTS;
  if (raw === undefined || raw === '') return DEFAULT_SURGE_STUDENTS;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1) throw new Error(`SURGE_STUDENTS must be a whole number of at least 1, not "${raw}"`);
  return count;
}

// ---------------------------------------------------------------------------------------------
// The request: the application form as a browser sends it (multipart), with the CV

const STATEMENT = [
  'I am applying because I want to see how an international organisation turns policy into work on the ground.',
  'My course has given me the theory of development economics and some practice in analysing survey data,',
  'and my volunteering at a food bank has taught me how much depends on careful logistics and on listening',
  'to the people a service is for. An internship abroad would let me test both in a very different setting,',
  'improve my French, and decide whether to specialise in humanitarian programme management after graduating.',
].join(' ');

function field(name: string, value: string): string {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
}

interface Body {
  head: Buffer;
  tail: Buffer;
  length: number;
}

function formFor(student: SurgeStudent, data: SurgeDataset, cv: Uint8Array): Body {
  let head = field('_csrf', student.csrf);
  for (let rank = 1; rank <= SURGE_CHOICES; rank++) {
    // three different posts, spread over the round
    const postId = data.postIds[(student.index + (rank - 1) * 17) % data.postIds.length] ?? '';
    head += field(`choice${rank}`, postId);
    head += field(`motivation${rank}`, `Choice ${rank}: the post matches my course and the languages I speak.`);
  }
  head += field('statement', STATEMENT);
  for (const question of data.questions) head += field(question.field, question.value);
  head += field('funding_incomeBand', ['up_to_25000', '25001_to_42875', 'over_42875', 'unknown', 'prefer_not'][student.index % 5] ?? 'unknown');
  for (const key of ['incomeBenefits', 'careExperience', 'caringResponsibilities', 'estranged', 'refugee', 'disabilityCosts']) {
    head += field(`funding_${key}`, ['no', 'yes', 'prefer_not'][(student.index + key.length) % 3] ?? 'no');
  }
  head += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="cv"; filename="CV Surge Student ${student.index + 1}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
  const headBytes = Buffer.from(head, 'utf8');
  const tail = Buffer.from(`\r\n${field('intent', 'submit')}--${BOUNDARY}--\r\n`, 'utf8');
  return { head: headBytes, tail, length: headBytes.length + cv.length + tail.length };
}

interface Outcome {
  status: number;
  ms: number;
  error?: string;
}

function submit(baseUrl: URL, agent: Agent, student: SurgeStudent, body: Body, cv: Uint8Array): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: Omit<Outcome, 'ms'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...outcome, ms: performance.now() - started });
    };
    const req = request(
      {
        host: baseUrl.hostname,
        port: baseUrl.port,
        method: 'POST',
        path: `/applications/${student.applicationId}`,
        agent,
        timeout: REQUEST_TIMEOUT_MS,
        headers: {
          cookie: `outbound_session=${student.sessionCookie}`,
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          'content-length': String(body.length),
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        res.resume();
        res.once('end', () => {
          // the form answers 303 to the application's page, also when it was not a draft: the check afterwards tells them apart
          if (status === 303 && location !== `/applications/${student.applicationId}`) done({ status, error: `303 to ${String(location)}` });
          else done({ status });
        });
        res.once('error', (error) => done({ status: 0, error: error.message }));
      },
    );
    req.once('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.once('error', (error) => done({ status: 0, error: error.message }));
    req.write(body.head);
    req.write(cv);
    req.end(body.tail);
  });
}

interface LoadResult {
  outcomes: Outcome[];
  wallMs: number;
}

// CONCURRENCY clients, each taking the next student from the queue until every one has been sent
async function surge(baseUrl: string, data: SurgeDataset, cv: Uint8Array, onProgress: (sent: number) => void): Promise<LoadResult> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: SURGE_CONCURRENCY });
  const outcomes: Outcome[] = new Array<Outcome>(data.students.length);
  let next = 0;
  const started = performance.now();
  const client = async () => {
    for (;;) {
      const index = next++;
      const student = data.students[index];
      if (!student) return;
      outcomes[index] = await submit(url, agent, student, formFor(student, data, cv), cv);
      if ((index + 1) % 1000 === 0) onProgress(index + 1);
    }
  };
  await Promise.all(Array.from({ length: SURGE_CONCURRENCY }, client));
  const wallMs = performance.now() - started;
  agent.destroy();
  return { outcomes, wallMs };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

// ---------------------------------------------------------------------------------------------
// Afterwards: every acknowledged application is submitted, has its submission row (naming the CV),
// its CV's stored_files row, and those bytes on disk with the recorded size and SHA-256, which is
// the SHA-256 of the PDF that was sent.

interface Verification {
  acknowledged: number;
  lost: number;
  problems: string[];
  submittedRows: number;
  submissionRows: number;
  storedFileRows: number;
  filesOnDisk: number;
  receipts: number;
}

function countFiles(dir: string): number {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) total += entry.isDirectory() ? countFiles(path.join(dir, entry.name)) : 1;
  return total;
}

async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (;;) {
        const item = items[next++];
        if (item === undefined) return;
        await work(item);
      }
    }),
  );
}

async function verify(database: Database, dataDir: string, data: SurgeDataset, acknowledged: SurgeStudent[], cvSha256: string, cvBytes: number): Promise<Verification> {
  const db = database.db;
  const rows = await db
    .select({ id: applications.id, status: applications.status, cvFileId: applications.cvFileId, storageKey: storedFiles.storageKey, sizeBytes: storedFiles.sizeBytes, sha256: storedFiles.sha256 })
    .from(applications)
    .leftJoin(storedFiles, eq(storedFiles.id, applications.cvFileId))
    .where(eq(applications.roundId, data.roundId));
  const submissions = await db
    .select({ applicationId: applicationSubmissions.applicationId, cvFileId: sql<string | null>`${applicationSubmissions.snapshot}->>'cvFileId'` })
    .from(applicationSubmissions);
  const [files] = await db.select({ n: sql<number>`count(*)::int` }).from(storedFiles);
  const [receipts] = await db.select({ n: sql<number>`count(*)::int` }).from(outboxMessages).where(eq(outboxMessages.subject, `Application received: ${ROUND_NAME}`));

  const byId = new Map(rows.map((r) => [r.id, r]));
  const submissionsOf = new Map<string, (string | null)[]>();
  for (const s of submissions) submissionsOf.set(s.applicationId, [...(submissionsOf.get(s.applicationId) ?? []), s.cvFileId]);

  const problems: string[] = [];
  const lostIds = new Set<string>();
  const lose = (id: string, problem: string) => {
    lostIds.add(id);
    if (problems.length < 20) problems.push(`${id}: ${problem}`);
  };
  const toRead: { id: string; file: string; sizeBytes: number; sha256: string }[] = [];
  for (const student of acknowledged) {
    const id = student.applicationId;
    const row = byId.get(id);
    if (!row) {
      lose(id, 'no application row');
      continue;
    }
    if (row.status !== 'submitted') lose(id, `status ${row.status}`);
    const made = submissionsOf.get(id) ?? [];
    if (made.length !== 1) lose(id, `${made.length} submission rows`);
    else if (made[0] !== row.cvFileId) lose(id, `the submission names CV ${String(made[0])}, the application ${String(row.cvFileId)}`);
    if (!row.cvFileId) {
      lose(id, 'no cv_file_id');
      continue;
    }
    if (!row.storageKey || row.sizeBytes === null || !row.sha256) {
      lose(id, `cv_file_id ${row.cvFileId} has no stored_files row`);
      continue;
    }
    if (row.sizeBytes !== cvBytes || row.sha256 !== cvSha256) lose(id, `stored_files says ${row.sizeBytes} bytes, sha256 ${row.sha256}; sent ${cvBytes} bytes, ${cvSha256}`);
    toRead.push({ id, file: path.join(dataDir, 'files', row.storageKey.slice(0, 2), row.storageKey), sizeBytes: row.sizeBytes, sha256: row.sha256 });
  }
  await pool(toRead, 16, async (item) => {
    let bytes: Buffer;
    try {
      bytes = await readFile(item.file);
    } catch (error) {
      lose(item.id, `CV bytes missing from the file store (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (bytes.length !== item.sizeBytes || sha256 !== item.sha256) lose(item.id, `CV on disk is ${bytes.length} bytes, sha256 ${sha256}; its row says ${item.sizeBytes}, ${item.sha256}`);
  });
  return {
    acknowledged: acknowledged.length,
    lost: lostIds.size,
    problems,
    submittedRows: rows.filter((r) => r.status === 'submitted').length,
    submissionRows: submissions.length,
    storedFileRows: files?.n ?? 0,
    filesOnDisk: countFiles(path.join(dataDir, 'files')),
    receipts: receipts?.n ?? 0,
  };
}

// ---------------------------------------------------------------------------------------------

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function adminQuery(baseUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

interface Row {
  database: DatabaseKind;
  students: number;
  acknowledged: number;
  errors: number;
  lost: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  wallS: number;
  serverCpuMs: number | undefined;
  load: number;
}

async function openFor(kind: DatabaseKind, dataDir: string, url: string | undefined): Promise<Database> {
  return kind === 'pglite' ? openDatabase({ dataDir }) : openDatabase({ databaseUrl: url });
}

async function runOne(kind: DatabaseKind, count: number, cv: Uint8Array, postgresUrl: string | undefined, log: (line: string) => void, figures: Figures, rows: Row[], problems: string[]): Promise<void> {
  const name = `surge.${kind}`;
  const dataDir = runDataDir(`surge-${kind}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  let server: ServerProcess | undefined;
  try {
    // setup, not measured
    const setupStarted = performance.now();
    if (kind === 'postgres') {
      if (!postgresUrl) throw new Error('no PostgreSQL URL');
      const base = new URL(postgresUrl);
      base.pathname = '/postgres';
      await adminQuery(base.toString(), `drop database if exists ${SURGE_DATABASE} with (force)`);
      await adminQuery(base.toString(), `create database ${SURGE_DATABASE}`);
    }
    const url = postgresUrl ? withDatabase(postgresUrl, SURGE_DATABASE) : undefined;
    const secret = writeSecret(dataDir);
    let data: SurgeDataset;
    {
      const database = await openFor(kind, dataDir, url);
      try {
        await migrateDatabase(database);
        data = await insertSurgeDataset(database.db, count, secret, new Date());
        await database.db.execute(sql.raw(kind === 'pglite' ? 'vacuum analyze' : 'analyze'));
      } finally {
        await database.close();
      }
    }
    const setupMs = performance.now() - setupStarted;
    log(`${kind}: ${count.toLocaleString('en-GB')} students with profiles, drafts and sessions, a round with ${SURGE_POSTS} posts, in ${(setupMs / 1000).toFixed(1)} s.`);

    // SURGE_CPU_PROF=<dir>: the server writes V8 CPU profiles (one a thread) to <dir>/<database> when it stops (for finding where the time goes)
    const profileDir = process.env.SURGE_CPU_PROF;
    const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir, kind)}`] : [];
    server = spawnServer(dataDir, await freePort(), { databaseUrl: kind === 'postgres' ? url : undefined, nodeArgs });
    await waitForHealthy(server, { everyMs: 50, timeoutMs: 60_000 });
    // the first student's form must show: a dead session or a missing draft would only show as 100% errors
    const first = data.students[0];
    if (first) {
      const page = await fetch(`${server.baseUrl}/applications/${first.applicationId}`, { headers: { cookie: `outbound_session=${first.sessionCookie}` }, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
      const html = await page.text();
      if (page.status !== 200 || !html.includes(first.csrf)) throw new Error(`GET /applications/:id for the first student answered ${page.status}${page.status === 200 ? ' without the expected CSRF token' : ''}`);
    }

    const load = loadavg()[0] ?? 0;
    log(`${kind}: load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}; ${SURGE_CONCURRENCY} clients submitting ${count.toLocaleString('en-GB')} applications with a ${(cv.length / 1024).toFixed(0)} KiB CV …`);
    const cpuBefore = processCpuMs(server.child.pid);
    const clientBefore = process.cpuUsage();
    const result = await surge(server.baseUrl, data, cv, (sent) => log(`${kind}: ${sent.toLocaleString('en-GB')} answered`));
    const cpuAfter = processCpuMs(server.child.pid);
    const client = process.cpuUsage(clientBefore);
    const serverCpuMs = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
    await stopServer(server);
    server = undefined;

    const acknowledged = data.students.filter((s, i) => result.outcomes[i]?.status === 303 && result.outcomes[i]?.error === undefined);
    const latencies = result.outcomes.map((o) => o.ms).sort((a, b) => a - b);
    const statuses = new Map<string, number>();
    for (const o of result.outcomes) {
      const key = o.error ? `${o.status} (${o.error.slice(0, 60)})` : String(o.status);
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
    const errors = count - acknowledged.length;
    const perSecond = acknowledged.length / (result.wallMs / 1000);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const max = latencies[latencies.length - 1] ?? Number.NaN;
    log(`${kind}: ${[...statuses].map(([status, n]) => `${status}: ${n}`).join(', ')} in ${(result.wallMs / 1000).toFixed(1)} s.`);

    const verifyStarted = performance.now();
    const database = await openFor(kind, dataDir, url);
    let checked: Verification;
    try {
      checked = await verify(database, dataDir, data, acknowledged, createHash('sha256').update(cv).digest('hex'), cv.length);
    } finally {
      await database.close();
    }
    const verifyMs = performance.now() - verifyStarted;
    log(
      `${kind}: checked ${checked.acknowledged.toLocaleString('en-GB')} acknowledged submissions in ${(verifyMs / 1000).toFixed(1)} s: ${checked.lost} lost; ` +
        `${checked.submittedRows} submitted, ${checked.submissionRows} submission rows, ${checked.storedFileRows} stored_files rows, ${checked.filesOnDisk} files on disk, ${checked.receipts} receipts in the outbox.`,
    );
    for (const problem of checked.problems) log(`  lost: ${problem}`);
    if (errors > 0) problems.push(`${name}: ${errors} submissions not acknowledged (${[...statuses].map(([s, n]) => `${s}: ${n}`).join(', ')})`);
    if (checked.lost > 0) problems.push(`${name}: ${checked.lost} acknowledged submissions not stored with their CV`);

    rows.push({ database: kind, students: count, acknowledged: acknowledged.length, errors, lost: checked.lost, perSecond, p50, p99, max, wallS: result.wallMs / 1000, serverCpuMs, load });
    Object.assign(figures, {
      [`${name}.students`]: { value: count, unit: 'students' },
      [`${name}.submissions_per_s`]: { value: round(perSecond, 1), unit: 'submissions/s', target: { op: '>=', bound: TARGET_PER_S } },
      [`${name}.latency_p50_ms`]: { value: round(p50, 1), unit: 'ms' },
      [`${name}.latency_p99_ms`]: { value: round(p99, 1), unit: 'ms', target: { op: '<', bound: TARGET_P99_MS } },
      [`${name}.latency_max_ms`]: { value: round(max, 1), unit: 'ms' },
      [`${name}.acknowledged`]: { value: acknowledged.length, unit: 'submissions' },
      [`${name}.errors`]: { value: errors, unit: 'submissions', target: { op: '=', bound: 0 } },
      [`${name}.lost`]: { value: checked.lost, unit: 'submissions', target: { op: '=', bound: 0 } },
      [`${name}.wall_s`]: { value: round(result.wallMs / 1000, 1), unit: 's' },
      [`${name}.cv_kb`]: { value: round(cv.length / 1024, 1), unit: 'KiB' },
      [`${name}.client_cpu_ms_per_submission`]: { value: round((client.user + client.system) / 1000 / count, 2), unit: 'ms' },
      [`${name}.host_load_1m_at_start`]: { value: round(load, 2), unit: 'load' },
      [`${name}.setup_ms`]: { value: Math.round(setupMs), unit: 'ms' },
      [`${name}.verify_ms`]: { value: Math.round(verifyMs), unit: 'ms' },
    });
    // the server process only: PostgreSQL's own processes are not counted
    if (serverCpuMs !== undefined) figures[`${name}.server_cpu_ms_per_submission`] = { value: round(serverCpuMs / count, 2), unit: 'ms' };
  } finally {
    if (server) await stopServer(server).catch(() => {});
    // 200 KB a student: the directory goes whatever happened
    rmSync(dataDir, { recursive: true, force: true });
    if (kind === 'postgres' && postgresUrl) {
      const base = new URL(postgresUrl);
      base.pathname = '/postgres';
      await adminQuery(base.toString(), `drop database if exists ${SURGE_DATABASE} with (force)`).catch((error: unknown) => log(`Could not drop ${SURGE_DATABASE}: ${String(error)}`));
    }
  }
}

function table(rows: Row[]): string {
  const header = ['database', 'students', 'acked', 'errors', 'lost', 'subm/s', 'p50 ms', 'p99 ms', 'max ms', 'wall s', 'server cpu ms/subm', 'load', `≥ ${TARGET_PER_S}/s, p99 < ${TARGET_P99_MS}, none lost`];
  const cells = rows.map((r) => [
    r.database,
    String(r.students),
    String(r.acknowledged),
    String(r.errors),
    String(r.lost),
    r.perSecond.toFixed(1),
    r.p50.toFixed(0),
    r.p99.toFixed(0),
    r.max.toFixed(0),
    r.wallS.toFixed(1),
    r.serverCpuMs === undefined ? '' : (r.serverCpuMs / r.students).toFixed(1),
    r.load.toFixed(2),
    r.perSecond >= TARGET_PER_S && r.p99 < TARGET_P99_MS && r.lost === 0 && r.errors === 0 ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    c
      .map((cell, i) => (i >= 1 && i <= 11 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export async function runSurge(log: (line: string) => void): Promise<Figures> {
  const count = surgeStudents();
  const cv = await buildCvPdf();
  log(`CV: one ${cv.length.toLocaleString('en-GB')}-byte PDF (a page of text and a photo), sent by every student.`);
  const figures: Figures = {};
  const rows: Row[] = [];
  const problems: string[] = [];
  const failed = (what: string, error: unknown) => {
    const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    log(`FAILED ${message}`);
    problems.push(message);
  };

  try {
    await runOne('pglite', count, cv, undefined, log, figures, rows, problems);
  } catch (error) {
    failed('surge.pglite', error);
  }

  let baseUrl: string | undefined;
  try {
    baseUrl = await postgresBaseUrl(log);
  } catch (error) {
    failed('surge.postgres', error);
  }
  if (baseUrl) {
    try {
      await runOne('postgres', count, cv, baseUrl, log, figures, rows, problems);
    } catch (error) {
      failed('surge.postgres', error);
    }
  }

  if (rows.length > 0) {
    console.log('');
    console.log(`deadline surge on ${HOST}: ${SURGE_CONCURRENCY} clients, one complete application with a ${(cv.length / 1024).toFixed(0)} KiB CV per student, acknowledged = 303; "lost" = acknowledged but not stored with its CV`);
    console.log(table(rows));
    console.log('');
  }
  if (problems.length > 0) throw new PartFailure(problems.join('\n'), figures);
  return figures;
}
