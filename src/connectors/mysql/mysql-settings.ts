/**
 * Connector settings (`url` as mysql:// or mariadb://, or host/port/user/password/database,
 * `max`, `statementTimeout`, `connectionTimeout`, `acquireTimeout`, `maxPreparedStatements`) → a
 * mysql2 pool configuration plus the facts error messages may name (host, port, database, user;
 * never the password) and the limits they report.
 *
 * The pool is configured so that values arrive in the juggler's representation wherever the
 * driver can do it by column type alone (see mysql-type-map.ts for the rest): BIGINT and
 * DECIMAL as exact strings, DATE, DATETIME and TIMESTAMP as text (the session's zone is UTC), JSON as
 * text (parsed per property, so that MySQL 8 and MariaDB behave alike).
 */
import type { PoolOptions } from 'mysql2';
import type { ConnectorSettings } from '../../juggler/connector/connector-settings.js';
import { DiscographError } from '../../juggler/errors.js';

/** Settings the MySQL connector reads, besides the common ones. */
export interface MysqlSettings extends ConnectorSettings {
  /**
   * Milliseconds after which the server stops a statement (QUERY_TIMEOUT): MariaDB's
   * `max_statement_time` (every statement), MySQL 8's `max_execution_time` (SELECTs only).
   */
  statementTimeout?: number;
  /** Milliseconds to open a connection before CONNECTION_FAILED (default 10,000). */
  connectionTimeout?: number;
  /**
   * Milliseconds to wait for a statement's answer before giving up on the connection
   * (CONNECTION_FAILED; a frozen server stops no statement itself). Default: none.
   */
  queryTimeout?: number;
  /** Milliseconds a statement waits for a pooled connection when all are busy before DATABASE_BUSY (0 or unset: no limit). */
  acquireTimeout?: number;
  /**
   * Server-side prepared statements mysql2 keeps per connection for `execute` (default 100). The
   * connector itself sends text statements, so this only bounds what raw driver use prepares.
   */
  maxPreparedStatements?: number;
  /** Read replicas (URLs of the same kind): generated reads go to them in turn (see read-replicas.ts). */
  readUrls?: readonly string[];
  ssl?: string | Record<string, unknown>;
}

/** The parts of the settings that describe where the server is, for messages. */
export interface MysqlTarget {
  host: string;
  port: number;
  database?: string;
  user?: string;
}

/** A pool configuration and the target it points at. */
export interface ResolvedMysqlSettings {
  pool: PoolOptions;
  target: MysqlTarget;
  /** Milliseconds, or undefined for no statement timeout. */
  statementTimeout?: number;
  /** Milliseconds a statement waits for a busy pool; 0 for no limit. */
  acquireTimeoutMs: number;
  /** Milliseconds to wait for a statement's answer; undefined: no limit. */
  queryTimeoutMs?: number;
  /** The limits errors report (milliseconds; undefined when there is none). */
  limits: { statementTimeoutMs?: number; acquireTimeoutMs?: number; queryTimeoutMs?: number };
}

function invalid(message: string, details: Record<string, unknown> = {}, cause?: unknown): DiscographError {
  return new DiscographError('INVALID_CONFIGURATION', message, { details, cause });
}

function optionalNumber(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) {
    throw invalid(`MySQL setting \`${name}\` must be a non-negative number`, { setting: name });
  }
  return number;
}

function parseUrl(url: string): MysqlTarget & { password?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw invalid(
      'The MySQL connection URL is not a valid URL (expected mysql://user:password@host:port/database)',
      {},
      error,
    );
  }
  if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
    throw invalid(
      `The MySQL connection URL must start with mysql:// or mariadb:// (got ${parsed.protocol}//)`,
      {
        protocol: parsed.protocol,
      },
    );
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || undefined;
  return {
    host: parsed.hostname || 'localhost',
    port: parsed.port ? Number(parsed.port) : 3306,
    database,
    user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
  };
}

/** Resolves connector settings for mysql2; throws INVALID_CONFIGURATION on malformed values. */
export function resolveMysqlSettings(settings: MysqlSettings): ResolvedMysqlSettings {
  const max = optionalNumber(settings.max, 'max');
  const statementTimeout = optionalNumber(settings.statementTimeout, 'statementTimeout');
  const connectionTimeout = optionalNumber(settings.connectionTimeout, 'connectionTimeout');
  const acquireTimeoutMs = optionalNumber(settings.acquireTimeout, 'acquireTimeout') ?? 0;
  const queryTimeoutMs = optionalNumber(settings.queryTimeout, 'queryTimeout') || undefined;
  const maxPreparedStatements = optionalNumber(settings.maxPreparedStatements, 'maxPreparedStatements');
  let target: MysqlTarget;
  let password: string | undefined;
  if (settings.url) {
    const parsed = parseUrl(settings.url);
    password = parsed.password;
    target = { host: parsed.host, port: parsed.port, database: parsed.database, user: parsed.user };
  } else {
    target = {
      host: settings.host ?? 'localhost',
      port: optionalNumber(settings.port, 'port') ?? 3306,
      database: settings.database,
      user: settings.user ?? settings.username,
    };
    password = settings.password;
  }
  const pool: PoolOptions = {
    host: target.host,
    port: target.port,
    connectionLimit: max ?? 10,
    connectTimeout: connectionTimeout ?? 10_000,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    // Every date and time as text: exact microseconds, no Date and no time zone (mysql-type-map.ts).
    dateStrings: true,
    timezone: 'Z',
    jsonStrings: true,
    // A peer that vanished (a host gone, a partition) is noticed by the kernel's probes.
    enableKeepAlive: true,
    keepAliveInitialDelay: 10_000,
    // mysql2's default (16,000 per connection) would let raw `execute` calls grow every backend.
    maxPreparedStatements: Math.max(1, Math.floor(maxPreparedStatements ?? 100)),
  };
  if (target.user !== undefined) pool.user = target.user;
  if (password !== undefined) pool.password = password;
  if (target.database !== undefined) pool.database = target.database;
  if (settings.ssl !== undefined) pool.ssl = settings.ssl as PoolOptions['ssl'];
  return {
    pool,
    target,
    statementTimeout: statementTimeout || undefined,
    acquireTimeoutMs,
    queryTimeoutMs,
    limits: {
      statementTimeoutMs: statementTimeout || undefined,
      acquireTimeoutMs: acquireTimeoutMs || undefined,
      queryTimeoutMs,
    },
  };
}
