// The embedded database on its own thread (docs/decisions/0008). PGlite runs PostgreSQL compiled
// to WebAssembly on the thread that calls it; on the main thread it took more than half of the
// server's time under load, while the second core waited. Here a worker thread owns the PGlite
// instance (src/db/pglite-worker.ts) and this client forwards what Drizzle's PGlite driver asks
// for: query(), transaction() with query() inside it, close().
import { Worker } from 'node:worker_threads';

export interface QueryRequest {
  id: number;
  op: 'query';
  sql: string;
  params: unknown[];
  rowMode: 'array' | 'object';
  // types read as text, as Drizzle's parsers ask (dates, timestamps, intervals and their arrays)
  textTypes: number[];
  tx?: number;
}

export type ThreadRequest = QueryRequest | { id: number; op: 'begin' | 'commit' | 'rollback'; tx: number } | { id: number; op: 'close' };

// a database error's fields (code, constraint, detail …) survive the crossing
export interface SerialisedError {
  message: string;
  name?: string;
  [field: string]: string | number | undefined;
}

export type ThreadReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: SerialisedError };

export interface QueryResult {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, unknown>;
}

export interface ThreadQueries {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult>;
}

export interface PgliteThread extends ThreadQueries {
  transaction<T>(work: (tx: ThreadQueries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class DatabaseThreadError extends Error {
  constructor(serialised: SerialisedError) {
    super(serialised.message);
    for (const [key, value] of Object.entries(serialised)) if (key !== 'message' && key !== 'stack') Object.defineProperty(this, key, { value, enumerable: true, writable: true, configurable: true });
  }
}

const workerUrl = new URL('./pglite-worker.ts', import.meta.url);

export async function openPgliteThread(dataDir: string): Promise<PgliteThread> {
  // the worker is TypeScript like the rest: it loads through tsx, as the process does
  const worker = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`, { eval: true, workerData: { dataDir } });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let nextTx = 1;
  let failure: Error | undefined;

  const ready = new Promise<void>((resolve, reject) => pending.set(0, { resolve: () => resolve(), reject }));
  worker.on('message', (reply: ThreadReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.result);
    else waiting.reject(new DatabaseThreadError(reply.error));
  });
  const fail = (error: Error) => {
    failure ??= error;
    for (const waiting of pending.values()) waiting.reject(failure);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The embedded database's thread stopped (exit code ${code}).`)));

  function send<T>(request: ThreadRequest): Promise<T> {
    if (failure) return Promise.reject(failure);
    return new Promise<T>((resolve, reject) => {
      pending.set(request.id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage(request);
    });
  }

  function queries(tx?: number): ThreadQueries {
    return {
      query(sql, params = [], options = {}) {
        const request: QueryRequest = { id: nextId++, op: 'query', sql, params, rowMode: options.rowMode ?? 'object', textTypes: Object.keys(options.parsers ?? {}).map(Number) };
        if (tx !== undefined) request.tx = tx;
        return send<QueryResult>(request);
      },
    };
  }

  try {
    await ready;
  } catch (error) {
    await worker.terminate();
    throw error;
  }

  return {
    ...queries(),
    async transaction(work) {
      const tx = nextTx++;
      // not waited for: the first statement follows at once, and fails if the transaction did not open
      send({ id: nextId++, op: 'begin', tx }).catch(() => {});
      let result;
      try {
        result = await work(queries(tx));
      } catch (error) {
        // the work's own error is the one to report; a failed rollback ends the transaction too
        await send({ id: nextId++, op: 'rollback', tx }).catch(() => {});
        throw error;
      }
      await send({ id: nextId++, op: 'commit', tx });
      return result;
    },
    async close() {
      try {
        await send({ id: nextId++, op: 'close' });
      } finally {
        await worker.terminate();
      }
    },
  };
}
