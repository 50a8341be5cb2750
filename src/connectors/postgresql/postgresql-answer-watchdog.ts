/**
 * The client-side statement timeout of a PostgreSQL pool (the shared watch:
 * ../sql/unanswered-statements.ts): a statement whose answer has not come within `timeoutMs` fails
 * with `CLIENT_TIMEOUT_MESSAGE` (mapped to CONNECTION_FAILED, reason "no answer"), as pg's own
 * `query_timeout` failed it; the connector then drops the connection (its answer may still come,
 * or never).
 *
 * @example
 * const pool = new pg.Pool({ ... }); // without query_timeout
 * watchAnswers(pool, 35_000); // a statement unanswered after 35–37 s fails
 */
import type pg from 'pg';
import { watchUnanswered } from '../sql/unanswered-statements.js';

/** The message of the error a statement fails with when its answer does not come in time. */
export const CLIENT_TIMEOUT_MESSAGE = 'Query read timeout';

/** The part of pg's Query the watch uses (not in pg's type definitions). */
interface ActiveQuery {
  callback?: (error: Error) => void;
}

/** The part of pg's Client the watch uses: `_getActiveQuery` is pg 8's internal accessor. */
interface WatchedClient {
  _getActiveQuery(): ActiveQuery | null | undefined;
}

/** Fails every statement of `pool`'s connections left unanswered `timeoutMs`. */
export function watchAnswers(pool: pg.Pool, timeoutMs: number): void {
  const clients = new Set<WatchedClient>();
  pool.on('connect', (client) => clients.add(client as unknown as WatchedClient));
  pool.on('remove', (client) => clients.delete(client as unknown as WatchedClient));
  watchUnanswered<ActiveQuery>(timeoutMs, {
    *underWay() {
      for (const client of clients) {
        const query = client._getActiveQuery();
        if (query) yield query;
      }
    },
    fail: failUnanswered,
    closed: () => pool.ended,
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
