/**
 * The client-side statement timeout of the SQL connectors: one interval per pool looks at the
 * statements under way on its connections, and a statement seen on two looks `timeoutMs` apart is
 * failed (each driver says how: `postgresql-answer-watchdog.ts`, `mysql-answer-watchdog.ts`), so a
 * frozen server, which answers no `statement_timeout`, cannot hold a request for ever.
 *
 * Why not the drivers' own per-statement timeouts (pg's `query_timeout`, mysql2's `timeout`): they
 * arm a timer per statement, and with it every statement's objects outlived young-generation
 * collections (8.6 MB promoted per 1,000 Q1 requests on PostgreSQL, 6.3 on MariaDB, instead of
 * about 0.5; scavenges of 10–100 ms; `bench/young-survival.mjs`). Here a statement costs nothing;
 * the timeout fires between `timeoutMs` and `timeoutMs` plus two looks (a look every
 * `timeoutMs / 20`, at most every second, at least every 10 ms).
 *
 * @example
 * watchUnanswered(35_000, {
 *   underWay: () => connections.map((c) => c.statement).filter(Boolean),
 *   fail: (statement) => statement.timeOut(),
 *   closed: () => pool.ended,
 * });
 */

/** How often the statements under way are looked at, in milliseconds. */
export function lookIntervalOf(timeoutMs: number): number {
  return Math.max(10, Math.min(1_000, Math.floor(timeoutMs / 20)));
}

/** What the watch asks of a pool's driver. */
export interface UnansweredStatementsSource<S extends object> {
  /** The statements the pool's connections are waiting on now (the driver's own objects). */
  underWay(): Iterable<S>;
  /** Fails `statement`, which has gone unanswered for the timeout, as the driver's own timeout would. */
  fail(statement: S): void;
  /** Whether the pool is closed: the watch then stops. */
  closed(): boolean;
}

/** Fails every statement of a pool left unanswered `timeoutMs` (see the file comment). */
export function watchUnanswered<S extends object>(
  timeoutMs: number,
  source: UnansweredStatementsSource<S>,
): void {
  /** When each statement under way was first seen. */
  let seen = new Map<S, number>();
  const timer = setInterval(() => {
    if (source.closed()) {
      clearInterval(timer);
      return;
    }
    const now = performance.now();
    const next = new Map<S, number>();
    for (const statement of source.underWay()) {
      const seenAt = seen.get(statement) ?? now;
      if (now - seenAt >= timeoutMs) source.fail(statement);
      else next.set(statement, seenAt);
    }
    seen = next;
  }, lookIntervalOf(timeoutMs));
  // A watch alone does not keep the process alive.
  timer.unref();
}
