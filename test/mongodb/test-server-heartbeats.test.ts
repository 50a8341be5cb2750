/**
 * The test server answers the driver's heartbeats, so a driver's pool stays open between
 * requests: a failed heartbeat marks the server Unknown and clears the pool, and a request right
 * after it waits for new connections, which the round-trip counts of gateway-chinook.test.ts
 * would show as the plan's. (CongoDB cannot stream heartbeats: its URL asks the driver to poll.)
 */
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MongoTestServer, startMongoTestServer } from '../support/mongodb/mongodb-test-server.js';

let server: MongoTestServer;

beforeAll(async () => {
  server = await startMongoTestServer();
});

afterAll(async () => {
  await server?.stop();
});

it('keeps a driver connected for seconds with no failed heartbeat and no pool clear', async () => {
  const client = new MongoClient(server.url('heartbeats'), { minHeartbeatFrequencyMS: 100 });
  const failures: string[] = [];
  client.on('serverHeartbeatFailed', (event) => failures.push(`heartbeat: ${event.failure.message}`));
  client.on('connectionPoolCleared', () => failures.push('pool cleared'));
  try {
    // Streamed heartbeats failed within a second, then once or twice a second.
    for (const end = performance.now() + 2_500; performance.now() < end; ) {
      await client.db('heartbeats').command({ ping: 1 });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.close();
  }
  expect(failures).toEqual([]);
});
