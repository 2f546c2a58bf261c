import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startSmtpServer } from '../../helpers/smtp.ts';
import { buildTestApp, type TestApp } from '../../helpers/test-app.ts';
import type { TestClock } from '../../helpers/test-clock.ts';

export type SmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;

export interface E2eServer {
  // http://127.0.0.1:<port>, the app's configured baseUrl (links in e-mails point here)
  baseUrl: string;
  testApp: TestApp;
  smtp: SmtpServer;
  close(): Promise<void>;
}

// A browser shares the wall clock with the server (cookie expiry, session idle time), so the
// app's clock follows real time here; moving it would break that, so it refuses.
function realTimeClock(): TestClock {
  return {
    now: () => new Date(),
    advance() {
      throw new Error('The e2e clock follows real time and cannot be advanced');
    },
    set() {
      throw new Error('The e2e clock follows real time and cannot be set');
    },
  };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

// The whole app on a real port, delivering its e-mail over SMTP to an in-process server.
export async function startE2eServer(): Promise<E2eServer> {
  const smtp = await startSmtpServer();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let testApp: TestApp | undefined;
  try {
    testApp = await buildTestApp({ config: { smtpUrl: smtp.url, baseUrl }, clock: realTimeClock() });
    await testApp.app.listen({ port, host: '127.0.0.1' });
    testApp.jobs.start(50);
  } catch (error) {
    await testApp?.close();
    await smtp.close();
    throw error;
  }
  const started = testApp;
  return {
    baseUrl,
    testApp: started,
    smtp,
    async close() {
      await started.close();
      await smtp.close();
    },
  };
}
