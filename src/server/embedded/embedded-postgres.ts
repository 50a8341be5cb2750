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
 * Initialising a cluster costs seconds of CPU, so a start never does it when it can avoid it: the
 * build ships the seeded demo as a data-directory archive (`demo-data-archive.ts`), which a first
 * start unpacks into the data directory, and later starts reopen that directory.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DiscographError } from '../../juggler/errors.js';
import { demoDataArchivePath } from './demo-data-archive.js';
import { DEMO_MARKER, DEMO_SCHEMA_SQL, DEMO_SCHEMA_VERSION } from './demo-schema.js';

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
  /**
   * The build's archive of the seeded demo data directory (default: `demoDataArchivePath()`, when
   * the build made it); `null` creates the database from its SQL instead.
   */
  archivePath?: string | null;
}

/**
 * Where this start's demo database came from: `reopened` from its data directory, `unpacked` from
 * the build's archive (a first start), or `created` by initialising a cluster and running the
 * demo's SQL (no archive, or a data directory of another demo version).
 */
export type EmbeddedOrigin = 'reopened' | 'unpacked' | 'created';

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
  /** Where the demo database came from on this start. */
  origin: EmbeddedOrigin;
  /** Milliseconds from the call to ready. */
  startupMs: number;
  stop(): Promise<void>;
}

type WorkerMessage =
  | { type: 'ready'; port: number; origin: EmbeddedOrigin }
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
const fs = require('node:fs');
const path = require('node:path');
(async () => {
  const { PGlite } = await import(workerData.pgliteUrl);
  const { PGLiteSocketServer } = await import(workerData.socketUrl);
  const { dataDir, archivePath } = workerData;
  const fresh = !dataDir || !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  let origin = fresh ? 'created' : 'reopened';
  let options;
  if (fresh && archivePath && fs.existsSync(archivePath)) {
    options = { loadDataDir: new Blob([fs.readFileSync(archivePath)]) };
    origin = 'unpacked';
  }
  const db = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  await db.waitReady;
  const marker = workerData.marker;
  const found = await db.query("select obj_description('public'::regnamespace, 'pg_namespace') as marker");
  if (found.rows[0]?.marker !== marker) {
    await db.exec('drop schema if exists public cascade; create schema public;');
    await db.exec('drop type if exists book_genre cascade; drop type if exists loan_status cascade;');
    await db.exec(workerData.schemaSql);
    await db.exec("comment on schema public is '" + marker + "'");
    origin = 'created';
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
  parentPort.postMessage({ type: 'ready', port, origin });
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
      archivePath: options.archivePath === undefined ? demoDataArchivePath() : options.archivePath,
      port: options.port ?? 0,
      marker: DEMO_MARKER,
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
    origin: ready.origin,
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
