/**
 * The client-side statement timeout of a mysql2 pool (the shared watch:
 * ../sql/unanswered-statements.ts): a statement whose answer has not come within `timeoutMs`
 * fails as mysql2's own per-query `timeout` fails it (code `PROTOCOL_SEQUENCE_TIMEOUT`, mapped to
 * CONNECTION_FAILED, reason "no answer"); the connector then drops the connection.
 *
 * @example
 * const pool = mysql.createPool({ ... }); // statements without `timeout`
 * watchAnswers(pool.pool, 35_000); // a statement unanswered after 35–37 s fails
 */
import type { Pool as CorePool } from 'mysql2';
import { watchUnanswered } from '../sql/unanswered-statements.js';

/** mysql2's Query command: its own timeout handling, which the watch triggers (not in mysql2's types). */
interface QueryCommand {
  timeout?: number;
  queryTimeout?: unknown;
  _handleTimeoutError?: () => void;
}

/** The parts of mysql2's pool and connections the watch reads (not in mysql2's types). */
interface WatchedPool {
  _closed?: boolean;
  _allConnections: { length: number; get(index: number): { _command?: QueryCommand | null } | undefined };
}

/** Fails every statement of `pool`'s connections left unanswered `timeoutMs`. */
export function watchAnswers(pool: CorePool, timeoutMs: number): void {
  const watched = pool as unknown as WatchedPool;
  watchUnanswered<QueryCommand>(timeoutMs, {
    *underWay() {
      for (let i = 0; i < watched._allConnections.length; i++) {
        const command = watched._allConnections.get(i)?._command;
        // Only queries: mysql2's other commands (handshake, ping) have no timeout of their own.
        if (typeof command?._handleTimeoutError === 'function') yield command;
      }
    },
    fail: (command) => {
      // With `timeout` set and no timer, mysql2 drops the answer if it ever comes.
      command.timeout = timeoutMs;
      command.queryTimeout = null;
      command._handleTimeoutError?.();
    },
    closed: () => watched._closed === true,
  });
}
