/**
 * Which key a request is counted against: the authenticated caller's id (`by: 'caller'`, when an
 * `onRequest` hook before this one set `state.caller`) or the client's address, read from the
 * socket or, behind `trustProxy` proxies, from `X-Forwarded-For`. Keys have a bounded length: a
 * long caller id or header value is hashed, so a client cannot make the stores hold big keys.
 */
import { createHash } from 'node:crypto';
import type { RateLimitKeyKind } from '../config/rate-limit-config.js';
import type { GatewayRequest, RequestState } from '../pipeline/gateway-hooks.js';

/** Keys longer than this are replaced by a hash of the same length class. */
export const KEY_MAX_LENGTH = 80;

/**
 * The client's address: with `trustProxy` = n > 0, the n-th entry from the right of
 * `X-Forwarded-For` (the address the outermost trusted proxy saw), or its leftmost entry when the
 * header has fewer; otherwise (or without the header) the socket's peer address.
 *
 * @example
 * // X-Forwarded-For: 203.0.113.7, 10.0.0.2   (two proxies: a CDN, then a load balancer)
 * clientAddress(request, 2) // '203.0.113.7'
 * clientAddress(request, 1) // '10.0.0.2'
 */
export function clientAddress(request: GatewayRequest, trustProxy: number): string {
  if (trustProxy > 0) {
    const forwarded = request.header('x-forwarded-for');
    if (forwarded) {
      const hops = forwarded.split(',');
      const hop = hops[Math.max(0, hops.length - trustProxy)]?.trim();
      if (hop) return hop;
    }
  }
  return request.remoteAddress ?? 'unknown';
}

function bounded(key: string): string {
  if (key.length <= KEY_MAX_LENGTH) return key;
  return `h:${createHash('sha256').update(key).digest('base64url')}`;
}

/** The key `request` is counted against. */
export function rateLimitKey(
  request: GatewayRequest,
  state: RequestState,
  by: RateLimitKeyKind,
  trustProxy: number,
): string {
  const caller = by === 'caller' ? state.caller?.id : undefined;
  return bounded(caller === undefined ? `ip:${clientAddress(request, trustProxy)}` : `caller:${caller}`);
}
