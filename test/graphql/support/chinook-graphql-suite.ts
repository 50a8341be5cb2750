/**
 * One end-to-end suite, run per dialect: real GraphQL documents against a schema built from the
 * real Chinook database, results compared with the same data read by plain SQL, and the SQL
 * statements of every request counted (relation depth d → at most d + 1 statements).
 */
import { type ExecutionResult, type GraphQLSchema, graphql } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraphQLSchema } from '../../../src/graphql/build-schema.js';
import { encodeCursor } from '../../../src/graphql/connection.js';
import { createGraphQLContext } from '../../../src/graphql/context.js';
import type { ModelClassLike } from '../../../src/graphql/model-class.js';
import type { DataAccessConnector, StatementEvent } from '../../../src/juggler/connector/connector.js';
import { mayFlagsAreTruthful, referenceCases, relayReference } from './relay-reference.js';

/** A writable Chinook copy on one dialect, with its discovered models and a plain SQL reader. */
export interface ChinookHarness {
  models: Record<string, ModelClassLike>;
  connector: DataAccessConnector;
  /** Runs plain SQL (placeholders `$1`/`?` as the dialect has them) and returns rows. */
  sql(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** A Chinook table or column name as this dialect spells it (`invoice_line` → `InvoiceLine` on MySQL). */
  name(snakeCase: string): string;
  /** A placeholder for parameter `n` (1-based). */
  param(n: number): string;
  /**
   * SQL for the case-sensitive LIKE that the `like` operator means (`like` on PostgreSQL; MySQL's
   * plain LIKE follows the column's usually case-insensitive collation).
   */
  caseSensitiveLike?(column: string, pattern: string): string;
  close(): Promise<void>;
}

/** What a test file supplies to run the suite on its dialect. */
export interface ChinookDialect {
  label: string;
  /** The connector reads hasMany lists inside their parents' statement (PostgreSQL). */
  nestsLists: boolean;
  /** The connector writes a document's number literals into the statement text (PostgreSQL). */
  inlinesConstants: boolean;
  setup(): Promise<ChinookHarness>;
}

/** Runs the shared suite on `dialect`. */
export function defineChinookGraphQLSuite(dialect: ChinookDialect): void {
  describe(`GraphQL over the real Chinook database on ${dialect.label}`, () => {
    let harness: ChinookHarness;
    let schema: GraphQLSchema;
    let statements: StatementEvent[] = [];
    let stopObserving: () => void = () => {};
    const n = (snake: string) => harness.name(snake);
    const money = (value: unknown) => String(value);

    beforeAll(async () => {
      harness = await dialect.setup();
      schema = buildGraphQLSchema(harness.models);
      stopObserving = harness.connector.observeStatements((event) => statements.push(event));
    });

    afterAll(async () => {
      stopObserving();
      await harness?.close();
    });

    /** Executes a document in a fresh request context and returns data plus the statements it cost. */
    async function run(source: string, variableValues?: Record<string, unknown>) {
      statements = [];
      const result: ExecutionResult = await graphql({
        schema,
        source,
        contextValue: createGraphQLContext(harness.models),
        ...(variableValues ? { variableValues } : {}),
      });
      // biome-ignore lint/suspicious/noExplicitAny: response shapes are asserted by the tests, not typed.
      return { result, data: result.data as Record<string, any>, statements: [...statements] };
    }

    async function runOk(source: string, variableValues?: Record<string, unknown>) {
      const outcome = await run(source, variableValues);
      expect(outcome.result.errors, JSON.stringify(outcome.result.errors)).toBeUndefined();
      return outcome;
    }

    it('reads the first 50 tracks in one statement that selects only the asked columns', async () => {
      const { data, statements } = await runOk(
        '{ tracks(limit: 50) { trackId name unitPrice milliseconds } }',
      );
      const rows = await harness.sql(
        `select ${n('track_id')} as id, ${n('name')} as name, ${n('unit_price')} as price, ${n('milliseconds')} as ms from ${n('track')} order by ${n('track_id')} limit 50`,
      );
      expect(data.tracks).toEqual(
        rows.map((row) => ({
          trackId: row.id,
          name: row.name,
          unitPrice: money(row.price),
          milliseconds: row.ms,
        })),
      );
      expect(statements).toHaveLength(1);
      expect(statements[0]?.sql).not.toMatch(/\*/);
      expect(statements[0]?.sql).not.toMatch(/composer|bytes|genre/i);
    });

    it('reads albums with their artist and tracks with their genres: belongsTo joined, the list nested where the connector can', async () => {
      const { data, statements } = await runOk(
        '{ albums(limit: 20) { title artist { name } tracks { name genre { name } } } }',
      );
      const albums = await harness.sql(
        `select a.${n('album_id')} as id, a.${n('title')} as title, ar.${n('name')} as artist from ${n('album')} a join ${n('artist')} ar on ar.${n('artist_id')} = a.${n('artist_id')} order by a.${n('album_id')} limit 20`,
      );
      const tracks = await harness.sql(
        `select t.${n('album_id')} as album, t.${n('name')} as name, g.${n('name')} as genre from ${n('track')} t left join ${n('genre')} g on g.${n('genre_id')} = t.${n('genre_id')} where t.${n('album_id')} <= ${harness.param(1)} order by t.${n('track_id')}`,
        [albums.at(-1)?.id],
      );
      expect(data.albums).toEqual(
        albums.map((album) => ({
          title: album.title,
          artist: { name: album.artist },
          tracks: tracks
            .filter((track) => track.album === album.id)
            .map((track) => ({
              name: track.name,
              genre: track.genre === null ? null : { name: track.genre },
            })),
        })),
      );
      // albums LEFT JOIN artist; tracks of all albums LEFT JOIN genre: whatever the row counts —
      // in one statement where the tracks are nested as a JSON list per album.
      expect(statements).toHaveLength(dialect.nestsLists ? 1 : 2);
      expect(statements.map((statement) => statement.sql.match(/LEFT JOIN/g)?.length ?? 0)).toEqual(
        dialect.nestsLists ? [2] : [1, 1],
      );
    });

    it('walks customer → invoices → lines → track → album → artist in one statement (one per hasMany level without nested lists)', async () => {
      const { data, statements } = await runOk(
        '{ customer(customerId: 1) { firstName invoices { total invoiceLines { quantity track { name album { title artist { name } } } } } } }',
      );
      const [customer] = await harness.sql(
        `select ${n('first_name')} as first from ${n('customer')} where ${n('customer_id')} = 1`,
      );
      const lines = await harness.sql(
        `select i.${n('invoice_id')} as invoice, i.${n('total')} as total, l.${n('quantity')} as quantity, t.${n('name')} as track, al.${n('title')} as album, ar.${n('name')} as artist
           from ${n('invoice')} i
           join ${n('invoice_line')} l on l.${n('invoice_id')} = i.${n('invoice_id')}
           join ${n('track')} t on t.${n('track_id')} = l.${n('track_id')}
           left join ${n('album')} al on al.${n('album_id')} = t.${n('album_id')}
           left join ${n('artist')} ar on ar.${n('artist_id')} = al.${n('artist_id')}
          where i.${n('customer_id')} = 1 order by i.${n('invoice_id')}, l.${n('invoice_line_id')}`,
      );
      const invoiceIds = [...new Set(lines.map((line) => line.invoice))];
      expect(data.customer).toEqual({
        firstName: customer?.first,
        invoices: invoiceIds.map((id) => {
          const mine = lines.filter((line) => line.invoice === id);
          return {
            total: money(mine[0]?.total),
            invoiceLines: mine.map((line) => ({
              quantity: line.quantity,
              track: { name: line.track, album: { title: line.album, artist: { name: line.artist } } },
            })),
          };
        }),
      });
      // Depth 6 (customer, invoices, invoiceLines, track, album, artist): the customer, its invoices,
      // and their lines with track → album → artist joined — or all of it in one statement.
      expect(statements).toHaveLength(dialect.nestsLists ? 1 : 3);
      expect(statements.at(-1)?.sql.match(/LEFT JOIN/g)).toHaveLength(3);
    });

    it('joins a self-reference chain with one alias per level and null where the key is null', async () => {
      const { data, statements } = await runOk(
        '{ employees(order: [EMPLOYEE_ID_ASC]) { employeeId reportsToEmployee { firstName reportsToEmployee { firstName } } } }',
      );
      const rows = await harness.sql(
        `select e.${n('employee_id')} as id, m.${n('first_name')} as boss, mm.${n('first_name')} as top, m.${n('employee_id')} as bossid
           from ${n('employee')} e
           left join ${n('employee')} m on m.${n('employee_id')} = e.${n('reports_to')}
           left join ${n('employee')} mm on mm.${n('employee_id')} = m.${n('reports_to')}
          order by e.${n('employee_id')}`,
      );
      expect(data.employees).toEqual(
        rows.map((row) => ({
          employeeId: row.id,
          reportsToEmployee:
            row.bossid === null
              ? null
              : { firstName: row.boss, reportsToEmployee: row.top === null ? null : { firstName: row.top } },
        })),
      );
      expect(data.employees[0].reportsToEmployee).toBeNull();
      expect(statements).toHaveLength(1);
      expect(statements[0]?.sql.match(/LEFT JOIN/g)).toHaveLength(2);
    });

    it('joins the belongsTo chains of a paged hasMany into its one window statement', async () => {
      const { data, statements } = await runOk(
        '{ albums(limit: 3) { albumId tracks(limit: 2, order: [NAME_DESC]) { name genre { name } mediaType { name } } } }',
      );
      const tracks = await harness.sql(
        `select t.${n('album_id')} as album, t.${n('name')} as name, g.${n('name')} as genre, mt.${n('name')} as media
           from ${n('track')} t
           left join ${n('genre')} g on g.${n('genre_id')} = t.${n('genre_id')}
           left join ${n('media_type')} mt on mt.${n('media_type_id')} = t.${n('media_type_id')}
          where t.${n('album_id')} <= 3 order by t.${n('name')} desc, t.${n('track_id')}`,
      );
      expect(data.albums).toEqual(
        [1, 2, 3].map((albumId) => ({
          albumId,
          tracks: tracks
            .filter((track) => track.album === albumId)
            .slice(0, 2)
            .map((track) => ({
              name: track.name,
              genre: { name: track.genre },
              mediaType: { name: track.media },
            })),
        })),
      );
      expect(statements).toHaveLength(dialect.nestsLists ? 1 : 2);
      expect(statements.at(-1)?.sql).toMatch(/row_number\(\) OVER/);
    });

    it('merges aliases of one belongsTo with different selections into one join', async () => {
      const { data, statements } = await runOk(
        '{ tracks(limit: 5) { trackId a: album { title } b: album { albumId artist { name } } album { title } } }',
      );
      const rows = await harness.sql(
        `select t.${n('track_id')} as id, a.${n('album_id')} as album, a.${n('title')} as title, ar.${n('name')} as artist
           from ${n('track')} t join ${n('album')} a on a.${n('album_id')} = t.${n('album_id')}
           join ${n('artist')} ar on ar.${n('artist_id')} = a.${n('artist_id')}
          order by t.${n('track_id')} limit 5`,
      );
      expect(data.tracks).toEqual(
        rows.map((row) => ({
          trackId: row.id,
          a: { title: row.title },
          b: { albumId: row.album, artist: { name: row.artist } },
          album: { title: row.title },
        })),
      );
      expect(statements).toHaveLength(1);
      expect(statements[0]?.sql.match(/LEFT JOIN/g)).toHaveLength(2);
    });

    it('joins the belongsTo chain of a row read by id and of a connection page', async () => {
      const single = await runOk('{ track(trackId: 1) { name album { title artist { name } } } }');
      expect(single.statements).toHaveLength(1);
      const [row] = await harness.sql(
        `select t.${n('name')} as name, a.${n('title')} as title, ar.${n('name')} as artist
           from ${n('track')} t join ${n('album')} a on a.${n('album_id')} = t.${n('album_id')}
           join ${n('artist')} ar on ar.${n('artist_id')} = a.${n('artist_id')} where t.${n('track_id')} = 1`,
      );
      expect(single.data.track).toEqual({
        name: row?.name,
        album: { title: row?.title, artist: { name: row?.artist } },
      });
      const page = await runOk(
        '{ tracksConnection(first: 2) { nodes { trackId genre { name } } edges { node { album { title } } } } }',
      );
      expect(page.statements).toHaveLength(1);
      expect(page.data.tracksConnection.edges[0].node.album.title).toBe(row?.title);
      expect(page.data.tracksConnection.nodes[0].genre.name).toEqual(expect.any(String));
    });

    it('filters with typed operators and sorts with order enums', async () => {
      const { data, statements } = await runOk(
        '{ tracks(where: {unitPrice: {gt: 0.99}}, order: [NAME_ASC], limit: 20) { name unitPrice } }',
      );
      const rows = await harness.sql(
        `select ${n('name')} as name, ${n('unit_price')} as price from ${n('track')} where ${n('unit_price')} > 0.99 order by ${n('name')}, ${n('track_id')} limit 20`,
      );
      expect(data.tracks).toEqual(rows.map((row) => ({ name: row.name, unitPrice: money(row.price) })));
      expect(statements).toHaveLength(1);
    });

    it('writes the number literals of a document into its statement, and sends variables as parameters', async () => {
      const literal = await runOk(
        '{ tracks(where: {unitPrice: {gt: 0.99}}, order: [NAME_ASC], limit: 20) { name } }',
      );
      const variables = await runOk(
        'query ($n: Int) { tracks(where: {unitPrice: {gt: 0.99}}, order: [NAME_ASC], limit: $n) { name } }',
        { n: 20 },
      );
      expect(variables.data).toEqual(literal.data);
      expect(literal.data.tracks).toHaveLength(20);
      expect(literal.statements[0]?.params).toHaveLength(dialect.inlinesConstants ? 0 : 2);
      expect(variables.statements[0]?.params).toHaveLength(2);
    });

    it('combines or, like, between, inq and isNull like the equivalent SQL', async () => {
      const { data } = await runOk(`{
        tracks(where: {or: [{name: {like: "%Love%"}}, {and: [{milliseconds: {between: [100000, 101000]}}, {genreId: {inq: [1, 3]}}]}], composer: {isNull: false}}, limit: 500) { trackId }
      }`);
      const rows = await harness.sql(
        `select ${n('track_id')} as id from ${n('track')}
          where (${harness.caseSensitiveLike?.(n('name'), "'%Love%'") ?? `${n('name')} like '%Love%'`} or (${n('milliseconds')} between 100000 and 101000 and ${n('genre_id')} in (1, 3)))
            and ${n('composer')} is not null
          order by ${n('track_id')}`,
      );
      expect(data.tracks.map((track: { trackId: number }) => track.trackId)).toEqual(
        rows.map((row) => row.id),
      );
      expect(rows.length).toBeGreaterThan(10);
    });

    it('matches no row with an empty or and every row with an empty and, as literals and as variables', async () => {
      const [all] = await harness.sql(`select count(*) as c from ${n('track')}`);
      const literal = await runOk(`{
        none: tracksCount(where: {or: []})
        every: tracksCount(where: {and: []})
        nested: tracksCount(where: {or: [{trackId: {eq: 1}}, {or: []}]})
        rows: tracks(where: {or: []}) { trackId }
      }`);
      expect(literal.data).toEqual({ none: 0, every: Number(all?.c), nested: 1, rows: [] });
      const variables = await runOk(
        'query ($none: TrackWhere, $every: TrackWhere) { none: tracksCount(where: $none) every: tracksCount(where: $every) }',
        { none: { or: [] }, every: { and: [] } },
      );
      expect(variables.data).toEqual({ none: 0, every: Number(all?.c) });
    });

    it('counts rows matching a where filter', async () => {
      const { data } = await runOk('{ tracksCount(where: {unitPrice: {gt: 0.99}}) albumsCount }');
      const [row] = await harness.sql(
        `select count(*) as c from ${n('track')} where ${n('unit_price')} > 0.99`,
      );
      const [albums] = await harness.sql(`select count(*) as c from ${n('album')}`);
      expect(data).toEqual({ tracksCount: Number(row?.c), albumsCount: Number(albums?.c) });
    });

    it('pages a hasMany per parent in one statement', async () => {
      const { data, statements } = await runOk(
        '{ artists(limit: 10) { artistId albums(limit: 2, order: [TITLE_DESC]) { title } } }',
      );
      const albums = await harness.sql(
        `select ${n('artist_id')} as artist, ${n('title')} as title from ${n('album')} where ${n('artist_id')} <= 10 order by ${n('title')} desc, ${n('album_id')}`,
      );
      expect(data.artists).toEqual(
        Array.from({ length: 10 }, (_, index) => ({
          artistId: index + 1,
          albums: albums
            .filter((album) => album.artist === index + 1)
            .slice(0, 2)
            .map((album) => ({ title: album.title })),
        })),
      );
      expect(statements).toHaveLength(dialect.nestsLists ? 1 : 2);
    });

    it('filters a hasMany list by its where argument, read with its parents where the connector nests lists', async () => {
      const { data, statements } = await runOk(
        '{ albums(limit: 4) { albumId tracks(where: {milliseconds: {gt: 300000}}, order: [NAME_ASC]) { name milliseconds } } }',
      );
      const tracks = await harness.sql(
        `select ${n('album_id')} as album, ${n('name')} as name, ${n('milliseconds')} as ms from ${n('track')}
          where ${n('album_id')} <= 4 and ${n('milliseconds')} > 300000 order by ${n('name')}, ${n('track_id')}`,
      );
      expect(data.albums).toEqual(
        [1, 2, 3, 4].map((albumId) => ({
          albumId,
          tracks: tracks
            .filter((track) => track.album === albumId)
            .map((track) => ({ name: track.name, milliseconds: track.ms })),
        })),
      );
      expect(tracks.length).toBeGreaterThan(0);
      expect(statements).toHaveLength(dialect.nestsLists ? 1 : 2);
    });

    it('keeps a hasMany whose arguments use variables in its own statement, with the same rows as literal arguments', async () => {
      const literal = await runOk(
        '{ albums(limit: 3) { albumId tracks(limit: 2, order: [NAME_DESC]) { name } } }',
      );
      const variables = await runOk(
        'query ($n: Int) { albums(limit: 3) { albumId tracks(limit: $n, order: [NAME_DESC]) { name } } }',
        { n: 2 },
      );
      expect(variables.data).toEqual(literal.data);
      expect(variables.statements).toHaveLength(2);
      expect(literal.statements).toHaveLength(dialect.nestsLists ? 1 : 2);
    });

    it('keeps two aliases of one hasMany with different arguments apart, each batched once', async () => {
      const { data, statements } = await runOk(
        '{ artists(limit: 5) { artistId first: albums(limit: 1, order: [TITLE_ASC]) { title } all: albums(order: [TITLE_ASC]) { title } } }',
      );
      const albums = await harness.sql(
        `select ${n('artist_id')} as artist, ${n('title')} as title from ${n('album')} where ${n('artist_id')} <= 5 order by ${n('title')}, ${n('album_id')}`,
      );
      expect(data.artists).toEqual(
        Array.from({ length: 5 }, (_, index) => {
          const own = albums
            .filter((album) => album.artist === index + 1)
            .map((album) => ({ title: album.title }));
          return { artistId: index + 1, first: own.slice(0, 1), all: own };
        }),
      );
      // The artists, then one statement per alias for all five artists.
      expect(statements).toHaveLength(3);
    });

    it('reads a hasManyThrough relation in one statement per level, paged per parent', async () => {
      const { data, statements } = await runOk(
        '{ playlists(where: {playlistId: {inq: [3, 5]}}) { playlistId tracks(order: [NAME_ASC], limit: 3) { name } } }',
      );
      const rows = await harness.sql(
        `select pt.${n('playlist_id')} as playlist, t.${n('name')} as name from ${n('playlist_track')} pt join ${n('track')} t on t.${n('track_id')} = pt.${n('track_id')} where pt.${n('playlist_id')} in (3, 5) order by t.${n('name')}, t.${n('track_id')}`,
      );
      expect(data.playlists).toEqual(
        [3, 5].map((id) => ({
          playlistId: id,
          tracks: rows
            .filter((row) => row.playlist === id)
            .slice(0, 3)
            .map((row) => ({ name: row.name })),
        })),
      );
      // The root level, then the tracks of every playlist through the join table at once (with
      // the playlists, as a JSON list each, where the connector nests lists).
      expect(statements).toHaveLength(dialect.nestsLists ? 1 : 2);
      expect(statements.at(-1)?.sql).toMatch(/(FROM|JOIN) \S*(playlist_track|PlaylistTrack)\S* AS /);
    });

    it('pages through a Relay connection with cursors and totalCount', async () => {
      const query = `query($after: String) { tracksConnection(first: 7, after: $after, where: {genreId: {eq: 2}}) {
        totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { trackId } } } }`;
      const rows = await harness.sql(
        `select ${n('track_id')} as id from ${n('track')} where ${n('genre_id')} = 2 order by ${n('track_id')}`,
      );
      const seen: number[] = [];
      let after: string | null = null;
      for (;;) {
        const { data, statements } = await runOk(query, { after });
        const page = data.tracksConnection;
        expect(page.totalCount).toBe(rows.length);
        expect(statements).toHaveLength(2);
        seen.push(...page.edges.map((edge: { node: { trackId: number } }) => edge.node.trackId));
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(rows.map((row) => row.id));
      const last = await runOk(
        '{ tracksConnection(last: 2) { nodes { trackId } pageInfo { hasNextPage } } }',
      );
      const [max] = await harness.sql(`select max(${n('track_id')}) as id from ${n('track')}`);
      expect(last.data.tracksConnection.nodes.at(-1).trackId).toBe(max?.id);
    });

    it('pages a small table exactly as the Relay specification’s pagination algorithm does, for every combination of first, last, after and before', async () => {
      const ids = (
        await harness.sql(`select ${n('media_type_id')} as id from ${n('media_type')} order by 1`)
      ).map((row) => Number(row.id));
      const cursor = (position: number) => encodeCursor(position);
      const cases = referenceCases(ids.length, [0, 2, 7]);
      const mismatches: string[] = [];
      for (let from = 0; from < cases.length; from += 60) {
        const batch = cases.slice(from, from + 60);
        const fields = batch.map((args, index) => {
          const list = Object.entries(args).map(([name, value]) =>
            name === 'after' || name === 'before' ? `${name}: "${cursor(value)}"` : `${name}: ${value}`,
          );
          const argText = list.length > 0 ? `(${list.join(', ')})` : '';
          return `c${index}: mediaTypesConnection${argText} { edges { cursor node { mediaTypeId } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }`;
        });
        const { data } = await runOk(`{ ${fields.join('\n')} }`);
        batch.forEach((args, index) => {
          const page = data[`c${index}`];
          const expected = relayReference(ids.length, args);
          const got = page.edges.map((edge: { node: { mediaTypeId: number } }) => edge.node.mediaTypeId);
          const ok =
            JSON.stringify(got) === JSON.stringify(expected.positions.map((position) => ids[position])) &&
            JSON.stringify(page.edges.map((edge: { cursor: string }) => edge.cursor)) ===
              JSON.stringify(expected.positions.map(cursor)) &&
            (expected.hasNextPage === undefined || page.pageInfo.hasNextPage === expected.hasNextPage) &&
            (expected.hasPreviousPage === undefined ||
              page.pageInfo.hasPreviousPage === expected.hasPreviousPage) &&
            mayFlagsAreTruthful(ids.length, args, page.pageInfo) &&
            page.pageInfo.startCursor === (page.edges[0]?.cursor ?? null) &&
            page.pageInfo.endCursor === (page.edges.at(-1)?.cursor ?? null);
          if (!ok)
            mismatches.push(
              `${JSON.stringify(args)} → ${JSON.stringify(got)} ${JSON.stringify(page.pageInfo)}`,
            );
        });
      }
      expect(mismatches).toEqual([]);
      expect(cases.length).toBeGreaterThan(500);
    });

    it('answers the Relay examples of issue 18: last within first, first up to before, an empty list, more rows than last', async () => {
      const info = 'pageInfo { hasNextPage hasPreviousPage }';
      const { data } = await runOk(`{
        lastOfFirst: mediaTypesConnection(first: 5, last: 2, where: {mediaTypeId: {lte: 3}}) { nodes { mediaTypeId } ${info} }
        firstToBefore: mediaTypesConnection(first: 10, before: "${encodeCursor(2)}") { nodes { mediaTypeId } ${info} }
        empty: mediaTypesConnection(first: 4, last: 2, where: {mediaTypeId: {gt: 1000}}) { nodes { mediaTypeId } ${info} }
        many: tracksConnection(first: 5, last: 5) { nodes { trackId } ${info} }
      }`);
      expect(data.lastOfFirst).toEqual({
        nodes: [{ mediaTypeId: 2 }, { mediaTypeId: 3 }],
        pageInfo: { hasNextPage: false, hasPreviousPage: true },
      });
      expect(data.firstToBefore).toEqual({
        nodes: [{ mediaTypeId: 1 }, { mediaTypeId: 2 }],
        pageInfo: { hasNextPage: false, hasPreviousPage: false },
      });
      expect(data.empty).toEqual({ nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: false } });
      expect(data.many.nodes).toHaveLength(5);
      expect(data.many.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true });
    });

    it('batches lookups by id across aliases and never shares loaders between requests', async () => {
      const document =
        '{ a: track(trackId: 1) { name } b: track(trackId: 2) { name } c: track(trackId: 999999) { name } }';
      const first = await runOk(document);
      expect(first.statements).toHaveLength(1);
      expect(first.data.c).toBeNull();
      const second = await runOk(document);
      expect(second.statements).toHaveLength(1);
      expect(second.data).toEqual(first.data);
    });

    it('rejects a bad where in GraphQL validation before any statement runs', async () => {
      const { result, statements } = await run('{ tracks(where: {unitPrize: {gt: 1}}) { name } }');
      expect(result.errors?.[0]?.message).toMatch(/Did you mean "unitPrice"/);
      expect(statements).toHaveLength(0);
    });

    describe('mutations', () => {
      it('reports a create that fails validation as VALIDATION_FAILED and writes nothing', async () => {
        const { result } = await run(
          'mutation($name: String!) { createGenre(data: {genreId: 9001, name: $name}) { genreId } }',
          {
            name: 'x'.repeat(500),
          },
        );
        expect(result.errors?.[0]?.extensions).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: { context: 'Genre', codes: { name: expect.any(Array) } },
        });
        expect(await harness.sql(`select * from ${n('genre')} where ${n('genre_id')} = 9001`)).toEqual([]);
      });

      it('creates, updates, upserts and deletes through the DAO, as plain SQL confirms', async () => {
        const created = await runOk(
          'mutation { createGenre(data: {genreId: 9001, name: "Synthwave"}) { genreId name } }',
        );
        expect(created.data.createGenre).toEqual({ genreId: 9001, name: 'Synthwave' });
        const byId = async (id: number) =>
          (
            await harness.sql(
              `select ${n('name')} as name from ${n('genre')} where ${n('genre_id')} = ${harness.param(1)}`,
              [id],
            )
          )[0]?.name;
        expect(await byId(9001)).toBe('Synthwave');

        const updated = await runOk(
          'mutation { updateGenre(genreId: 9001, data: {name: "Outrun"}) { genreId name } }',
        );
        expect(updated.data.updateGenre).toEqual({ genreId: 9001, name: 'Outrun' });
        expect(await byId(9001)).toBe('Outrun');

        const upserted = await runOk(
          'mutation { a: upsertGenre(data: {genreId: 9001, name: "Retrowave"}) { name } b: upsertGenre(data: {genreId: 9002, name: "Vaporwave"}) { name } }',
        );
        expect(upserted.data).toEqual({ a: { name: 'Retrowave' }, b: { name: 'Vaporwave' } });
        expect([await byId(9001), await byId(9002)]).toEqual(['Retrowave', 'Vaporwave']);

        const deleted = await runOk('mutation { deleteGenre(genreId: 9002) { genreId name } }');
        expect(deleted.data.deleteGenre).toEqual({ genreId: 9002, name: 'Vaporwave' });
        expect(await byId(9002)).toBeUndefined();
        const again = await runOk('mutation { deleteGenre(genreId: 9002) { genreId } }');
        expect(again.data.deleteGenre).toBeNull();
      });

      it('returns relations of a created row', async () => {
        const { data } = await runOk(`mutation {
          createTrack(data: {trackId: 9001, name: "Night Drive", albumId: 1, mediaTypeId: 1, genreId: 1, composer: "Kavinsky", milliseconds: 240000, unitPrice: "1.29"}) {
            name unitPrice album { title artist { name } }
          }
        }`);
        const [album] = await harness.sql(
          `select a.${n('title')} as title, ar.${n('name')} as artist from ${n('album')} a join ${n('artist')} ar on ar.${n('artist_id')} = a.${n('artist_id')} where a.${n('album_id')} = 1`,
        );
        expect(data.createTrack).toEqual({
          name: 'Night Drive',
          unitPrice: '1.29',
          album: { title: album?.title, artist: { name: album?.artist } },
        });
      });

      it('turns constraint violations into CONFLICT without leaking SQL', async () => {
        const duplicate = await run(
          'mutation { createGenre(data: {genreId: 1, name: "Rock again"}) { genreId } }',
        );
        expect(duplicate.result.errors?.[0]?.extensions?.code).toBe('CONFLICT');
        const orphan = await run(
          'mutation { createAlbum(data: {albumId: 9001, title: "Lost", artistId: 999999}) { albumId } }',
        );
        expect(orphan.result.errors?.[0]?.extensions?.code).toBe('CONFLICT');
        for (const error of [...(duplicate.result.errors ?? []), ...(orphan.result.errors ?? [])]) {
          expect(error.message).not.toMatch(/insert into|select |postgres:\/\/|mysql:\/\//i);
        }
      });

      it('answers update of a missing row with NOT_FOUND', async () => {
        const { result } = await run(
          'mutation { updateGenre(genreId: 424242, data: {name: "Nope"}) { genreId } }',
        );
        expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      });
    });
  });
}
