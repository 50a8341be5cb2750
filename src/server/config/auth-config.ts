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
import { type ZodType, z } from 'zod';
import {
  envBoolean,
  envInteger,
  envList,
  isReadingText,
  readSection,
  type SectionSources,
  settingError,
} from './config-schema.js';

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

const MIN_SECRET_LENGTH = 32;

const ONE_OR_MANY = 'a string or a non-empty list of strings';

/** `iss`/`aud`: one value or a list; from the environment a comma list is a list, else one value. */
function oneOrMany(): ZodType<string | string[]> {
  return z.preprocess(
    (value) =>
      isReadingText() && typeof value === 'string' && value.includes(',')
        ? value
            .split(',')
            .map((item) => item.trim())
            .filter(Boolean)
        : value,
    z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], { error: ONE_OR_MANY }),
  );
}

/** The `auth.jwt` object of the config file (and its environment variables), every key optional. */
export const JWT_SCHEMA = z
  .object({
    secret: z.string().min(1).optional(),
    publicKeyFile: z.string().min(1).optional(),
    jwksFile: z.string().min(1).optional(),
    algorithms: envList(z.enum(JWT_ALGORITHMS), 1).optional(),
    issuer: oneOrMany().optional(),
    audience: oneOrMany().optional(),
    clockToleranceSeconds: envInteger(0, 3600).optional(),
    roleClaim: z.string().min(1).optional(),
    verifiedTokenCacheBytes: envInteger(0, 1_073_741_824).optional(),
  })
  .strict();

/** The `auth` object of the config file (and its environment variables), every key optional. */
export const AUTH_SCHEMA = z
  .object({
    jwt: JWT_SCHEMA.optional(),
    anonymous: z.enum(['allow', 'refuse']).optional(),
    anonymousRole: z.string().min(1).optional(),
    databaseSession: envBoolean().optional(),
    setRole: envBoolean().optional(),
    allowedRoles: envList().optional(),
  })
  .strict();

/** Each setting's environment variable. */
export const AUTH_ENV: Readonly<Record<string, string>> = {
  'jwt.secret': 'DISCOGRAPH_JWT_SECRET',
  'jwt.publicKeyFile': 'DISCOGRAPH_JWT_PUBLIC_KEY_FILE',
  'jwt.jwksFile': 'DISCOGRAPH_JWT_JWKS_FILE',
  'jwt.algorithms': 'DISCOGRAPH_JWT_ALGORITHMS',
  'jwt.issuer': 'DISCOGRAPH_JWT_ISSUER',
  'jwt.audience': 'DISCOGRAPH_JWT_AUDIENCE',
  'jwt.clockToleranceSeconds': 'DISCOGRAPH_JWT_CLOCK_TOLERANCE_SECONDS',
  'jwt.roleClaim': 'DISCOGRAPH_JWT_ROLE_CLAIM',
  'jwt.verifiedTokenCacheBytes': 'DISCOGRAPH_JWT_VERIFIED_TOKEN_CACHE_BYTES',
  anonymous: 'DISCOGRAPH_AUTH_ANONYMOUS',
  anonymousRole: 'DISCOGRAPH_AUTH_ANONYMOUS_ROLE',
  databaseSession: 'DISCOGRAPH_AUTH_DATABASE_SESSION',
  setRole: 'DISCOGRAPH_AUTH_SET_ROLE',
  allowedRoles: 'DISCOGRAPH_AUTH_ALLOWED_ROLES',
};

/** The settings of `auth.jwt` once merged: defaults filled, exactly one key source, files resolved. */
function completeJwt(jwt: Partial<JwtConfig>, cwd: string): JwtConfig {
  const sources = (['secret', 'publicKeyFile', 'jwksFile'] as const).filter((key) => jwt[key] !== undefined);
  if (sources.length !== 1) {
    throw settingError(
      undefined,
      'auth.jwt',
      sources.length === 0 ? 'without a key' : `with ${sources.join(' and ')}`,
      'exactly one of secret (DISCOGRAPH_JWT_SECRET), publicKeyFile (DISCOGRAPH_JWT_PUBLIC_KEY_FILE) or jwksFile (DISCOGRAPH_JWT_JWKS_FILE)',
    );
  }
  if (jwt.secret !== undefined && jwt.secret.length < MIN_SECRET_LENGTH) {
    throw settingError(
      undefined,
      'auth.jwt.secret',
      jwt.secret,
      `at least ${MIN_SECRET_LENGTH} characters (DISCOGRAPH_JWT_SECRET too): a shorter HMAC secret can be guessed`,
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
    throw settingError(
      undefined,
      'auth.allowedRoles',
      config.allowedRoles,
      'the database roles a token may name (DISCOGRAPH_AUTH_ALLOWED_ROLES): auth.setRole needs them',
    );
  }
}

/** Where the `auth` settings come from, lowest precedence first after the defaults. */
export interface AuthSources extends SectionSources {
  /** Relative key files are resolved against it. */
  cwd: string;
}

/** The `auth` settings: defaults, then the config file, environment variables and flags (per setting), checked. */
export function readAuthConfig(sources: AuthSources): AuthConfig {
  const settings = readSection<Omit<AuthConfig, 'jwt'> & { jwt?: Partial<JwtConfig> }>(
    'auth',
    AUTH_SCHEMA,
    AUTH_ENV,
    DEFAULT_AUTH_CONFIG,
    sources,
    { merged: ['jwt'] },
  );
  const { jwt, ...rest } = settings;
  const config: AuthConfig = { ...rest };
  if (jwt) config.jwt = completeJwt(jwt, sources.cwd);
  checkCombination(config);
  return config;
}
