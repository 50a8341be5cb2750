/**
 * Connector settings (`url`/`connectionString` or host/port/user/password/database, `schema`,
 * `max`, `statementTimeout`, `acquireTimeout`, `connectionTimeout`, `preparedStatements`,
 * `maxPreparedStatements`) → a pg pool configuration plus the facts error messages may name (host,
 * port, database, user; never the password) and the limits they report.
 *
 * The statement timeout is a startup parameter of every connection (`statement_timeout`): the
 * server cancels a longer statement itself, at no cost per statement, also inside transactions.
 */
import type pg from 'pg';
import type { ConnectorSettings } from '../../juggler/connector/connector-settings.js';
import { DiscographError } from '../../juggler/errors.js';

/** Settings the PostgreSQL connector reads, besides the common ones. */
export interface PostgresSettings extends ConnectorSettings {
  connectionString?: string;
  /** Milliseconds after which the server cancels a statement (QUERY_TIMEOUT). */
  statementTimeout?: number;
  /** Milliseconds to open a connection before CONNECTION_FAILED (default 10,000). */
  connectionTimeout?: number;
  /**
   * Milliseconds to wait for a statement's answer before giving up on the connection
   * (CONNECTION_FAILED; a frozen server answers no `statementTimeout`). Default: none.
   */
  queryTimeout?: number;
  /**
   * Milliseconds a statement waits for a pooled connection when all are busy before DATABASE_BUSY
   * (default: `connectionTimeout`; 0: no limit).
   */
  acquireTimeout?: number;
  /** Named prepared statements for generated SQL (default true). */
  preparedStatements?: boolean;
  /** Named prepared statements one connection keeps, least recently used deallocated (default 100). */
  maxPreparedStatements?: number;
  /** Read replicas (URLs of the same kind): generated reads go to them in turn (see read-replicas.ts). */
  readUrls?: readonly string[];
  ssl?: boolean | Record<string, unknown>;
}

/** The parts of the settings that describe where the server is, for messages. */
export interface PostgresTarget {
  host: string;
  port: number;
  database?: string;
  user?: string;
}

/** A pool configuration (without type parsers) and the target it points at. */
export interface ResolvedPostgresSettings {
  pool: pg.PoolConfig;
  target: PostgresTarget;
  schema?: string;
  preparedStatements: boolean;
  /** Named statements one connection keeps. */
  maxPreparedStatements: number;
  /** Milliseconds to open a connection. */
  connectTimeoutMs: number;
  /** Milliseconds a statement waits for a connection of a full pool (0: without limit; see postgresql-pool-acquire.ts). */
  acquireTimeoutMs: number;
  /** The limits errors report (milliseconds; undefined when there is none). */
  limits: { statementTimeoutMs?: number; acquireTimeoutMs?: number; queryTimeoutMs?: number };
}

/** Idle time of a connection before the first TCP keepalive probe. */
const KEEPALIVE_DELAY_MS = 10_000;

/** Named statements a connection keeps when `maxPreparedStatements` is not set. */
export const DEFAULT_MAX_PREPARED_STATEMENTS = 100;

function optionalNumber(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) {
    throw new DiscographError(
      'INVALID_CONFIGURATION',
      `PostgreSQL setting \`${name}\` must be a non-negative number`,
      {
        details: { setting: name },
      },
    );
  }
  return number;
}

function parseUrl(url: string): PostgresTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new DiscographError(
      'INVALID_CONFIGURATION',
      'The PostgreSQL connection URL is not a valid URL (expected postgres://user:password@host:port/database)',
      { cause: error },
    );
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || undefined;
  return {
    host: parsed.hostname || parsed.searchParams.get('host') || 'localhost',
    port: parsed.port ? Number(parsed.port) : 5432,
    database,
    user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
  };
}

/** Resolves connector settings for pg; throws INVALID_CONFIGURATION on malformed values. */
export function resolvePostgresSettings(settings: PostgresSettings): ResolvedPostgresSettings {
  const url = settings.url ?? settings.connectionString;
  const max = optionalNumber(settings.max, 'max');
  const statementTimeout = optionalNumber(settings.statementTimeout, 'statementTimeout');
  const queryTimeout = optionalNumber(settings.queryTimeout, 'queryTimeout');
  const connectTimeoutMs = optionalNumber(settings.connectionTimeout, 'connectionTimeout') ?? 10_000;
  const acquireTimeout = optionalNumber(settings.acquireTimeout, 'acquireTimeout') ?? connectTimeoutMs;
  const maxPreparedStatements =
    optionalNumber(settings.maxPreparedStatements, 'maxPreparedStatements') ??
    DEFAULT_MAX_PREPARED_STATEMENTS;
  const pool: pg.PoolConfig = {
    max: max ?? 10,
    // Not pg-pool's `connectionTimeoutMillis`, which would also limit the opening of connections:
    // the pool times the wait (postgresql-pool-acquire.ts), each connection its opening.
    application_name: 'discograph',
    // A peer that vanished (a host gone, a partition) is noticed by the kernel's probes.
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
  };
  if (statementTimeout) pool.statement_timeout = statementTimeout;
  if (settings.ssl !== undefined) pool.ssl = settings.ssl as pg.PoolConfig['ssl'];
  let target: PostgresTarget;
  if (url) {
    pool.connectionString = url;
    target = parseUrl(url);
  } else {
    const port = optionalNumber(settings.port, 'port') ?? 5432;
    const user = settings.user ?? settings.username;
    pool.host = settings.host ?? 'localhost';
    pool.port = port;
    if (user !== undefined) pool.user = user;
    if (settings.password !== undefined) pool.password = settings.password;
    if (settings.database !== undefined) pool.database = settings.database;
    target = { host: pool.host, port, database: settings.database, user };
  }
  return {
    pool,
    target,
    schema: settings.schema,
    preparedStatements: settings.preparedStatements !== false,
    maxPreparedStatements: Math.floor(maxPreparedStatements),
    connectTimeoutMs,
    acquireTimeoutMs: acquireTimeout,
    limits: {
      statementTimeoutMs: statementTimeout || undefined,
      acquireTimeoutMs: acquireTimeout || undefined,
      queryTimeoutMs: queryTimeout || undefined,
    },
  };
}
