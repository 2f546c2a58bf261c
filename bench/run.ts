// `npm run bench` runs every part; `npm run bench -- <part> [<part> …]` runs the ones named.
// `npm run bench -- data --fresh` rebuilds the 10k data directory even when it is current.
import { loadavg } from 'node:os';
import { ensureData, type BenchData } from './data.ts';
import { runHttp } from './http.ts';
import { formatTable, round, saveFigures, type Figures } from './results.ts';
import { killAllServersNow, stopAllServers } from './server.ts';
import { runStartup } from './startup.ts';

interface Part {
  name: string;
  about: string;
  run(data: BenchData, log: (line: string) => void): Promise<Figures>;
}

const parts: Part[] = [
  { name: 'http', about: 'requests/s and latency of /healthz and the signed-in home page', run: runHttp },
  { name: 'startup', about: 'spawn to first 200 on /healthz on the existing 10k directory', run: runStartup },
];
const partNames = ['data', ...parts.map((part) => part.name)];

const usage = `Usage: npm run bench [-- <part> …] [--fresh]

Parts:
  data      generate the 10k-user PGlite directory (the other parts do it when it is missing)
${parts.map((part) => `  ${part.name.padEnd(9)} ${part.about}`).join('\n')}

--fresh   rebuild the data directory even when it is current
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
  console.log('data');
  const { data, figures: dataFigures } = await ensureData({ fresh, log });
  saveFigures(dataFigures);
  Object.assign(figures, dataFigures);

  let failed = false;
  for (const part of parts.filter((p) => selected.includes(p.name))) {
    console.log(part.name);
    // the machine may be busy with other work: the figures are read against it
    const loadBefore = loadavg()[0] ?? 0;
    try {
      const partFigures = await part.run(data, log);
      partFigures[`${part.name}.host_load_1m_before`] = { value: round(loadBefore, 2), unit: 'load' };
      partFigures[`${part.name}.host_load_1m_after`] = { value: round(loadavg()[0] ?? 0, 2), unit: 'load' };
      saveFigures(partFigures);
      Object.assign(figures, partFigures);
    } catch (error) {
      failed = true;
      console.error(`\nPart "${part.name}" FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
    } finally {
      await stopAllServers();
    }
  }

  console.log('');
  console.log(Object.keys(figures).length > 0 ? formatTable(figures) : 'No new figures (the data directory was current).');
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
