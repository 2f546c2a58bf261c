import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DataDirInUseError } from './db/data-dir-lock.ts';
import { migrateDatabase } from './db/migrate.ts';
import { countRealUsers, DEMO_PASSWORD, demoAccounts, seedDemo } from './db/seed.ts';
import { emailField } from './modules/accounts/accounts.input.ts';
import { openConfiguredDatabase, startServer } from './server.ts';

const usage = `Usage: outbound <command>

Commands:
  serve                         start the web server (the default)
  migrate                       apply database migrations
  seed --demo [--force]         load the demo programme (refuses on a database with real users unless --force)
  create-admin --email E [--name N]
                                create an administrator, or make an existing user one; the password is
                                asked for, or read from standard input when it is not a terminal
`;

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  // hide what is typed
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write('Password: ');
  output._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

async function withDatabase<T>(config: Config, work: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(config);
  try {
    await migrateDatabase(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { demo: { type: 'boolean' }, force: { type: 'boolean' }, email: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean' } },
    allowPositionals: false,
  });
  if (values.help || command === 'help' || command === '--help') {
    process.stdout.write(usage);
    return 0;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const server = await startServer(config);
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
          console.log(`Received ${signal}: finishing requests in flight, then stopping.`);
          server.stop().then(
            () => process.exit(0),
            (error: unknown) => {
              console.error(error);
              process.exit(1);
            },
          );
        });
      }
      return -1;
    }
    case 'migrate':
      await withDatabase(config, async () => {});
      console.log('Migrations applied.');
      return 0;
    case 'seed': {
      if (!values.demo) {
        console.error('Say what to seed: outbound seed --demo');
        return 2;
      }
      return withDatabase(config, async ({ db }) => {
        const real = await countRealUsers(db);
        if (real > 0 && !values.force) {
          console.error(`Refusing to load demo data: this database holds ${real} real ${real === 1 ? 'account' : 'accounts'}. Add --force to load it anyway.`);
          return 1;
        }
        await seedDemo(db, new Date(), config);
        console.log(`Demo loaded. Accounts (password "${DEMO_PASSWORD}"):`);
        for (const account of demoAccounts) console.log(`  ${account.role.padEnd(17)} ${account.email}`);
        return 0;
      });
    }
    case 'create-admin': {
      const email = emailField.safeParse(values.email ?? '');
      if (!email.success) {
        console.error('Give the administrator\'s e-mail address: outbound create-admin --email someone@example.ac.uk');
        return 2;
      }
      const password = await readPassword();
      return withDatabase(config, async (database) => {
        const { accounts } = await buildApp({ config: { ...config, logLevel: 'silent' }, database });
        const result = await accounts.createAdmin({ email: email.data, name: values.name ?? email.data.split('@')[0] ?? 'Administrator', password });
        if (!result.ok) {
          console.error(`Password not accepted: ${result.message}.`);
          return 1;
        }
        console.log(result.created ? `Administrator ${email.data} created.` : `${email.data} is now an administrator; the password was set.`);
        return 0;
      });
    }
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof DataDirInUseError) {
      console.error(`Outbound cannot start: ${error.message}`);
    } else {
      console.error(error);
    }
    process.exit(1);
  },
);
