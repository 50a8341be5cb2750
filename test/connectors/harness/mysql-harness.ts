/** The MySQL/MariaDB connector's harness: a fresh database per test on the test server. */
import { MysqlConnector, quoteMysqlIdentifier } from '../../../src/connectors/mysql/index.js';
import { DataSource } from '../../../src/juggler/datasource.js';
import {
  createMysqlDatabase,
  dropMysqlDatabase,
  MYSQL_ADMIN_URL,
  mysqlUrl,
} from '../../support/databases.js';
import type { ConnectorHarness } from './connector-harness.js';

const database = (testName: string) => `${testName}_my`;

function connectorOf(dataSource: DataSource): MysqlConnector {
  return dataSource.connector as MysqlConnector;
}

/** The MySQL/MariaDB connector, as the connector-contract suites see it. */
export const mysqlHarness: ConnectorHarness = {
  name: 'mysql',
  capabilities: new MysqlConnector({ url: mysqlUrl('mysql') }).capabilities,
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
    placeholder: () => '?',
    quote: quoteMysqlIdentifier,
    sleep: (seconds) => `select sleep(${seconds})`,
    port: Number(new URL(MYSQL_ADMIN_URL).port || 3306),
    url: ({ user, password, port, database = 'Chinook' }) =>
      `mysql://${user}:${password}@127.0.0.1:${port}/${database}`,
    missingDatabaseUrl: () => mysqlUrl('no_such_database_here'),
  },
  async createDataSource(testName, settings = {}) {
    const url = await createMysqlDatabase(database(testName));
    const dataSource = new DataSource('mysql', { url, ...settings });
    await dataSource.connect();
    return dataSource;
  },
  dropDatabase: (testName) => dropMysqlDatabase(database(testName)),
};
