// `npm run bench` runs every part; `npm run bench -- <part> [<part> …]` runs the ones named.
// `npm run bench -- data --fresh` rebuilds the 10k data directory even when it is current
// (and `catalogue --fresh` the catalogue's).
import { loadavg } from 'node:os';
import { runAllocation } from './allocation.ts';
import { runAllocationDb } from './allocation-db.ts';
import { runCatalogue } from './catalogue.ts';
import { ensureData, type BenchData } from './data.ts';
import { runHttp } from './http.ts';
import { formatTable, PartFailure, round, saveFigures, type Figures } from './results.ts';
import { killAllServersNow, stopAllServers } from './server.ts';
import { runStartup } from './startup.ts';
import { DEFAULT_SURGE_STUDENTS, runSurge, SURGE_CONCURRENCY } from './surge.ts';
import { runViews } from './views.ts';

interface PartContext {
  log: (line: string) => void;
  fresh: boolean;
  // the 10k-user directory, generated on first use
  users(): Promise<BenchData>;
}

interface Part {
  name: string;
  about: string;
  run(context: PartContext): Promise<Figures>;
}

const parts: Part[] = [
  { name: 'http', about: 'requests/s and latency of /healthz and the signed-in home page', run: async (c) => runHttp(await c.users(), c.log) },
  { name: 'startup', about: 'spawn to first 200 on /healthz on the existing 10k directory', run: async (c) => runStartup(await c.users(), c.log) },
  { name: 'views', about: 'the city finder\'s search and the world map with 200 markers, rendered alone', run: async (c) => runViews(c.log) },
  {
    name: 'catalogue',
    about: '/posts (3 ways) and /posts/:id with 2,000 posts, on PGlite and PostgreSQL',
    run: (c) => runCatalogue(c.log, { fresh: c.fresh }),
  },
  {
    name: 'surge',
    about: `deadline surge: ${DEFAULT_SURGE_STUDENTS.toLocaleString('en-GB')} applications with a 200 KB CV, ${SURGE_CONCURRENCY} clients, PGlite and PostgreSQL`,
    run: (c) => runSurge(c.log),
  },
  {
    name: 'allocation',
    about: 'allocation engine vs the npm package stable-marriage: 20k students/2k posts and NRMP scale (47k/6.6k)',
    run: (c) => runAllocation(c.log),
  },
  {
    name: 'allocation-db',
    about: 'the whole allocation run of 20k students/2k posts from the database (load, compute, store), PGlite and PostgreSQL',
    run: (c) => runAllocationDb(c.log),
  },
];
const partNames = ['data', ...parts.map((part) => part.name)];

const usage = `Usage: npm run bench [-- <part> …] [--fresh]

Parts:
  data      generate the 10k-user PGlite directory (the other parts do it when it is missing)
${parts.map((part) => `  ${part.name.padEnd(9)} ${part.about}`).join('\n')}

--fresh   rebuild the data directories even when they are current
PostgreSQL for the catalogue: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test
when it answers (the database outbound_bench_catalogue is dropped and recreated there).
The surge: SURGE_STUDENTS=2000 for fewer students; PostgreSQL as for the catalogue, in the database
outbound_bench_surge (created and dropped); its data directories (4 GB of CVs) are removed afterwards.
`;

function log(line: string): void {
  console.log(`  ${line}`);
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage);
    return 0;
  }
  const fresh = argv.includes('--fresh');
  const named = argv.filter((arg) => arg !== '--fresh');
  const unknown = named.filter((arg) => !partNames.includes(arg));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown part ${unknown.map((u) => `"${u}"`).join(', ')}.\n\n${usage}`);
    return 2;
  }
  const selected = named.length === 0 ? partNames : partNames.filter((name) => named.includes(name));

  const figures: Figures = {};
  let users: Promise<BenchData> | undefined;
  const context: PartContext = {
    log,
    fresh,
    users() {
      users ??= ensureData({ fresh, log }).then(({ data, figures: dataFigures }) => {
        saveFigures(dataFigures);
        Object.assign(figures, dataFigures);
        return data;
      });
      return users;
    },
  };
  if (selected.includes('data')) {
    console.log('data');
    await context.users();
  }

  let failed = false;
  for (const part of parts.filter((p) => selected.includes(p.name))) {
    console.log(part.name);
    // the machine may be busy with other work: the figures are read against it
    const loadBefore = loadavg()[0] ?? 0;
    const keep = (partFigures: Figures) => {
      partFigures[`${part.name}.host_load_1m_before`] = { value: round(loadBefore, 2), unit: 'load' };
      partFigures[`${part.name}.host_load_1m_after`] = { value: round(loadavg()[0] ?? 0, 2), unit: 'load' };
      saveFigures(partFigures);
      Object.assign(figures, partFigures);
    };
    try {
      keep(await part.run(context));
    } catch (error) {
      failed = true;
      // measured before it failed: written, with the targets showing what failed
      if (error instanceof PartFailure) keep(error.figures);
      console.error(`\nPart "${part.name}" FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
    } finally {
      await stopAllServers();
    }
  }

  console.log('');
  console.log(Object.keys(figures).length > 0 ? formatTable(figures) : 'No new figures.');
  console.log('\nWritten to bench/results.json (merged with the figures already there).');
  return failed ? 1 : 0;
}

// a server must not outlive the run, however it ends
process.once('exit', killAllServersNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\nReceived ${signal}: stopping the servers.`);
    stopAllServers().finally(() => process.exit(130));
  });
}

main(process.argv.slice(2)).then(
  async (code) => {
    await stopAllServers();
    process.exit(code);
  },
  async (error: unknown) => {
    console.error(error);
    await stopAllServers();
    process.exit(1);
  },
);
