// The SQL text of belongsTo joins on PostgreSQL, then the same statements run on the real Chinook.
// What joined reads return is tested for every dialect in test/connectors/joins.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresConnector } from '../../src/connectors/postgresql/postgresql-connector.js';
import { postgresDialect } from '../../src/connectors/postgresql/postgresql-query-compiler.js';
import { joinCompiler } from '../../src/connectors/sql/join-compiler.js';
import { ModelPlanCache, type SqlModelPlan } from '../../src/connectors/sql/model-plan.js';
import { renderSql } from '../../src/connectors/sql/sql-template.js';
import { buildJoinedGroupedSelect, buildJoinedSelect } from '../../src/connectors/sql/statement-builders.js';
import type { JoinRequest } from '../../src/juggler/connector/join-request.js';
import { sqlModel } from '../support/connector-models.js';
import { CHINOOK_PG_URL } from '../support/databases.js';

const Track = sqlModel('Track', {
  trackId: { type: 'Number', id: 1, dataType: 'integer' },
  name: 'String',
  albumId: { type: 'Number', dataType: 'integer' },
  genreId: { type: 'Number', dataType: 'integer' },
  unitPrice: { type: 'Decimal', dataType: 'numeric', precision: 10, scale: 2 },
});
const Album = sqlModel('Album', {
  albumId: { type: 'Number', id: 1, dataType: 'integer' },
  title: 'String',
  artistId: { type: 'Number', dataType: 'integer' },
});
const Artist = sqlModel('Artist', {
  artistId: { type: 'Number', id: 1, dataType: 'integer' },
  name: 'String',
});
const Genre = sqlModel('Genre', { genreId: { type: 'Number', id: 1, dataType: 'integer' }, name: 'String' });

const plans = new ModelPlanCache(postgresDialect, 'public');
/** The joins of one read, compiled against the plans above. */
const joins = {
  compiler: (parent: SqlModelPlan, requests: readonly JoinRequest[]) =>
    joinCompiler(parent, requests, (model) => plans.get(model)),
};
const plan = plans.get(Track);

const genre: JoinRequest = {
  as: 'genre',
  model: Genre,
  from: ['genreId'],
  to: ['genreId'],
  fields: ['name'],
};
const album: JoinRequest = {
  as: 'album',
  model: Album,
  from: ['albumId'],
  to: ['albumId'],
  fields: ['title'],
  join: [{ as: 'artist', model: Artist, from: ['artistId'], to: ['artistId'], fields: ['name'] }],
};

describe('the PostgreSQL SQL of belongsTo joins', () => {
  it('aliases the tables t0, t1… and the joined columns positionally, qualifying the filter', () => {
    const { statement } = buildJoinedSelect(
      plan,
      {
        fields: ['name', 'unitPrice'],
        where: { kind: 'compare', property: 'name', op: 'like', value: 'A%' },
        order: [{ property: 'name', direction: 'ASC' }],
        limit: 5,
      },
      joins.compiler(plan, [genre, album]),
    );
    expect(renderSql(statement, postgresDialect)).toEqual({
      text:
        'SELECT "t0"."name", "t0"."unit_price" AS "unitPrice", "t1"."name" AS "j1_0", "t1"."genre_id" AS "j1_1", ' +
        '"t2"."title" AS "j2_0", "t2"."album_id" AS "j2_1", "t3"."name" AS "j3_0", "t3"."artist_id" AS "j3_1" ' +
        'FROM "public"."track" AS "t0" ' +
        'LEFT JOIN "public"."genre" AS "t1" ON "t1"."genre_id" = "t0"."genre_id" ' +
        'LEFT JOIN "public"."album" AS "t2" ON "t2"."album_id" = "t0"."album_id" ' +
        'LEFT JOIN "public"."artist" AS "t3" ON "t3"."artist_id" = "t2"."artist_id" ' +
        'WHERE "t0"."name" LIKE $1 ORDER BY "t0"."name" ASC LIMIT $2',
      values: ['A%', 5],
    });
  });

  it('reads the casts of joined columns from the target plan and picks a column prefix no parent property starts', () => {
    const Line = sqlModel('InvoiceLine', {
      invoiceLineId: { type: 'Number', id: 1, dataType: 'integer' },
      j1: 'String',
      trackId: { type: 'Number', dataType: 'integer' },
    });
    const linePlan = plans.get(Line);
    // A Number on a numeric column reads as float8, a BigInt on an integer column as text.
    const Priced = sqlModel(
      'Track',
      {
        trackId: { type: 'BigInt', id: 1, dataType: 'integer' },
        unitPrice: { type: 'Number', dataType: 'numeric' },
      },
      { table: 'track' },
    );
    const join: JoinRequest = {
      as: 'track',
      model: Priced,
      from: ['trackId'],
      to: ['trackId'],
      fields: ['unitPrice'],
    };
    const { statement } = buildJoinedSelect(linePlan, {}, joins.compiler(linePlan, [join]));
    expect(renderSql(statement, postgresDialect).text).toBe(
      'SELECT "t0"."invoice_line_id" AS "invoiceLineId", "t0"."j1", "t0"."track_id" AS "trackId", ' +
        '"t1"."unit_price"::float8 AS "_j1_0", "t1"."track_id"::text AS "_j1_1" FROM "public"."invoice_line" AS "t0" ' +
        'LEFT JOIN "public"."track" AS "t1" ON "t1"."track_id" = "t0"."track_id"',
    );
  });

  it('joins composite keys with AND and quotes every identifier', () => {
    const Odd = sqlModel('Odd', {
      a: { type: 'Number', id: 1 },
      b: { type: 'Number', id: 2 },
      'x"y': 'String',
    });
    const Ref = sqlModel('Ref', { id: { type: 'Number', id: 1 }, oddA: 'Number', oddB: 'Number' });
    const refPlan = plans.get(Ref);
    const join: JoinRequest = {
      as: 'odd',
      model: Odd,
      from: ['oddA', 'oddB'],
      to: ['a', 'b'],
      fields: ['x"y'],
    };
    const { statement } = buildJoinedSelect(refPlan, { fields: ['id'] }, joins.compiler(refPlan, [join]));
    expect(renderSql(statement, postgresDialect).text).toBe(
      'SELECT "t0"."id", "t1"."x""y" AS "j1_0", "t1"."a" AS "j1_1", "t1"."b" AS "j1_2" FROM "public"."ref" AS "t0" ' +
        'LEFT JOIN "public"."odd" AS "t1" ON "t1"."a" = "t0"."odd_a" AND "t1"."b" = "t0"."odd_b"',
    );
  });

  it('joins the outer query of a paged grouped read, over the numbered rows', () => {
    const built = buildJoinedGroupedSelect(
      plan,
      { partitionBy: ['albumId'], keys: [[1], [2]], filter: { fields: ['name'], limit: 2 } },
      joins.compiler(plan, [genre]),
    );
    expect(built && renderSql(built.statement, postgresDialect)).toEqual({
      text:
        'SELECT "__grouped"."name", "__grouped"."album_id" AS "albumId", "t1"."name" AS "j1_0", "t1"."genre_id" AS "j1_1" ' +
        'FROM (SELECT "__t".*, row_number() OVER (PARTITION BY "album_id" ORDER BY "track_id" ASC) AS "__discograph_rn" ' +
        'FROM "public"."track" AS "__t" WHERE "album_id" = ANY($1)) AS "__grouped" ' +
        'LEFT JOIN "public"."genre" AS "t1" ON "t1"."genre_id" = "__grouped"."genre_id" ' +
        'WHERE "__grouped"."__discograph_rn" > $2 AND "__grouped"."__discograph_rn" <= $3 ' +
        'ORDER BY "__grouped"."album_id" ASC, "__grouped"."__discograph_rn"',
      values: [[1, 2], 0, 2],
    });
  });

  it('joins an unpaged grouped read with the parent aliased t0', () => {
    const built = buildJoinedGroupedSelect(
      plan,
      {
        partitionBy: ['albumId'],
        keys: [[1], [2]],
        filter: { fields: ['name'], order: [{ property: 'name', direction: 'DESC' }] },
      },
      joins.compiler(plan, [genre]),
    );
    expect(built && renderSql(built.statement, postgresDialect).text).toBe(
      'SELECT "t0"."name", "t0"."album_id" AS "albumId", "t1"."name" AS "j1_0", "t1"."genre_id" AS "j1_1" ' +
        'FROM "public"."track" AS "t0" LEFT JOIN "public"."genre" AS "t1" ON "t1"."genre_id" = "t0"."genre_id" ' +
        'WHERE "t0"."album_id" = ANY($1) ORDER BY "t0"."album_id" ASC, "t0"."name" DESC',
    );
  });

  describe('on the real Chinook database', () => {
    const connector = new PostgresConnector({ url: CHINOOK_PG_URL });

    beforeAll(async () => {
      await connector.connect();
    });

    afterAll(async () => {
      await connector.disconnect();
    });

    it('runs the compiled statements and nests the rows', async () => {
      const { statement, joins: compiled } = buildJoinedSelect(
        plan,
        { fields: ['trackId', 'unitPrice'], order: [{ property: 'trackId', direction: 'ASC' }], limit: 1 },
        joins.compiler(plan, [genre, album]),
      );
      const { text, values } = renderSql(statement, postgresDialect);
      const rows = compiled.shapeRows(await connector.execute(text, values));
      expect(rows).toEqual([
        {
          trackId: 1,
          unitPrice: '0.99',
          genre: { name: 'Rock', genreId: 1 },
          album: {
            title: 'For Those About To Rock We Salute You',
            albumId: 1,
            artist: { name: 'AC/DC', artistId: 1 },
          },
        },
      ]);
    });
  });
});
