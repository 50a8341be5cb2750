/**
 * Statements on mysql2's pool with an acquire timeout, which mysql2 does not have: when every
 * connection is busy, a statement waits in the pool's queue for at most `timeoutMs`, then fails
 * with `POOL_ACQUIRE_TIMEOUT` (DATABASE_BUSY) instead of waiting behind slow statements for as
 * long as they run. A connection handed to a waiter that already gave up goes straight back.
 *
 * The timer is armed only when the statement has to queue (no free connection and no room for a
 * new one), so the usual path costs what `pool.query` costs.
 */
import type { Pool as CorePool, PoolConnection as CorePoolConnection, QueryOptions } from 'mysql2';
import { CLIENT_TIMEOUT, POOL_ACQUIRE_TIMEOUT } from './mysql-errors.js';

/** The counters of mysql2's pool that tell whether a statement must queue (not in its types). */
interface PoolCounters {
  _freeConnections?: { length: number };
  _allConnections?: { length: number };
  config?: { connectionLimit?: number };
}

/** Whether `getConnection` would queue now; true when the pool does not show its counters. */
function mustQueue(pool: CorePool): boolean {
  const counters = pool as unknown as PoolCounters;
  const free = counters._freeConnections?.length;
  const all = counters._allConnections?.length;
  const limit = counters.config?.connectionLimit;
  if (free === undefined || all === undefined || limit === undefined) return true;
  return free === 0 && limit !== 0 && all >= limit;
}

function acquireTimeoutError(timeoutMs: number): Error {
  return Object.assign(new Error(`no pooled connection came free within ${timeoutMs} ms`), {
    code: POOL_ACQUIRE_TIMEOUT,
  });
}

/** A connection of the pool, waiting at most `timeoutMs` (0: without limit) when all are busy. */
export function acquireConnection(pool: CorePool, timeoutMs: number): Promise<CorePoolConnection> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let gaveUp = false;
    if (timeoutMs > 0 && mustQueue(pool)) {
      timer = setTimeout(() => {
        gaveUp = true;
        reject(acquireTimeoutError(timeoutMs));
      }, timeoutMs);
    }
    pool.getConnection((error, connection) => {
      if (gaveUp) {
        connection?.release();
        return;
      }
      if (timer) clearTimeout(timer);
      if (error) reject(error);
      else resolve(connection);
    });
  });
}

/**
 * Runs one statement on a pooled connection taken with `acquireConnection` and gives the
 * connection back (a connection the statement broke leaves the pool by itself, as with `pool.query`).
 */
export async function queryPool(pool: CorePool, timeoutMs: number, options: QueryOptions): Promise<unknown> {
  const connection = await acquireConnection(pool, timeoutMs);
  return new Promise((resolve, reject) => {
    try {
      connection.query(options, (error, result) => {
        // After a client-side timeout the answer may still come (or never): not reusable.
        if (error?.code === CLIENT_TIMEOUT) connection.destroy();
        else connection.release();
        if (error) reject(error);
        else resolve(result);
      });
    } catch (error) {
      connection.release();
      reject(error);
    }
  });
}
