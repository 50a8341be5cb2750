/**
 * The `auth` settings: who is calling (a JWT in `Authorization: Bearer …`, verified with a secret,
 * a public key or a JWKS file), what a request without a token may do, and how the caller reaches
 * the database (PostgreSQL: the claims as settings and `SET LOCAL ROLE`, so that row-level
 * security policies and grants apply). Without `auth.jwt` there is no authentication at all and
 * the request path is exactly the open one.
 *
 * @example
 * // discograph.config.json
 * { "auth": { "jwt": { "secret": "…32 characters or more…", "audience": "discograph" },
 *             "anonymous": "refuse", "setRole": true, "allowedRoles": ["customer_role"] } }
 */
import path from 'node:path';
import { ConfigError } from './config-error.js';
import { commaList } from './environment-values.js';

/** The algorithms a token may be signed with (never `none`). */
export const JWT_ALGORITHMS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;

/** A JWS algorithm Discograph verifies. */
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

/** The `auth.jwt` settings: how tokens are verified. Exactly one of secret, publicKeyFile, jwksFile. */
export interface JwtConfig {
  /** The HMAC secret (HS256/384/512), at least 32 characters. */
  secret?: string;
  /** A PEM file with the public key (or certificate) of RS/PS/ES/EdDSA tokens. */
  publicKeyFile?: string;
  /** A JSON Web Key Set file (`{"keys": [...]}`); a token's `kid` and `alg` pick the key. */
  jwksFile?: string;
  /** The accepted algorithms; default: those of the key (HS256/384/512 for a secret). */
  algorithms?: JwtAlgorithm[];
  /** Required `iss` (one of them, when a list). */
  issuer?: string | string[];
  /** Required `aud` (one of them, when a list). */
  audience?: string | string[];
  /** Leeway for `exp` and `nbf`, in seconds. */
  clockToleranceSeconds: number;
  /** The claim naming the caller's role. */
  roleClaim: string;
  /** Bytes of verified tokens remembered (each until its `exp`), so a repeated token is not verified again; 0 turns it off. */
  verifiedTokenCacheBytes: number;
}

/** What a request without a token gets. */
export type AnonymousAccess = 'allow' | 'refuse';

/** The `auth` settings. */
export interface AuthConfig {
  /** Token verification; undefined: no authentication (every request is anonymous, nothing else changes). */
  jwt?: JwtConfig;
  /** `allow`: a request without a token runs as `anonymousRole`; `refuse`: it gets UNAUTHENTICATED (401). */
  anonymous: AnonymousAccess;
  /** The role of requests without a token (and of tokens without a role claim). */
  anonymousRole: string;
  /**
   * Run each request's statements in one transaction carrying the caller (PostgreSQL: claims as
   * settings, and the role with `setRole`); undefined: on for PostgreSQL when `jwt` is set.
   */
  databaseSession?: boolean;
  /** `SET LOCAL ROLE` to the caller's role in the request's transaction (PostgreSQL). */
  setRole: boolean;
  /**
   * The roles a token may name (besides `anonymousRole`, always allowed); a token naming another is
   * FORBIDDEN. Required with `setRole`; empty: any.
   */
  allowedRoles: string[];
}

/** Defaults of `auth.jwt` (its key settings have none). */
export const DEFAULT_JWT_CONFIG: Omit<JwtConfig, 'secret' | 'publicKeyFile' | 'jwksFile'> = {
  clockToleranceSeconds: 5,
  roleClaim: 'role',
  verifiedTokenCacheBytes: 1_048_576,
};

/** Defaults of the `auth` settings. */
export const DEFAULT_AUTH_CONFIG: AuthConfig = {
  anonymous: 'allow',
  anonymousRole: 'anonymous',
  setRole: false,
  allowedRoles: [],
};

const AUTH_KEYS = new Set([
  'jwt',
  'anonymous',
  'anonymousRole',
  'databaseSession',
  'setRole',
  'allowedRoles',
]);
const JWT_KEYS = new Set([
  'secret',
  'publicKeyFile',
  'jwksFile',
  'algorithms',
  'issuer',
  'audience',
  'clockToleranceSeconds',
  'roleClaim',
  'verifiedTokenCacheBytes',
]);
const MIN_SECRET_LENGTH = 32;

function fail(name: string, expected: string, value: unknown): never {
  const shown = name.endsWith('secret') || name.endsWith('SECRET') ? '(hidden)' : JSON.stringify(value);
  throw new ConfigError(`${name} must be ${expected}, not ${shown}`, { name });
}

function checkString(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') fail(name, 'a non-empty string', value);
  return value;
}

function checkStrings(name: string, value: unknown): string[] {
  if (!Array.isArray(value)) fail(name, 'a list of strings', value);
  return value.map((item, index) => checkString(`${name}[${index}]`, item));
}

function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(name, 'true or false', value);
  return value;
}

function checkInteger(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(name, `a whole number from ${min} to ${max}`, value);
  }
  return value;
}

function checkAlgorithms(name: string, value: unknown): JwtAlgorithm[] {
  const list = checkStrings(name, value);
  if (list.length === 0) fail(name, 'a non-empty list', value);
  for (const algorithm of list) {
    if (!(JWT_ALGORITHMS as readonly string[]).includes(algorithm)) {
      fail(name, `a list of ${JWT_ALGORITHMS.join(', ')}`, value);
    }
  }
  return list as JwtAlgorithm[];
}

function checkOneOrMany(name: string, value: unknown): string | string[] {
  return Array.isArray(value) ? checkStrings(name, value) : checkString(name, value);
}

function checkObject(name: string, value: unknown, known: Set<string>): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(name, 'an object', value);
  for (const key of Object.keys(value)) {
    if (!known.has(key)) {
      throw new ConfigError(`Unknown setting "${name}.${key}"; known: ${[...known].join(', ')}`, {
        name: `${name}.${key}`,
      });
    }
  }
  return value as Record<string, unknown>;
}

/** Checks an `auth.jwt` object (only the keys it sets). */
function checkJwtSettings(value: unknown): Partial<JwtConfig> {
  const given = checkObject('auth.jwt', value, JWT_KEYS);
  const checked: Partial<JwtConfig> = {};
  for (const [key, setting] of Object.entries(given)) {
    if (setting === undefined) continue;
    const name = `auth.jwt.${key}`;
    if (key === 'secret' || key === 'publicKeyFile' || key === 'jwksFile' || key === 'roleClaim') {
      checked[key] = checkString(name, setting);
    } else if (key === 'algorithms') {
      checked.algorithms = checkAlgorithms(name, setting);
    } else if (key === 'issuer' || key === 'audience') {
      checked[key] = checkOneOrMany(name, setting);
    } else if (key === 'clockToleranceSeconds') {
      checked.clockToleranceSeconds = checkInteger(name, setting, 0, 3600);
    } else {
      checked.verifiedTokenCacheBytes = checkInteger(name, setting, 0, 1_073_741_824);
    }
  }
  return checked;
}

/** What a file (or flags) set of `auth`, checked; `jwt` only with the keys it sets. */
interface AuthSettings extends Partial<Omit<AuthConfig, 'jwt'>> {
  jwt?: Partial<JwtConfig>;
}

/** Checks an `auth` object from the config file; only the keys it sets. */
export function checkAuthSettings(value: unknown): AuthSettings {
  if (value === undefined) return {};
  const given = checkObject('auth', value, AUTH_KEYS);
  const checked: AuthSettings = {};
  for (const [key, setting] of Object.entries(given)) {
    if (setting === undefined) continue;
    const name = `auth.${key}`;
    if (key === 'jwt') {
      checked.jwt = checkJwtSettings(setting);
    } else if (key === 'anonymous') {
      if (setting !== 'allow' && setting !== 'refuse') fail(name, '"allow" or "refuse"', setting);
      checked.anonymous = setting;
    } else if (key === 'anonymousRole') {
      checked.anonymousRole = checkString(name, setting);
    } else if (key === 'databaseSession' || key === 'setRole') {
      checked[key] = checkBoolean(name, setting);
    } else {
      checked.allowedRoles = checkStrings(name, setting);
    }
  }
  return checked;
}

function parseBoolean(name: string, text: string): boolean {
  if (/^(1|true|yes|on)$/i.test(text)) return true;
  if (/^(0|false|no|off)$/i.test(text)) return false;
  return fail(name, 'true or false', text);
}

function parseList(text: string): string[] {
  return commaList(text) ?? [];
}

/** The `auth` settings set by environment variables (only those that are set). */
export function authFromEnvironment(env: NodeJS.ProcessEnv): AuthSettings {
  const read = (name: string): string | undefined => (env[name] === '' ? undefined : env[name]);
  const jwt: Partial<JwtConfig> = {};
  const secret = read('DISCOGRAPH_JWT_SECRET');
  if (secret !== undefined) jwt.secret = secret;
  const publicKeyFile = read('DISCOGRAPH_JWT_PUBLIC_KEY_FILE');
  if (publicKeyFile !== undefined) jwt.publicKeyFile = publicKeyFile;
  const jwksFile = read('DISCOGRAPH_JWT_JWKS_FILE');
  if (jwksFile !== undefined) jwt.jwksFile = jwksFile;
  const algorithms = read('DISCOGRAPH_JWT_ALGORITHMS');
  if (algorithms !== undefined)
    jwt.algorithms = checkAlgorithms('DISCOGRAPH_JWT_ALGORITHMS', parseList(algorithms));
  const issuer = read('DISCOGRAPH_JWT_ISSUER');
  if (issuer !== undefined) jwt.issuer = issuer.includes(',') ? parseList(issuer) : issuer;
  const audience = read('DISCOGRAPH_JWT_AUDIENCE');
  if (audience !== undefined) jwt.audience = audience.includes(',') ? parseList(audience) : audience;
  const tolerance = read('DISCOGRAPH_JWT_CLOCK_TOLERANCE_SECONDS');
  if (tolerance !== undefined) {
    jwt.clockToleranceSeconds = checkInteger(
      'DISCOGRAPH_JWT_CLOCK_TOLERANCE_SECONDS',
      /^\d+$/.test(tolerance) ? Number(tolerance) : tolerance,
      0,
      3600,
    );
  }
  const roleClaim = read('DISCOGRAPH_JWT_ROLE_CLAIM');
  if (roleClaim !== undefined) jwt.roleClaim = roleClaim;

  const fromEnv: AuthSettings = Object.keys(jwt).length > 0 ? { jwt } : {};
  const anonymous = read('DISCOGRAPH_AUTH_ANONYMOUS');
  if (anonymous !== undefined) {
    if (anonymous !== 'allow' && anonymous !== 'refuse')
      fail('DISCOGRAPH_AUTH_ANONYMOUS', '"allow" or "refuse"', anonymous);
    fromEnv.anonymous = anonymous;
  }
  const anonymousRole = read('DISCOGRAPH_AUTH_ANONYMOUS_ROLE');
  if (anonymousRole !== undefined) fromEnv.anonymousRole = anonymousRole;
  const databaseSession = read('DISCOGRAPH_AUTH_DATABASE_SESSION');
  if (databaseSession !== undefined) {
    fromEnv.databaseSession = parseBoolean('DISCOGRAPH_AUTH_DATABASE_SESSION', databaseSession);
  }
  const setRole = read('DISCOGRAPH_AUTH_SET_ROLE');
  if (setRole !== undefined) fromEnv.setRole = parseBoolean('DISCOGRAPH_AUTH_SET_ROLE', setRole);
  const allowedRoles = read('DISCOGRAPH_AUTH_ALLOWED_ROLES');
  if (allowedRoles !== undefined) fromEnv.allowedRoles = parseList(allowedRoles);
  return fromEnv;
}

/** The settings of `auth.jwt` once merged: defaults filled, exactly one key source, files resolved. */
function completeJwt(jwt: Partial<JwtConfig>, cwd: string): JwtConfig {
  const sources = (['secret', 'publicKeyFile', 'jwksFile'] as const).filter((key) => jwt[key] !== undefined);
  if (sources.length !== 1) {
    throw new ConfigError(
      `auth.jwt needs exactly one of secret (DISCOGRAPH_JWT_SECRET), publicKeyFile (DISCOGRAPH_JWT_PUBLIC_KEY_FILE) or jwksFile (DISCOGRAPH_JWT_JWKS_FILE); ${sources.length === 0 ? 'none is' : `${sources.join(' and ')} are`} set`,
      { name: 'auth.jwt', sources },
    );
  }
  if (jwt.secret !== undefined && jwt.secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      `auth.jwt.secret (DISCOGRAPH_JWT_SECRET) must be at least ${MIN_SECRET_LENGTH} characters: a shorter HMAC secret can be guessed`,
      { name: 'auth.jwt.secret', minLength: MIN_SECRET_LENGTH },
    );
  }
  return {
    ...DEFAULT_JWT_CONFIG,
    ...jwt,
    ...(jwt.publicKeyFile ? { publicKeyFile: path.resolve(cwd, jwt.publicKeyFile) } : {}),
    ...(jwt.jwksFile ? { jwksFile: path.resolve(cwd, jwt.jwksFile) } : {}),
  };
}

/** Settings that only make sense together. */
function checkCombination(config: AuthConfig): void {
  if (config.setRole && config.allowedRoles.length === 0) {
    throw new ConfigError(
      'auth.setRole needs auth.allowedRoles (DISCOGRAPH_AUTH_ALLOWED_ROLES): the database roles a token may name',
      { name: 'auth.allowedRoles' },
    );
  }
}

/** Where the `auth` settings come from, lowest precedence first after the defaults. */
export interface AuthSources {
  file?: unknown;
  env: NodeJS.ProcessEnv;
  /** Relative key files are resolved against it. */
  cwd: string;
}

/** The `auth` settings: defaults, then the config file and environment variables (per setting), checked. */
export function readAuthConfig(sources: AuthSources): AuthConfig {
  const file = checkAuthSettings(sources.file);
  const env = authFromEnvironment(sources.env);
  const jwt = file.jwt || env.jwt ? { ...file.jwt, ...env.jwt } : undefined;
  const config: AuthConfig = { ...DEFAULT_AUTH_CONFIG, ...file, ...env, jwt: undefined };
  if (jwt) config.jwt = completeJwt(jwt, sources.cwd);
  else delete config.jwt;
  checkCombination(config);
  return config;
}
