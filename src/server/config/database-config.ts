/**
 * The `database` settings: the protections the database enforces for the gateway, so that no
 * request can hold a pooled connection (or the server's memory) without bound. A statement running
 * longer than `statementTimeoutMs` is cancelled by the server itself (PostgreSQL
 * `statement_timeout`, MariaDB `max_statement_time`, MySQL `max_execution_time`, set once per
 * connection when it opens: no extra round trip per request) and the client gets `TIMEOUT`; a
 * request waits at most `acquireTimeoutMs` for a pooled connection (`DATABASE_BUSY`), and opening
 * a connection gives up after `connectTimeoutMs` (`DATABASE_UNAVAILABLE`); a statement whose
 * answer does not come within `clientTimeoutMs` (a frozen server, which answers no statement
 * timeout) is given up by the gateway itself, and its connection dropped (`DATABASE_UNAVAILABLE`);
 * connections use TCP keepalive, so a peer that vanished is noticed; every PostgreSQL
 * connection keeps at most `maxPreparedStatements` named statements (the least recently used are
 * deallocated).
 *
 * @example
 * // discograph.config.json
 * { "database": { "statementTimeoutMs": 3000, "acquireTimeoutMs": 2000, "maxPreparedStatements": 50 } }
 */
import { ConfigError } from './config-error.js';

/** The `database` settings. */
export interface DatabaseConfig {
  /** Milliseconds after which the database cancels a statement (`TIMEOUT`); 0: no limit. */
  statementTimeoutMs: number;
  /** Milliseconds a request waits for a pooled connection when all are busy (`DATABASE_BUSY`); 0: no limit. */
  acquireTimeoutMs: number;
  /** Milliseconds to open a connection before the database counts as unreachable (`DATABASE_UNAVAILABLE`). */
  connectTimeoutMs: number;
  /**
   * Milliseconds the gateway waits for a statement's answer before it drops the connection
   * (`DATABASE_UNAVAILABLE`); 0: the statement timeout plus 5 s (none without one); MariaDB checks its own limit only now and then.
   */
  clientTimeoutMs: number;
  /** Named prepared statements one PostgreSQL connection keeps; 0: none (every statement unnamed). */
  maxPreparedStatements: number;
}

/** Defaults of the `database` settings. */
export const DEFAULT_DATABASE_CONFIG: DatabaseConfig = {
  statementTimeoutMs: 10_000,
  acquireTimeoutMs: 5_000,
  connectTimeoutMs: 5_000,
  clientTimeoutMs: 0,
  maxPreparedStatements: 100,
};

/** Each setting: its environment variable and its range. */
const SETTINGS: Record<keyof DatabaseConfig, { env: string; min: number; max: number }> = {
  statementTimeoutMs: { env: 'DISCOGRAPH_STATEMENT_TIMEOUT_MS', min: 0, max: 86_400_000 },
  acquireTimeoutMs: { env: 'DISCOGRAPH_ACQUIRE_TIMEOUT_MS', min: 0, max: 86_400_000 },
  connectTimeoutMs: { env: 'DISCOGRAPH_CONNECT_TIMEOUT_MS', min: 1, max: 600_000 },
  clientTimeoutMs: { env: 'DISCOGRAPH_CLIENT_TIMEOUT_MS', min: 0, max: 86_400_000 },
  maxPreparedStatements: { env: 'DISCOGRAPH_MAX_PREPARED_STATEMENTS', min: 0, max: 100_000 },
};

function isSetting(key: string): key is keyof DatabaseConfig {
  return Object.hasOwn(SETTINGS, key);
}

function checkInteger(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(
      `${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`,
      {
        name,
        value,
      },
    );
  }
  return value;
}

/** Checks a `database` object from the config file (or flags); only the keys it sets. */
export function checkDatabaseSettings(value: unknown): Partial<DatabaseConfig> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`database must be an object, not ${JSON.stringify(value)}`, {
      name: 'database',
      value,
    });
  }
  const checked: Partial<DatabaseConfig> = {};
  for (const [key, setting] of Object.entries(value)) {
    const name = `database.${key}`;
    if (!isSetting(key)) {
      throw new ConfigError(`Unknown setting "${name}"; known: ${Object.keys(SETTINGS).join(', ')}`, {
        name,
      });
    }
    if (setting === undefined) continue;
    const { min, max } = SETTINGS[key];
    checked[key] = checkInteger(name, setting, min, max);
  }
  return checked;
}

/** The `database` settings set by environment variables (`DISCOGRAPH_STATEMENT_TIMEOUT_MS`, …). */
export function databaseFromEnvironment(env: NodeJS.ProcessEnv): Partial<DatabaseConfig> {
  const fromEnv: Partial<DatabaseConfig> = {};
  for (const key of Object.keys(SETTINGS) as (keyof DatabaseConfig)[]) {
    const { env: variable, min, max } = SETTINGS[key];
    const text = env[variable];
    if (text === undefined || text === '') continue;
    fromEnv[key] = checkInteger(variable, /^\s*-?\d+\s*$/.test(text) ? Number(text) : text, min, max);
  }
  return fromEnv;
}

/** Where the `database` settings come from, lowest precedence first after the defaults. */
export interface DatabaseSources {
  file?: unknown;
  env: NodeJS.ProcessEnv;
  flags?: unknown;
}

/** The `database` settings: defaults, then the config file, environment variables and flags, each checked. */
export function readDatabaseConfig(sources: DatabaseSources): DatabaseConfig {
  return {
    ...DEFAULT_DATABASE_CONFIG,
    ...checkDatabaseSettings(sources.file),
    ...databaseFromEnvironment(sources.env),
    ...checkDatabaseSettings(sources.flags),
  };
}

/** How much longer than the statement timeout the gateway waits for an answer by default. */
const CLIENT_TIMEOUT_MARGIN_MS = 5_000;

/**
 * The client-side timeout of a statement in milliseconds (undefined: none): `clientTimeoutMs`, or
 * the statement timeout plus a margin, so that the server's own cancellation normally comes first.
 */
export function clientTimeoutOf(config: DatabaseConfig): number | undefined {
  if (config.clientTimeoutMs > 0) return config.clientTimeoutMs;
  return config.statementTimeoutMs > 0 ? config.statementTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS : undefined;
}
