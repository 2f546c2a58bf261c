import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { cliEntry, projectRoot } from './paths.ts';

// Servers started by the suite, so they are stopped whatever happens to the run.
const children = new Set<ChildProcess>();

export const HOST = '127.0.0.1';

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  // set once the process has exited
  exited: Promise<number | null>;
  // the last lines it printed, for error messages
  output(): string;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// a port the kernel just handed out on the loopback interface
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('No free port'))));
    });
  });
}

export interface SpawnOptions {
  // PostgreSQL instead of the embedded database in dataDir (which still holds the session secret)
  databaseUrl?: string | undefined;
  // extra arguments for node, before the entry point (e.g. --cpu-prof)
  nodeArgs?: readonly string[] | undefined;
}

// the environment of `outbound serve`: nothing inherited may point it at another database or mail server
function serverEnv(dataDir: string, port: number, options: SpawnOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'SMTP_URL', 'BASE_URL', 'HOST', 'TRUST_PROXY', 'NODE_OPTIONS']) delete env[name];
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  return {
    ...env,
    NODE_ENV: 'development',
    HOST,
    DATA_DIR: dataDir,
    PORT: String(port),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    JOB_POLL_MS: '1000',
  };
}

export function spawnServer(dataDir: string, port: number, options: SpawnOptions = {}): ServerProcess {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', cliEntry, 'serve'], {
    cwd: projectRoot,
    env: serverEnv(dataDir, port, options),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter((line) => line.trim() !== ''));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve(code ?? (signal ? -1 : null));
    });
    child.once('error', (error) => {
      lines.push(`spawn error: ${error.message}`);
      children.delete(child);
      resolve(-1);
    });
  });
  return { child, port, baseUrl: `http://${HOST}:${port}`, exited, output: () => lines.join('\n') };
}

// one GET, its status or 0 when nothing answered; bounded by its own timeout
export function probeStatus(url: string, timeoutMs = 1000): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
      res.once('error', () => resolve(0));
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(0));
    req.end();
  });
}

// Polls /healthz every `everyMs` until a 200; returns the time of that answer (performance.now()).
export async function waitForHealthy(server: ServerProcess, options: { everyMs: number; timeoutMs: number }): Promise<number> {
  let exitCode: number | null | undefined;
  void server.exited.then((code) => {
    exitCode = code;
  });
  const deadline = performance.now() + options.timeoutMs;
  while (performance.now() < deadline) {
    const attempt = performance.now();
    const status = await probeStatus(`${server.baseUrl}/healthz`, Math.max(1, Math.min(1000, deadline - attempt)));
    if (status === 200) return performance.now();
    if (exitCode !== undefined) throw new Error(`The server exited (code ${String(exitCode)}) before answering /healthz:\n${server.output()}`);
    await sleep(Math.max(0, options.everyMs - (performance.now() - attempt)));
  }
  throw new Error(`The server gave no 200 on /healthz within ${options.timeoutMs} ms:\n${server.output()}`);
}

// SIGTERM and wait; SIGKILL if it does not stop in time
export async function stopServer(server: ServerProcess, graceMs = 10_000): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const stopped = await Promise.race([server.exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!stopped) {
    server.child.kill('SIGKILL');
    await Promise.race([server.exited, sleep(5000)]);
    throw new Error(`The server (pid ${String(server.child.pid)}) did not stop within ${graceMs} ms of SIGTERM and was killed`);
  }
}

// Stops every server still running: after each part and on any way out of the run.
export async function stopAllServers(): Promise<void> {
  await Promise.all(
    [...children].map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const stopped = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
      if (!stopped) child.kill('SIGKILL');
    }),
  );
}

// last resort when the process is leaving: no waiting is possible here
export function killAllServersNow(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

let ticksPerSecond: number | undefined;

// CPU time (user + system) the process has used so far, from /proc; undefined where there is no /proc.
// Unlike latency, it does not depend on what else the machine is doing.
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the fields after the command name, which is in parentheses and may hold spaces
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / ticksPerSecond : undefined;
  } catch {
    return undefined;
  }
}
