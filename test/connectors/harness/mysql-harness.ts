/** The MySQL/MariaDB connector's harness: a fresh database per test on the test server. */
import { MysqlConnector, quoteMysqlIdentifier } from '../../../src/connectors/mysql/index.js';
import { MYSQL_ADMIN_URL, mysqlUrl } from '../../support/databases.js';
import { MYSQL_DATABASES } from '../../support/dialects.js';
import type { ConnectorHarness } from './connector-harness.js';
import { sqlHarness } from './sql-harness.js';

/** The MySQL/MariaDB connector, as the connector-contract suites see it. */
export const mysqlHarness: ConnectorHarness = sqlHarness({
  capabilities: new MysqlConnector({ url: mysqlUrl('mysql') }).capabilities,
  databases: MYSQL_DATABASES,
  sql: {
    placeholder: () => '?',
    quote: quoteMysqlIdentifier,
    sleep: (seconds) => `select sleep(${seconds})`,
    port: Number(new URL(MYSQL_ADMIN_URL).port || 3306),
    url: ({ user, password, port, database = 'Chinook' }) =>
      `mysql://${user}:${password}@127.0.0.1:${port}/${database}`,
    missingDatabaseUrl: () => mysqlUrl('no_such_database_here'),
  },
});
