import { describe, expect, it } from 'vitest';
import type { ConnectorModel } from '../../src/juggler/connector/connector-model.js';
import type { JoinRequest } from '../../src/juggler/connector/join-request.js';
import type { Row } from '../../src/juggler/connector/model-type-name.js';
import type { WhereNode } from '../../src/juggler/filter/filter-types.js';
import { joinModels } from '../support/chinook-join-models.js';
import { DIALECTS } from '../support/dialects.js';
import { observedConnector } from '../support/observed-connector.js';

const eq = (property: string, value: unknown): WhereNode => ({ kind: 'compare', property, op: 'eq', value });

describe.each(DIALECTS)('belongsTo joins on the Chinook database on $name', (dialect) => {
  const m = joinModels(dialect.chinook.naming);
  const q = dialect.quote;
  /** `"t"."unit_price"`: a qualified column of a model for the reference SQL. */
  const c = (alias: string, model: ConnectorModel, property: string) =>
    `${alias}.${q(model.propertyByName.get(property)?.column as string)}`;
  const t = (model: ConnectorModel) => q(model.table);
  const db = observedConnector(() => dialect.open(dialect.chinook.url));
  const { statements } = db;

  const genre: JoinRequest = {
    as: 'genre',
    model: m.Genre,
    from: ['genreId'],
    to: ['genreId'],
    fields: ['name'],
  };
  const albumWithArtist: JoinRequest = {
    as: 'album',
    model: m.Album,
    from: ['albumId'],
    to: ['albumId'],
    fields: ['title'],
    join: [{ as: 'artist', model: m.Artist, from: ['artistId'], to: ['artistId'], fields: ['name'] }],
  };

  it('reads tracks with their genre and their album’s artist in one statement, as LEFT JOINs in plain SQL do', async () => {
    const rows = await db.connector.findJoined(
      m.Track,
      {
        fields: ['trackId', 'name', 'unitPrice'],
        order: [{ property: 'trackId', direction: 'ASC' }],
        limit: 30,
      },
      [genre, albumWithArtist],
    );
    expect(statements).toHaveLength(1);
    const plain = await db.connector.execute(
      `select ${c('tr', m.Track, 'trackId')} as id, ${c('tr', m.Track, 'name')} as name, ${c('tr', m.Track, 'unitPrice')} as price,
              ${c('g', m.Genre, 'genreId')} as gid, ${c('g', m.Genre, 'name')} as genre,
              ${c('al', m.Album, 'albumId')} as aid, ${c('al', m.Album, 'title')} as title,
              ${c('ar', m.Artist, 'artistId')} as arid, ${c('ar', m.Artist, 'name')} as artist
         from ${t(m.Track)} tr
         left join ${t(m.Genre)} g on ${c('g', m.Genre, 'genreId')} = ${c('tr', m.Track, 'genreId')}
         left join ${t(m.Album)} al on ${c('al', m.Album, 'albumId')} = ${c('tr', m.Track, 'albumId')}
         left join ${t(m.Artist)} ar on ${c('ar', m.Artist, 'artistId')} = ${c('al', m.Album, 'artistId')}
        order by ${c('tr', m.Track, 'trackId')} limit 30`,
    );
    expect(rows).toEqual(
      plain.map((row) => ({
        trackId: row.id,
        name: row.name,
        unitPrice: String(row.price),
        genre: { genreId: row.gid, name: row.genre },
        album: { albumId: row.aid, title: row.title, artist: { artistId: row.arid, name: row.artist } },
      })),
    );
    expect(rows[0]?.unitPrice).toBe('0.99');
  });

  it('nests null for a null key and gives each level of a self-join its own alias', async () => {
    const manager = (join?: JoinRequest[]): JoinRequest => ({
      as: 'reportsToEmployee',
      model: m.Employee,
      from: ['reportsTo'],
      to: ['employeeId'],
      fields: ['firstName', 'reportsTo', 'birthDate'],
      ...(join ? { join } : {}),
    });
    const rows = await db.connector.findJoined(
      m.Employee,
      {
        fields: ['employeeId', 'firstName', 'reportsTo'],
        order: [{ property: 'employeeId', direction: 'ASC' }],
      },
      [manager([manager()])],
    );
    expect(statements).toHaveLength(1);
    expect(statements[0]?.sql).toContain(`AS ${q('t2')} ON ${q('t2')}.`);
    const plain = await db.connector.execute(
      `select ${c('e', m.Employee, 'employeeId')} as id, ${c('e', m.Employee, 'firstName')} as first, ${c('e', m.Employee, 'reportsTo')} as boss
         from ${t(m.Employee)} e order by 1`,
    );
    const byId = new Map(plain.map((row) => [row.id, row]));
    const birth = await db.connector.find(m.Employee, { fields: ['employeeId', 'birthDate'] });
    const born = new Map(birth.map((row) => [row.employeeId, row.birthDate]));
    const managerOf = (id: unknown, depth: number): Row | null => {
      const boss = byId.get(id)?.boss;
      if (boss === null || boss === undefined) return null;
      const row = byId.get(boss);
      const level: Row = {
        employeeId: boss,
        firstName: row?.first,
        reportsTo: row?.boss ?? null,
        birthDate: born.get(boss),
      };
      if (depth > 1) level.reportsToEmployee = managerOf(boss, depth - 1);
      return level;
    };
    expect(rows).toEqual(
      plain.map((row) => ({
        employeeId: row.id,
        firstName: row.first,
        reportsTo: row.boss,
        reportsToEmployee: managerOf(row.id, 2),
      })),
    );
    expect(rows[0]?.reportsToEmployee).toBeNull();
    expect(rows[1]?.reportsToEmployee).toMatchObject({ employeeId: 1, reportsToEmployee: null });
    expect(rows[2]?.reportsToEmployee).toMatchObject({ employeeId: 2, reportsToEmployee: { employeeId: 1 } });
    const third = rows[2]?.reportsToEmployee as Row;
    expect(third.birthDate).toBeInstanceOf(Date);
  });

  it('nests null when the key matches no target row', async () => {
    const rows = await db.connector.findJoined(m.Track, { fields: ['trackId'], where: eq('trackId', 1) }, [
      { as: 'odd', model: m.Genre, from: ['milliseconds'], to: ['genreId'] },
    ]);
    expect(rows).toEqual([{ trackId: 1, odd: null }]);
  });

  it('qualifies where and order with the parent table when joined tables have columns of the same name', async () => {
    const where: WhereNode = { kind: 'compare', property: 'name', op: 'like', value: 'B%' };
    const rows = await db.connector.findJoined(
      m.Track,
      {
        fields: ['name', 'trackId'],
        where,
        order: [
          { property: 'name', direction: 'DESC' },
          { property: 'trackId', direction: 'ASC' },
        ],
        limit: 5,
        skip: 2,
      },
      [genre],
    );
    const plain = await db.connector.find(m.Track, {
      fields: ['name', 'trackId', 'genreId'],
      where,
      order: [
        { property: 'name', direction: 'DESC' },
        { property: 'trackId', direction: 'ASC' },
      ],
      limit: 5,
      skip: 2,
    });
    expect(rows.map((row) => row.trackId)).toEqual(plain.map((row) => row.trackId));
    expect(rows.every((row) => typeof (row.genre as Row).name === 'string')).toBe(true);
  });

  it('keeps exact decimals and dates in joined objects', async () => {
    const rows = await db.connector.findJoined(
      m.InvoiceLine,
      { where: eq('invoiceId', 1), order: [{ property: 'invoiceLineId', direction: 'ASC' }] },
      [
        { as: 'invoice', model: m.Invoice, from: ['invoiceId'], to: ['invoiceId'] },
        { as: 'track', model: m.Track, from: ['trackId'], to: ['trackId'], fields: ['name', 'unitPrice'] },
      ],
    );
    const [invoice] = await db.connector.find(m.Invoice, { where: eq('invoiceId', 1) });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.invoice).toEqual(invoice);
      expect(row.unitPrice).toBe('0.99');
      expect((row.track as Row).unitPrice).toBe('0.99');
    }
    const first = rows[0]?.invoice as Row;
    expect(first.total).toBe('1.98');
    expect(first.invoiceDate).toBeInstanceOf(Date);
  });

  it('reads a page of tracks per album with each track’s genre in one statement', async () => {
    const request = {
      partitionBy: ['albumId'],
      keys: [[1], [2], [3]],
      filter: {
        fields: ['trackId', 'name'],
        order: [
          { property: 'name', direction: 'ASC' as const },
          { property: 'trackId', direction: 'ASC' as const },
        ],
        limit: 2,
        skip: 1,
      },
    };
    const rows = await db.connector.findGroupedJoined(m.Track, request, [genre]);
    expect(statements).toHaveLength(1);
    const plain = await db.connector.findGrouped(m.Track, {
      ...request,
      filter: { ...request.filter, fields: ['trackId', 'name', 'genreId'] },
    });
    const genres = new Map((await db.connector.find(m.Genre, {})).map((row) => [row.genreId, row]));
    expect(rows).toEqual(
      plain.map((row) => ({
        trackId: row.trackId,
        name: row.name,
        albumId: row.albumId,
        genre: genres.get(row.genreId) ?? null,
      })),
    );
    expect(rows.length).toBeGreaterThan(0);
  });

  it('reads the tracks of several albums unpaged with their genre in one statement', async () => {
    const request = {
      partitionBy: ['albumId'],
      keys: [[2], [3]],
      filter: { fields: ['name'], order: [{ property: 'name', direction: 'ASC' as const }] },
    };
    const rows = await db.connector.findGroupedJoined(m.Track, request, [genre]);
    const plain = await db.connector.findGrouped(m.Track, {
      ...request,
      filter: { ...request.filter, fields: ['name', 'genreId'] },
    });
    expect(rows.map((row) => [row.trackId, row.albumId, (row.genre as Row).genreId])).toEqual(
      plain.map((row) => [row.trackId, row.albumId, row.genreId]),
    );
    expect(statements).toHaveLength(2);
  });

  it('refuses to nest a target under a name the parent rows already have', async () => {
    await expect(
      db.connector.findJoined(m.Track, { fields: ['name'] }, [{ ...genre, as: 'name' }]),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(
      db.connector.findJoined(m.Track, {}, [{ ...genre, fields: ['nope'] }]),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_PROPERTY',
    });
  });
});
