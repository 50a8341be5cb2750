/**
 * The connector-contract suites on the MongoDB connector, on a real MongoDB (MONGODB_URL) only:
 * their fixtures give every model a numeric id, which the connector keeps in `_id` (as LoopBack's
 * MongoDB connector does), and the test server (CongoDB) turns every non-ObjectId `_id` into an
 * ObjectId, so that no fixture row could be found by its id there. Without MONGODB_URL this file
 * proves that gap instead (test/mongodb/ runs the connector's own tests on ObjectId documents).
 */
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type MongoTestServer,
  ON_REAL_MONGODB,
  startMongoTestServer,
} from '../support/mongodb/mongodb-test-server.js';
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

if (ON_REAL_MONGODB) {
  runConnectorSuites(mongodbHarness(testServer));
} else {
  describe('the connector contract on the MongoDB test server', () => {
    it('cannot run: CongoDB stores a numeric _id as an ObjectId, so fixture rows are not found by id', async () => {
      const client = new MongoClient(testServer().url('contract_gap'));
      try {
        const collection = client.db('contract_gap').collection('items');
        await collection.insertOne({ _id: 1 } as never);
        const stored = await collection.find({}).toArray();
        expect(stored).toHaveLength(1);
        expect(typeof stored[0]?._id).not.toBe('number');
        expect(await collection.countDocuments({ _id: 1 } as never)).toBe(0);
      } finally {
        await client.db('contract_gap').dropDatabase();
        await client.close();
      }
    });
  });
}
