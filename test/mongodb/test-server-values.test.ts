/**
 * The test server keeps the BSON values an update writes as it keeps inserted ones: CongoDB
 * 2.2.0 stored a Decimal128, Binary or UUID written by `$set` or an upsert as a plain object of
 * its bytes until congodb-worker.mjs made its update clone keep BSON values.
 */
import { Binary, Decimal128, MongoClient, UUID } from 'mongodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MongoTestServer, startMongoTestServer } from '../support/mongodb/mongodb-test-server.js';

let server: MongoTestServer;

beforeAll(async () => {
  server = await startMongoTestServer();
});

afterAll(async () => {
  await server?.dropDatabase('update_values');
  await server?.stop();
});

it('stores Decimal128, Binary and UUID values written by $set and by an upsert as those types', async () => {
  const client = new MongoClient(server.url('update_values'));
  try {
    const values = client.db('update_values').collection('values');
    const uuid = new UUID();
    await values.insertOne({ name: 'set' });
    await values.updateOne(
      { name: 'set' },
      { $set: { price: Decimal128.fromString('2.00'), blob: new Binary(Buffer.from([1, 2])), uuid } },
    );
    await values.findOneAndUpdate(
      { name: 'upsert' },
      { $set: { price: Decimal128.fromString('3.10') } },
      { upsert: true },
    );
    const set = await values.findOne({ name: 'set' });
    if (!set) throw new Error('the document written by $set is missing');
    expect(set.price).toBeInstanceOf(Decimal128);
    expect(String(set.price)).toBe('2.00');
    expect(set.blob).toBeInstanceOf(Binary);
    expect([...(set.blob as Binary).buffer]).toEqual([1, 2]);
    expect((set.uuid as Binary).toUUID().toString()).toBe(uuid.toString());
    expect(String((await values.findOne({ name: 'upsert' }))?.price)).toBe('3.10');
  } finally {
    await client.close();
  }
});
