import { describe, expect, it } from 'vitest';
import type { JoinRequest } from '../../src/juggler/connector/join-request.js';
import type { Row } from '../../src/juggler/connector/model-type-name.js';
import type { OrderClause, WhereNode } from '../../src/juggler/filter/filter-types.js';
import { joinModels } from '../support/chinook-join-models.js';
import { DIALECTS } from '../support/dialects.js';
import { observedConnector } from '../support/observed-connector.js';

const eq = (property: string, value: unknown): WhereNode => ({ kind: 'compare', property, op: 'eq', value });
const asc = (property: string): OrderClause => ({ property, direction: 'ASC' });

describe.each(DIALECTS)('hasMany lists read with their parents (findJoined) on $name', (dialect) => {
  const m = joinModels(dialect.chinook.naming);
  /** PostgreSQL nests lists as JSON in the parents' statement; MySQL reads each level apart. */
  const nests = dialect.name === 'postgresql';
  const db = observedConnector(() => dialect.open(dialect.chinook.url));
  const { statements } = db;

  const genre: JoinRequest = {
    as: 'genre',
    model: m.Genre,
    from: ['genreId'],
    to: ['genreId'],
    fields: ['name'],
  };
  const tracks = (list: JoinRequest['list'], extra: Partial<JoinRequest> = {}): JoinRequest => ({
    as: 'tracks',
    model: m.Track,
    from: ['albumId'],
    to: ['albumId'],
    fields: ['trackId', 'name', 'unitPrice'],
    list,
    ...extra,
  });

  /** The tracks of one album as a plain read gives them (with each track's genre when asked). */
  async function tracksOf(albumId: number, order: OrderClause[], withGenre: boolean): Promise<Row[]> {
    const rows = await db.connector.find(m.Track, {
      where: eq('albumId', albumId),
      order,
      fields: ['trackId', 'name', 'unitPrice', 'albumId', 'genreId'],
    });
    const genres = new Map((await db.connector.find(m.Genre, {})).map((row) => [row.genreId, row]));
    return rows.map((row) => {
      const { genreId, ...track } = row;
      return withGenre ? { ...track, genre: { genreId, name: genres.get(genreId)?.name } } : track;
    });
  }

  it('reads albums with their tracks and each track’s genre, the lists equal to per-album reads', async () => {
    const albums = await db.connector.findJoined(
      m.Album,
      { fields: ['albumId', 'title'], order: [asc('albumId')], limit: 5 },
      [tracks({ order: [asc('trackId')] }, { join: [genre] })],
    );
    expect(statements).toHaveLength(nests ? 1 : 2);
    expect(albums.map((album) => album.albumId)).toEqual([1, 2, 3, 4, 5]);
    for (const album of albums) {
      expect(album.tracks).toEqual(await tracksOf(album.albumId as number, [asc('trackId')], true));
    }
    const first = (albums[0]?.tracks as Row[] | undefined)?.[0];
    expect(first).toEqual({
      trackId: 1,
      name: 'For Those About To Rock (We Salute You)',
      unitPrice: '0.99',
      albumId: 1,
      genre: { genreId: 1, name: 'Rock' },
    });
  });

  it('filters, orders and pages each parent’s list on its own, as findGrouped does', async () => {
    const list = {
      where: { kind: 'compare', property: 'milliseconds', op: 'gt', value: 200_000 } as WhereNode,
      order: [{ property: 'name', direction: 'DESC' as const }, asc('trackId')],
      limit: 2,
      skip: 1,
    };
    const albums = await db.connector.findJoined(
      m.Album,
      {
        fields: ['albumId'],
        where: { kind: 'compare', property: 'albumId', op: 'inq', value: [1, 2, 3, 4] },
      },
      [tracks(list)],
    );
    expect(statements).toHaveLength(nests ? 1 : 2);
    const grouped = await db.connector.findGrouped(m.Track, {
      partitionBy: ['albumId'],
      keys: [[1], [2], [3], [4]],
      filter: { ...list, fields: ['trackId', 'name', 'unitPrice', 'albumId'] },
    });
    const byAlbum = albums.map((album) => [album.albumId, album.tracks]);
    expect(byAlbum).toEqual(
      [1, 2, 3, 4].map((albumId) => [albumId, grouped.filter((track) => track.albumId === albumId)]),
    );
    expect(albums[0]?.tracks).toHaveLength(2);
  });

  it('nests lists inside lists with exact decimals and dates: a customer’s invoices with their lines and tracks', async () => {
    const customers = await db.connector.findJoined(
      m.Invoice,
      { where: eq('invoiceId', 98), fields: ['invoiceId'] },
      [
        {
          as: 'lines',
          model: m.InvoiceLine,
          from: ['invoiceId'],
          to: ['invoiceId'],
          fields: ['invoiceLineId', 'unitPrice', 'quantity'],
          list: { order: [asc('invoiceLineId')] },
          join: [
            {
              as: 'track',
              model: m.Track,
              from: ['trackId'],
              to: ['trackId'],
              fields: ['name'],
              join: [
                {
                  as: 'album',
                  model: m.Album,
                  from: ['albumId'],
                  to: ['albumId'],
                  fields: ['title'],
                  join: [tracks({ order: [asc('trackId')], limit: 1 })],
                },
              ],
            },
          ],
        },
      ],
    );
    expect(statements).toHaveLength(nests ? 1 : 3);
    const [invoice] = customers;
    const lines = (invoice?.lines ?? []) as Row[];
    const plainLines = await db.connector.find(m.InvoiceLine, {
      where: eq('invoiceId', 98),
      order: [asc('invoiceLineId')],
    });
    expect(lines.map((line) => [line.invoiceLineId, line.unitPrice, line.quantity])).toEqual(
      plainLines.map((line) => [line.invoiceLineId, line.unitPrice, line.quantity]),
    );
    expect(typeof lines[0]?.unitPrice).toBe('string');
    const album = (lines[0]?.track as Row | undefined)?.album as Row;
    const [firstTrack] = await tracksOf(album.albumId as number, [asc('trackId')], false);
    expect(album.tracks).toEqual([firstTrack]);
  });

  it('reads dates in lists as the Date values a plain read gives', async () => {
    const invoices = await db.connector.findJoined(m.InvoiceLine, { where: eq('invoiceLineId', 1) }, [
      {
        as: 'siblings',
        model: m.Invoice,
        from: ['invoiceId'],
        to: ['invoiceId'],
        list: { order: [asc('invoiceId')] },
      },
    ]);
    const [plain] = await db.connector.find(m.Invoice, { where: eq('invoiceId', invoices[0]?.invoiceId) });
    const [nested] = (invoices[0]?.siblings ?? []) as Row[];
    expect(nested).toEqual(plain);
    expect(nested?.invoiceDate).toBeInstanceOf(Date);
    expect(nested?.total).toBe(plain?.total);
  });

  it('gives an empty list to parents without children and to parents whose key is null', async () => {
    const reportees: JoinRequest = {
      as: 'reportees',
      model: m.Employee,
      from: ['employeeId'],
      to: ['reportsTo'],
      fields: ['employeeId'],
      list: { order: [asc('employeeId')] },
    };
    const employees = await db.connector.findJoined(
      m.Employee,
      { fields: ['employeeId'], order: [asc('employeeId')] },
      [reportees],
    );
    const byId = new Map(employees.map((employee) => [employee.employeeId, employee.reportees]));
    expect(byId.get(1)).toEqual([
      { employeeId: 2, reportsTo: 1 },
      { employeeId: 6, reportsTo: 1 },
    ]);
    expect(byId.get(8)).toEqual([]);
    const noParents = await db.connector.findJoined(m.Employee, { where: eq('employeeId', -1) }, [reportees]);
    expect(noParents).toEqual([]);
  });
});
