import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import type { ModelClass } from '../../src/juggler/dao/model-class.js';
import { DataSource } from '../../src/juggler/datasource.js';
import { CHINOOK_MYSQL_URL, CHINOOK_PG_URL } from '../support/databases.js';

/** Discovery only reads the catalog, so the read-only Chinook databases serve as they are. */
const SOURCES = [
  { name: 'PostgreSQL', connector: 'postgresql', url: CHINOOK_PG_URL, table: 'track' },
  { name: 'MariaDB', connector: 'mysql', url: CHINOOK_MYSQL_URL, table: 'Track' },
] as const;

describe.each(SOURCES)('find with {raw: true, join} through the juggler on $name', (source) => {
  let ds: DataSource;
  let models: Record<string, ModelClass>;
  let statements: StatementEvent[] = [];
  const model = (name: string) => models[name] as ModelClass;

  beforeAll(async () => {
    ds = new DataSource(source.connector, { url: source.url });
    models = await ds.discoverAndBuildModels(source.table, { associations: true });
    ds.connector?.observeStatements((event) => statements.push(event));
  });

  beforeEach(() => {
    statements = [];
  });

  afterAll(async () => {
    await ds?.disconnect();
  });

  it('nests album → artist under each track in one statement (the JoinSpec example)', async () => {
    const rows = await model('Track').find(
      { limit: 2, fields: ['name'], order: 'trackId' },
      {
        raw: true,
        join: [{ relation: 'album', fields: ['title'], join: [{ relation: 'artist', fields: ['name'] }] }],
      },
    );
    expect(statements).toHaveLength(1);
    expect(rows).toEqual([
      {
        trackId: 1,
        name: 'For Those About To Rock (We Salute You)',
        albumId: 1,
        album: {
          albumId: 1,
          title: 'For Those About To Rock We Salute You',
          artistId: 1,
          artist: { artistId: 1, name: 'AC/DC' },
        },
      },
      {
        trackId: 2,
        name: 'Balls to the Wall',
        albumId: 2,
        album: {
          albumId: 2,
          title: 'Balls to the Wall',
          artistId: 2,
          artist: { artistId: 2, name: 'Accept' },
        },
      },
    ]);
  });

  it('gives the rows that include gives, in one statement instead of three', async () => {
    const filter = {
      where: { unitPrice: { gt: 0.99 } },
      order: 'name',
      limit: 15,
      fields: ['trackId', 'name'],
    };
    const joined = await model('Track').find(filter, {
      raw: true,
      join: [{ relation: 'genre' }, { relation: 'album', join: [{ relation: 'artist' }] }],
    });
    expect(statements).toHaveLength(1);
    statements = [];
    const included = await model('Track').find(
      { ...filter, include: ['genre', { album: 'artist' }] },
      { raw: true },
    );
    expect(statements).toHaveLength(4);
    expect(joined).toEqual(included);
  });

  it('joins belongsTo chains under a paged grouped read, as include does', async () => {
    const args = {
      partitionBy: ['albumId'],
      keys: [[1], [4]],
      filter: { order: 'name', limit: 2, fields: ['name'] },
    };
    const joined = await model('Track').findGrouped(args, {
      raw: true,
      join: [{ relation: 'genre', fields: ['name'] }],
    });
    expect(statements).toHaveLength(1);
    const plain = await model('Track').findGrouped(
      { ...args, filter: { ...args.filter, fields: ['name', 'genreId'], include: 'genre' } },
      { raw: true },
    );
    expect(joined).toEqual(
      plain.map((row: Record<string, unknown>) => {
        const genre = row.genre as Record<string, unknown>;
        return { ...row, genre: { genreId: genre.genreId, name: genre.name } };
      }),
    );
    expect(joined).toHaveLength(4);
  });

  it('nests each album’s tracks, filtered, ordered and paged per album, as findGrouped reads them', async () => {
    const list = { where: { milliseconds: { gt: 200000 } }, order: 'name DESC', limit: 2, skip: 1 };
    const albums = await model('Album').find(
      { where: { albumId: { inq: [1, 2, 3, 4] } }, fields: ['title'], order: 'albumId' },
      {
        raw: true,
        join: [{ relation: 'tracks', fields: ['name'], filter: list, join: [{ relation: 'genre' }] }],
      },
    );
    expect(statements).toHaveLength(source.connector === 'postgresql' ? 1 : 2);
    const grouped = await model('Track').findGrouped(
      {
        partitionBy: ['albumId'],
        keys: [[1], [2], [3], [4]],
        filter: { ...list, fields: ['name', 'albumId', 'genreId'] },
      },
      { raw: true, join: [{ relation: 'genre' }] },
    );
    expect(albums.map((album: Record<string, unknown>) => [album.albumId, album.tracks])).toEqual(
      [1, 2, 3, 4].map((albumId) => [
        albumId,
        grouped.filter((track: Record<string, unknown>) => track.albumId === albumId),
      ]),
    );
    expect(albums[0]).toMatchObject({
      albumId: 1,
      tracks: [{ name: 'Snowballed' }, { name: 'Put The Finger On You' }],
    });
  });

  it('follows join specs changed between reads, and reads frozen specs the same every time', async () => {
    const Track = model('Track');
    const specs = [{ relation: 'genre', fields: ['name'] }];
    const filter = { where: { trackId: 1 }, fields: ['name'] };
    const first = await Track.find(filter, { raw: true, join: specs });
    specs[0] = { relation: 'mediaType', fields: ['name'] };
    const second = await Track.find(filter, { raw: true, join: specs });
    expect(first[0]).toMatchObject({ genre: { name: 'Rock' } });
    expect(second[0]).toMatchObject({ mediaType: { name: 'MPEG audio file' } });
    expect(second[0]).not.toHaveProperty('genre');
    const frozen = Object.freeze([Object.freeze({ relation: 'genre', fields: Object.freeze(['name']) })]);
    const again = [
      await Track.find(filter, { raw: true, join: frozen }),
      await Track.find(filter, { raw: true, join: frozen }),
    ];
    expect(again[0]).toEqual(again[1]);
    expect(again[0]?.[0]).toMatchObject({ genre: { name: 'Rock' } });
  });

  it('refuses joins it cannot express, naming the problem', async () => {
    const Track = model('Track');
    await expect(
      Track.find({}, { raw: true, join: [{ relation: 'genre', filter: { limit: 1 } }] }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/hasMany lists only/),
    });
    await expect(
      Track.find({}, { raw: true, join: [{ relation: 'invoiceLines', filter: { order: 'quantty' } }] }),
    ).rejects.toMatchObject({
      code: 'INVALID_FILTER',
      message: expect.stringMatching(/did you mean `quantity`/),
    });
    await expect(Track.find({}, { join: [{ relation: 'genre' }] })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/raw: true/),
    });
    await expect(Track.find({}, { raw: true, join: [{ relation: 'genra' }] })).rejects.toMatchObject({
      code: 'UNKNOWN_RELATION',
      message: expect.stringMatching(/did you mean `genre`/i),
    });
    await expect(
      Track.find({}, { raw: true, join: [{ relation: 'genre', fields: ['nam'] }] }),
    ).rejects.toMatchObject({ code: 'INVALID_FILTER' });
    expect(statements).toHaveLength(0);
  });
});

describe('find with {raw: true, join} on a connector that does not join (memory)', () => {
  it('reads each relation level in one batched statement and nests null for a null key', async () => {
    const ds = new DataSource('memory');
    const User = ds.define('User', { name: String, teamId: Number });
    const Team = ds.define('Team', { label: String });
    const Passport = ds.define('Passport', { number: String, ownerId: Number });
    Passport.belongsTo(User, { as: 'owner', foreignKey: 'ownerId' });
    User.belongsTo(Team, { as: 'team', foreignKey: 'teamId' });
    await Team.create([{ label: 'red' }]);
    await User.create([
      { name: 'Ann', teamId: 1 },
      { name: 'Bob', teamId: null },
    ]);
    await Passport.create([
      { number: 'P1', ownerId: 1 },
      { number: 'P2', ownerId: 2 },
      { number: 'P3', ownerId: null },
    ]);
    const statements: StatementEvent[] = [];
    ds.connector?.observeStatements((event) => statements.push(event));
    const rows = await Passport.find(
      { order: 'id', fields: ['number'] },
      { raw: true, join: [{ relation: 'owner', fields: ['name'], join: [{ relation: 'team' }] }] },
    );
    expect(rows).toEqual([
      {
        id: 1,
        number: 'P1',
        ownerId: 1,
        owner: { id: 1, name: 'Ann', teamId: 1, team: { id: 1, label: 'red' } },
      },
      { id: 2, number: 'P2', ownerId: 2, owner: { id: 2, name: 'Bob', teamId: null, team: null } },
      { id: 3, number: 'P3', ownerId: null, owner: null },
    ]);
    expect(statements).toHaveLength(3);
  });

  it('reads hasMany lists in one batched read per level, paged per parent, empty for parents without children', async () => {
    const ds = new DataSource('memory');
    const Team = ds.define('Team', { label: String });
    const User = ds.define('User', { name: String, teamId: Number });
    Team.hasMany(User, { as: 'members', foreignKey: 'teamId' });
    await Team.create([{ label: 'red' }, { label: 'blue' }, { label: 'green' }]);
    await User.create([
      { name: 'Ann', teamId: 1 },
      { name: 'Bob', teamId: 1 },
      { name: 'Cy', teamId: 1 },
      { name: 'Di', teamId: 2 },
    ]);
    const statements: StatementEvent[] = [];
    ds.connector?.observeStatements((event) => statements.push(event));
    const teams = await Team.find(
      { order: 'id' },
      {
        raw: true,
        join: [{ relation: 'members', fields: ['name'], filter: { order: 'name DESC', limit: 2 } }],
      },
    );
    expect(teams).toEqual([
      {
        id: 1,
        label: 'red',
        members: [
          { id: 3, name: 'Cy', teamId: 1 },
          { id: 2, name: 'Bob', teamId: 1 },
        ],
      },
      { id: 2, label: 'blue', members: [{ id: 4, name: 'Di', teamId: 2 }] },
      { id: 3, label: 'green', members: [] },
    ]);
    expect(statements).toHaveLength(2);
  });
});
