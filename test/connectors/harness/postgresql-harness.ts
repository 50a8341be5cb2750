/** The PostgreSQL connector's harness: a fresh database per test on the test server. */
import { PostgresConnector, quotePostgresIdentifier } from '../../../src/connectors/postgresql/index.js';
import { DataSource } from '../../../src/juggler/datasource.js';
import { createPgDatabase, dropPgDatabase, PG_ADMIN_URL, pgUrl } from '../../support/databases.js';
import type { ConnectorHarness } from './connector-harness.js';

const database = (testName: string) => `${testName}_pg`;

function connectorOf(dataSource: DataSource): PostgresConnector {
  return dataSource.connector as PostgresConnector;
}

/** The PostgreSQL connector, as the connector-contract suites see it. */
export const postgresqlHarness: ConnectorHarness = {
  name: 'postgresql',
  capabilities: new PostgresConnector({ url: pgUrl('postgres') }).capabilities,
  joins: true,
  typedColumns: true,
  transactions: {
    async begin(dataSource) {
      const transaction = await connectorOf(dataSource).beginTransaction();
      return {
        handle: transaction,
        commit: () => transaction.commit(),
        rollback: () => transaction.rollback(),
      };
    },
  },
  sql: {
    execute: (dataSource, sql, params = []) => connectorOf(dataSource).execute(sql, params),
    placeholder: (index) => `$${index}`,
    quote: quotePostgresIdentifier,
    sleep: (seconds) => `select pg_sleep(${seconds})`,
    port: Number(new URL(PG_ADMIN_URL).port || 5432),
    url: ({ user, password, port, database = 'chinook' }) =>
      `postgres://${user}:${password}@127.0.0.1:${port}/${database}`,
    missingDatabaseUrl: () => pgUrl('no_such_database_here'),
  },
  async createDataSource(testName, settings = {}) {
    const url = await createPgDatabase(database(testName));
    const dataSource = new DataSource('postgresql', { url, ...settings });
    await dataSource.connect();
    return dataSource;
  },
  dropDatabase: (testName) => dropPgDatabase(database(testName)),
};
