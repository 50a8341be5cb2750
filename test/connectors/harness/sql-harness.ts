/** What the harnesses of the SQL connectors share: a fresh database per test, transactions and raw SQL through the connector. */
import { DataSource } from '../../../src/juggler/datasource.js';
import type { DialectFixture } from '../../support/dialects.js';
import type { ConnectorCapabilities, ConnectorHarness, Row, SqlAccess } from './connector-harness.js';

/** The parts of a SQL connector a harness uses. */
interface SqlConnector {
  beginTransaction(): Promise<{ commit(): Promise<void>; rollback(): Promise<void> }>;
  execute(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** What differs between the SQL harnesses. */
export interface SqlHarnessOptions {
  capabilities: ConnectorCapabilities;
  /** The dialect's test databases (its name is the connector's). */
  databases: DialectFixture;
  sql: Omit<SqlAccess, 'execute'>;
}

function connectorOf(dataSource: DataSource): SqlConnector {
  return dataSource.connector as unknown as SqlConnector;
}

/** A harness of a SQL connector. */
export function sqlHarness(options: SqlHarnessOptions): ConnectorHarness {
  const { databases } = options;
  return {
    name: databases.name,
    capabilities: options.capabilities,
    joins: true,
    typedColumns: true,
    ids: 'serial',
    uniqueIndexes: true,
    notNull: true,
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
      ...options.sql,
      execute: (dataSource, sql, params = []) => connectorOf(dataSource).execute(sql, params),
    },
    async createDataSource(testName, settings = {}) {
      const url = await databases.createDatabase(testName);
      const dataSource = new DataSource(databases.name, { url, ...settings });
      await dataSource.connect();
      return dataSource;
    },
    dropDatabase: (testName) => databases.dropDatabase(testName),
  };
}
