/**
 * Opens the gateway's data source: the database in the configuration, or — when none is
 * configured — the embedded demo database, reached through the same PostgreSQL connector.
 */
import { DEMO_CACHE_SOURCE, type SchemaCacheSource } from '../cache/cache-source.js';
import { registerBuiltInConnectors } from '../connectors/index.js';
import type { Connector } from '../juggler/connector/connector.js';
import { DataSource } from '../juggler/datasource.js';
import { clientTimeoutOf } from './config/database-config.js';
import { mongoDbSettingsOf } from './config/mongodb-config.js';
import { type DatabaseKind, type GatewayConfig, parseDatabaseUrl } from './config.js';
import {
  EMBEDDED_POOL_SIZE,
  type EmbeddedPostgres,
  reserveLoopbackPort,
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
  /** Set when serving the embedded demo database (and it was started: not with `connect: false`). */
  embedded?: EmbeddedPostgres;
  /** Whether this is the embedded demo database (started or not). */
  demo: boolean;
  /**
   * With `openInBackground`: resolves once the embedded demo database answers (its start is
   * logged then); until then statements fail to connect and `/readyz` reports not ready.
   */
  opened?: Promise<void>;
  /** What a schema cache of this database records as its source (and is checked against). */
  cacheSource: SchemaCacheSource;
  /** Disconnects the data source and stops the embedded database, if any. */
  close(): Promise<void>;
}

/** Options of `openGatewaySource`. */
export interface OpenSourceOptions {
  log?: (line: string) => void;
  /**
   * Connect now and fail fast (default true). With false nothing is opened: the embedded demo
   * database is not started either (a command that only reads the schema cache needs none).
   */
  connect?: boolean;
  /**
   * Start the embedded demo database without waiting for it (it listens on a port reserved now):
   * the gateway can serve GraphiQL and report not-ready while PGlite opens. Ignored for a
   * configured database.
   */
  openInBackground?: boolean;
}

/** The demo's URL while it is not started: never connected to (`connect: false`). */
const UNSTARTED_DEMO_URL = 'postgres://postgres@127.0.0.1:0/postgres';

/** Opens the configured database (or the embedded demo) and connects. */
export async function openGatewaySource(
  config: GatewayConfig,
  options: OpenSourceOptions = {},
): Promise<GatewaySource> {
  let embedded: EmbeddedPostgres | undefined;
  let opened: Promise<void> | undefined;
  let url = config.databaseUrl;
  const demo = !url;
  if (!url && options.connect === false) {
    // Never connected: a URL of the same kind keeps the DataSource's connector the demo's.
    url = UNSTARTED_DEMO_URL;
  } else if (!url && options.openInBackground) {
    options.log?.(
      'no DATABASE_URL configured: opening the embedded demo database (PGlite) in the background',
    );
    const port = await reserveLoopbackPort();
    const starting = startEmbeddedPostgres({ port });
    opened = starting.then((started) => {
      embedded = started;
      options.log?.(`embedded demo database ${started.origin} in ${started.startupMs} ms: ready`);
    });
    // A failure is logged (and `/readyz` says why); the awaiting callers see it too.
    opened.catch((error: unknown) => options.log?.((error as Error).message));
    url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  } else if (!url) {
    options.log?.('no DATABASE_URL configured: starting the embedded demo database (PGlite)');
    embedded = await startEmbeddedPostgres();
    options.log?.(`embedded demo database ${embedded.origin} in ${embedded.startupMs} ms`);
    url = embedded.url;
  }
  const info = parseDatabaseUrl(url);
  registerBuiltInConnectors();
  const poolSize = demo ? EMBEDDED_POOL_SIZE : config.poolSize;
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
    ...(info.kind === 'mongodb' ? mongoDbSettingsOf(config.mongodb) : {}),
    // The embedded server shares one session between connections: no named statements, and no
    // statement timeout (PGlite runs a statement to its end on its own thread).
    ...(demo ? { preparedStatements: false } : { statementTimeout: database.statementTimeoutMs }),
  });
  // Connection errors are reported by the awaited calls; keep the emitter from throwing.
  dataSource.on('error', () => {});
  const close = async () => {
    await dataSource.disconnect().catch(() => {});
    await opened?.catch(() => {});
    await embedded?.stop();
  };
  if (options.connect !== false && !opened) {
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
    redactedUrl: demo ? 'embedded demo database (PGlite)' : info.redacted,
    ...(embedded ? { embedded } : {}),
    ...(opened ? { opened } : {}),
    demo,
    cacheSource: demo ? DEMO_CACHE_SOURCE : { connector: info.kind, database: info.database },
    close,
  };
}

/** The connector of an open source (connected). */
export function connectorOf(source: GatewaySource): Connector {
  const connector = source.dataSource.connector;
  if (!connector) throw new Error('the data source has no connector');
  return connector;
}
