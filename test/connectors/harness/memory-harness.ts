/** The memory connector's harness: a new data source per test, no server, no SQL, no transactions. */
import { MEMORY_CAPABILITIES } from '../../../src/connectors/memory/index.js';
import { DataSource } from '../../../src/juggler/datasource.js';
import type { ConnectorHarness } from './connector-harness.js';

/** The memory connector, as the connector-contract suites see it. */
export const memoryHarness: ConnectorHarness = {
  name: 'memory',
  capabilities: MEMORY_CAPABILITIES,
  joins: false,
  typedColumns: false,
  ids: 'serial',
  uniqueIndexes: true,
  notNull: true,
  transactions: undefined,
  sql: undefined,
  async createDataSource(_testName, settings = {}) {
    const dataSource = new DataSource('memory', settings);
    await dataSource.connect();
    return dataSource;
  },
  async dropDatabase() {},
};
