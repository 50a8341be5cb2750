/**
 * pg's pool with an acquire timeout that times only the wait for a busy pool (DATABASE_BUSY).
 *
 * pg-pool's own `connectionTimeoutMillis` times two things with one number: a caller's wait in the
 * queue of a full pool, and the opening of every new connection (its timer destroys the socket).
 * Given the acquire timeout, it failed each connection that took longer than that to open (a
 * loaded server, a distant host) with CONNECTION_FAILED, although the connect timeout allows
 * 10 s: with `acquireTimeoutMs: 300`, a pool that had to reopen a connection under load failed.
 * Here the pool gets no `connectionTimeoutMillis`: each connection times its own opening
 * (`connectTimeoutMs`, see postgresql-statement-budget.ts), and a caller that pg-pool queues with no
 * idle connection left for it waits at most `acquireTimeoutMs`, timed from the call that queued
 * it, then fails with pg-pool's own timeout error (mapped to DATABASE_BUSY). As with mysql2
 * (mysql-pool-acquire.ts), the timer is armed only when the caller has to queue.
 *
 * @example
 * const pool = new AcquireTimeoutPool({ max: 2, connectionString }, 300);
 * // both connections busy: pool.query(...) rejects after 300 ms, "timeout exceeded when trying to connect"
 */
import pg from 'pg';

/** pg-pool's error for a caller that no connection came to in time (mapped to DATABASE_BUSY). */
export const ACQUIRE_TIMEOUT_MESSAGE = 'timeout exceeded when trying to connect';

/** pg-pool's callback of `connect`. */
type ConnectCallback = (
  error: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

/** pg-pool's queue of callers waiting for a connection (not in its type definitions). */
interface PendingQueue {
  _pendingQueue?: { callback: unknown }[];
}

function noRelease(): void {}

/** A `pg.Pool` whose callers wait at most `acquireTimeoutMs` (0: without limit) when every connection is busy. */
export class AcquireTimeoutPool extends pg.Pool {
  constructor(
    config: pg.PoolConfig,
    private readonly acquireTimeoutMs: number,
  ) {
    super({ ...config, connectionTimeoutMillis: 0 });
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | undefined {
    if (callback === undefined) {
      return new Promise((resolve, reject) => {
        this.connect((error, client) => (client ? resolve(client) : reject(error)));
      });
    }
    const waitingBefore = this.waitingCount;
    const idleBefore = this.idleCount;
    let timer: NodeJS.Timeout | undefined;
    let gaveUp = false;
    const caller = callback;
    // A function declaration, not a named arrow: see "Closures made per request" in scripts/bundle-cli.mjs.
    function handed(
      error: Error | undefined,
      client: pg.PoolClient | undefined,
      done: (release?: unknown) => void,
    ): void {
      // A connection that comes to a caller who already gave up goes straight back.
      if (gaveUp) {
        if (client) done();
        return;
      }
      clearTimeout(timer);
      caller(error, client, done);
    }
    super.connect(handed);
    // pg-pool queued the caller, and the idle connections (handed out in queue order) are all
    // taken by callers ahead of it: it waits for a busy one to come free.
    const queued = this.waitingCount > waitingBefore && idleBefore <= waitingBefore;
    if (this.acquireTimeoutMs > 0 && queued) {
      timer = setTimeout(() => {
        gaveUp = true;
        const queue = (this as unknown as PendingQueue)._pendingQueue;
        const index = queue?.findIndex((item) => item.callback === handed) ?? -1;
        if (index >= 0) queue?.splice(index, 1);
        callback(new Error(ACQUIRE_TIMEOUT_MESSAGE), undefined, noRelease);
      }, this.acquireTimeoutMs);
      // As pg-pool's own timer: a waiting caller alone does not keep the process alive.
      timer.unref();
    }
    return undefined;
  }
}
