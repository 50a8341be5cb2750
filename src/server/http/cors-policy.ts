/**
 * CORS from an allow-list: an origin in `cors.origins` gets `access-control-allow-origin` with its
 * own name (and `Vary: Origin`), credentials only when `cors.credentials` is set; any other origin
 * gets no CORS header at all, so the browser keeps the answer from it. `*` admits every origin,
 * never with credentials (the configuration refuses the pair). Unlike yoga's default, an origin is
 * never reflected unless listed.
 */
import type { CorsConfig } from '../config/http-security-config.js';

/** Response headers, by lower-case name. */
export type HeaderRecord = Record<string, string>;

/** The methods a preflight may ask for. */
const ALLOWED_METHODS = 'GET, POST, OPTIONS';
/** How long a browser may reuse a preflight's answer (seconds). */
const PREFLIGHT_MAX_AGE = '600';

/** Decides the CORS headers of one origin. */
export interface CorsPolicy {
  /** Whether any origin can be allowed at all (false: no CORS header is ever sent). */
  readonly enabled: boolean;
  /** The headers of an answer to `origin`; undefined when the origin is not allowed. */
  headersFor(origin: string): HeaderRecord | undefined;
  /** The headers of a preflight answer to `origin` asking for `requestHeaders`; undefined when not allowed. */
  preflightFor(origin: string, requestHeaders: string | undefined): HeaderRecord | undefined;
}

/** The CORS policy of a configuration. */
export function createCorsPolicy(config: CorsConfig): CorsPolicy {
  const anyOrigin = config.origins.includes('*');
  const listed = new Set(config.origins);
  const credentials = config.credentials && !anyOrigin;
  const headersFor = (origin: string): HeaderRecord | undefined => {
    if (anyOrigin) return { 'access-control-allow-origin': '*' };
    if (!listed.has(origin)) return undefined;
    return credentials
      ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' }
      : { 'access-control-allow-origin': origin, vary: 'Origin' };
  };
  return {
    enabled: listed.size > 0,
    headersFor,
    preflightFor(origin, requestHeaders) {
      const headers = headersFor(origin);
      if (!headers) return undefined;
      return {
        ...headers,
        'access-control-allow-methods': ALLOWED_METHODS,
        ...(requestHeaders ? { 'access-control-allow-headers': requestHeaders } : {}),
        'access-control-max-age': PREFLIGHT_MAX_AGE,
      };
    },
  };
}
