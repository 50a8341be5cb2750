/**
 * Each GraphQL mutation on MongoDB runs in one transaction where the server runs transactions
 * (replica sets, mongos): its read of the document and its write carry the transaction, and a
 * failed mutation leaves nothing behind. CongoDB (and a standalone MongoDB) has no transactions:
 * CongoDB answers `hello` as a standalone server and, though it acknowledges
 * `commitTransaction`/`abortTransaction`, keeps the writes of an aborted transaction; there the
 * connector says why and runs each mutation's commands without one. With `MONGODB_URL` naming a
 * replica set, the transaction tests run instead of the CongoDB ones.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoCommandEvent, MongoConnector } from '../../src/connectors/mongodb/index.js';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import {
  type MongoTestServer,
  ON_REAL_MONGODB,
  startMongoTestServer,
} from '../support/mongodb/mongodb-test-server.js';

const DATABASE = 'mongodb_mutations';

let server: MongoTestServer;
let gateway: RunningGateway;
let connector: MongoConnector;
let supported = false;
const events: MongoCommandEvent[] = [];

beforeAll(async () => {
  server = await startMongoTestServer();
  const client = new MongoClient(server.url(DATABASE));
  try {
    const notes = client.db(DATABASE).collection('note');
    await notes.deleteMany({});
    await notes.insertMany([{ body: 'first', hits: 1 }]);
  } finally {
    await client.close();
  }
  gateway = await startGateway(
    {
      ...DEFAULT_CONFIG,
      databaseUrl: server.url(DATABASE),
      port: 0,
      cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-mongodb-mutations-')),
    },
    {
      onSource: (source) => {
        connector = source.dataSource.connector as MongoConnector;
        connector.observeCommands((event) => events.push(event));
      },
    },
  );
  supported = (await connector.transactionSupport()).supported;
});

afterAll(async () => {
  await gateway?.stop();
  await server?.dropDatabase(DATABASE);
  await server?.stop();
});

async function post(query: string, variables?: Record<string, unknown>) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as {
    data?: Record<string, unknown>;
    errors?: { extensions?: { code?: string } }[];
  };
}

/** The commands of `run`, each with whether it belonged to a transaction. */
async function commandsOf(run: () => Promise<unknown>): Promise<string[]> {
  events.length = 0;
  await run();
  return events
    .filter((event) => event.phase === 'started')
    .map((event) => `${event.commandName}${event.transaction ? ' (in transaction)' : ''}`);
}

async function firstNoteId(): Promise<string> {
  const answer = await post('{ notes(limit: 1) { id } }');
  const notes = (answer.data?.notes ?? []) as { id: string }[];
  return notes[0]?.id as string;
}

describe('mutations on MongoDB', () => {
  it('update and delete a document, each mutation in one transaction where the server runs them', async () => {
    const id = await firstNoteId();
    const update = () =>
      post('mutation ($id: ID!) { updateNote(id: $id, data: { hits: 2 }) { hits } }', { id });
    const sent = await commandsOf(async () =>
      expect((await update()).data).toEqual({ updateNote: { hits: 2 } }),
    );
    if (supported) {
      expect(sent).toEqual(['find (in transaction)', 'update (in transaction)', 'commitTransaction']);
    } else {
      expect(sent).toEqual(['find', 'update']);
    }
    const created = await post('mutation { createNote(data: { body: "second", hits: 0 }) { id } }');
    const createdId = (created.data?.createNote as { id: string } | undefined)?.id;
    const removed = await commandsOf(async () =>
      expect(
        (
          await post('mutation ($id: ID!) { deleteNote(id: $id) { body } }', {
            id: createdId,
          })
        ).data,
      ).toEqual({ deleteNote: { body: 'second' } }),
    );
    expect(removed).toEqual(
      supported
        ? ['find (in transaction)', 'delete (in transaction)', 'commitTransaction']
        : ['find', 'delete'],
    );
  });

  it('rolls back the writes of a failed transaction where the server runs transactions, and says why not where it does not', async () => {
    const support = await connector.transactionSupport();
    const notes = (await connector.database()).collection('note');
    const failed = connector.transaction(async (session) => {
      await notes.insertOne({ body: 'written, then failed' }, session ? { session } : {});
      throw new Error('failed after the write');
    });
    await expect(failed).rejects.toThrow('failed after the write');
    const kept = await notes.countDocuments({ body: 'written, then failed' });
    if (support.supported) {
      expect(kept).toBe(0);
    } else {
      // No transaction to roll back: the write stays, as any single command's would.
      expect(support.reason).toMatch(/standalone server/);
      expect(kept).toBe(1);
    }
  });
});

if (!ON_REAL_MONGODB) {
  describe('CongoDB', () => {
    it('answers hello as a standalone server and keeps the writes of an aborted transaction', async () => {
      const client = new MongoClient(server.url(DATABASE));
      try {
        const hello = await client.db('admin').command({ hello: 1 });
        expect(hello.setName).toBeUndefined();
        const notes = client.db(DATABASE).collection('note');
        const session = client.startSession();
        try {
          session.startTransaction();
          await notes.insertOne({ body: 'aborted' }, { session });
          await session.abortTransaction();
        } finally {
          await session.endSession();
        }
        expect(await notes.countDocuments({ body: 'aborted' })).toBe(1);
      } finally {
        await client.close();
      }
    });
  });
}
