/**
 * The connector-contract suites on the MongoDB connector: on the in-process test server (CongoDB)
 * by default, on a real MongoDB when MONGODB_URL is set. The harness gives the suites ObjectId ids
 * (the ids MongoDB generates, and the only `_id` CongoDB stores: it turns any other into an
 * ObjectId) and says that CongoDB enforces no unique index, so those violations are tested on a
 * real MongoDB only (see test/connectors/README.md).
 */
import { afterAll, beforeAll } from 'vitest';
import { type MongoTestServer, startMongoTestServer } from '../support/mongodb/mongodb-test-server.js';
import { mongodbHarness } from './harness/mongodb-harness.js';
import { runConnectorSuites } from './suites/index.js';

let server: MongoTestServer | undefined;
beforeAll(async () => {
  server = await startMongoTestServer();
});
afterAll(async () => {
  await server?.stop();
});

function testServer(): MongoTestServer {
  if (!server) throw new Error('the test server starts in beforeAll');
  return server;
}

runConnectorSuites(mongodbHarness(testServer));
