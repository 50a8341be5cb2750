/**
 * The MongoDB connector on the Chinook documents (test/support/mongodb/chinook-mongodb.ts):
 * discovery by sampling (collections, merged field types, embedded documents, exact BSON types,
 * relations verified against the data, unique indexes), then reads, batched relations, writes and
 * errors through the juggler's models, as the GraphQL layer uses them.
 */
import { Long, MongoClient } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import type { ModelClass } from '../../src/juggler/dao/model-class.js';
import { DataSource } from '../../src/juggler/datasource.js';
import { DatabaseError } from '../../src/juggler/errors.js';
import type { ModelDefinition } from '../../src/juggler/model-definition.js';
import { chinookData, chinookId, loadChinook } from '../support/mongodb/chinook-mongodb.js';
import {
  type MongoTestServer,
  ON_REAL_MONGODB,
  startMongoTestServer,
} from '../support/mongodb/mongodb-test-server.js';

const DATABASE = 'connector_chinook';
let server: MongoTestServer;
let dataSource: DataSource;
const commands: StatementEvent[] = [];

beforeAll(async () => {
  server = await startMongoTestServer();
  const client = new MongoClient(server.url(DATABASE));
  try {
    const db = client.db(DATABASE);
    await loadChinook(db);
    // Documents that disagree: a code that is a string in one and a number in the other, a big
    // Long, and a field that only the third document has.
    await db.collection('oddities').insertMany([
      { code: 'A1', big: Long.fromString('9007199254740993'), label: 'one' },
      { code: 7, big: Long.fromString('5'), label: 'two' },
      { code: 'B2', big: Long.fromString('6'), label: 'three', late: true },
    ]);
  } finally {
    await client.close();
  }
  dataSource = new DataSource('mongodb', { url: server.url(DATABASE) });
  await dataSource.connect();
  dataSource.connector?.observeStatements((event) => commands.push(event));
});

beforeEach(() => {
  commands.length = 0;
});

afterAll(async () => {
  await dataSource?.disconnect();
  await server?.dropDatabase(DATABASE);
  await server?.stop();
});

async function schemaOf(collection: string, options: Record<string, unknown> = {}): Promise<ModelDefinition> {
  const schemas = await dataSource.discoverSchemas(collection, { ...options });
  return schemas[`${DATABASE}.${collection}`] as ModelDefinition;
}

describe('discovery by sampling', () => {
  it('lists the collections as tables of the database', async () => {
    const rows = await dataSource.discoverModelDefinitions({});
    expect(rows.map(({ type, name, owner }) => `${type} ${owner}.${name}`)).toEqual(
      [
        'album',
        'artist',
        'customer',
        'employee',
        'genre',
        'invoice',
        'media_type',
        'oddities',
        'playlist',
        'track',
      ].map((name) => `table ${DATABASE}.${name}`),
    );
  });

  it('exposes _id as the id `id`, an ObjectId kept as such in the mongodb block', async () => {
    const album = await schemaOf('album');
    expect(album.properties.id).toMatchObject({
      type: 'String',
      id: 1,
      mongodb: { columnName: '_id', dataType: 'objectId' },
    });
    expect(album.properties.albumId).toMatchObject({
      type: 'Number',
      required: true,
      index: { unique: true },
    });
    expect(album.options?.validations).toContainEqual({
      kind: 'uniqueness',
      property: 'albumId',
      options: { allowNull: true },
    });
  });

  it('infers a belongsTo from ObjectIds found in the target collection, and its inverse hasMany', async () => {
    const album = await schemaOf('album', { relations: true, associations: true });
    expect(album.options?.relations).toEqual({
      artist: { type: 'belongsTo', model: 'Artist', foreignKey: 'artistId' },
      tracks: { type: 'hasMany', model: 'Track', foreignKey: 'albumId' },
    });
  });

  it('infers a referencesMany from an array of ObjectIds found in the target collection, and its inverse hasMany', async () => {
    const playlist = await schemaOf('playlist', { relations: true, associations: true });
    expect(playlist.options?.relations).toEqual({
      tracks: { type: 'referencesMany', model: 'Track', foreignKey: 'trackIds' },
    });
    const track = await schemaOf('track', { relations: true, associations: true });
    expect(track.options?.relations?.playlists).toEqual({
      type: 'hasMany',
      model: 'Playlist',
      foreignKey: 'trackIds',
    });
  });

  it('infers a belongsTo inside embedded documents (invoice.lines[].trackId → Track) from their ObjectIds', async () => {
    const invoice = await schemaOf('invoice', { relations: true, associations: true });
    expect(invoice.properties.lines?.embedded?.relations).toEqual({
      track: { type: 'belongsTo', model: 'Track', foreignKey: 'trackId' },
    });
    // The key belongs to the embedded type, not to the invoice.
    expect(Object.keys(invoice.options?.relations ?? {})).toEqual(['customer']);
  });

  it('makes no relation of an array of ObjectIds that are not all _ids of one collection', async () => {
    const client = new MongoClient(server.url(DATABASE));
    try {
      await client
        .db(DATABASE)
        .collection('mixtape')
        .insertOne({ trackIds: [chinookId('track', 1), chinookId('album', 1)] });
      const mixtape = await schemaOf('mixtape', { relations: true, associations: true });
      expect(mixtape.options?.relations ?? {}).toEqual({});
      expect(mixtape.properties.trackIds).toMatchObject({
        type: ['String'],
        mongodb: { dataType: 'objectId[]' },
      });
    } finally {
      await client.db(DATABASE).collection('mixtape').drop();
      await client.close();
    }
  });

  it('finds a reference by its values when its name hints at nothing (employee.reportsTo → employee)', async () => {
    const employee = await schemaOf('employee', { relations: true, associations: true });
    expect(employee.options?.relations).toMatchObject({
      reportsToEmployee: { type: 'belongsTo', model: 'Employee', foreignKey: 'reportsTo' },
      employees: { type: 'hasMany', model: 'Employee', foreignKey: 'reportsTo' },
    });
    expect(employee.properties.reportsTo).toMatchObject({ type: 'String', required: false });
  });

  it('suppresses a relation the configuration says is wrong', async () => {
    const suppressed = new DataSource('mongodb', {
      url: server.url(DATABASE),
      relations: [{ collection: 'album', field: 'artistId', target: null }],
    });
    try {
      const schemas = await suppressed.discoverSchemas('album', { relations: true, associations: true });
      expect((schemas[`${DATABASE}.album`] as ModelDefinition).options?.relations).toEqual({
        tracks: { type: 'hasMany', model: 'Track', foreignKey: 'albumId' },
      });
    } finally {
      await suppressed.disconnect();
    }
  });

  it('types embedded documents, arrays of ObjectIds, decimals and dates exactly', async () => {
    const invoice = await schemaOf('invoice');
    expect(invoice.properties.lines).toMatchObject({ type: ['Object'], mongodb: { dataType: 'object[]' } });
    expect(invoice.properties.total).toMatchObject({ type: 'Decimal', mongodb: { dataType: 'decimal' } });
    expect(invoice.properties.invoiceDate).toMatchObject({ type: 'Date' });
    const playlist = await schemaOf('playlist');
    expect(playlist.properties.trackIds).toMatchObject({
      type: ['String'],
      mongodb: { dataType: 'objectId[]' },
    });
  });

  it('makes a field of mixed types JSON and says why; a Long is a BigInt; required means present in every document', async () => {
    const oddities = await schemaOf('oddities');
    expect(oddities.properties.code).toMatchObject({
      type: 'JSON',
      description: 'mixed types in the sample: string (2), int (1)',
    });
    expect(oddities.properties.big).toMatchObject({ type: 'BigInt' });
    expect(oddities.properties.label).toMatchObject({ required: true });
    expect(oddities.properties.late).toMatchObject({ type: 'Boolean', required: false });
  });

  it('samples at most sampleSize documents: a field only later documents hold is not seen', async () => {
    const small = new DataSource('mongodb', { url: server.url(DATABASE), sampleSize: 2 });
    try {
      const schemas = await small.discoverSchemas('oddities', {});
      expect(Object.keys((schemas[`${DATABASE}.oddities`] as ModelDefinition).properties)).toEqual([
        'id',
        'code',
        'big',
        'label',
      ]);
    } finally {
      await small.disconnect();
    }
  });
});

describe('reads and writes through the discovered models', () => {
  let models: Record<string, ModelClass>;
  beforeAll(async () => {
    models = (await dataSource.discoverAndBuildModels('album', {
      relations: true,
      associations: true,
    })) as unknown as Record<string, ModelClass>;
    Object.assign(
      models,
      await dataSource.discoverAndBuildModels('playlist', { relations: true, associations: true }),
    );
    Object.assign(models, await dataSource.discoverAndBuildModels('oddities', {}));
  });

  it('reads a Long beyond 2^53 back exactly', async () => {
    const rows = (await models.Oddities?.find({ where: { label: 'one' } }, { raw: true })) as {
      big: string;
    }[];
    expect(rows.map((row) => row.big)).toEqual(['9007199254740993']);
  });

  it('includes hasMany pages per parent in one aggregation, and belongsTo in one $in find', async () => {
    const artists = (await models.Artist?.find(
      {
        where: { artistId: { inq: [1, 2, 8] } },
        order: 'artistId ASC',
        include: { relation: 'albums', scope: { order: 'albumId DESC', limit: 1 } },
      },
      { raw: true },
    )) as { name: string; albums: { albumId: number }[] }[];
    expect(artists.map((artist) => [artist.name, artist.albums.map((album) => album.albumId)])).toEqual([
      ['AC/DC', [4]],
      ['Accept', [3]],
      ['Audioslave', [271]],
    ]);
    expect(commands.map((command) => command.sql)).toEqual(['find artist', 'aggregate album']);
  });

  it('includes a referencesMany in one $in find, each list in its array order, and its inverse in one', async () => {
    const playlists = (await models.Playlist?.find(
      {
        where: { playlistId: { inq: [16, 17] } },
        order: 'playlistId ASC',
        include: { relation: 'tracks', scope: { limit: 2 } },
      },
      { raw: true },
    )) as { playlistId: number; tracks: { trackId: number }[] }[];
    const sqlOrder = (id: number) =>
      (chinookData().PlaylistTrack ?? [])
        .filter((row) => row.PlaylistId === id)
        .map((row) => Number(row.TrackId))
        .slice(0, 2);
    expect(playlists.map((row) => [row.playlistId, row.tracks.map((track) => track.trackId)])).toEqual([
      [16, sqlOrder(16)],
      [17, sqlOrder(17)],
    ]);
    expect(commands.map((command) => command.sql)).toEqual(['find playlist', 'find track']);
    commands.length = 0;
    const tracks = (await models.Track?.find(
      { where: { trackId: { inq: [1, 3000] } }, order: 'trackId ASC', include: 'playlists' },
      { raw: true },
    )) as { trackId: number; playlists: { playlistId: number }[] }[];
    const sqlPlaylists = (trackId: number) =>
      (chinookData().PlaylistTrack ?? [])
        .filter((row) => row.TrackId === trackId)
        .map((row) => Number(row.PlaylistId))
        .sort((a, b) => a - b);
    expect(
      tracks.map((row) => [row.trackId, row.playlists.map((p) => p.playlistId).sort((a, b) => a - b)]),
    ).toEqual([
      [1, sqlPlaylists(1)],
      [3000, sqlPlaylists(3000)],
    ]);
    expect(commands.map((command) => command.sql)).toEqual(['find track', 'find playlist']);
  });

  it('creates with a generated ObjectId, updates with $set/$unset, upserts and deletes', async () => {
    const Artist = models.Artist as ModelClass;
    const created = (await Artist.create({ artistId: 9001, name: 'Zé' })) as unknown as { id: string };
    expect(created.id).toMatch(/^[0-9a-f]{24}$/);
    await Artist.updateAll({ artistId: 9001 }, { name: null });
    expect(await Artist.find({ where: { artistId: 9001 } }, { raw: true })).toEqual([
      { id: created.id, artistId: 9001, name: null },
    ]);
    await Artist.upsert({ id: created.id, name: 'Zeca' });
    expect(await Artist.find({ where: { id: created.id } }, { raw: true })).toEqual([
      { id: created.id, artistId: 9001, name: 'Zeca' },
    ]);
    expect(await Artist.destroyAll({ artistId: 9001 })).toEqual({ count: 1 });
    expect(await Artist.count({ artistId: 9001 })).toBe(0);
  });

  it('maps a duplicate key (E11000) to UNIQUE_VIOLATION naming the id property, never the value', async () => {
    const Artist = models.Artist as ModelClass;
    const id = chinookId('artist', 1).toHexString();
    // A new artistId: the uniqueness validation of `artistId` (from its unique index) would refuse
    // a known one before the insert.
    const error = await Artist.create({ id, artistId: 9002, name: 'again' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).code).toBe('UNIQUE_VIOLATION');
    expect((error as DatabaseError).message).not.toContain(id);
  });

  if (ON_REAL_MONGODB) {
    // CongoDB lists unique indexes but does not enforce them: a real server only.
    it('maps a unique index violation to UNIQUE_VIOLATION', async () => {
      const error = await (models.Artist as ModelClass)
        .create({ artistId: 1, name: 'again' })
        .catch((caught: unknown) => caught);
      expect((error as DatabaseError).code).toBe('UNIQUE_VIOLATION');
    });
  }
});

describe('an unreachable server', () => {
  it('fails with CONNECTION_FAILED naming host and port, never the URL', async () => {
    const unreachable = new DataSource('mongodb', {
      url: 'mongodb://user:secret@127.0.0.1:9/nowhere',
      connectionTimeout: 300,
    });
    unreachable.on('error', () => {});
    const error = await unreachable.connect().catch((caught: unknown) => caught);
    expect((error as DatabaseError).code).toBe('CONNECTION_FAILED');
    expect((error as DatabaseError).message).toContain('127.0.0.1:9');
    expect((error as DatabaseError).message).not.toContain('secret');
    await unreachable.disconnect().catch(() => {});
  });
});
