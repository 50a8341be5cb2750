/**
 * Connector settings (`url` as mongodb:// or mongodb+srv://, or host/port/user/password/database;
 * `max` connections; `connectionTimeout`; `acquireTimeout`; the command limits `statementTimeout` and
 * `queryTimeout`;
 * the discovery settings `sampleSize`, `relationSampleSize`, `inferRelations`, `relations`) → the
 * driver's URL and options, and the facts error messages may name (host:port and database; never
 * credentials).
 *
 * The two command limits mirror the SQL connectors': `statementTimeout` is the server's
 * (`maxTimeMS` on every read and write: the server stops the command, QUERY_TIMEOUT), and
 * `queryTimeout` the client's (the driver's `socketTimeoutMS`: a command whose answer does not come
 * in time is given up and its connection closed, CONNECTION_FAILED with reason `no answer`), for a
 * server that answers nothing (frozen, partitioned) or ignores `maxTimeMS` (the test server).
 * `acquireTimeout` is the driver's `waitQueueTimeoutMS`: the longest wait for a pooled connection
 * (DATABASE_BUSY), which with this driver includes opening a new one.
 */
import type { ConnectorSettings } from '../../juggler/connector/connector-settings.js';
import { DiscographError } from '../../juggler/errors.js';

/** A relation declared (or suppressed) in the configuration, where inference from the data is wrong. */
export interface DeclaredReference {
  /** The collection holding the reference. */
  collection: string;
  /** The field holding the target's `_id` (a value or an array of them). */
  field: string;
  /** The referenced collection; `null` suppresses a relation inference would make. */
  target: string | null;
}

/** Settings the MongoDB connector reads, besides the common ones. */
export interface MongoSettings extends ConnectorSettings {
  /** Milliseconds to find a server before CONNECTION_FAILED (default 10,000). */
  connectionTimeout?: number;
  /** Milliseconds a command waits for a pooled connection before DATABASE_BUSY (`waitQueueTimeoutMS`); 0: no limit. */
  acquireTimeout?: number;
  /** Milliseconds after which the server stops a command (`maxTimeMS`, QUERY_TIMEOUT); 0: no limit. */
  statementTimeout?: number;
  /**
   * Milliseconds the client waits for a command's answer before it closes the connection
   * (`socketTimeoutMS`, CONNECTION_FAILED with reason `no answer`); 0: no limit (default).
   */
  queryTimeout?: number;
  /** Documents sampled per collection by discovery (default 1,000). */
  sampleSize?: number;
  /** How discovery samples: `scan` (the first `sampleSize` documents, default) or `random` (`$sample`). */
  sampling?: 'scan' | 'random';
  /** Values of a reference field checked against the target collection's `_id` (default 100). */
  relationSampleSize?: number;
  /** Infer relations from fields holding other collections' `_id` values (default true). */
  inferRelations?: boolean;
  /** Relations declared or suppressed by configuration. */
  relations?: DeclaredReference[];
}

/** The resolved settings. */
export interface ResolvedMongoSettings {
  url: string;
  database: string;
  /** `host:port` of the first seed, for messages. */
  server: string;
  connectTimeoutMs: number;
  /** Connections per server (`max`, as the gateway's pool size); undefined: the driver's default (100). */
  maxPoolSize?: number;
  /** The server-side limit of a command (`maxTimeMS`); undefined: none. */
  statementTimeoutMs?: number;
  /** The client-side limit of a command's answer (`socketTimeoutMS`); undefined: none. */
  queryTimeoutMs?: number;
  /** The longest wait for a pooled connection (`waitQueueTimeoutMS`); undefined: none. */
  acquireTimeoutMs?: number;
  sampleSize: number;
  relationSampleSize: number;
  sampling: 'scan' | 'random';
  inferRelations: boolean;
  relations: DeclaredReference[];
}

function positiveInteger(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) {
    throw new DiscographError(
      'INVALID_CONFIGURATION',
      `The MongoDB setting ${name} must be a positive integer`,
      {
        details: { setting: name },
      },
    );
  }
  return number;
}

/** A limit in milliseconds; 0 (or nothing) is no limit. */
function optionalLimit(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) {
    throw new DiscographError(
      'INVALID_CONFIGURATION',
      `The MongoDB setting ${name} must be a non-negative integer (milliseconds; 0: no limit)`,
      { details: { setting: name } },
    );
  }
  return number === 0 ? undefined : number;
}

/** The database named by a mongodb:// URL's path, and its first host. */
function parseUrl(url: string): { database?: string; server: string } {
  const match = /^mongodb(?:\+srv)?:\/\/(?:[^@/]*@)?([^/?]+)(?:\/([^?]*))?/.exec(url);
  if (!match) {
    throw new DiscographError(
      'INVALID_CONFIGURATION',
      'The MongoDB url must start with mongodb:// or mongodb+srv://',
      {
        details: { setting: 'url' },
      },
    );
  }
  const server = (match[1] ?? '').split(',')[0] ?? '';
  const database = match[2] ? decodeURIComponent(match[2]) : undefined;
  return database ? { database, server } : { server };
}

/**
 * The driver's URL and the connector's limits from data source settings.
 *
 * @example
 * resolveMongoSettings({url: 'mongodb://127.0.0.1:27017/chinook'})
 * // {url: 'mongodb://127.0.0.1:27017/chinook', database: 'chinook', server: '127.0.0.1:27017', ...}
 */
export function resolveMongoSettings(settings: MongoSettings): ResolvedMongoSettings {
  let url: string;
  let parsed: { database?: string; server: string };
  if (settings.url) {
    url = settings.url;
    parsed = parseUrl(url);
  } else {
    const host = settings.host ?? '127.0.0.1';
    const port = settings.port ?? 27017;
    const user = settings.user ?? settings.username;
    const credentials = user
      ? `${encodeURIComponent(user)}${settings.password ? `:${encodeURIComponent(settings.password)}` : ''}@`
      : '';
    url = `mongodb://${credentials}${host}:${port}`;
    parsed = { server: `${host}:${port}` };
  }
  const database = settings.database ?? parsed.database ?? 'test';
  const maxPoolSize = settings.max === undefined ? undefined : positiveInteger(settings.max, 'max', 100);
  const statementTimeoutMs = optionalLimit(settings.statementTimeout, 'statementTimeout');
  const queryTimeoutMs = optionalLimit(settings.queryTimeout, 'queryTimeout');
  const acquireTimeoutMs = optionalLimit(settings.acquireTimeout, 'acquireTimeout');
  return {
    ...(maxPoolSize === undefined ? {} : { maxPoolSize }),
    ...(statementTimeoutMs === undefined ? {} : { statementTimeoutMs }),
    ...(queryTimeoutMs === undefined ? {} : { queryTimeoutMs }),
    ...(acquireTimeoutMs === undefined ? {} : { acquireTimeoutMs }),
    url,
    database,
    server: parsed.server,
    connectTimeoutMs: positiveInteger(settings.connectionTimeout, 'connectionTimeout', 10_000),
    sampleSize: positiveInteger(settings.sampleSize, 'sampleSize', 1000),
    relationSampleSize: positiveInteger(settings.relationSampleSize, 'relationSampleSize', 100),
    sampling: settings.sampling === 'random' ? 'random' : 'scan',
    inferRelations: settings.inferRelations !== false,
    relations: Array.isArray(settings.relations) ? settings.relations : [],
  };
}
