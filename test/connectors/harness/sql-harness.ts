/** What the harnesses of the SQL connectors share: a fresh database per test, transactions and raw SQL through the connector. */
import { DataSource } from '../../../src/juggler/datasource.js';
import type { ConnectorCapabilities, ConnectorHarness, Row, SqlAccess } from './connector-harness.js';

/** The parts of a SQL connector a harness uses. */
interface SqlConnector {
  beginTransaction(): Promise<{ commit(): Promise<void>; rollback(): Promise<void> }>;
  execute(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** What differs between the SQL harnesses. */
export interface SqlHarnessOptions {
  name: 'postgresql' | 'mysql';
  capabilities: ConnectorCapabilities;
  /** Appended to test names to name databases, so that dialects never share one. */
  suffix: string;
  /** Drops and creates a database; resolves to its URL. */
  createDatabase(database: string): Promise<string>;
  dropDatabase(database: string): Promise<void>;
  sql: Omit<SqlAccess, 'execute'>;
}

function connectorOf(dataSource: DataSource): SqlConnector {
  return dataSource.connector as unknown as SqlConnector;
}

/** A harness of a SQL connector. */
export function sqlHarness(options: SqlHarnessOptions): ConnectorHarness {
  const database = (testName: string) => `${testName}_${options.suffix}`;
  return {
    name: options.name,
    capabilities: options.capabilities,
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
      ...options.sql,
      execute: (dataSource, sql, params = []) => connectorOf(dataSource).execute(sql, params),
    },
    async createDataSource(testName, settings = {}) {
      const url = await options.createDatabase(database(testName));
      const dataSource = new DataSource(options.name, { url, ...settings });
      await dataSource.connect();
      return dataSource;
    },
    dropDatabase: (testName) => options.dropDatabase(database(testName)),
  };
}
