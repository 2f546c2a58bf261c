import autocannon from 'autocannon';

// One load run: a warm-up, then the measured run; any non-2xx, error or timeout fails it.
export const CONNECTIONS = 50;
export const DURATION_S = 10;
// not measured: lets the JIT and the first-request paths settle
export const WARMUP_S = 2;
const WARMUP_CONNECTIONS = 10;

export interface LoadSpec {
  // the figure's name, for messages
  name: string;
  baseUrl: string;
  // one path, or several taken in turn (across all connections)
  paths: readonly string[];
  headers?: Record<string, string>;
}

function options(spec: LoadSpec, seconds: number, connections: number): autocannon.Options {
  const [first = '/', ...others] = spec.paths;
  const base: autocannon.Options = { url: `${spec.baseUrl}${first}`, headers: spec.headers ?? {}, connections, duration: seconds, timeout: 10 };
  if (others.length === 0) return base;
  let next = 0;
  const paths = spec.paths;
  return {
    ...base,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const path = paths[next % paths.length] ?? first;
          next++;
          return { ...request, path };
        },
      },
    ],
  };
}

export function describeStatuses(result: autocannon.Result): string {
  const codes = Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => `${code}: ${stats.count ?? 0}`);
  return `${codes.join(', ')}; errors ${result.errors}, timeouts ${result.timeouts}`;
}

export function failedRequests(result: autocannon.Result): boolean {
  return result.non2xx > 0 || result.errors > 0 || result.timeouts > 0;
}

function failure(name: string, result: autocannon.Result): Error {
  return new Error(
    `${name}: ${result.non2xx} non-2xx responses and ${result.errors} errors in ${result['2xx'] + result.non2xx} responses (${describeStatuses(result)}); ` +
      'figures not recorded',
  );
}

// A non-2xx answer fails the run at once (its latency would flatter the figures). Requests that got
// no answer within the timeout are left to the caller (`strict` fails on them too).
export async function runLoad(spec: LoadSpec, strict = true, beforeMeasuring?: () => void): Promise<autocannon.Result> {
  const warmup = await autocannon(options(spec, WARMUP_S, Math.min(WARMUP_CONNECTIONS, CONNECTIONS)));
  if (warmup.non2xx > 0 || (strict && failedRequests(warmup))) throw failure(`${spec.name} (warm-up)`, warmup);
  beforeMeasuring?.();
  const result = await autocannon(options(spec, DURATION_S, CONNECTIONS));
  if (result.non2xx > 0 || (strict && failedRequests(result))) throw failure(spec.name, result);
  return result;
}
