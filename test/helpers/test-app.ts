import type { FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import { buildApp, type Outbound } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
import { createTestClock, type TestClock } from './test-clock.ts';
import { createTestDatabase } from './test-database.ts';

export interface TestApp extends Outbound {
  database: Database;
  clock: TestClock;
  config: Config;
  // every line the app logged, as JSON text
  logs: string[];
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'test-secret-test-secret-test-secret-0123', DATA_DIR: '.test-data' }),
    logLevel: 'info',
    universityName: 'University of Example',
    studentEmailDomains: ['students.example.ac.uk'],
    baseUrl: 'http://outbound.test',
    ...overrides,
  };
}

export async function buildTestApp(options: { config?: Partial<Config>; clock?: TestClock; database?: Database; extend?: (app: FastifyInstance) => void } = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const clock = options.clock ?? createTestClock();
  const config = testConfig(options.config);
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const outbound = await buildApp({ config, database, clock: clock.now, logStream, ...(options.extend ? { extend: options.extend } : {}) });
  return {
    ...outbound,
    database,
    clock,
    config,
    logs,
    async close() {
      await outbound.app.close();
      await outbound.jobs.stop();
      await database.close();
    },
  };
}
