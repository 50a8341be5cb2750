/**
 * Gateway configuration. One precedence, highest first:
 *   1. command-line flags (`--port 4001`),
 *   2. environment variables (`DATABASE_URL`, `PORT`, `HOST`, `DISCOGRAPH_*`),
 *   3. the config file (`--config FILE`, `$DISCOGRAPH_CONFIG`, or `./discograph.config.json`),
 *   4. defaults.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type AuthConfig, DEFAULT_AUTH_CONFIG, readAuthConfig } from './config/auth-config.js';
import { resolveCacheDir } from './config/cache-config.js';
import { type ColumnsSettings, DEFAULT_COLUMNS_SETTINGS } from './config/columns-config.js';
import { ConfigError } from './config/config-error.js';
import { CONFIG_SCHEMA, TOP_LEVEL_ENV, TOP_LEVEL_SCHEMA, topLevelOf } from './config/config-file-schema.js';
import { parseSetting, readSection, type SectionSources } from './config/config-schema.js';
import {
  type DatabaseConfig,
  DEFAULT_DATABASE_CONFIG,
  readDatabaseConfig,
} from './config/database-config.js';
import type { RenameConfig } from './config/gateway-settings-config.js';
import {
  checkHttpSecurityConfig,
  DEFAULT_HTTP_SECURITY_CONFIG,
  type HttpSecurityConfig,
  withProductionFromNodeEnv,
} from './config/http-security-config.js';
import { DEFAULT_LIMITS_CONFIG, type LimitsConfig, readLimitsConfig } from './config/limits-config.js';
import { DEFAULT_MONGODB_CONFIG, type MongoDbConfig, readMongoDbConfig } from './config/mongodb-config.js';
import {
  DEFAULT_LOGGING_CONFIG,
  DEFAULT_METRICS_CONFIG,
  type LoggingConfig,
  type MetricsConfig,
  readLoggingConfig,
  readMetricsConfig,
} from './config/observability-config.js';
import {
  DEFAULT_RATE_LIMIT_CONFIG,
  type RateLimitConfig,
  readRateLimitConfig,
} from './config/rate-limit-config.js';
import { DEFAULT_ROLES_SETTINGS, ROLES_JSON_VARIABLES, type RolesSettings } from './config/roles-config.js';
import {
  DEFAULT_TRUSTED_DOCUMENTS_CONFIG,
  readTrustedDocumentsConfig,
  type TrustedDocumentsConfig,
} from './config/trusted-documents-config.js';

export type { RenameConfig } from './config/gateway-settings-config.js';

/** Everything the gateway can be configured with. */
export interface GatewayConfig extends HttpSecurityConfig, RolesSettings, ColumnsSettings {
  /** `postgres://…`, `mysql://…`, `mongodb://…`; undefined serves the embedded demo database. */
  databaseUrl?: string;
  /** Read replicas of `databaseUrl` (same kind): queries go to them in turn, writes to the primary. */
  databaseReadUrls: string[];
  port: number;
  host: string;
  /** Schemas (PostgreSQL) or databases (MySQL) to discover; empty means the connection's default. */
  schemas: string[];
  /** Table patterns to keep (`*` wildcard; `schema.table` or `table`); empty keeps all. */
  includeTables: string[];
  /** Table patterns to leave out. */
  excludeTables: string[];
  /** Columns to hide, as `table.column` patterns (`*.password_hash`). */
  hideColumns: string[];
  rename: RenameConfig;
  /**
   * Where discovery results and the SDL snapshot are kept: the folder named by the flags, environment
   * or file, else the database's own folder under `./schema-cache/` (src/server/config/cache-config.ts).
   */
  cacheDir: string;
  /** Serve GraphiQL to browsers; undefined: yes outside production mode, no in it. */
  graphiql?: boolean;
  /** Largest request body accepted, in bytes. */
  maxRequestBodyBytes: number;
  /** Database connection pool size. */
  poolSize: number;
  /**
   * How long a graceful shutdown (SIGTERM/SIGINT) waits for the requests under way, in ms; those
   * still running then are cut off and logged, and `serve` exits with code 3. 0: no wait.
   */
  shutdownTimeoutMs: number;
  /** Compile GraphQL operations with graphql-jit (false: the reference executor yoga uses). */
  jit: boolean;
  /** Answer common JSON GraphQL requests on node:http directly (false: everything through yoga). */
  httpFastPath: boolean;
  /**
   * ES modules adding hooks to the request pipeline (identity, validation rules, context, results),
   * each exporting `GatewayHooks` or a list of them as its default export; paths relative to the
   * working directory.
   */
  hooks: string[];
  /** Page sizes, depth, aliases, document size, list lengths, cost (src/server/config/limits-config.ts). */
  limits: LimitsConfig;
  /** Statement, acquire and connect timeouts, prepared-statement budget (src/server/config/database-config.ts). */
  database: DatabaseConfig;
  /** MongoDB discovery: sample sizes, relations declared or suppressed (src/server/config/mongodb-config.ts). */
  mongodb: MongoDbConfig;
  /** Request rate limiting per caller or client address (src/server/config/rate-limit-config.ts). */
  rateLimit: RateLimitConfig;
  /** Authentication (JWT) and the caller's database session (src/server/config/auth-config.ts). */
  auth: AuthConfig;
  /** The allow-list of operations and requests by hash (src/server/config/trusted-documents-config.ts). */
  trustedDocuments: TrustedDocumentsConfig;
  /** Log level and format, the request log line (src/server/config/observability-config.ts). */
  logging: LoggingConfig;
  /** Prometheus metrics at `/metrics` and who may read them (src/server/config/observability-config.ts). */
  metrics: MetricsConfig;
  /** Where the config file was read from, if any. */
  configFile?: string;
}

/** Defaults of every setting. */
export const DEFAULT_CONFIG: GatewayConfig = {
  port: 4000,
  host: '127.0.0.1',
  schemas: [],
  includeTables: [],
  excludeTables: [],
  hideColumns: [],
  rename: {},
  cacheDir: 'schema-cache',
  graphiql: undefined,
  maxRequestBodyBytes: 1_000_000,
  poolSize: 10,
  shutdownTimeoutMs: 10_000,
  databaseReadUrls: [],
  jit: true,
  httpFastPath: true,
  hooks: [],
  limits: DEFAULT_LIMITS_CONFIG,
  ...DEFAULT_HTTP_SECURITY_CONFIG,
  database: DEFAULT_DATABASE_CONFIG,
  mongodb: DEFAULT_MONGODB_CONFIG,
  rateLimit: DEFAULT_RATE_LIMIT_CONFIG,
  ...DEFAULT_ROLES_SETTINGS,
  ...DEFAULT_COLUMNS_SETTINGS,
  auth: DEFAULT_AUTH_CONFIG,
  trustedDocuments: DEFAULT_TRUSTED_DOCUMENTS_CONFIG,
  logging: DEFAULT_LOGGING_CONFIG,
  metrics: DEFAULT_METRICS_CONFIG,
};

export { ConfigError } from './config/config-error.js';
export { DEFAULT_LOGGING_CONFIG, DEFAULT_METRICS_CONFIG } from './config/observability-config.js';

/** Reads the config file: a JSON object, checked against the whole configuration's schema. */
function readConfigFile(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read the config file ${file}: ${(error as Error).message}`, { file });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(`The config file ${file} must hold a JSON object`, { file });
  }
  parseSetting(CONFIG_SCHEMA, parsed, 'config file', '');
  return parsed as Record<string, unknown>;
}

/** Options of `loadConfig`. */
export interface LoadConfigOptions {
  /**
   * Settings from command-line flags (highest precedence), checked by the configuration's schema
   * as flags: text is read as environment text is (`"4001"`, `"off"`).
   */
  overrides?: Partial<GatewayConfig>;
  /** How each flag is spelled, by setting path (`{ port: '--port' }`), for the error line. */
  flagNames?: Readonly<Record<string, string>>;
  /** Explicit config file path (`--config`). */
  configFile?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * Reads the configuration with the documented precedence and checks it; a value that cannot be
 * used is a `ConfigError` of one line naming the setting (and the file), the value and what is
 * expected.
 */
export function loadConfig(options: LoadConfigOptions = {}): GatewayConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const configFile = findConfigFile(options.configFile ?? env.DISCOGRAPH_CONFIG, cwd);
  try {
    return readConfig(options, env, cwd, configFile);
  } catch (error) {
    // zod-checked settings say `config file:`; name the file.
    if (error instanceof ConfigError && configFile && error.message.startsWith('config file:')) {
      throw new ConfigError(error.message.replace(/^config file:/, `${configFile}:`), {
        ...error.details,
        file: configFile,
      });
    }
    throw error;
  }
}

/** The config file to read: the explicit one (which must exist), else `./discograph.config.json` if present. */
function findConfigFile(explicitFile: string | undefined, cwd: string): string | undefined {
  if (explicitFile) {
    const configFile = path.resolve(cwd, explicitFile);
    if (!existsSync(configFile)) throw new ConfigError(`The config file ${configFile} does not exist`);
    return configFile;
  }
  const defaultFile = path.join(cwd, 'discograph.config.json');
  return existsSync(defaultFile) ? defaultFile : undefined;
}

function readConfig(
  options: LoadConfigOptions,
  env: NodeJS.ProcessEnv,
  cwd: string,
  configFile: string | undefined,
): GatewayConfig {
  const file = configFile ? readConfigFile(configFile) : undefined;
  const flags = options.overrides as Record<string, unknown> | undefined;
  const flagNames = options.flagNames ?? {};
  if (flags) parseSetting(CONFIG_SCHEMA, flags, 'flag', '', flagNames);
  const section = (name: string): SectionSources => ({
    file: file?.[name],
    env,
    flags: flags?.[name],
    flagNames,
  });
  const config = readSection<GatewayConfig>(
    '',
    TOP_LEVEL_SCHEMA,
    TOP_LEVEL_ENV,
    DEFAULT_CONFIG,
    { file: topLevelOf(file), env: withProductionFromNodeEnv(env), flags: topLevelOf(flags), flagNames },
    { json: ROLES_JSON_VARIABLES, merged: ['cors'] },
  );
  if (configFile) config.configFile = configFile;
  const explicitCacheDir =
    options.overrides?.cacheDir ?? (env.DISCOGRAPH_CACHE_DIR || (file?.cacheDir as string | undefined));
  const urlInfo = config.databaseUrl ? parseDatabaseUrl(config.databaseUrl) : undefined;
  const source = urlInfo && { connector: urlInfo.kind, database: urlInfo.database };
  config.cacheDir = resolveCacheDir({ explicit: explicitCacheDir, source, cwd });
  config.hooks = config.hooks.map((hook) => path.resolve(cwd, hook));
  config.limits = readLimitsConfig(section('limits'));
  config.database = readDatabaseConfig(section('database'));
  config.mongodb = readMongoDbConfig(section('mongodb'));
  config.rateLimit = readRateLimitConfig(section('rateLimit'));
  config.auth = readAuthConfig({ ...section('auth'), cwd });
  config.trustedDocuments = readTrustedDocumentsConfig({ ...section('trustedDocuments'), cwd });
  config.logging = readLoggingConfig(section('logging'));
  config.metrics = readMetricsConfig(section('metrics'));
  for (const url of config.databaseReadUrls) parseDatabaseUrl(url);
  checkHttpSecurityConfig(config);
  return config;
}

/** The database kinds a URL can name. */
export type DatabaseKind = 'postgresql' | 'mysql' | 'mongodb';

/** What a database URL says, without its password. */
export interface DatabaseUrlInfo {
  kind: DatabaseKind;
  host: string;
  port: number;
  database: string;
  /** The URL with the password replaced by `***`, safe for logs. */
  redacted: string;
}

const KIND_BY_PROTOCOL: Record<string, { kind: DatabaseKind; port: number }> = {
  'postgres:': { kind: 'postgresql', port: 5432 },
  'postgresql:': { kind: 'postgresql', port: 5432 },
  'mysql:': { kind: 'mysql', port: 3306 },
  'mariadb:': { kind: 'mysql', port: 3306 },
  'mongodb:': { kind: 'mongodb', port: 27017 },
  'mongodb+srv:': { kind: 'mongodb', port: 27017 },
};

/** Parses a database URL, with a clear error for anything unusable. */
export function parseDatabaseUrl(url: string): DatabaseUrlInfo {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(
      'DATABASE_URL is not a valid URL; expected e.g. postgres://user:password@host:5432/database, mysql://user@host:3306/database or mongodb://host:27017/database',
    );
  }
  const known = KIND_BY_PROTOCOL[parsed.protocol];
  if (!known) {
    throw new ConfigError(
      `DATABASE_URL uses the unsupported scheme "${parsed.protocol.replace(/:$/, '')}"; use postgres://, mysql:// or mongodb://`,
      { scheme: parsed.protocol },
    );
  }
  const redactedUrl = new URL(url);
  if (redactedUrl.password) redactedUrl.password = '***';
  return {
    kind: known.kind,
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : known.port,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
    redacted: redactedUrl.toString(),
  };
}
