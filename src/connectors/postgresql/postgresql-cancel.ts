/**
 * Cancelling a request's statements on PostgreSQL when its client disconnects
 * (juggler/connector/request-cancellation.ts). The connector marks each pooled connection while it
 * runs a statement of a request that can be cancelled (a map entry, no allocation); when the
 * request is cancelled, each of its connections gets a CancelRequest — what `pg_cancel_backend`
 * and libpq's `PQcancel` do: a new TCP connection to the server that sends the backend's pid and
 * secret key (16 bytes) and is closed by the server. It needs no pooled connection, so it works
 * when slow statements hold all of them. The statement then fails with 57014 and the connection,
 * ready for the next statement, goes back to the pool.
 *
 * A CancelRequest names a backend, not a statement: if the statement ended just before the
 * request arrived, the backend's next statement would be the one cancelled. So a connection that
 * is being cancelled runs nothing more until the server has taken the request (closed its
 * connection): a pooled connection goes back to the pool only then, and a transaction's next
 * statement (its ROLLBACK) waits for it. An idle backend ignores a cancel.
 *
 * Statements of requests that cannot be cancelled (no `cancellation`: discovery, the CLI) keep
 * `pool.query`, which releases a connection whose statement failed by closing it.
 */
import net from 'node:net';
import type pg from 'pg';
import {
  type RequestCancellation,
  RequestCancelledError,
} from '../../juggler/connector/request-cancellation.js';

/** The CancelRequest code (1234 << 16 | 5678), from the protocol's message formats. */
const CANCEL_REQUEST_CODE = 80877102;

/** How long a CancelRequest may take before its connection is given up (the statement may go on). */
const CANCEL_TIMEOUT_MS = 2_000;

/** The PostgreSQL error code of a cancelled statement (`query_canceled`). */
const QUERY_CANCELED = '57014';

/** What pg's client knows of its backend (not in pg's type definitions). */
interface BackendKey {
  processID: number | null;
  secretKey: number | null;
  host: string;
  port: number;
}

/** A statement pg runs: a query config or a Submittable (postgresql-caller-query.ts). */
type Statement = pg.QueryConfig;

/**
 * Sends a CancelRequest for `client`'s backend; resolves once the server closed the connection
 * (it took the request), failed, or `CANCEL_TIMEOUT_MS` passed. Never rejects.
 */
export function sendCancelRequest(client: pg.ClientBase): Promise<void> {
  const key = client as unknown as BackendKey;
  const { processID, secretKey } = key;
  if (processID === null || secretKey === null) return Promise.resolve();
  return new Promise((resolve) => {
    const socket = key.host.startsWith('/')
      ? net.connect(`${key.host}/.s.PGSQL.${key.port}`)
      : net.connect(key.port, key.host);
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    const timer = setTimeout(done, CANCEL_TIMEOUT_MS);
    socket.once('connect', () => {
      const message = Buffer.alloc(16);
      message.writeInt32BE(16, 0);
      message.writeInt32BE(CANCEL_REQUEST_CODE, 4);
      message.writeInt32BE(processID, 8);
      message.writeInt32BE(secretKey, 12);
      socket.end(message);
    });
    socket.once('close', done);
    socket.once('error', done);
  });
}

/** Whether `error` is the failure of a statement of `cancellation` that its cancel stopped. */
export function isCancelledStatement(error: unknown, cancellation: RequestCancellation | undefined): boolean {
  return cancellation?.cancelled === true && (error as { code?: unknown } | null)?.code === QUERY_CANCELED;
}

/** The connections running statements of cancellable requests, and the cancels under way. */
export class PostgresStatementCancels {
  /** Connection → the request whose statement it runs now. */
  private readonly running = new Map<pg.ClientBase, RequestCancellation>();
  /** Connection → its CancelRequest under way: it runs nothing more until that settles. */
  private readonly cancelling = new Map<pg.ClientBase, Promise<void>>();

  /** Sends a CancelRequest for every connection running a statement of `cancellation`. */
  cancel(cancellation: RequestCancellation): void {
    for (const [client, owner] of this.running) {
      if (owner !== cancellation || this.cancelling.has(client)) continue;
      const sent = sendCancelRequest(client).then(() => {
        this.cancelling.delete(client);
      });
      this.cancelling.set(client, sent);
    }
  }

  /**
   * The cancel under way on `client` (a transaction's connection), which its next statement waits
   * for; undefined (the usual case, one size check) when there is none.
   */
  pendingOn(client: pg.ClientBase): Promise<void> | undefined {
    return this.cancelling.size === 0 ? undefined : this.cancelling.get(client);
  }

  /**
   * `client` (a transaction's connection) runs a statement of `cancellation` until `finished`:
   * cancelling the request cancels it.
   */
  started(client: pg.ClientBase, cancellation: RequestCancellation): void {
    this.running.set(client, cancellation);
  }

  /** `client`'s statement was answered (or failed). */
  finished(client: pg.ClientBase): void {
    this.running.delete(client);
  }

  /**
   * Runs `statement` on a connection of `pool`, cancellable with `cancellation`: as `pool.query`
   * does, except that a statement its cancel stopped leaves the connection in the pool (once the
   * cancel is through), and a request cancelled while it waited for a connection sends nothing.
   */
  queryOnPool(
    pool: pg.Pool,
    statement: Statement,
    cancellation: RequestCancellation,
  ): Promise<pg.QueryResult | pg.QueryResult[]> {
    return new Promise((resolve, reject) => {
      pool.connect((connectError, client, release) => {
        if (connectError || client === undefined) {
          reject(connectError);
          return;
        }
        if (cancellation.cancelled) {
          release();
          reject(new RequestCancelledError());
          return;
        }
        let released = false;
        const running = this.running;
        const connection = client;
        // The connection died under the statement (pg-pool's own `query` listens the same way). A
        // function declaration, not a named arrow: see "Closures made per request" in
        // scripts/bundle-cli.mjs.
        function onError(error: Error): void {
          if (released) return;
          released = true;
          running.delete(connection);
          release(error);
          reject(error);
        }
        client.once('error', onError);
        this.running.set(client, cancellation);
        // pg answers `null` (not undefined) as the error of a statement that succeeded.
        client.query(statement, (error: Error | null, result: pg.QueryResult | pg.QueryResult[]) => {
          client.removeListener('error', onError);
          if (released) return;
          released = true;
          this.running.delete(client);
          // A statement its cancel stopped leaves the connection ready for the next one; another
          // failure closes it, as pool.query does.
          const broken = error && !isCancelledStatement(error, cancellation) ? error : undefined;
          const cancel = this.cancelling.get(client);
          // Back to the pool once the server took the cancel (it might stop the next statement).
          if (cancel !== undefined) void cancel.then(() => release(broken));
          else release(broken);
          if (error) reject(error);
          else resolve(result);
        });
      });
    });
  }
}
