/**
 * The checks every request to the GraphQL endpoint passes before either path (the fast path or
 * yoga) sees it: the Host allow-list (against DNS rebinding), CORS (the allow-list's headers, and
 * preflights answered here for both paths alike), and CSRF prevention. Each is a header read; a
 * request without an Origin header, with a JSON content type or a GET costs a few comparisons.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpSecurityConfig } from '../config/http-security-config.js';
import { createCorsPolicy } from './cors-policy.js';
import { CSRF_REFUSED, csrfRefusalMessage, passesCsrfCheck } from './csrf-prevention.js';
import { sendGraphQLError } from './send-graphql-error.js';

/** Checks a request; true lets it through, false means it was answered (refused, or a preflight). */
export type HttpGuard = (request: IncomingMessage, response: ServerResponse) => boolean;

/** The settings the guard applies. */
export type HttpGuardOptions = Pick<
  HttpSecurityConfig,
  'csrfPrevention' | 'csrfHeaders' | 'allowedHosts' | 'cors'
>;

/** The host name of a Host header value, lower case, without the port (`[::1]:4000` → `[::1]`). */
function hostNameOf(host: string): string {
  const lower = host.toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.indexOf(':');
  return colon === -1 ? lower : lower.slice(0, colon);
}

/** The guard of the GraphQL endpoint for these settings. */
export function createHttpGuard(options: HttpGuardOptions): HttpGuard {
  const hosts = new Set(options.allowedHosts.map((host) => host.toLowerCase()));
  const cors = createCorsPolicy(options.cors);
  const csrfHeaders = options.csrfHeaders.map((name) => name.toLowerCase());
  return (request, response) => {
    const { headers } = request;
    if (hosts.size > 0) {
      const host = headers.host ?? '';
      if (!hosts.has(host.toLowerCase()) && !hosts.has(hostNameOf(host))) {
        sendGraphQLError(
          response,
          403,
          'HOST_NOT_ALLOWED',
          'This host name is not served here (see the allowedHosts setting)',
        );
        return false;
      }
    }
    const origin = headers.origin;
    if (request.method === 'OPTIONS') {
      const allowed =
        origin !== undefined && cors.enabled
          ? cors.preflightFor(origin, headers['access-control-request-headers'])
          : undefined;
      response.writeHead(204, { ...allowed, 'content-length': '0' });
      response.end();
      return false;
    }
    if (origin !== undefined && cors.enabled) {
      const allowed = cors.headersFor(origin);
      if (allowed) for (const name in allowed) response.setHeader(name, allowed[name] as string);
    }
    if (
      options.csrfPrevention &&
      !passesCsrfCheck(
        request.method,
        headers['content-type'],
        (name) => {
          const value = headers[name];
          return Array.isArray(value) ? value.join(', ') : value;
        },
        csrfHeaders,
      )
    ) {
      sendGraphQLError(response, 403, CSRF_REFUSED, csrfRefusalMessage(options.csrfHeaders), {
        requiredHeaders: options.csrfHeaders,
      });
      return false;
    }
    return true;
  };
}
