/** The PostgreSQL connector's harness: a fresh database per test on the test server. */
import { PostgresConnector, quotePostgresIdentifier } from '../../../src/connectors/postgresql/index.js';
import { PG_ADMIN_URL, pgUrl } from '../../support/databases.js';
import { POSTGRESQL_DATABASES } from '../../support/dialects.js';
import type { ConnectorHarness } from './connector-harness.js';
import { sqlHarness } from './sql-harness.js';

/** The PostgreSQL connector, as the connector-contract suites see it. */
export const postgresqlHarness: ConnectorHarness = sqlHarness({
  capabilities: new PostgresConnector({ url: pgUrl('postgres') }).capabilities,
  databases: POSTGRESQL_DATABASES,
  sql: {
    placeholder: (index) => `$${index}`,
    quote: quotePostgresIdentifier,
    sleep: (seconds) => `select pg_sleep(${seconds})`,
    port: Number(new URL(PG_ADMIN_URL).port || 5432),
    url: ({ user, password, port, database = 'chinook' }) =>
      `postgres://${user}:${password}@127.0.0.1:${port}/${database}`,
    missingDatabaseUrl: () => pgUrl('no_such_database_here'),
  },
});
