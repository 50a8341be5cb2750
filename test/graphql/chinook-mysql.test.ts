import mysql from 'mysql2/promise';
import type { DataAccessConnector } from '../../src/juggler/connector/connector.js';
import { DataSource } from '../../src/juggler/datasource.js';
import { createMysqlDatabase, dropMysqlDatabase } from '../support/databases.js';
import { defineChinookGraphQLSuite } from './support/chinook-graphql-suite.js';

const DATABASE = 'graphql_chinook_mysql';

/** Chinook's MySQL script spells `invoice_line` as `InvoiceLine` and `unit_price` as `UnitPrice`. */
function pascal(snake: string): string {
  return snake
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

defineChinookGraphQLSuite({
  label: 'MariaDB',
  nestsLists: false,
  inlinesConstants: false,
  async setup() {
    const url = await createMysqlDatabase(DATABASE, { copyOf: 'Chinook' });
    const dataSource = new DataSource('mysql', { url });
    const models = await dataSource.discoverAndBuildModels('Track', { associations: true });
    const reader = mysql.createPool({ uri: url, connectionLimit: 2, decimalNumbers: false, timezone: 'Z' });
    return {
      models,
      connector: dataSource.connector as DataAccessConnector,
      sql: async (text, params = []) => {
        const [rows] = await reader.query(text, params);
        return rows as Record<string, unknown>[];
      },
      name: pascal,
      param: () => '?',
      caseSensitiveLike: (column, pattern) =>
        `convert(${column} using utf8mb4) collate utf8mb4_bin like ${pattern}`,
      async close() {
        await reader.end();
        await dataSource.disconnect();
        await dropMysqlDatabase(DATABASE);
      },
    };
  },
});
