import pg from 'pg';
import type { DataAccessConnector } from '../../src/juggler/connector/connector.js';
import { DataSource } from '../../src/juggler/datasource.js';
import { createPgDatabase, dropPgDatabase } from '../support/databases.js';
import { defineChinookGraphQLSuite } from './support/chinook-graphql-suite.js';

const DATABASE = 'graphql_chinook_pg';

defineChinookGraphQLSuite({
  label: 'PostgreSQL',
  nestsLists: true,
  inlinesConstants: true,
  async setup() {
    const url = await createPgDatabase(DATABASE, { template: 'chinook' });
    const dataSource = new DataSource('postgresql', { url });
    const models = await dataSource.discoverAndBuildModels('track', { associations: true });
    const reader = new pg.Pool({ connectionString: url, max: 2 });
    return {
      models,
      connector: dataSource.connector as DataAccessConnector,
      sql: async (text, params = []) => (await reader.query(text, params)).rows,
      name: (snake) => snake,
      param: (n) => `$${n}`,
      async close() {
        await reader.end();
        await dataSource.disconnect();
        await dropPgDatabase(DATABASE);
      },
    };
  },
});
