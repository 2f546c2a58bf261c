// The embedded database's own thread (docs/decisions/0008): one PGlite instance on a data
// directory, answering the requests of src/db/pglite-thread.ts. PGlite's own locks order them as
// they would on the main thread: a query waits for an open transaction to end.
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { parentPort, workerData } from 'node:worker_threads';
import type { QueryRequest, ThreadReply, ThreadRequest, SerialisedError } from './pglite-thread.ts';

// A transaction's statements run one after another in the order they arrive; BEGIN is not waited
// for by the main thread, so the first statement may arrive before the transaction is open.
interface OpenTransaction {
  // the last statement sent, after which the next runs (at first, the opening)
  tail: Promise<unknown>;
  opened: Promise<Transaction>;
  finish: (commit: boolean) => void;
  done: Promise<void>;
}

const port = parentPort;
if (!port) throw new Error('pglite-worker.ts runs as a worker thread');
const { dataDir } = workerData as { dataDir: string };

const transactions = new Map<number, OpenTransaction>();

// a value read as PostgreSQL sends it (drizzle maps dates and intervals itself)
const asText = (value: string) => value;
// Drizzle asks for these types as text in every query. Set on the instance, PGlite need not merge
// them into its 300-odd parsers for every query (some 0.1 ms each).
const TEXT_TYPES = [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182];
const instanceParsers = Object.fromEntries(TEXT_TYPES.map((type) => [type, asText]));

function serialiseError(error: unknown): SerialisedError {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(error)) if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  return { ...fields, name: error.name, message: error.message };
}

async function query(database: PGlite | Transaction, request: QueryRequest) {
  const options: { rowMode: 'array' | 'object'; parsers?: Record<number, (value: string) => string> } = { rowMode: request.rowMode };
  if (request.textTypes.some((type) => !TEXT_TYPES.includes(type))) options.parsers = Object.fromEntries(request.textTypes.map((type) => [type, asText]));
  const result = await database.query(request.sql, request.params, options);
  return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
}

function begin(database: PGlite, id: number): Promise<unknown> {
  let opening!: (tx: Transaction) => void;
  const opened = new Promise<Transaction>((resolve) => (opening = resolve));
  let finish!: (commit: boolean) => void;
  const finished = new Promise<boolean>((resolve) => (finish = resolve));
  const done = database.transaction(async (tx) => {
    opening(tx);
    if (!(await finished)) await tx.rollback();
  });
  // BEGIN failing rejects `done` before `opened` settles; the statements sent meanwhile fail with it
  const ready = Promise.race([opened, done.then(() => Promise.reject(new Error('The transaction ended before it began')))]);
  transactions.set(id, { tail: ready, opened: ready, finish, done });
  return ready.then(() => undefined);
}

function inTransaction(request: QueryRequest & { tx: number }): Promise<unknown> {
  const open = transactions.get(request.tx);
  if (!open) return Promise.reject(new Error(`No open transaction ${request.tx}`));
  // after the previous statement, whether it succeeded or not (PostgreSQL refuses the rest of a failed transaction itself)
  const result = open.tail.catch(() => undefined).then(() => open.opened).then((tx) => query(tx, request));
  open.tail = result;
  return result;
}

async function end(id: number, commit: boolean): Promise<void> {
  const open = transactions.get(id);
  if (!open) throw new Error(`No open transaction ${id}`);
  transactions.delete(id);
  await open.tail.catch(() => undefined);
  open.finish(commit);
  await open.done;
}

async function answer(database: PGlite, request: ThreadRequest): Promise<unknown> {
  switch (request.op) {
    case 'query': {
      if (request.tx === undefined) return query(database, request);
      return inTransaction({ ...request, tx: request.tx });
    }
    case 'begin':
      return begin(database, request.tx);
    case 'commit':
      return end(request.tx, true);
    case 'rollback':
      return end(request.tx, false);
    case 'close':
      await database.close();
      return undefined;
  }
}

try {
  const database = await PGlite.create(dataDir, { parsers: instanceParsers });
  port.on('message', (request: ThreadRequest) => {
    answer(database, request).then(
      (result) => port.postMessage({ id: request.id, ok: true, result } satisfies ThreadReply),
      (error: unknown) => port.postMessage({ id: request.id, ok: false, error: serialiseError(error) } satisfies ThreadReply),
    );
  });
  port.postMessage({ id: 0, ok: true, result: 'ready' } satisfies ThreadReply);
} catch (error) {
  port.postMessage({ id: 0, ok: false, error: serialiseError(error) } satisfies ThreadReply);
}
