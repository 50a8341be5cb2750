/**
 * Opens the gateway's data source: the database in the configuration, or — when none is
 * configured — the embedded demo database, reached through the same PostgreSQL connector.
 */
import { registerBuiltInConnectors } from '../connectors/index.js';
import type { Connector } from '../juggler/connector/connector.js';
import { DataSource } from '../juggler/datasource.js';
import { clientTimeoutOf } from './config/database-config.js';
import { type DatabaseKind, type GatewayConfig, parseDatabaseUrl } from './config.js';
import {
  EMBEDDED_POOL_SIZE,
  type EmbeddedPostgres,
  startEmbeddedPostgres,
} from './embedded/embedded-postgres.js';

/** An open data source and what it points at. */
export interface GatewaySource {
  dataSource: DataSource;
  kind: DatabaseKind;
  /** Database name (`chinook`), for logs and the cache manifest. */
  database: string;
  host: string;
  port: number;
  /** The URL without its password, for logs. */
  redactedUrl: string;
  /** Set when serving the embedded demo database. */
  embedded?: EmbeddedPostgres;
  /** Disconnects the data source and stops the embedded database, if any. */
  close(): Promise<void>;
}

/** Options of `openGatewaySource`. */
export interface OpenSourceOptions {
  log?: (line: string) => void;
  /** Connect now and fail fast (default true). */
  connect?: boolean;
}

/** Opens the configured database (or the embedded demo) and connects. */
export async function openGatewaySource(
  config: GatewayConfig,
  options: OpenSourceOptions = {},
): Promise<GatewaySource> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  if (!url) {
    options.log?.('no DATABASE_URL configured: starting the embedded demo database (PGlite)');
    embedded = await startEmbeddedPostgres();
    options.log?.(
      `embedded demo database ${embedded.seeded ? 'created' : 'reopened'} in ${embedded.startupMs} ms`,
    );
    url = embedded.url;
  }
  const info = parseDatabaseUrl(url);
  registerBuiltInConnectors();
  const poolSize = embedded ? EMBEDDED_POOL_SIZE : config.poolSize;
  const { database } = config;
  const dataSource = new DataSource(info.kind, {
    url,
    max: poolSize,
    schemaCacheDir: config.cacheDir,
    acquireTimeout: database.acquireTimeoutMs,
    connectionTimeout: database.connectTimeoutMs,
    queryTimeout: clientTimeoutOf(database),
    ...(embedded || config.databaseReadUrls.length === 0 ? {} : { readUrls: config.databaseReadUrls }),
    maxPreparedStatements: database.maxPreparedStatements,
    // The embedded server shares one session between connections: no named statements, and no
    // statement timeout (PGlite runs a statement to its end on its own thread).
    ...(embedded ? { preparedStatements: false } : { statementTimeout: database.statementTimeoutMs }),
  });
  // Connection errors are reported by the awaited calls; keep the emitter from throwing.
  dataSource.on('error', () => {});
  const close = async () => {
    await dataSource.disconnect().catch(() => {});
    await embedded?.stop();
  };
  if (options.connect !== false) {
    try {
      await dataSource.ready();
    } catch (error) {
      await embedded?.stop();
      throw error;
    }
  }
  return {
    dataSource,
    kind: info.kind,
    database: info.database,
    host: info.host,
    port: info.port,
    redactedUrl: embedded ? 'embedded demo database (PGlite)' : info.redacted,
    ...(embedded ? { embedded } : {}),
    close,
  };
}

/** The connector of an open source (connected). */
export function connectorOf(source: GatewaySource): Connector {
  const connector = source.dataSource.connector;
  if (!connector) throw new Error('the data source has no connector');
  return connector;
}
