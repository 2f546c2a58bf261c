import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { startE2eServer, type E2eServer } from './server.ts';

export interface E2eSuite {
  server: E2eServer;
  browser: Browser;
}

// One server (with its SMTP peer) and one browser per test file, closed after the file.
export function e2eSuite(): E2eSuite {
  const suite = {} as E2eSuite;
  before(async () => {
    [suite.server, suite.browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
