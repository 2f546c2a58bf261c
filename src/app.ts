import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { installAccessRules, type RouteRule } from './platform/auth/access.ts';
import { createAuditLog } from './platform/audit/audit-log.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { cookieNames } from './platform/http/cookies.ts';
import { installCsrfCheck } from './platform/http/csrf.ts';
import { installErrorPages } from './platform/http/errors.ts';
import { loggerOptions } from './platform/http/logging.ts';
import { installRendering } from './platform/http/render.ts';
import { installSecurityHeaders } from './platform/http/security-headers.ts';
import { installSessions } from './platform/http/sessions.ts';
import { staticAssets } from './platform/http/static-assets.ts';
import { createJobQueue, type JobQueue } from './platform/jobs/job-queue.ts';
import { createOutbox, type Outbox } from './platform/mail/outbox.ts';
import { createAccountsRepo } from './modules/accounts/accounts.repo.ts';
import { accountsRoutes } from './modules/accounts/accounts.routes.ts';
import { createAccountsService, type AccountsService } from './modules/accounts/accounts.service.ts';
import { administrationRoutes } from './modules/administration/administration.routes.ts';
import { navigationFor } from './modules/pages/navigation.ts';
import { pagesRoutes } from './modules/pages/pages.routes.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  clock?: Clock;
  // a writable stream for the JSON log (tests read it to prove what is never logged)
  logStream?: NodeJS.WritableStream;
  // extra routes registered before the app is sealed (tests)
  extend?: (app: FastifyInstance) => void;
}

export interface Outbound {
  app: FastifyInstance;
  jobs: JobQueue;
  outbox: Outbox;
  accounts: AccountsService;
  routes: RouteRule[];
}

const publicDir = fileURLToPath(new URL('../public', import.meta.url));

export async function buildApp(deps: AppDeps): Promise<Outbound> {
  const { config, database } = deps;
  const clock = deps.clock ?? systemClock;
  const secure = config.env === 'production';
  const app = Fastify({
    logger: loggerOptions(config.logLevel, deps.logStream),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
  });
  const db = database.db;

  // platform
  const audit = createAuditLog(db, clock);
  const jobs = createJobQueue(db, clock, (msg, data) => app.log.warn(data, msg));
  const outbox = createOutbox({ db, clock, jobs, smtpUrl: config.smtpUrl, from: config.mailFrom });
  const names = cookieNames(secure);
  const csrf = { names, secure, secret: config.secret };

  // modules: repos and services, wired here so the whole graph reads in one place
  const accounts = createAccountsService({
    db,
    repo: createAccountsRepo(db),
    clock,
    audit,
    outbox,
    settings: {
      baseUrl: config.baseUrl,
      programmeName: config.programmeName,
      universityName: config.universityName,
      studentEmailDomains: config.studentEmailDomains,
    },
  });

  // platform plugins, in the order they act on a request
  await app.register(cookie, { secret: config.secret });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await installSecurityHeaders(app);
  installSessions(app, { names, secure, resolve: (raw) => accounts.resolveSession(raw) });
  const routes = installAccessRules(app);
  installCsrfCheck(app, csrf);
  installRendering(app, {
    site: { programmeName: config.programmeName, universityName: config.universityName, programmeEmail: config.programmeEmail },
    navigation: navigationFor,
    names,
    secure,
    csrf,
    timeZone: 'Europe/London',
  });
  installErrorPages(app);

  // every module, in one visible list
  await app.register(staticAssets, { dir: publicDir });
  await app.register(pagesRoutes, { ping: () => database.ping(), databaseKind: database.kind });
  await app.register(accountsRoutes, { accounts, cookies: names, secureCookies: secure, studentEmailDomains: config.studentEmailDomains });
  await app.register(administrationRoutes, { audit, outbox, smtpConfigured: Boolean(config.smtpUrl) });
  deps.extend?.(app);

  await app.ready();
  return { app, jobs, outbox, accounts, routes };
}
