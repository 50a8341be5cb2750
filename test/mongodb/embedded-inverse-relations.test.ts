/**
 * The inverse of a relation from inside embedded documents, on MongoDB's Chinook documents: an
 * invoice's lines hold track ObjectIds (`InvoiceLine.track`), so a track lists the invoices whose
 * lines hold it (`Track.invoices`), read for every track of a level in one command
 * (`{'lines.trackId': {$in: [...]}}`) and paged per track in that command, an invoice once per
 * track however many of its lines hold it. Names follow the SQL relations' rules
 * (juggler/discovery/build-relations.ts), collisions included.
 */
import { MongoClient, ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from '../../src/juggler/datasource.js';
import type { ModelDefinition } from '../../src/juggler/model-definition.js';
import { chinookData, chinookId } from '../support/mongodb/chinook-mongodb.js';
import {
  type MongoChinookGateway,
  startMongoChinookGateway,
} from '../support/mongodb/mongodb-chinook-gateway.js';

const DATABASE = 'embedded_inverse';
const COLLISIONS = 'embedded_inverse_names';
let chinook: MongoChinookGateway;

beforeAll(async () => {
  chinook = await startMongoChinookGateway(DATABASE);
});

afterAll(async () => {
  await chinook?.server.dropDatabase(COLLISIONS);
  await chinook?.stop();
});

/** The Chinook invoice numbers of the SQL invoice lines of track `trackId`, ascending, each once. */
function sqlInvoicesOfTrack(trackId: number): number[] {
  const lines = (chinookData().InvoiceLine ?? []).filter((line) => Number(line.TrackId) === trackId);
  return [...new Set(lines.map((line) => Number(line.InvoiceId)))].sort((a, b) => a - b);
}

describe('discovery of the inverse of a key inside embedded documents', () => {
  let definitions: Record<string, ModelDefinition>;
  beforeAll(async () => {
    const dataSource = new DataSource('mongodb', { url: chinook.server.url(DATABASE) });
    try {
      definitions = await dataSource.discoverSchemas('track', { associations: true });
    } finally {
      await dataSource.disconnect();
    }
  });

  it('gives the target a hasMany keyed by the dotted path, named as a SQL hasMany and described', () => {
    const track = Object.values(definitions).find((definition) => definition.name === 'Track');
    expect(track?.options?.relations?.invoices).toEqual({
      type: 'hasMany',
      model: 'Invoice',
      foreignKey: 'lines.trackId',
      description: 'The Invoice documents whose lines hold this Track (by trackId).',
    });
  });

  it('keeps the belongsTo on the embedded type, not on the model holding it', () => {
    const invoice = Object.values(definitions).find((definition) => definition.name === 'Invoice');
    expect(Object.keys(invoice?.options?.relations ?? {})).toEqual(['customer']);
    expect(invoice?.properties.lines?.embedded?.relations).toEqual({
      track: { type: 'belongsTo', model: 'Track', foreignKey: 'trackId' },
    });
  });

  it('tells several keys to one model apart by their whole key, and avoids a property of the same name', async () => {
    const songs = [new ObjectId(), new ObjectId()];
    const client = new MongoClient(chinook.server.url(COLLISIONS));
    try {
      const db = client.db(COLLISIONS);
      await db.collection('song').insertMany([
        { _id: songs[0], title: 'a', gigs: 'many' },
        { _id: songs[1], title: 'b', gigs: 'few' },
      ]);
      await db.collection('gig').insertMany([
        { city: 'Oslo', openerId: songs[0], setlist: [{ songId: songs[0] }, { songId: songs[1] }] },
        { city: 'Rome', openerId: songs[1], setlist: [{ songId: songs[1] }] },
      ]);
    } finally {
      await client.close();
    }
    const dataSource = new DataSource('mongodb', { url: chinook.server.url(COLLISIONS) });
    try {
      const found = await dataSource.discoverSchemas('song', { associations: true });
      const song = Object.values(found).find((definition) => definition.name === 'Song');
      expect(song?.options?.relations).toMatchObject({
        gigsByOpenerId: { type: 'hasMany', model: 'Gig', foreignKey: 'openerId' },
        gigsBySetlistSongId: { type: 'hasMany', model: 'Gig', foreignKey: 'setlist.songId' },
      });
      // `gigs` is a property of Song: neither relation may take its name.
      expect(Object.keys(song?.options?.relations ?? {})).not.toContain('gigs');
    } finally {
      await dataSource.disconnect();
    }
  });
});

describe('the inverse relation in the GraphQL API', () => {
  it("lists a track's invoices, the same invoices as the SQL Chinook's invoice lines of the track", async () => {
    const answer = await chinook.query(`{ track(id: "${chinookId('track', 1).toHexString()}") {
      name invoices(order: INVOICE_ID_ASC) { invoiceId } } }`);
    expect(answer.errors).toBeUndefined();
    const expected = sqlInvoicesOfTrack(1);
    expect(expected.length).toBeGreaterThan(0);
    expect(answer.data?.track).toEqual({
      name: 'For Those About To Rock (We Salute You)',
      invoices: expected.map((invoiceId) => ({ invoiceId })),
    });
  });

  it('reads the invoices of every track of a level in one command, at most depth + 1 round trips', async () => {
    const operation = `{ tracks(where: { trackId: { lte: 20 } }, order: TRACK_ID_ASC) {
      trackId invoices(order: INVOICE_ID_ASC) { invoiceId lines { track { trackId } } } } }`;
    await chinook.query(operation); // the first run prepares the reads
    const answer = await chinook.query(operation);
    expect(answer.errors).toBeUndefined();
    const tracks = answer.data?.tracks as { trackId: number; invoices: { invoiceId: number }[] }[];
    expect(tracks).toHaveLength(20);
    for (const track of tracks) {
      expect(track.invoices.map((invoice) => invoice.invoiceId)).toEqual(sqlInvoicesOfTrack(track.trackId));
    }
    expect(answer.cost.commands).toEqual(['find track', 'aggregate invoice', 'find track']);
    expect(answer.cost.roundTrips).toBeLessThanOrEqual(3);
  });

  it('pages each track apart in the one command, an invoice holding the track on two lines counted once', async () => {
    const track = chinookId('track', 1);
    await chinook.withDatabase((db) =>
      db.collection('invoice').insertOne({
        ...{ invoiceId: 9001, customerId: chinookId('customer', 1), invoiceDate: new Date() },
        ...{ billingAddress: 'x', billingCity: 'y', billingCountry: 'z' },
        total: 2,
        lines: [
          { invoiceLineId: 90011, trackId: track, unitPrice: 1, quantity: 1 },
          { invoiceLineId: 90012, trackId: track, unitPrice: 1, quantity: 1 },
        ],
      }),
    );
    try {
      const answer = await chinook.query(`{ tracks(where: { trackId: { inq: [1, 2] } }, order: TRACK_ID_ASC) {
        trackId invoices(order: INVOICE_ID_DESC, limit: 2) { invoiceId } } }`);
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.tracks).toEqual([
        { trackId: 1, invoices: [{ invoiceId: 9001 }, ...latest(sqlInvoicesOfTrack(1), 1)] },
        { trackId: 2, invoices: latest(sqlInvoicesOfTrack(2), 2) },
      ]);
      expect(answer.cost.commands).toEqual(['find track', 'aggregate invoice']);
    } finally {
      await chinook.withDatabase((db) => db.collection('invoice').deleteOne({ invoiceId: 9001 }));
    }
  });
});

describe('the inverse relation in the juggler', () => {
  it('includes the invoices of tracks in one read, a scope selecting fields included', async () => {
    const dataSource = new DataSource('mongodb', { url: chinook.server.url(DATABASE) });
    try {
      const models = await dataSource.discoverAndBuildModels('track', { associations: true });
      const Track = models.Track as unknown as { find(filter: object, options: object): Promise<unknown[]> };
      const tracks = (await Track.find(
        {
          where: { trackId: { inq: [1, 2] } },
          order: 'trackId ASC',
          include: { relation: 'invoices', scope: { fields: ['invoiceId'], order: 'invoiceId ASC' } },
        },
        { raw: true },
      )) as { trackId: number; invoices: { invoiceId: number }[] }[];
      expect(
        tracks.map((track) => [track.trackId, track.invoices.map((invoice) => invoice.invoiceId)]),
      ).toEqual([1, 2].map((trackId) => [trackId, sqlInvoicesOfTrack(trackId)]));
    } finally {
      await dataSource.disconnect();
    }
  });
});

describe('a page of the inverse relation per parent', () => {
  it("holds only that parent's page, though an invoice read for one track holds other tracks too", async () => {
    const answer = await chinook.query(`{ tracks(where: { trackId: { lte: 60 } }, order: TRACK_ID_ASC) {
      trackId invoices(order: INVOICE_ID_DESC, limit: 1) { invoiceId } } }`);
    expect(answer.errors).toBeUndefined();
    const tracks = answer.data?.tracks as { trackId: number; invoices: { invoiceId: number }[] }[];
    expect(tracks).toHaveLength(60);
    for (const track of tracks) {
      expect(track.invoices, `track ${track.trackId}`).toEqual(latest(sqlInvoicesOfTrack(track.trackId), 1));
    }
  });
});

/** The `count` highest invoice numbers of `ids` (ascending), as GraphQL objects, highest first. */
function latest(ids: readonly number[], count: number): { invoiceId: number }[] {
  return [...ids]
    .reverse()
    .slice(0, count)
    .map((invoiceId) => ({ invoiceId }));
}
