/**
 * `/metrics`: the gateway's Prometheus metrics, for the readers `metrics.access` allows — by
 * default only the loopback addresses (a scraper on the same host or a sidecar), `any` for every
 * address; `metrics.token` lets any address in with `Authorization: Bearer <token>`. Others get 403
 * (the metrics name operations and show load: not for the public).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MetricsConfig } from '../config/observability-config.js';
import type { GatewayMetrics } from './gateway-metrics.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function tokenMatches(header: string | undefined, token: string): boolean {
  if (header === undefined || !header.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7).trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Whether `request` may read the metrics. */
export function mayReadMetrics(
  request: IncomingMessage,
  access: Pick<MetricsConfig, 'access' | 'token'>,
): boolean {
  if (access.access === 'any') return true;
  if (access.token !== undefined && tokenMatches(request.headers.authorization, access.token)) return true;
  return LOOPBACK.has(request.socket.remoteAddress ?? '');
}

/** Answers a `/metrics` request. */
export function serveMetrics(
  request: IncomingMessage,
  response: ServerResponse,
  metrics: GatewayMetrics,
  access: Pick<MetricsConfig, 'access' | 'token'>,
): void {
  if (!mayReadMetrics(request, access)) {
    const text = JSON.stringify({
      error: 'metrics are readable from loopback addresses or with the metrics token',
    });
    response.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
    response.end(text);
    return;
  }
  metrics.text().then(
    (text) => {
      response.writeHead(200, { 'content-type': metrics.contentType });
      response.end(text);
    },
    (error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`metrics could not be collected: ${(error as Error).message}`);
    },
  );
}
