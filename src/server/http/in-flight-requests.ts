/**
 * The GraphQL requests under way, as the graceful shutdown sees them: it waits for them to finish
 * (the drain) for at most the drain timeout (`shutdownTimeoutMs`), then closes every connection;
 * the requests still running then are cut off, and `cutOffReport` says which, for the log.
 *
 * @example
 * cutOffLine([{ method: 'POST', url: '/graphql', runningMs: 2150 }], 500);
 * // shutdown: the drain timeout (500 ms) passed with 1 request still running; cut off: POST /graphql (running 2.2 s)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request cut off by the drain timeout. */
export interface CutOffRequest {
  method: string;
  /** The request target (path and query string). */
  url: string;
  /** How long it had been running when it was cut off. */
  runningMs: number;
}

/** What a graceful shutdown did: the requests it cut off (none when every request finished in time). */
export interface ShutdownReport {
  cutOff: CutOffRequest[];
}

/** The requests under way, each with what identifies it in the log. */
export class InFlightRequests {
  private readonly requests = new Map<ServerResponse, { method: string; url: string; started: number }>();
  private readonly drained: Array<() => void> = [];

  /** Tracks `response`'s request until its connection closes (answered or gone). */
  add(request: IncomingMessage, response: ServerResponse): void {
    this.requests.set(response, {
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      started: performance.now(),
    });
    response.once('close', () => {
      this.requests.delete(response);
      if (this.requests.size === 0) for (const resolve of this.drained.splice(0)) resolve();
    });
  }

  get size(): number {
    return this.requests.size;
  }

  /** The responses under way. */
  responses(): IterableIterator<ServerResponse> {
    return this.requests.keys();
  }

  /** Resolves once no request is under way. */
  drain(): Promise<void> {
    if (this.requests.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  /** The requests still under way, as cut off now. */
  cutOff(): CutOffRequest[] {
    const now = performance.now();
    return [...this.requests.values()].map(({ method, url, started }) => ({
      method,
      url,
      runningMs: Math.round(now - started),
    }));
  }
}

/** The log line naming the requests a drain timeout of `timeoutMs` cut off. */
export function cutOffLine(cutOff: readonly CutOffRequest[], timeoutMs: number): string {
  const list = cutOff
    .map((request) => `${request.method} ${request.url} (running ${(request.runningMs / 1000).toFixed(1)} s)`)
    .join(', ');
  const count = `${cutOff.length} request${cutOff.length === 1 ? '' : 's'}`;
  return `shutdown: the drain timeout (${timeoutMs} ms) passed with ${count} still running; cut off: ${list}`;
}
