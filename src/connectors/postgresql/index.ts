/**
 * The PostgreSQL connector module, loaded lazily by the connector registry.
 */
import type { Connector } from '../../juggler/connector/connector.js';
import type { ConnectorFactory, ConnectorSettings } from '../../juggler/connector/connector-settings.js';
import { PostgresConnector } from './postgresql-connector.js';
import type { PostgresSettings } from './postgresql-settings.js';

/** Creates PostgreSQL connectors: settings `url`/`connectionString` or host/port/user/password/database, `schema`, `max`. */
export const connectorFactory: ConnectorFactory = {
  name: 'postgresql',
  create(settings: ConnectorSettings): Connector {
    return new PostgresConnector(settings as PostgresSettings);
  },
};

export { PostgresConnector } from './postgresql-connector.js';
export { mapPostgresError, type PostgresErrorContext } from './postgresql-errors.js';
export { postgresDialect, quotePostgresIdentifier } from './postgresql-query-compiler.js';
export type { PostgresSettings } from './postgresql-settings.js';
export { PostgresTransaction } from './postgresql-transaction.js';
