// The public catalogue under load: GET /posts (no filter, three filters, text search) and
// GET /posts/:id, on the embedded database and on PostgreSQL, 200 offices and 2,000 published posts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildPostgresCatalogue, ensureCatalogueData, hiddenPostIds, listedPosts, postgresBaseUrl, PUBLISHED_POSTS, SEARCH_WORD, type CatalogueDataset } from './catalogue-data.ts';
import { copyDataDir } from './data.ts';
import { CONNECTIONS, describeStatuses, DURATION_S, failedRequests, runLoad, WARMUP_S } from './load.ts';
import { PartFailure, round, type Figures } from './results.ts';
import { freePort, HOST, processCpuMs, spawnServer, stopServer, waitForHealthy, type ServerProcess } from './server.ts';

const TARGET_P99_MS = 100;
// published posts the detail run takes in turn
const DETAIL_IDS = 40;
// unloaded requests per URL before the load: the time one request takes on its own
const SINGLE_REQUESTS = 20;
const FILTERS = { region: 'Africa', level: 'UG', sdg: 10 } as const;

interface Endpoint {
  key: 'list' | 'filtered' | 'search' | 'post';
  about: string;
  paths: string[];
  // posts the list page must count, or the titles each detail page must show
  expectedTotal?: number;
  titles?: Map<string, string>;
}

interface Scenario {
  endpoints: Endpoint[];
  hidden: { draft: string; staleRound: string };
}

const numbers = new Intl.NumberFormat('en-GB');
const postsText = (count: number) => `${numbers.format(count)} ${count === 1 ? 'post' : 'posts'}`;

function scenario(dataset: CatalogueDataset, now: Date, log: (line: string) => void): Scenario {
  const listed = listedPosts(dataset, now);
  if (listed.length !== PUBLISHED_POSTS) throw new Error(`Expected ${PUBLISHED_POSTS} posts open now, the data set has ${listed.length}`);
  const filtered = listed.filter((p) => p.region === FILTERS.region && p.levels.includes(FILTERS.level) && p.sdgs.includes(FILTERS.sdg));
  const searched = listed.filter((p) => p.searchText.includes(SEARCH_WORD));
  const share = searched.length / listed.length;
  if (share < 0.03 || share > 0.08) throw new Error(`"${SEARCH_WORD}" occurs in ${(share * 100).toFixed(1)}% of the posts, not about 5%`);
  if (filtered.length <= 20) throw new Error(`The three filters leave ${filtered.length} posts: not a useful load`);

  const step = Math.floor(listed.length / DETAIL_IDS);
  const detail = Array.from({ length: DETAIL_IDS }, (_, i) => listed[i * step]).filter((p) => p !== undefined);
  const filterQuery = new URLSearchParams({ region: FILTERS.region, level: FILTERS.level, sdg: String(FILTERS.sdg) }).toString();
  const endpoints: Endpoint[] = [
    { key: 'list', about: 'GET /posts', paths: ['/posts'], expectedTotal: listed.length },
    { key: 'filtered', about: `GET /posts?${filterQuery}`, paths: [`/posts?${filterQuery}`], expectedTotal: filtered.length },
    { key: 'search', about: `GET /posts?q=${SEARCH_WORD}`, paths: [`/posts?q=${encodeURIComponent(SEARCH_WORD)}`], expectedTotal: searched.length },
    { key: 'post', about: `GET /posts/:id (${detail.length} ids in turn)`, paths: detail.map((p) => `/posts/${p.id}`), titles: new Map(detail.map((p) => [`/posts/${p.id}`, p.title])) },
  ];
  log(`Expected: ${postsText(listed.length)} unfiltered; ${postsText(filtered.length)} for ${filterQuery}; ${postsText(searched.length)} (${(share * 100).toFixed(1)}%) for q=${SEARCH_WORD}.`);
  return { endpoints, hidden: hiddenPostIds(dataset, now) };
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

async function get(url: string): Promise<{ status: number; html: string }> {
  const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  return { status: response.status, html: await response.text() };
}

// every URL answers 200 with what the data set says it should show; hidden posts answer 404
async function verify(server: ServerProcess, plan: Scenario, when: string): Promise<void> {
  for (const endpoint of plan.endpoints) {
    for (const p of endpoint.paths) {
      const { status, html } = await get(`${server.baseUrl}${p}`);
      if (status !== 200) throw new Error(`${when}: GET ${p} answered ${status}`);
      if (endpoint.expectedTotal !== undefined) {
        const heading = /<h2 id="results-count"[^>]*>([^<]*)<\/h2>/.exec(html)?.[1];
        if (!html.includes('<h1>Internship posts</h1>') || heading === undefined) throw new Error(`${when}: GET ${p} did not show the catalogue (no heading or no results count)`);
        if (decodeEntities(heading).trim() !== postsText(endpoint.expectedTotal)) throw new Error(`${when}: GET ${p} says "${heading}", expected "${postsText(endpoint.expectedTotal)}"`);
      }
      const title = endpoint.titles?.get(p);
      if (title !== undefined) {
        const h1 = /<h1>([^<]*)<\/h1>/.exec(html)?.[1];
        if (h1 === undefined || decodeEntities(h1) !== title) throw new Error(`${when}: GET ${p} shows "${h1 ?? '(no h1)'}", expected "${title}"`);
      }
    }
  }
  for (const [what, id] of [
    ['a draft post', plan.hidden.draft],
    ['a published post of a closed round', plan.hidden.staleRound],
  ] as const) {
    const { status } = await get(`${server.baseUrl}/posts/${id}`);
    if (status !== 404) throw new Error(`${when}: GET /posts/:id of ${what} answered ${status}, expected 404`);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  const lower = sorted[middle - 1] ?? upper;
  return sorted.length % 2 === 1 ? upper : (lower + upper) / 2;
}

// one request at a time: the service time, without queueing behind 49 others
async function singleRequestMs(baseUrl: string, paths: string[]): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < SINGLE_REQUESTS; i++) {
    const p = paths[i % paths.length] ?? '/';
    const started = performance.now();
    const { status } = await get(`${baseUrl}${p}`);
    times.push(performance.now() - started);
    if (status !== 200) throw new Error(`GET ${p} answered ${status}`);
  }
  return median(times);
}

interface Row {
  database: string;
  endpoint: Endpoint;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  singleMs: number;
  cpuPerRequest: number | undefined;
}

async function loadServer(database: 'pglite' | 'postgres', server: ServerProcess, plan: Scenario, log: (line: string) => void, rows: Row[], problems: string[], figures: Figures): Promise<void> {
  await waitForHealthy(server, { everyMs: 50, timeoutMs: 60_000 });
  await verify(server, plan, `${database}, before the load`);
  log(`${database}: every URL answers 200 with the expected count or title; a draft and a closed round's post answer 404.`);
  for (const endpoint of plan.endpoints) {
    const singleMs = await singleRequestMs(server.baseUrl, endpoint.paths);
    const name = `catalogue.${database}.${endpoint.key}`;
    log(`${database}: ${endpoint.about} (${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s) …`);
    // non-2xx fails at once; requests left unanswered for 10 s are counted and fail the part at the end
    let cpuBefore: number | undefined;
    const result = await runLoad({ name, baseUrl: server.baseUrl, paths: endpoint.paths }, false, () => {
      cpuBefore = processCpuMs(server.child.pid);
    });
    const cpuAfter = processCpuMs(server.child.pid);
    const answered = result['2xx'] + result.non2xx;
    const cpuPerRequest = cpuBefore !== undefined && cpuAfter !== undefined && answered > 0 ? (cpuAfter - cpuBefore) / answered : undefined;
    if (failedRequests(result)) {
      const problem = `${name}: requests without an answer within 10 s (${describeStatuses(result)})`;
      log(`FAILED ${problem}`);
      problems.push(problem);
    }
    rows.push({ database, endpoint, requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, singleMs, cpuPerRequest });
    // the server process only: PostgreSQL's own processes are not counted
    if (cpuPerRequest !== undefined) figures[`${name}.server_cpu_ms_per_request`] = { value: round(cpuPerRequest, 2), unit: 'ms' };
    Object.assign(figures, {
      [`${name}.requests_per_s`]: { value: round(result.requests.average), unit: 'req/s' },
      [`${name}.latency_p50_ms`]: { value: round(result.latency.p50, 2), unit: 'ms' },
      [`${name}.latency_p99_ms`]: { value: round(result.latency.p99, 2), unit: 'ms', target: { op: '<', bound: TARGET_P99_MS } },
      [`${name}.single_request_ms`]: { value: round(singleMs, 2), unit: 'ms' },
      [`${name}.non2xx`]: { value: result.non2xx, unit: 'responses', target: { op: '=', bound: 0 } },
      [`${name}.errors`]: { value: result.errors, unit: 'requests', target: { op: '=', bound: 0 } },
      [`${name}.requests_total`]: { value: result['2xx'], unit: 'requests' },
      [`${name}.kb_per_response`]: { value: round(result.throughput.total / Math.max(1, result['2xx'] + result.non2xx) / 1024), unit: 'KiB' },
    });
  }
  await verify(server, plan, `${database}, after the load`);
}

function table(rows: Row[]): string {
  const header = ['database', 'endpoint', 'req/s', 'p50 ms', 'p99 ms', 'alone ms', 'cpu ms/req', `p99 < ${TARGET_P99_MS}`];
  const cells = rows.map((r) => [
    r.database,
    r.endpoint.about,
    r.requestsPerSecond.toFixed(0),
    r.p50.toFixed(0),
    r.p99.toFixed(0),
    r.singleMs.toFixed(1),
    r.cpuPerRequest === undefined ? '' : r.cpuPerRequest.toFixed(2),
    r.p99 < TARGET_P99_MS ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    c
      .map((cell, i) => (i >= 2 && i <= 6 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export async function runCatalogue(log: (line: string) => void, options: { fresh?: boolean } = {}): Promise<Figures> {
  const { data, figures: dataFigures } = await ensureCatalogueData({ fresh: options.fresh, log });
  const figures: Figures = { ...dataFigures };
  const plan = scenario(data.dataset, new Date(), log);
  for (const endpoint of plan.endpoints) {
    if (endpoint.expectedTotal !== undefined) figures[`catalogue.expected.${endpoint.key}_posts`] = { value: endpoint.expectedTotal, unit: 'posts' };
  }
  const rows: Row[] = [];
  const problems: string[] = [];
  const failed = (what: string, error: unknown) => {
    const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    log(`FAILED ${message}`);
    problems.push(message);
  };

  // the embedded database: a fresh copy of the pristine directory
  {
    const dataDir = copyDataDir(data.dataDir, 'catalogue');
    const server = spawnServer(dataDir, await freePort());
    try {
      await loadServer('pglite', server, plan, log, rows, problems, figures);
    } catch (error) {
      failed('pglite', error);
    } finally {
      await stopServer(server);
    }
  }

  // PostgreSQL: the same rows in a database of its own; a temporary data directory for the secret
  let baseUrl: string | undefined;
  try {
    baseUrl = await postgresBaseUrl(log);
  } catch (error) {
    failed('postgres', error);
  }
  if (baseUrl) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'outbound-bench-catalogue-'));
    let server: ServerProcess | undefined;
    try {
      const built = await buildPostgresCatalogue(baseUrl, data.dataset, log);
      Object.assign(figures, built.figures);
      server = spawnServer(dataDir, await freePort(), { databaseUrl: built.url });
      await loadServer('postgres', server, plan, log, rows, problems, figures);
    } catch (error) {
      failed('postgres', error);
    } finally {
      if (server) await stopServer(server);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  if (rows.length > 0) {
    console.log('');
    console.log(`catalogue on ${HOST}: ${CONNECTIONS} connections × ${DURATION_S} s after ${WARMUP_S} s warm-up ("alone": median of ${SINGLE_REQUESTS} requests one at a time; "cpu": the server process's CPU time per request under load)`);
    console.log(table(rows));
    console.log('');
  }
  if (problems.length > 0) throw new PartFailure(problems.join('\n'), figures);
  return figures;
}
