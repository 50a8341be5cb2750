/**
 * The MongoDB connector's harness: a fresh database per test on the test server (CongoDB in a
 * worker thread, or the real server of MONGODB_URL; see test/support/mongodb/mongodb-test-server.ts).
 * No SQL, no transactions (CongoDB's sessions are not MongoDB's), columns untyped; ids are
 * ObjectIds (the ids MongoDB generates, and the only `_id` CongoDB stores), and unique indexes are
 * enforced on a real MongoDB only.
 */
import { MONGODB_CAPABILITIES } from '../../../src/connectors/mongodb/index.js';
import { DataSource } from '../../../src/juggler/datasource.js';
import { type MongoTestServer, ON_REAL_MONGODB } from '../../support/mongodb/mongodb-test-server.js';
import type { ConnectorHarness } from './connector-harness.js';

/** A database name of a test, short and safe (`suite_reads` → `suite_reads_mongo`). */
function databaseOf(testName: string): string {
  return `${testName.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40)}_mongo`;
}

/** The MongoDB connector on the test server `server()` returns, as the connector-contract suites see it. */
export function mongodbHarness(server: () => MongoTestServer): ConnectorHarness {
  return {
    name: 'mongodb',
    capabilities: MONGODB_CAPABILITIES,
    joins: false,
    typedColumns: false,
    ids: 'objectId',
    uniqueIndexes: ON_REAL_MONGODB,
    notNull: false,
    transactions: undefined,
    sql: undefined,
    async createDataSource(testName, settings = {}) {
      const database = databaseOf(testName);
      await server().dropDatabase(database);
      const dataSource = new DataSource('mongodb', { url: server().url(database), ...settings });
      await dataSource.connect();
      return dataSource;
    },
    async dropDatabase(testName) {
      await server().dropDatabase(databaseOf(testName));
    },
  };
}
