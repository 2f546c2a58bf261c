import { freshCopy, type BenchData } from './data.ts';
import { round, type Figures } from './results.ts';
import { freePort, spawnServer, stopServer, waitForHealthy } from './server.ts';

const RUNS = 3;
const POLL_MS = 20;
const TIMEOUT_MS = 60_000;
const TARGET_MS = 3000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  const lower = sorted[middle - 1] ?? upper;
  return sorted.length % 2 === 1 ? upper : (lower + upper) / 2;
}

// From spawning `outbound serve` on the existing 10k directory to its first 200 on /healthz.
// One copy, served RUNS times one after another: the app locks its directory, so never two at once.
export async function runStartup(data: BenchData, log: (line: string) => void): Promise<Figures> {
  const dataDir = freshCopy(data, 'startup');
  const times: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const port = await freePort();
    const spawned = performance.now();
    const server = spawnServer(dataDir, port);
    try {
      const healthy = await waitForHealthy(server, { everyMs: POLL_MS, timeoutMs: TIMEOUT_MS });
      times.push(healthy - spawned);
      log(`Run ${run}: ${Math.round(healthy - spawned)} ms`);
    } finally {
      await stopServer(server);
    }
  }
  const figures: Figures = {
    'startup.median_ms': { value: Math.round(median(times)), unit: 'ms', target: { op: '<', bound: TARGET_MS } },
  };
  times.forEach((time, index) => {
    figures[`startup.run${index + 1}_ms`] = { value: round(time, 0), unit: 'ms' };
  });
  return figures;
}
