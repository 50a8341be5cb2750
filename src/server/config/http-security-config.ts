/**
 * The HTTP security settings: production mode (introspection, GraphiQL and error details),
 * CSRF prevention, the Host allow-list, CORS, what `/readyz` tells, and the memory safeguards of
 * the request path (operation cache budget, largest answer). Their type, defaults, environment
 * variables and checks live here; `src/server/config.ts` only hooks them up.
 */
import { ConfigError } from './config-error.js';
import { commaList } from './environment-values.js';

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

/** The configuration error of a wrong HTTP security setting, naming it. */
function invalidSetting(setting: string, message: string, value: unknown): ConfigError {
  return new ConfigError(`${setting} ${message}`, { setting, value });
}

function flag(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw invalidSetting(name, `must be true or false, not "${value}"`, value);
}

function bytes(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) {
    throw invalidSetting(name, `must be a whole number of bytes, not "${value}"`, value);
  }
  return parsed;
}

/**
 * The HTTP security settings set by environment variables: `DISCOGRAPH_PRODUCTION` (or
 * `NODE_ENV=production`), `DISCOGRAPH_INTROSPECTION`, `DISCOGRAPH_CSRF_PREVENTION`,
 * `DISCOGRAPH_ALLOWED_HOSTS`, `DISCOGRAPH_CORS_ORIGINS`, `DISCOGRAPH_CORS_CREDENTIALS`,
 * `DISCOGRAPH_READINESS_DETAILS`, `DISCOGRAPH_OPERATION_CACHE_BYTES`, `DISCOGRAPH_MAX_RESPONSE_BYTES`.
 */
export function httpSecurityFromEnvironment(env: NodeJS.ProcessEnv): Partial<HttpSecurityConfig> {
  const production =
    flag('DISCOGRAPH_PRODUCTION', env.DISCOGRAPH_PRODUCTION) ??
    (env.NODE_ENV === 'production' ? true : undefined);
  const origins = commaList(env.DISCOGRAPH_CORS_ORIGINS);
  const credentials = flag('DISCOGRAPH_CORS_CREDENTIALS', env.DISCOGRAPH_CORS_CREDENTIALS);
  const fromEnv: Partial<HttpSecurityConfig> = {
    production,
    introspection: flag('DISCOGRAPH_INTROSPECTION', env.DISCOGRAPH_INTROSPECTION),
    csrfPrevention: flag('DISCOGRAPH_CSRF_PREVENTION', env.DISCOGRAPH_CSRF_PREVENTION),
    allowedHosts: commaList(env.DISCOGRAPH_ALLOWED_HOSTS),
    readinessDetails: flag('DISCOGRAPH_READINESS_DETAILS', env.DISCOGRAPH_READINESS_DETAILS),
    operationCacheBytes: bytes('DISCOGRAPH_OPERATION_CACHE_BYTES', env.DISCOGRAPH_OPERATION_CACHE_BYTES),
    maxResponseBytes: bytes('DISCOGRAPH_MAX_RESPONSE_BYTES', env.DISCOGRAPH_MAX_RESPONSE_BYTES),
  };
  if (origins !== undefined || credentials !== undefined) {
    fromEnv.cors = {
      origins: origins ?? DEFAULT_HTTP_SECURITY_CONFIG.cors.origins,
      credentials: credentials ?? DEFAULT_HTTP_SECURITY_CONFIG.cors.credentials,
    };
  }
  return Object.fromEntries(
    Object.entries(fromEnv).filter(([, value]) => value !== undefined),
  ) as Partial<HttpSecurityConfig>;
}

function checkStrings(setting: string, value: unknown): void {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw invalidSetting(setting, 'must be a list of strings', value);
  }
}

function checkBoolean(setting: string, value: unknown): void {
  if (typeof value !== 'boolean') throw invalidSetting(setting, 'must be true or false', value);
}

function checkRange(setting: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidSetting(setting, `must be a whole number from ${min} to ${max}`, value);
  }
}

/**
 * Throws a configuration error naming the setting when an HTTP security setting is of the wrong
 * type or range; a `cors` given in part (`{"origins": [...]}`) gets the default of the rest.
 */
export function checkHttpSecurityConfig(config: HttpSecurityConfig): void {
  if (config.cors !== null && typeof config.cors === 'object' && !Array.isArray(config.cors)) {
    config.cors = { ...DEFAULT_HTTP_SECURITY_CONFIG.cors, ...config.cors };
  }
  checkBoolean('production', config.production);
  if (config.introspection !== undefined) checkBoolean('introspection', config.introspection);
  checkBoolean('csrfPrevention', config.csrfPrevention);
  checkStrings('csrfHeaders', config.csrfHeaders);
  if (config.csrfPrevention && config.csrfHeaders.length === 0) {
    throw invalidSetting('csrfHeaders', 'must name at least one header', config.csrfHeaders);
  }
  checkStrings('allowedHosts', config.allowedHosts);
  const cors = config.cors as Partial<CorsConfig> | undefined;
  if (cors === null || typeof cors !== 'object' || Array.isArray(cors)) {
    throw invalidSetting('cors', 'must be an object {origins, credentials}', cors);
  }
  checkStrings('cors.origins', cors.origins);
  checkBoolean('cors.credentials', cors.credentials);
  for (const origin of cors.origins ?? []) {
    if (origin !== '*' && !/^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+$/i.test(origin)) {
      throw invalidSetting(
        'cors.origins',
        `must hold origins such as https://app.example.com (scheme, host, optional port; no path), not "${origin}"`,
        origin,
      );
    }
  }
  if (cors.credentials && cors.origins?.includes('*')) {
    throw invalidSetting(
      'cors.credentials',
      'cannot be true with the origin "*": list the origins that may send credentials',
      cors,
    );
  }
  checkBoolean('readinessDetails', config.readinessDetails);
  checkRange('operationCacheBytes', config.operationCacheBytes, 0, 2 ** 40);
  checkRange('maxResponseBytes', config.maxResponseBytes, 1, V8_MAX_STRING_LENGTH);
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
