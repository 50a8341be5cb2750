/**
 * Schema quality on unseen schemas (issue 18 item 25), on the odd schema (support/odd-schema-gateway.ts)
 * of each SQL dialect: one GraphQL enum per PostgreSQL enum type (tables and views), `integer[]`
 * as `[Int]`, MySQL unsigned integers as `Int` where they fit and `BigInt` where they do not, a
 * belongsTo over a NOT NULL foreign key non-null, a unique foreign key one-to-one (a single object
 * on the referenced side), plural table names and list-like view names that stay unambiguous, and
 * MariaDB enum values that collide once transliterated (`Ä` and `a`) kept apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MYSQL_DATABASES, POSTGRESQL_DATABASES } from '../support/dialects.js';
import { type OddSchemaGateway, startOddSchemaGateway } from '../support/odd-schema-gateway.js';

interface TypeRef {
  kind: string;
  name: string | null;
  ofType?: TypeRef | null;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';

async function fieldsOf(client: OddSchemaGateway, type: string): Promise<Map<string, TypeRef>> {
  const answer = await client.post(`{ __type(name: "${type}") { fields { name type { ${TYPE_REF} } } } }`);
  const fields = ((answer.data?.__type ?? { fields: [] }) as { fields: { name: string; type: TypeRef }[] })
    .fields;
  return new Map(fields.map((field) => [field.name, field.type]));
}

async function fieldType(
  client: OddSchemaGateway,
  type: string,
  field: string,
): Promise<TypeRef | undefined> {
  return (await fieldsOf(client, type)).get(field);
}

/** `Int!`, `[Album!]!`, `Mood`: a type reference as SDL. */
function printed(type: TypeRef | null | undefined): string | undefined {
  if (!type) return undefined;
  if (type.kind === 'NON_NULL') return `${printed(type.ofType)}!`;
  if (type.kind === 'LIST') return `[${printed(type.ofType)}]`;
  return type.name ?? undefined;
}

async function rootFields(client: OddSchemaGateway): Promise<string[]> {
  return [...(await fieldsOf(client, 'Query')).keys()];
}

/** The checks both dialects share. */
function sharedChecks(clientOf: () => OddSchemaGateway): void {
  it('makes a belongsTo over a NOT NULL foreign key non-null, and one over a nullable key nullable', async () => {
    const client = clientOf();
    expect(printed(await fieldType(client, 'Album', 'artist'))).toBe('Artist!');
    expect(printed(await fieldType(client, 'ArtistDetail', 'artist'))).toBe('Artist');
    expect(await client.post('{ albums { title artist { name } } }')).toEqual({
      data: { albums: [{ title: 'First', artist: { name: 'Ann' } }] },
    });
  });

  it('serves a unique foreign key as one object on the referenced side (hasOne), not a list', async () => {
    const client = clientOf();
    const fields = await fieldsOf(client, 'Artist');
    expect(printed(fields.get('artistDetail'))).toBe('ArtistDetail');
    expect(fields.has('artistDetails')).toBe(false);
    expect(printed(fields.get('albums'))).toBe('[Album!]!');
    expect(await client.post('{ artists { name artistDetail { note } } }')).toEqual({
      data: { artists: [{ name: 'Ann', artistDetail: { note: 'solo' } }] },
    });
    await client.sql("insert into artist (name) values ('Bob')");
    try {
      expect(await client.post('{ artists(where: {name: {eq: "Bob"}}) { artistDetail { note } } }')).toEqual({
        data: { artists: [{ artistDetail: null }] },
      });
    } finally {
      await client.sql("delete from artist where name = 'Bob'");
    }
  });

  it('names plural tables in the singular and keeps every list field distinct from a by-id field', async () => {
    const client = clientOf();
    const fields = await rootFields(client);
    // `sem_types`: the type and the by-id field are singular, the list plural.
    expect(fields).toEqual(
      expect.arrayContaining(['semType', 'semTypes', 'semTypesCount', 'semTypesConnection']),
    );
    expect(printed(await fieldType(client, 'Query', 'semType'))).toBe('SemType');
    expect(printed(await fieldType(client, 'Query', 'semTypes'))).toBe('[SemType!]!');
    expect(fields).not.toContain('semTypesList');
    // `staff` (uncountable) lists as `staffs`, the view `staff_list` as `staffLists`: no `staffList`.
    expect(fields).toEqual(expect.arrayContaining(['staff', 'staffs', 'staffLists']));
    expect(fields).not.toContain('staffList');
    expect(printed(await fieldType(client, 'Query', 'staffs'))).toBe('[Staff!]!');
    expect(printed(await fieldType(client, 'Query', 'staffLists'))).toBe('[StaffList!]!');
    expect(await client.post('{ staffs { name } staffLists { name } semTypesCount }')).toEqual({
      data: { staffs: [{ name: 'Mike' }], staffLists: [{ name: 'Mike' }], semTypesCount: 0 },
    });
  });
}

describe('schema quality on PostgreSQL', () => {
  let client: OddSchemaGateway;
  beforeAll(async () => {
    client = await startOddSchemaGateway(POSTGRESQL_DATABASES, 'schema_quality');
  }, 60_000);
  afterAll(async () => {
    await client?.stop();
  });

  it('serves an integer[] column as [Int]', async () => {
    expect(await fieldType(client, 'Artist', 'scores')).toEqual({
      kind: 'LIST',
      name: null,
      ofType: { kind: 'SCALAR', name: 'Int', ofType: null },
    });
    expect(await client.post('{ artists { scores } }')).toEqual({ data: { artists: [{ scores: [1, 2] }] } });
  });

  it('makes one GraphQL enum of one database enum type, named after it, for every column of it in tables and views', async () => {
    expect(printed(await fieldType(client, 'Artist', 'mood'))).toBe('Mood');
    expect(printed(await fieldType(client, 'Album', 'mood'))).toBe('Mood');
    expect(printed(await fieldType(client, 'AlbumList', 'mood'))).toBe('Mood');
    const types = await client.post('{ __schema { types { name } } }');
    const names = ((types.data?.__schema ?? { types: [] }) as { types: { name: string }[] }).types.map(
      (type) => type.name,
    );
    expect(names).toContain('MoodFilter');
    expect(names.filter((name) => /Mood/.test(name)).sort()).toEqual(['Mood', 'MoodFilter']);
    expect(
      await client.post(
        '{ albumLists(where: {mood: {eq: SAD}}) { title mood } artistsCount(where: {mood: {eq: HAPPY}}) }',
      ),
    ).toEqual({
      data: { albumLists: [{ title: 'First', mood: 'SAD' }], artistsCount: 1 },
    });
  });

  it('keeps a belongsTo nullable when its constraint may not guarantee a readable row (NOT VALID, row-level security)', async () => {
    const shift = await fieldsOf(client, 'Shift');
    expect(printed(shift.get('artistId'))).toBe('Int!');
    expect(printed(shift.get('artist'))).toBe('Artist');
    expect(printed(shift.get('staff'))).toBe('Staff');
    // Rows from before a NOT VALID constraint may reference nothing.
    await client.sql('alter table shift drop constraint shift_artist_fk');
    await client.sql('insert into shift (staff_id, artist_id) values (1, 999)');
    await client.sql(
      'alter table shift add constraint shift_artist_fk foreign key (artist_id) references artist (artist_id) not valid',
    );
    expect(await client.post('{ shifts { artistId artist { name } } }')).toEqual({
      data: { shifts: [{ artistId: 999, artist: null }] },
    });
  });

  sharedChecks(() => client);
});

describe('schema quality on MariaDB', () => {
  let client: OddSchemaGateway;
  beforeAll(async () => {
    client = await startOddSchemaGateway(MYSQL_DATABASES, 'schema_quality');
  }, 60_000);
  afterAll(async () => {
    await client?.stop();
  });

  it('keeps enum values that collide once transliterated apart', async () => {
    const type = (await fieldType(client, 'Artist', 'letter')) as { name: string };
    const values = await client.post(`{ __type(name: "${type.name}") { enumValues { name } } }`);
    const names = (
      (values.data?.__type ?? { enumValues: [] }) as { enumValues: { name: string }[] }
    ).enumValues.map((value) => value.name);
    // Deterministic: the first value in the column's declaration keeps the name, the next gets a suffix.
    expect(names).toEqual(['A', 'A2']);
    const stored = await client.post('{ artists { letter } }');
    const letter = ((stored.data?.artists ?? []) as { letter: string }[])[0]?.letter;
    expect(letter).toBe('A2');
    const filtered = await client.post(`{ artistsCount(where: {letter: {eq: ${letter}}}) }`);
    expect(filtered).toEqual({ data: { artistsCount: 1 } });
    const other = names.find((name) => name !== letter);
    expect(await client.post(`{ artistsCount(where: {letter: {eq: ${other}}}) }`)).toEqual({
      data: { artistsCount: 0 },
    });
  });

  it('keeps one enum per column, as MariaDB declares them, shared by a view column only with the one table column it can come from', async () => {
    expect(printed(await fieldType(client, 'Artist', 'mood'))).toBe('ArtistMood');
    expect(printed(await fieldType(client, 'Album', 'mood'))).toBe('AlbumMood');
    // artist.mood and album.mood have the same name and values: the view's column could be either.
    expect(printed(await fieldType(client, 'AlbumList', 'mood'))).toBe('AlbumListMood');
    // Only artist.letter is a `letter` with these values: the view's column shares its enum.
    expect(printed(await fieldType(client, 'ArtistList', 'letter'))).toBe('ArtistLetter');
    const types = await client.post('{ __schema { types { name } } }');
    const names = ((types.data?.__schema ?? { types: [] }) as { types: { name: string }[] }).types.map(
      (type) => type.name,
    );
    expect(names.filter((name) => name.includes('Letter')).sort()).toEqual([
      'ArtistLetter',
      'ArtistLetterFilter',
    ]);
    expect(await client.post('{ artistLists(where: {letter: {eq: A2}}) { letter } }')).toEqual({
      data: { artistLists: [{ letter: 'A2' }] },
    });
  });

  it('serves unsigned integers as Int where every value fits 32 signed bits, and as exact BigInt where not', async () => {
    const artist = await fieldsOf(client, 'Artist');
    // int unsigned reaches 4294967295: BigInt; smallint unsigned fits Int; bigint unsigned is BigInt.
    expect(printed(artist.get('artistId'))).toBe('BigInt!');
    expect(printed(artist.get('plays'))).toBe('Int');
    expect(printed(artist.get('listens'))).toBe('BigInt');
    expect(printed(await fieldType(client, 'Album', 'artistId'))).toBe('BigInt!');
    expect(await client.post('{ artist(artistId: "1") { artistId name albums { artistId } } }')).toEqual({
      data: { artist: { artistId: '1', name: 'Ann', albums: [{ artistId: '1' }] } },
    });
    expect(await client.post('{ albumsCount(where: {artistId: {inq: ["1", 4294967295]}}) }')).toEqual({
      data: { albumsCount: 1 },
    });
    await client.sql("insert into artist (artist_id, name) values (2147483648, 'Max')");
    try {
      expect(await client.post('{ artist(artistId: "2147483648") { artistId name } }')).toEqual({
        data: { artist: { artistId: '2147483648', name: 'Max' } },
      });
      const created = await client.post(
        'mutation { createArtist(data: {name: "Cy", plays: 65535}) { plays } }',
      );
      expect(created).toEqual({ data: { createArtist: { plays: 65535 } } });
      const album = await client.post(
        'mutation { createAlbum(data: {artistId: "2147483648", title: "Big"}) { artistId artist { name } } }',
      );
      expect(album).toEqual({ data: { createAlbum: { artistId: '2147483648', artist: { name: 'Max' } } } });
      expect(await client.post('{ artist(artistId: "2147483648") { albums { title } } }')).toEqual({
        data: { artist: { albums: [{ title: 'Big' }] } },
      });
    } finally {
      await client.sql("delete from album where title = 'Big'");
      await client.sql("delete from artist where name in ('Max', 'Cy')");
    }
  });

  sharedChecks(() => client);
});
