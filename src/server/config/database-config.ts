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
 * deallocated). MongoDB: the statement timeout is `maxTimeMS` on reads, the client timeout the
 * driver's `socketTimeoutMS`, the acquire timeout its `waitQueueTimeoutMS` (mongodb-settings.ts).
 *
 * @example
 * // discograph.config.json
 * { "database": { "statementTimeoutMs": 3000, "acquireTimeoutMs": 2000, "maxPreparedStatements": 50 } }
 */
import { z } from 'zod';
import { envInteger, readSection, type SectionSources } from './config-schema.js';

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

/** The `database` object of the config file (and its environment variables), every key optional. */
export const DATABASE_SCHEMA = z
  .object({
    statementTimeoutMs: envInteger(0, 86_400_000).optional(),
    acquireTimeoutMs: envInteger(0, 86_400_000).optional(),
    connectTimeoutMs: envInteger(1, 600_000).optional(),
    clientTimeoutMs: envInteger(0, 86_400_000).optional(),
    maxPreparedStatements: envInteger(0, 100_000).optional(),
  })
  .strict();

/** Each setting's environment variable. */
export const DATABASE_ENV: Readonly<Record<keyof DatabaseConfig, string>> = {
  statementTimeoutMs: 'DISCOGRAPH_STATEMENT_TIMEOUT_MS',
  acquireTimeoutMs: 'DISCOGRAPH_ACQUIRE_TIMEOUT_MS',
  connectTimeoutMs: 'DISCOGRAPH_CONNECT_TIMEOUT_MS',
  clientTimeoutMs: 'DISCOGRAPH_CLIENT_TIMEOUT_MS',
  maxPreparedStatements: 'DISCOGRAPH_MAX_PREPARED_STATEMENTS',
};

/** The `database` settings: defaults, then the config file, environment variables and flags, each checked. */
export function readDatabaseConfig(sources: SectionSources): DatabaseConfig {
  return readSection('database', DATABASE_SCHEMA, DATABASE_ENV, DEFAULT_DATABASE_CONFIG, sources);
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
