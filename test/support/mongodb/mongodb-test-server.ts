/**
 * The MongoDB server the tests run on: a real one when `MONGODB_URL` is set (each test file then
 * uses its own database on it), else CongoDB, the in-process MongoDB wire-protocol server of
 * `@push.rocks/smartmongo@2.2.0`, started on a free port in ~0.2 s in a worker thread
 * (congodb-worker.mjs: its work does not block the test's event loop) and stopped after the file.
 *
 * What CongoDB lacks: unique secondary indexes are listed but not enforced (tested only on a real
 * server, test/mongodb/chinook-connector.test.ts and the errors suite), `_id` must be an ObjectId
 * (other `_id` values are turned into ObjectIds: the connector-contract suites take ObjectId ids
 * from the MongoDB harness), `$sample` samples with replacement,
 * views and collations are not kept, Long values beyond 2^53 compare wrongly, and transactions are
 * acknowledged but not kept apart (test/mongodb/mutation-transactions.test.ts). Tests of those
 * behaviours run only on a real server. test/connectors/README.md compares it with smartmongo 9.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { MongoClient } from 'mongodb';

/** A running test server. */
export interface MongoTestServer {
  /** `congodb` (in-process) or `mongodb` (MONGODB_URL). */
  readonly kind: 'congodb' | 'mongodb';
  /** A URL naming `database` on the server. */
  url(database: string): string;
  /** Drops `database`. */
  dropDatabase(database: string): Promise<void>;
  /** Stops the in-process server (a real server is left running). */
  stop(): Promise<void>;
}

/** Whether the tests run on a real MongoDB (`MONGODB_URL`). */
export const ON_REAL_MONGODB = Boolean(process.env.MONGODB_URL);

function withDatabase(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Where to start the server. */
export interface MongoTestServerOptions {
  /** CongoDB's port (default: a free one); a real server's is its URL's. */
  port?: number;
}

/** Starts CongoDB (on a free port, or `port`), or points at MONGODB_URL. */
export async function startMongoTestServer(options: MongoTestServerOptions = {}): Promise<MongoTestServer> {
  const real = process.env.MONGODB_URL;
  let base: string;
  let stop: () => Promise<void>;
  if (real) {
    base = real;
    stop = async () => {};
  } else {
    const worker = new Worker(new URL('./congodb-worker.mjs', import.meta.url), {
      workerData: { port: options.port ?? 0 },
    });
    const [{ port }] = (await once(worker, 'message')) as [{ port: number }];
    // The driver polls the server (one `hello` per heartbeat) instead of streaming heartbeats:
    // CongoDB announces a topologyVersion, so the driver awaits a streamed `hello`, and CongoDB
    // does not stream (`Server ended moreToCome unexpectedly`). Each failed heartbeat marked the
    // server Unknown and cleared the pool about once a second, and a request that came just
    // after a clear waited for the server to be found again and for new connections (a handshake
    // each): its commands, sent together, reached the server one after another, more round trips
    // than the request's plan takes (more often on a loaded machine, where requests take longer).
    base = `mongodb://127.0.0.1:${port}/?serverMonitoringMode=poll`;
    stop = async () => {
      worker.postMessage('stop');
      await once(worker, 'message');
      await worker.terminate();
    };
  }
  return {
    kind: real ? 'mongodb' : 'congodb',
    url: (database) => withDatabase(base, database),
    async dropDatabase(database) {
      const client = new MongoClient(base);
      try {
        await client.db(database).dropDatabase();
      } finally {
        await client.close();
      }
    },
    stop,
  };
}
