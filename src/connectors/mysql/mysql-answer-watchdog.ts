/**
 * The client-side statement timeout of a mysql2 pool: a statement whose answer has not come within
 * `timeoutMs` fails as mysql2's own per-query `timeout` fails it (code `PROTOCOL_SEQUENCE_TIMEOUT`,
 * mapped to CONNECTION_FAILED, reason "no answer"), so a frozen server cannot hold a request for
 * ever; the connector then drops the connection (its answer may still come, or never).
 *
 * Why not mysql2's `timeout` option: it arms a timer per statement, and with it every statement's
 * objects outlived young-generation collections (6.3 MB promoted per 1,000 Q1 requests instead of
 * 0.6; measured with bench/young-survival.mjs), as pg's `query_timeout` did
 * (postgresql-answer-watchdog.ts). Here one interval per pool looks at each connection's command
 * under way: seen on two looks `timeoutMs` apart, it fails. A statement costs nothing; the timeout
 * fires between `timeoutMs` and `timeoutMs` plus two looks (a look every `timeoutMs / 20`, at most
 * every second).
 *
 * @example
 * const pool = mysql.createPool({ ... }); // statements without `timeout`
 * watchAnswers(pool.pool, 35_000); // a statement unanswered after 35–37 s fails
 */
import type { Pool as CorePool } from 'mysql2';

/** mysql2's Query command: its own timeout handling, which the watchdog triggers (not in mysql2's types). */
interface QueryCommand {
  timeout?: number;
  queryTimeout?: unknown;
  _handleTimeoutError?: () => void;
}

/** The parts of mysql2's pool and connections the watchdog reads (not in mysql2's types). */
interface WatchedPool {
  _closed?: boolean;
  _allConnections: { length: number; get(index: number): { _command?: QueryCommand | null } | undefined };
}

/** How often the commands under way are looked at, in milliseconds. */
export function lookIntervalOf(timeoutMs: number): number {
  return Math.max(10, Math.min(1_000, Math.floor(timeoutMs / 20)));
}

/** Fails every statement of `pool`'s connections left unanswered `timeoutMs` (see the file comment). */
export function watchAnswers(pool: CorePool, timeoutMs: number): void {
  const watched = pool as unknown as WatchedPool;
  const seen = new Map<QueryCommand, number>();
  const timer = setInterval(() => {
    if (watched._closed) {
      clearInterval(timer);
      return;
    }
    const now = performance.now();
    const active = new Set<QueryCommand>();
    for (let i = 0; i < watched._allConnections.length; i++) {
      const command = watched._allConnections.get(i)?._command;
      if (!command || typeof command._handleTimeoutError !== 'function') continue;
      active.add(command);
      const seenAt = seen.get(command);
      if (seenAt === undefined) seen.set(command, now);
      else if (now - seenAt >= timeoutMs) failUnanswered(command, timeoutMs);
    }
    for (const command of seen.keys()) if (!active.has(command)) seen.delete(command);
  }, lookIntervalOf(timeoutMs));
  // A watch alone does not keep the process alive.
  timer.unref();
}

/**
 * What mysql2's own timer does to a statement: its caller gets PROTOCOL_SEQUENCE_TIMEOUT now; with
 * `timeout` set and no timer, mysql2 drops the answer if it ever comes.
 */
function failUnanswered(command: QueryCommand, timeoutMs: number): void {
  command.timeout = timeoutMs;
  command.queryTimeout = null;
  command._handleTimeoutError?.();
}
