/**
 * The client-side statement timeout of a PostgreSQL pool: a statement whose answer has not come
 * within `timeoutMs` fails with `CLIENT_TIMEOUT_MESSAGE` (mapped to CONNECTION_FAILED, reason
 * "no answer"), so a frozen server (which answers no `statement_timeout`) cannot hold a request
 * for ever; the connector then drops the connection (its answer may still come, or never).
 *
 * Why not pg's own `query_timeout`: it arms a timer per statement, and those timers kept every
 * statement's objects alive across young-generation collections (8.6 MB promoted per 1,000
 * requests instead of 0.5, scavenges of 10–100 ms instead of 3, Q1 at 0.75 of its throughput;
 * bisected to the commit that set it). Here one interval per pool looks at each connection's
 * active statement: seen on two looks `timeoutMs` apart, it fails as pg's timer would fail it.
 * A statement costs nothing; the timeout fires between `timeoutMs` and `timeoutMs` plus two looks
 * (a look every `timeoutMs / 20`, at most every second).
 *
 * @example
 * const pool = new pg.Pool({ ... }); // without query_timeout
 * watchAnswers(pool, 35_000); // a statement unanswered after 35–37 s fails
 */
import type pg from 'pg';

/** The message of the error a statement fails with when its answer does not come in time. */
export const CLIENT_TIMEOUT_MESSAGE = 'Query read timeout';

/** The part of pg's Query the watchdog uses (not in pg's type definitions). */
interface ActiveQuery {
  callback?: (error: Error) => void;
}

/** The part of pg's Client the watchdog uses: `_getActiveQuery` is pg 8's internal accessor. */
interface WatchedClient {
  _getActiveQuery(): ActiveQuery | null | undefined;
}

/** A statement on the watch: when it was first seen active. */
interface Watched {
  query: ActiveQuery;
  seenAt: number;
}

/** How often the active statements are looked at, in milliseconds. */
export function lookIntervalOf(timeoutMs: number): number {
  return Math.max(10, Math.min(1_000, Math.floor(timeoutMs / 20)));
}

/**
 * Fails every statement of `pool`'s connections left unanswered `timeoutMs` (see the file
 * comment). The watch follows the pool's connections (its `connect` and `remove` events) and
 * stops when the pool has none.
 */
export function watchAnswers(pool: pg.Pool, timeoutMs: number): void {
  const clients = new Map<WatchedClient, Watched | null>();
  const intervalMs = lookIntervalOf(timeoutMs);
  let timer: NodeJS.Timeout | undefined;

  const look = () => {
    const now = performance.now();
    for (const [client, watched] of clients) {
      const query = client._getActiveQuery();
      if (!query) {
        if (watched) clients.set(client, null);
      } else if (watched?.query !== query) {
        clients.set(client, { query, seenAt: now });
      } else if (now - watched.seenAt >= timeoutMs) {
        clients.set(client, null);
        failUnanswered(query);
      }
    }
  };

  pool.on('connect', (client) => {
    clients.set(client as unknown as WatchedClient, null);
    if (timer === undefined) {
      timer = setInterval(look, intervalMs);
      // A watch alone does not keep the process alive.
      timer.unref();
    }
  });
  pool.on('remove', (client) => {
    clients.delete(client as unknown as WatchedClient);
    if (clients.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  });
}

/**
 * What pg's `query_timeout` does to a statement: its caller gets the error now, and the answer,
 * if it ever comes, goes nowhere. (A statement sent without a callback is left waiting, as pg
 * leaves it; the connector sends none.)
 */
function failUnanswered(query: ActiveQuery): void {
  const callback = query.callback;
  query.callback = () => undefined;
  callback?.(new Error(CLIENT_TIMEOUT_MESSAGE));
}
