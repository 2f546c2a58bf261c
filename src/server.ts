import { buildApp, type Outbound } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { migrateDatabase } from './db/migrate.ts';
import { DEMO_PASSWORD, demoAccounts, demoAlreadySeeded, hasDemoAccounts, seedDemo } from './db/seed.ts';
import { selfTestPasswordHashing } from './modules/accounts/passwords.ts';
import { preloadWorldMap } from './platform/geo/WorldMap.tsx';

export interface RunningServer {
  outbound: Outbound;
  database: Database;
  address: string;
  stop(): Promise<void>;
}

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
}

// After listen, so /healthz answers first: the map's projection and the catalogue's posts are
// made ready before the first visitor asks for them, not in their request.
function warmUp(outbound: Outbound, print: (line: string) => void): void {
  setTimeout(() => {
    preloadWorldMap();
    outbound.catalogue.warm().catch((error: unknown) => print(`Could not load the catalogue at start-up: ${String(error)}`));
  }, 0).unref();
}

// config → db → app → listen; the caller wires signals to stop()
export async function startServer(config: Config, print: (line: string) => void = console.log): Promise<RunningServer> {
  await selfTestPasswordHashing();
  const database = await openConfiguredDatabase(config);
  let outbound: Outbound;
  try {
    await migrateDatabase(database);
    if (config.seedDemo && !(await demoAlreadySeeded(database.db))) {
      await seedDemo(database.db, new Date(), config);
      print('Seeded the demo programme.');
    }
    if (await hasDemoAccounts(database.db)) {
      print(`Demo accounts (password "${DEMO_PASSWORD}"):`);
      for (const account of demoAccounts) print(`  ${account.role.padEnd(17)} ${account.email}`);
    }
    outbound = await buildApp({ config, database });
    await outbound.app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await database.close();
    throw error;
  }
  outbound.jobs.start(config.jobPollMs);
  warmUp(outbound, print);
  const address = config.baseUrl;
  print(`Outbound is running at ${address} (${database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'}).`);
  let stopping: Promise<void> | undefined;
  return {
    outbound,
    database,
    address,
    stop() {
      // requests in flight finish (app.close waits), then the worker, then the database
      stopping ??= (async () => {
        await outbound.app.close();
        await outbound.jobs.stop();
        await database.close();
      })();
      return stopping;
    },
  };
}
