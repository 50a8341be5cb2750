/**
 * Cancelling a request's statements on MySQL/MariaDB when its client disconnects
 * (juggler/connector/request-cancellation.ts). The connector marks each pooled connection while it
 * runs a statement of a request that can be cancelled (a map entry, no allocation); when the
 * request is cancelled, `KILL QUERY <thread id>` is sent for each of its connections on a
 * connection of its own (opened for the cancels and closed once they are done: slow statements may
 * hold every pooled one). The statement then fails with 1317 (`ER_QUERY_INTERRUPTED`) and the
 * connection, whose session is intact, goes back to the pool.
 *
 * `KILL QUERY` names a connection, not a statement: if the statement ended just before it arrived,
 * the connection's next statement could be the one stopped. So a connection being cancelled runs
 * nothing more until the KILL is answered: a pooled connection goes back to the pool only then,
 * and a transaction's next statement (its ROLLBACK) waits for it.
 */
import mysql, {
  type Connection,
  type Pool as CorePool,
  type PoolConnection as CorePoolConnection,
  type PoolOptions,
  type QueryOptions,
} from 'mysql2';
import type { PoolConnection as PromiseConnection } from 'mysql2/promise';
import {
  type RequestCancellation,
  RequestCancelledError,
} from '../../juggler/connector/request-cancellation.js';
import { CLIENT_TIMEOUT } from './mysql-errors.js';
import { acquireConnection } from './mysql-pool-acquire.js';

/** `ER_QUERY_INTERRUPTED`: the statement a `KILL QUERY` stopped. */
const QUERY_INTERRUPTED = 1317;

/** What the connection that sends the KILLs needs of the pool's settings. */
const CONNECTION_KEYS = ['host', 'port', 'user', 'password', 'ssl', 'connectTimeout', 'socketPath'] as const;

/** The callback-style connection under a mysql2/promise one (its types name the promise class). */
export function coreConnectionOf(connection: PromiseConnection): Connection {
  return connection.connection as unknown as Connection;
}

/** Whether `error` is the failure of a statement of `cancellation` that its KILL QUERY stopped. */
export function isKilledStatement(error: unknown, cancellation: RequestCancellation | undefined): boolean {
  return (
    cancellation?.cancelled === true && (error as { errno?: unknown } | null)?.errno === QUERY_INTERRUPTED
  );
}

/** The connections running statements of cancellable requests, and the KILLs under way. */
export class MysqlStatementCancels {
  /** Connection → the request whose statement it runs now. */
  private readonly running = new Map<Connection, RequestCancellation>();
  /** Connection → its KILL QUERY under way: it runs nothing more until that settles. */
  private readonly killing = new Map<Connection, Promise<void>>();
  /** The connection KILLs are sent on, while some are under way. */
  private killer: Connection | undefined;
  private readonly killerOptions: mysql.ConnectionOptions;

  /** `pool` is the pool's settings: the KILLs' connection reaches the same server as the same user. */
  constructor(pool: PoolOptions) {
    const options: Record<string, unknown> = {};
    for (const key of CONNECTION_KEYS) if (pool[key] !== undefined) options[key] = pool[key];
    this.killerOptions = options as mysql.ConnectionOptions;
  }

  /** Sends `KILL QUERY` for every connection running a statement of `cancellation`. */
  cancel(cancellation: RequestCancellation): void {
    for (const [connection, owner] of this.running) {
      if (owner !== cancellation || this.killing.has(connection)) continue;
      const killed = this.kill(connection.threadId).then(() => {
        this.killing.delete(connection);
        if (this.killing.size === 0) this.closeKiller();
      });
      this.killing.set(connection, killed);
    }
  }

  /** The KILL under way for `connection` (a transaction's), which its next statement waits for. */
  pendingOn(connection: Connection): Promise<void> | undefined {
    return this.killing.size === 0 ? undefined : this.killing.get(connection);
  }

  /** Closes the KILLs' connection (the connector disconnects). */
  close(): void {
    this.closeKiller();
  }

  /**
   * `connection` (a transaction's) runs a statement of `cancellation` until `finished`: cancelling
   * the request kills it.
   */
  started(connection: Connection, cancellation: RequestCancellation): void {
    this.running.set(connection, cancellation);
  }

  /** `connection`'s statement was answered (or failed). */
  finished(connection: Connection): void {
    this.running.delete(connection);
  }

  /**
   * Runs `query` on a pooled connection (waiting at most `acquireTimeoutMs` for one), cancellable
   * with `cancellation`: a request cancelled while it waited sends nothing, and a connection whose
   * statement was killed goes back to the pool once the KILL is answered.
   */
  async queryOnPool(
    pool: CorePool,
    acquireTimeoutMs: number,
    query: QueryOptions,
    cancellation: RequestCancellation,
  ): Promise<unknown> {
    const connection: CorePoolConnection = await acquireConnection(pool, acquireTimeoutMs);
    if (cancellation.cancelled) {
      connection.release();
      throw new RequestCancelledError();
    }
    this.running.set(connection, cancellation);
    const { running, killing: kills } = this;
    return new Promise((resolve, reject) => {
      // A function declaration, not a named arrow: see "Closures made per request" in
      // scripts/bundle-cli.mjs.
      function settle(error: (Error & { code?: string }) | null, result: unknown): void {
        running.delete(connection);
        // After a client-side timeout the answer may still come (or never): not reusable.
        if (error?.code === CLIENT_TIMEOUT) connection.destroy();
        else {
          const killing = kills.get(connection);
          if (killing === undefined) connection.release();
          else void killing.then(() => connection.release());
        }
        if (error) reject(error);
        else resolve(result);
      }
      try {
        connection.query(query, settle);
      } catch (error) {
        settle(error as Error, undefined);
      }
    });
  }

  /** Sends `KILL QUERY` for `threadId`; resolves when answered or failed (never rejects). */
  private kill(threadId: number | null): Promise<void> {
    if (threadId === null) return Promise.resolve();
    if (this.killer === undefined) {
      const killer = mysql.createConnection(this.killerOptions);
      // A failure is the KILL's (answered below); the connection is not used again.
      killer.on('error', () => {
        if (this.killer === killer) this.killer = undefined;
      });
      this.killer = killer;
    }
    const killer = this.killer;
    return new Promise((resolve) => {
      // A thread id is a number the server gave: no value from a client reaches this text.
      killer.query(`KILL QUERY ${Number(threadId)}`, () => resolve());
    });
  }

  private closeKiller(): void {
    const killer = this.killer;
    this.killer = undefined;
    killer?.end(() => undefined);
  }
}
