// `npm test`: every test on the embedded database, the database tests again on PostgreSQL when
// TEST_DATABASE_URL is set, then the browser tests where Chromium is available; one summary at the end.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import { prepareTemplateDatabase } from './helpers/test-database.ts';
import { chromiumPath } from './helpers/chromium.ts';
import { createCountReader } from './helpers/test-counts.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const filter = process.argv.slice(2);

function testFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.test\.tsx?$/.test(file))
    .map((file) => path.join(dir, file))
    .filter((file) => filter.length === 0 || filter.some((f) => file.includes(f)))
    .sort();
}

interface Counts {
  pass: number;
  fail: number;
  skipped: number;
}

// timeoutMs: per test; a browser test walks a whole journey in Chromium, which on a busy 2-core machine takes minutes
function run(label: string, files: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<Counts & { code: number }> {
  console.log(`\n=== ${label}: ${files.length} test files ===`);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', `--test-timeout=${timeoutMs}`, ...files],
      { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const reader = createCountReader();
    // a chunk may end inside a character ("ℹ" is three bytes)
    const decoder = new StringDecoder('utf8');
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      reader.feed(decoder.write(chunk));
    });
    child.on('close', (code) => {
      const counts = reader.counts();
      // a test cancelled by its timeout is a failure, and counted as one
      resolve({ pass: counts.pass, fail: counts.fail + counts.cancelled, skipped: counts.skipped, code: code ?? 1 });
    });
  });
}

const unitAndIntegration = [...testFiles(path.join(root, 'src')), ...testFiles(path.join(root, 'test')).filter((f) => !f.includes(`${path.sep}e2e${path.sep}`))];
const browser = testFiles(path.join(root, 'test', 'e2e'));
const total: Counts = { pass: 0, fail: 0, skipped: 0 };
let failed = false;
const add = (r: Counts & { code: number }) => {
  total.pass += r.pass;
  total.fail += r.fail;
  total.skipped += r.skipped;
  if (r.code !== 0) failed = true;
};

if (unitAndIntegration.length > 0) add(await run('Embedded database (PGlite)', unitAndIntegration, { TEST_DB: 'pglite' }));

const pgUrl = process.env.TEST_DATABASE_URL;
if (pgUrl && unitAndIntegration.length > 0) {
  await prepareTemplateDatabase(pgUrl);
  add(await run('PostgreSQL', unitAndIntegration, { TEST_DB: 'postgres' }));
} else if (unitAndIntegration.length > 0) {
  console.log('\nPostgreSQL pass not run: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run the database tests on PostgreSQL too.');
}

const chromium = chromiumPath();
let browserNote = '';
if (browser.length > 0) {
  if (chromium) {
    add(await run(`Browser (${chromium})`, browser, { CHROMIUM_PATH: chromium, TEST_DB: 'pglite' }, 300_000));
  } else {
    browserNote = `Browser tests skipped (${browser.length} files): no Chromium found. Enable them with: apt-get install -y chromium (or set CHROMIUM_PATH).`;
    total.skipped += browser.length;
    if (process.env.CI === 'true') failed = true;
  }
}

console.log('\n=== Summary ===');
if (browserNote) console.log(process.env.CI === 'true' ? `FAILED under CI=true: ${browserNote}` : browserNote);
console.log(`Total: ${total.pass} passed, ${total.fail} failed, ${total.skipped} skipped`);
process.exit(failed || total.fail > 0 ? 1 : 0);
