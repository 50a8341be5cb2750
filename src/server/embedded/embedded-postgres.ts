/**
 * An embedded PostgreSQL (PGlite, in-process WASM) holding the demo library, served over the
 * PostgreSQL wire protocol on a loopback port by `@electric-sql/pglite-socket`, so the gateway
 * reaches it with the same `pg` driver and the same discovery path as any real server.
 *
 * PGlite runs its queries on the thread that owns it, so it lives in a worker thread: the
 * gateway's event loop never blocks on it. All socket connections share one PGlite session
 * (named prepared statements would collide, an open transaction would block the others), so
 * clients must use a pool of ONE connection (`EMBEDDED_POOL_SIZE`).
 *
 * A fresh in-memory instance costs seconds of CPU to start; the demo database is therefore
 * persisted in a data directory and reopened on later starts (well under a second).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DiscographError } from '../../juggler/errors.js';
import { DEMO_SCHEMA_SQL, DEMO_SCHEMA_VERSION } from './demo-schema.js';

/** Connections a client may open to the embedded server: one, see the module comment. */
export const EMBEDDED_POOL_SIZE = 1;

/** Options of `startEmbeddedPostgres`. */
export interface EmbeddedPostgresOptions {
  /**
   * Where the demo database is persisted; `null` keeps it in memory only. Default:
   * `$DISCOGRAPH_DEMO_DIR`, else `~/.cache/discograph/demo-v<version>`.
   */
  dataDir?: string | null;
  /** The loopback port to serve on (default: any free one), so a client's URL is known before it starts. */
  port?: number;
}

/** A free loopback port, for a server that starts later (`startEmbeddedPostgres({ port })`). */
export async function reserveLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A running embedded PostgreSQL. */
export interface EmbeddedPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  /** Whether this start created and seeded the demo database (first run, or a new demo version). */
  seeded: boolean;
  /** Milliseconds from the call to ready. */
  startupMs: number;
  stop(): Promise<void>;
}

type WorkerMessage =
  | { type: 'ready'; port: number; seeded: boolean }
  | { type: 'error'; message: string }
  | { type: 'stopped' };

/** Default data directory of the persisted demo database. */
export function defaultDemoDataDir(): string {
  return (
    process.env.DISCOGRAPH_DEMO_DIR ??
    path.join(os.homedir(), '.cache', 'discograph', `demo-v${DEMO_SCHEMA_VERSION}`)
  );
}

// The worker is plain CommonJS evaluated from a string, so it runs the same from src/ (tests)
// and dist/ (installed): it imports PGlite by the absolute URLs the main thread resolved.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { PGlite } = await import(workerData.pgliteUrl);
  const { PGLiteSocketServer } = await import(workerData.socketUrl);
  const db = workerData.dataDir ? new PGlite(workerData.dataDir) : new PGlite();
  await db.waitReady;
  const marker = 'discograph-demo:' + workerData.version;
  const found = await db.query("select obj_description('public'::regnamespace, 'pg_namespace') as marker");
  let seeded = false;
  if (found.rows[0]?.marker !== marker) {
    await db.exec('drop schema if exists public cascade; create schema public;');
    await db.exec('drop type if exists book_genre cascade; drop type if exists loan_status cascade;');
    await db.exec(workerData.schemaSql);
    await db.exec("comment on schema public is '" + marker + "'");
    seeded = true;
  }
  const server = new PGLiteSocketServer({ db, port: workerData.port, host: '127.0.0.1', maxConnections: workerData.maxConnections });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  parentPort.on('message', async (message) => {
    if (message && message.type === 'stop') {
      await server.stop();
      await db.close();
      parentPort.postMessage({ type: 'stopped' });
    }
  });
  parentPort.postMessage({ type: 'ready', port, seeded });
})().catch((error) => parentPort.postMessage({ type: 'error', message: String(error && error.message || error) }));
`;

const requireFromHere = createRequire(import.meta.url);

function resolvePackageUrl(name: string): string {
  return pathToFileURL(requireFromHere.resolve(name)).href;
}

/** Starts PGlite with the demo library in a worker thread and serves it on a loopback port. */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  const started = performance.now();
  const dataDir = options.dataDir === undefined ? defaultDemoDataDir() : options.dataDir;
  if (dataDir && !existsSync(dataDir)) mkdirSync(dataDir, { recursive: true });
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      pgliteUrl: resolvePackageUrl('@electric-sql/pglite'),
      socketUrl: resolvePackageUrl('@electric-sql/pglite-socket'),
      dataDir,
      port: options.port ?? 0,
      version: DEMO_SCHEMA_VERSION,
      schemaSql: DEMO_SCHEMA_SQL,
      // One client connection plus headroom for a reconnect while the old socket closes.
      maxConnections: EMBEDDED_POOL_SIZE + 1,
    },
  });
  const ready = await new Promise<Extract<WorkerMessage, { type: 'ready' }>>((resolve, reject) => {
    const fail = (message: string) =>
      reject(
        new DiscographError('CONNECTION_FAILED', `The embedded demo database did not start: ${message}`, {
          details: { dataDir },
        }),
      );
    worker.once('error', (error) => fail(error.message));
    worker.once('message', (message: WorkerMessage) => {
      if (message.type === 'ready') resolve(message);
      else if (message.type === 'error') fail(message.message);
    });
  });
  // The worker must not keep the process alive on its own: the gateway decides when to exit.
  worker.unref();
  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://postgres@127.0.0.1:${ready.port}/postgres`,
    seeded: ready.seeded,
    startupMs: Math.round(performance.now() - started),
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        worker.once('message', (message: WorkerMessage) => {
          if (message.type === 'stopped') void worker.terminate().then(() => resolve());
        });
        worker.once('exit', () => resolve());
        worker.postMessage({ type: 'stop' });
      });
      return stopping;
    },
  };
}
