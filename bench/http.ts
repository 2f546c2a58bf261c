import { benchUser, freshCopy, type BenchData } from './data.ts';
import { CONNECTIONS, DURATION_S, runLoad, WARMUP_S } from './load.ts';
import { round, type Figures, type Target } from './results.ts';
import { freePort, spawnServer, stopServer, waitForHealthy } from './server.ts';

interface Endpoint {
  key: string;
  path: string;
  headers: Record<string, string>;
  targets: { requestsPerSecond: number; p99Ms: number };
}

function setCookieValue(setCookies: string[], name: string): string | undefined {
  for (const header of setCookies) {
    const [pair = ''] = header.split(';');
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

// GET /sign-in for the CSRF cookie and field, then POST the form; returns the session cookie value
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${baseUrl}/sign-in`, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`GET /sign-in answered ${page.status}`);
  const csrfCookie = setCookieValue(page.headers.getSetCookie(), 'outbound_csrf');
  const csrfField = /<input[^>]*name="_csrf"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? /<input[^>]*value="([^"]+)"[^>]*name="_csrf"/.exec(html)?.[1];
  if (!csrfCookie || !csrfField) throw new Error('GET /sign-in gave no outbound_csrf cookie or no _csrf field');

  const response = await fetch(`${baseUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `outbound_csrf=${csrfCookie}` },
    body: new URLSearchParams({ email, password, _csrf: csrfField }).toString(),
    signal: AbortSignal.timeout(10_000),
  });
  await response.arrayBuffer();
  const session = setCookieValue(response.headers.getSetCookie(), 'outbound_session');
  if (response.status !== 303 || !session) throw new Error(`POST /sign-in answered ${response.status} without a session cookie`);
  return session;
}

// the home page must greet the bench user: a public page would also answer 200 with a dead session
async function assertSignedIn(baseUrl: string, cookie: string, when: string): Promise<void> {
  const response = await fetch(`${baseUrl}/`, { headers: { cookie }, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  const html = await response.text();
  if (response.status !== 200 || !html.includes(benchUser.name) || !html.includes('Welcome')) {
    throw new Error(`${when}: GET / with the session cookie did not show the signed-in home page (status ${response.status})`);
  }
}

async function measure(baseUrl: string, endpoint: Endpoint): Promise<Figures> {
  const name = `http.${endpoint.key}`;
  const result = await runLoad({ name, baseUrl, paths: [endpoint.path], headers: endpoint.headers });
  const atLeast = (bound: number): Target => ({ op: '>=', bound });
  const below = (bound: number): Target => ({ op: '<', bound });
  return {
    [`${name}.requests_per_s`]: { value: round(result.requests.average), unit: 'req/s', target: atLeast(endpoint.targets.requestsPerSecond) },
    [`${name}.latency_p50_ms`]: { value: round(result.latency.p50, 2), unit: 'ms' },
    [`${name}.latency_p99_ms`]: { value: round(result.latency.p99, 2), unit: 'ms', target: below(endpoint.targets.p99Ms) },
    [`${name}.non2xx`]: { value: result.non2xx, unit: 'responses', target: { op: '=', bound: 0 } },
    [`${name}.requests_total`]: { value: result['2xx'], unit: 'requests' },
    // autocannon stops on its next one-second sample after the duration, so often a second later
    [`${name}.duration_s`]: { value: result.duration, unit: 's' },
  };
}

// The real server on a copy of the 10k directory, loaded from this process over loopback.
export async function runHttp(data: BenchData, log: (line: string) => void): Promise<Figures> {
  const dataDir = freshCopy(data, 'http');
  const port = await freePort();
  const server = spawnServer(dataDir, port);
  try {
    await waitForHealthy(server, { everyMs: 50, timeoutMs: 60_000 });
    const session = await signIn(server.baseUrl, benchUser.email, benchUser.password);
    const cookie = `outbound_session=${session}`;
    await assertSignedIn(server.baseUrl, cookie, 'Before the run');

    const endpoints: Endpoint[] = [
      { key: 'healthz', path: '/healthz', headers: {}, targets: { requestsPerSecond: 1000, p99Ms: 100 } },
      { key: 'home', path: '/', headers: { cookie }, targets: { requestsPerSecond: 300, p99Ms: 250 } },
    ];
    const figures: Figures = {};
    for (const endpoint of endpoints) {
      log(`Loading GET ${endpoint.path} (${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s) …`);
      Object.assign(figures, await measure(server.baseUrl, endpoint));
    }
    await assertSignedIn(server.baseUrl, cookie, 'After the run');
    return figures;
  } finally {
    await stopServer(server);
  }
}
