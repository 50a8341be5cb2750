/**
 * A GraphQL client that hangs up: posts a request on a connection of its own and closes the
 * connection before the answer comes, as a browser tab closed or a client timeout does. For the
 * tests of cancellation on client disconnect.
 */
import http from 'node:http';
import { expect } from 'vitest';

/** A request under way that the test can abandon. */
export interface AbandonableRequest {
  /** Closes the connection before the answer (the server sees the client disconnect). */
  hangUp(): void;
  /** Resolves with the status when an answer came, or with `closed` once the connection closed first. */
  readonly settled: Promise<number | 'closed'>;
}

/** Posts `query` to the gateway at `url` on a connection of its own (no keep-alive agent). */
export function postAbandonable(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
): AbandonableRequest {
  const body = JSON.stringify({ query, variables });
  const request = http.request(url, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const settled = new Promise<number | 'closed'>((resolve) => {
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', () => resolve('closed'));
    request.on('close', () => resolve('closed'));
  });
  request.end(body);
  return { hangUp: () => request.destroy(), settled };
}

/** Polls `read` every 25 ms until `done` holds for its value; resolves with the milliseconds it took. */
export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  for (;;) {
    const value = await read();
    const ms = performance.now() - started;
    if (done(value) || ms > timeoutMs) return { ms, value };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Expects the `count` request lines of `operation` that `hungUp` picks logged as cancelled (499,
 * `CLIENT_CLOSED_REQUEST`, no correlation id: not an internal error), no error line, and the
 * gateway's `/metrics` counting them as cancelled. `lines` is the log the gateway writes into
 * while the test runs.
 */
export async function expectHangUpsLoggedAndCounted(
  lines: readonly Record<string, unknown>[],
  hungUp: (line: Record<string, unknown>) => boolean,
  graphqlUrl: string,
  operation: string,
  count: number,
): Promise<void> {
  const cancelled = await until(
    async () => lines.filter((line) => line.operation === operation && hungUp(line)),
    (found) => found.length >= count,
    2_000,
  );
  expect(cancelled.value).toHaveLength(count);
  for (const line of cancelled.value) {
    expect(line).toMatchObject({ status: 499, outcome: 'cancelled', errorCodes: ['CLIENT_CLOSED_REQUEST'] });
    expect(line.correlationIds).toBeUndefined();
  }
  expect(lines.filter((line) => line.level === 50)).toEqual([]);
  const metrics = await (await fetch(graphqlUrl.replace('/graphql', '/metrics'))).text();
  expect(metrics).toContain(
    `discograph_requests_total{operation="${operation}",type="query",outcome="cancelled"} ${count}`,
  );
  expect(metrics).toContain(`discograph_errors_total{code="CLIENT_CLOSED_REQUEST"} ${count}`);
}
