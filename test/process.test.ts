// The process as a user runs it: `outbound serve` and the other CLI commands, on a real data directory.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { testDatabaseKind } from './helpers/test-database.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(root, 'src', 'cli.ts');
const dirs: string[] = [];
const children = new Set<ChildProcess>();

after(() => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'outbound-test-'));
  dirs.push(dir);
  return dir;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function runCli(args: string[], env: Record<string, string>, stdin?: string): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'development', SEED_DEMO: 'true', LOG_LEVEL: 'warn', DATABASE_URL: '', SMTP_URL: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  if (stdin !== undefined) child.stdin?.end(stdin);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return { child, output: () => output, exited };
}

async function waitForHealth(port: number, run: Run, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (run.child.exitCode !== null) throw new Error(`server exited early: ${run.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.status === 200) return (await response.json()) as Record<string, unknown>;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no healthy server within ${timeoutMs} ms: ${run.output()}`);
}

if (testDatabaseKind() === 'pglite') {
  describe('serve on the embedded database', () => {
    test('first start migrates, seeds and prints the demo accounts; a second process on the same data is refused; a later start reuses the data', async () => {
      const dataDir = tempDir();
      const port = await freePort();
      const env = { DATA_DIR: dataDir, PORT: String(port) };
      const first = runCli(['serve'], env);
      assert.equal((await waitForHealth(port, first)).status, 'ok');
      const printed = first.output();
      assert.match(printed, new RegExp(`running at http://localhost:${port}`));
      for (const role of ['student', 'staff', 'partner_admin', 'partner_reviewer', 'funder', 'edi_officer', 'admin']) assert.match(printed, new RegExp(`${role}\\s+\\S+@`));
      assert.equal(readFileSync(path.join(dataDir, 'outbound.lock'), 'utf8'), String(first.child.pid));

      const second = runCli(['serve'], { DATA_DIR: dataDir, PORT: String(await freePort()) });
      assert.equal(await second.exited, 1);
      assert.match(second.output(), /Another Outbound process \(pid \d+\) is using the data directory/);

      first.child.kill('SIGTERM');
      assert.equal(await first.exited, 0, 'graceful shutdown');
      assert.equal(existsSync(path.join(dataDir, 'outbound.lock')), false, 'the lock is released');

      const again = runCli(['serve'], env);
      await waitForHealth(port, again);
      assert.doesNotMatch(again.output(), /Seeded/, 'the data was reused');
      const signIn = await fetch(`http://127.0.0.1:${port}/sign-in`);
      assert.equal(signIn.status, 200);
      again.child.kill('SIGINT');
      assert.equal(await again.exited, 0);
    });

    test('a process killed with kill -9 leaves no lock that blocks the next start', async () => {
      const dataDir = tempDir();
      const port = await freePort();
      const env = { DATA_DIR: dataDir, PORT: String(port), SEED_DEMO: 'false' };
      const killed = runCli(['serve'], env);
      await waitForHealth(port, killed);
      killed.child.kill('SIGKILL');
      await killed.exited;
      assert.equal(existsSync(path.join(dataDir, 'outbound.lock')), true, 'the stale lock is still there');
      const next = runCli(['serve'], env);
      assert.equal((await waitForHealth(port, next)).status, 'ok');
      next.child.kill('SIGTERM');
      assert.equal(await next.exited, 0);
    });

    test('production refuses to start without a session secret', async () => {
      const run = runCli(['serve'], { NODE_ENV: 'production', DATA_DIR: tempDir(), SESSION_SECRET: '' });
      assert.equal(await run.exited, 1);
      assert.match(run.output(), /SESSION_SECRET must be set/);
    });
  });

  describe('CLI commands', () => {
    test('migrate, create-admin from stdin, and seed --demo that refuses real data unless forced', async () => {
      const dataDir = tempDir();
      const env = { DATA_DIR: dataDir };
      const migrate = runCli(['migrate'], env);
      assert.equal(await migrate.exited, 0, migrate.output());
      assert.match(migrate.output(), /Migrations applied/);

      const weak = runCli(['create-admin', '--email', 'ops@example.ac.uk'], env, 'qwerty123456\n');
      assert.equal(await weak.exited, 1);
      assert.match(weak.output(), /too common/);

      const admin = runCli(['create-admin', '--email', 'ops@example.ac.uk', '--name', 'Ops Person'], env, 'a long operator passphrase\n');
      assert.equal(await admin.exited, 0, admin.output());
      assert.match(admin.output(), /Administrator ops@example\.ac\.uk created/);
      assert.doesNotMatch(admin.output(), /a long operator passphrase/);

      const refused = runCli(['seed', '--demo'], env);
      assert.equal(await refused.exited, 1);
      assert.match(refused.output(), /Refusing to load demo data: this database holds 1 real account/);
      const forced = runCli(['seed', '--demo', '--force'], env);
      assert.equal(await forced.exited, 0, forced.output());
      assert.match(forced.output(), /Demo loaded/);

      const unknown = runCli(['frobnicate'], env);
      assert.equal(await unknown.exited, 2);
      assert.match(unknown.output(), /Unknown command "frobnicate"/);
    });
  });
}

if (testDatabaseKind() === 'postgres') {
  describe('serve on PostgreSQL', () => {
    test('DATABASE_URL runs the same app on PostgreSQL with the same migrations', async () => {
      const base = process.env.TEST_DATABASE_URL ?? '';
      const name = `outbound_serve_${process.pid}`;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
      const url = new URL(base);
      url.pathname = `/${name}`;
      const port = await freePort();
      try {
        const run = runCli(['serve'], { DATABASE_URL: url.toString(), DATA_DIR: tempDir(), PORT: String(port) });
        const health = await waitForHealth(port, run);
        assert.deepEqual(health.database, { kind: 'postgres', reachable: true });
        assert.match(run.output(), /Demo accounts/);
        run.child.kill('SIGTERM');
        assert.equal(await run.exited, 0);
      } finally {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    });
  });
}
