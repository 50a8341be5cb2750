/**
 * The HTTP security settings: production mode (introspection, GraphiQL and error details),
 * CSRF prevention, the Host allow-list, CORS, what `/readyz` tells, and the memory safeguards of
 * the request path (operation cache budget, largest answer). Their type, defaults, environment
 * variables and checks live here; `src/server/config.ts` only hooks them up.
 */
import { z } from 'zod';
import { envBoolean, envInteger, envList, settingError } from './config-schema.js';

/** Cross-origin resource sharing: which browser origins may call the gateway. */
export interface CorsConfig {
  /**
   * Origins allowed to call (`https://app.example.com`, exact match; `*` for any origin, never with
   * credentials); empty: same origin only (no CORS header is ever sent).
   */
  origins: string[];
  /** Answer `access-control-allow-credentials: true` (cookies, HTTP auth) to the allowed origins. */
  credentials: boolean;
}

/** The HTTP security settings of `GatewayConfig`. */
export interface HttpSecurityConfig {
  /**
   * Production mode: introspection, GraphiQL and development error details off unless enabled
   * explicitly. Default: `NODE_ENV=production` or `DISCOGRAPH_PRODUCTION=true`.
   */
  production: boolean;
  /** Answer `__schema`/`__type`; undefined: on outside production, off in production. */
  introspection?: boolean;
  /**
   * Refuse requests a browser could send cross-site without a CORS preflight (a POST with a form
   * or text content type, or none) unless they carry one of `csrfHeaders`.
   */
  csrfPrevention: boolean;
  /** Headers whose presence (non-empty) lets a non-JSON POST through the CSRF check. */
  csrfHeaders: string[];
  /** Host headers accepted at the GraphQL endpoint (`api.example.com` or `host:port`); empty: any. */
  allowedHosts: string[];
  cors: CorsConfig;
  /** Let `/readyz` tell why the database is unreachable (host, port, driver message); off: the log only. */
  readinessDetails: boolean;
  /** Memory the operation cache may use for parsed documents, in bytes (estimated). */
  operationCacheBytes: number;
  /** Largest answer body, in bytes; a larger answer is replaced by a RESPONSE_TOO_LARGE error. */
  maxResponseBytes: number;
}

/** Defaults of the HTTP security settings (`production` from `NODE_ENV`, see `httpSecurityFromEnvironment`). */
export const DEFAULT_HTTP_SECURITY_CONFIG: HttpSecurityConfig = {
  production: false,
  introspection: undefined,
  csrfPrevention: true,
  csrfHeaders: ['x-graphql-yoga-csrf', 'x-discograph-csrf', 'apollo-require-preflight'],
  allowedHosts: [],
  cors: { origins: [], credentials: false },
  readinessDetails: false,
  operationCacheBytes: 32 * 1024 * 1024,
  // V8 cannot make a string longer than 2^29 - 24 characters (~512 MiB); stay well below it.
  maxResponseBytes: 256 * 1024 * 1024,
};

/** The longest string V8 can make (characters): no answer may come near it. */
const V8_MAX_STRING_LENGTH = 2 ** 29 - 24;

const ORIGIN = z.string().regex(/^(\*|[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+)$/i, {
  error: 'origins such as https://app.example.com (scheme, host, optional port; no path), or "*"',
});

/** The HTTP security settings of the config file (and their environment variables), every key optional. */
export const HTTP_SECURITY_SCHEMA = z.object({
  production: envBoolean().optional(),
  introspection: envBoolean().optional(),
  csrfPrevention: envBoolean().optional(),
  csrfHeaders: envList().optional(),
  allowedHosts: envList().optional(),
  cors: z
    .object({ origins: envList(ORIGIN).optional(), credentials: envBoolean().optional() })
    .strict()
    .optional(),
  readinessDetails: envBoolean().optional(),
  operationCacheBytes: envInteger(0, 2 ** 40).optional(),
  maxResponseBytes: envInteger(1, V8_MAX_STRING_LENGTH).optional(),
});

/**
 * Each setting's environment variable; `production` is also on with `NODE_ENV=production`
 * (see `withProductionFromNodeEnv`).
 */
export const HTTP_SECURITY_ENV: Readonly<Record<string, string>> = {
  production: 'DISCOGRAPH_PRODUCTION',
  introspection: 'DISCOGRAPH_INTROSPECTION',
  csrfPrevention: 'DISCOGRAPH_CSRF_PREVENTION',
  allowedHosts: 'DISCOGRAPH_ALLOWED_HOSTS',
  'cors.origins': 'DISCOGRAPH_CORS_ORIGINS',
  'cors.credentials': 'DISCOGRAPH_CORS_CREDENTIALS',
  readinessDetails: 'DISCOGRAPH_READINESS_DETAILS',
  operationCacheBytes: 'DISCOGRAPH_OPERATION_CACHE_BYTES',
  maxResponseBytes: 'DISCOGRAPH_MAX_RESPONSE_BYTES',
};

/** The environment with `DISCOGRAPH_PRODUCTION=true` when only `NODE_ENV=production` says so. */
export function withProductionFromNodeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.DISCOGRAPH_PRODUCTION || env.NODE_ENV !== 'production') return env;
  return { ...env, DISCOGRAPH_PRODUCTION: 'true' };
}

/**
 * Checks what only the merged HTTP security settings can tell (each value's type and range is the
 * schema's): CSRF prevention needs a header, and `"*"` never goes with credentials.
 */
export function checkHttpSecurityConfig(config: HttpSecurityConfig): void {
  if (config.csrfPrevention && config.csrfHeaders.length === 0) {
    throw settingError(
      undefined,
      'csrfHeaders',
      config.csrfHeaders,
      'at least one header while csrfPrevention is on',
    );
  }
  if (config.cors.credentials && config.cors.origins.includes('*')) {
    throw settingError(
      undefined,
      'cors.credentials',
      true,
      'false with the origin "*" (cors.origins): list the origins that may send credentials',
    );
  }
}

/** What the production setting decides, with the explicit settings applied. */
export interface EffectiveHttpSecurity {
  introspection: boolean;
  graphiql: boolean;
  /** Development error details (yoga's `originalError` with its stack) in answers. */
  errorDetails: boolean;
}

/**
 * Introspection, GraphiQL and error details as production mode decides them: off in production
 * unless enabled explicitly; outside production, as before (error details with `NODE_ENV=development`).
 */
export function effectiveHttpSecurity(
  config: Pick<HttpSecurityConfig, 'production' | 'introspection'> & { graphiql?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): EffectiveHttpSecurity {
  return {
    introspection: config.introspection ?? !config.production,
    graphiql: config.graphiql ?? !config.production,
    errorDetails: !config.production && env.NODE_ENV === 'development',
  };
}
