/**
 * A gateway on MongoDB's Chinook documents (test/support/mongodb/chinook-mongodb.ts) for one test
 * file: the test server with the documents loaded into a database of its own, a gateway on it whose
 * connection pool is open before the first request, and a `query` that answers with what the
 * request cost (its commands and round trips, from the driver's command monitoring).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Db, MongoClient } from 'mongodb';
import type { MongoCommandEvent, MongoConnector } from '../../../src/connectors/mongodb/index.js';
import { DEFAULT_CONFIG } from '../../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../../src/server/gateway.js';
import { loadChinook } from './chinook-mongodb.js';
import { type CommandCost, costOf } from './command-cost.js';
import { type MongoTestServer, startMongoTestServer } from './mongodb-test-server.js';

/** Connections opened up front: more than any level of an operation sends at once. */
const POOL_SIZE = 8;

/** A GraphQL answer and what it cost. */
export interface CostedAnswer {
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  cost: CommandCost;
}

/** A running gateway on the Chinook documents. */
export interface MongoChinookGateway {
  server: MongoTestServer;
  gateway: RunningGateway;
  /** Runs `work` with the database (a client of its own, closed after). */
  withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T>;
  /** Sends one operation; answers with its result and what it cost. */
  query(text: string, variables?: Record<string, unknown>): Promise<CostedAnswer>;
  stop(): Promise<void>;
}

/** Options of `startMongoChinookGateway`. */
export interface MongoChinookGatewayOptions {
  /** Writes more documents after the Chinook ones, before the gateway discovers the database. */
  prepare?: (db: Db) => Promise<void>;
}

/** Starts the test server, loads the Chinook documents into `database` and starts a gateway on them. */
export async function startMongoChinookGateway(
  database: string,
  options: MongoChinookGatewayOptions = {},
): Promise<MongoChinookGateway> {
  const server = await startMongoTestServer();
  const withDatabase = async <T>(work: (db: Db) => Promise<T>): Promise<T> => {
    const client = new MongoClient(server.url(database));
    try {
      return await work(client.db(database));
    } finally {
      await client.close();
    }
  };
  await withDatabase(async (db) => {
    await loadChinook(db);
    await options.prepare?.(db);
  });
  const url = new URL(server.url(database));
  url.searchParams.set('minPoolSize', String(POOL_SIZE));
  const events: MongoCommandEvent[] = [];
  let connector: MongoConnector | undefined;
  const gateway = await startGateway(
    {
      ...DEFAULT_CONFIG,
      databaseUrl: url.href,
      port: 0,
      cacheDir: mkdtempSync(path.join(os.tmpdir(), `discograph-${database}-`)),
    },
    {
      onSource: (source) => {
        connector = source.dataSource.connector as MongoConnector;
        connector.observeCommands((event) => events.push(event));
      },
    },
  );
  // A command that finds no idle connection waits for one to be opened (a handshake round trip),
  // which would show a cold pool, not the plan: POOL_SIZE commands sent at once open the pool
  // (the driver's own minPoolSize fill is slow and stops short of it on CongoDB).
  while ((connector?.poolStatistics()?.total ?? 0) < POOL_SIZE) {
    const open = connector as MongoConnector;
    await Promise.all(Array.from({ length: POOL_SIZE }, () => open.ping()));
  }
  return {
    server,
    gateway,
    withDatabase,
    async query(text, variables) {
      events.length = 0;
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: text, variables }),
      });
      const body = (await response.json()) as Omit<CostedAnswer, 'cost'>;
      return { ...body, cost: costOf(events.splice(0)) };
    },
    async stop() {
      await gateway.stop();
      await server.dropDatabase(database);
      await server.stop();
    },
  };
}
