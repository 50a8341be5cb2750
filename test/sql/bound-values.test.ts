import { describe, expect, it } from 'vitest';
import { postgresDialect } from '../../src/connectors/postgresql/postgresql-query-compiler.js';
import { BoundSource, BoundValue, bindValues, mapValue } from '../../src/connectors/sql/bound-values.js';
import { renderSqlWithConstants, renderStatement, sql } from '../../src/connectors/sql/sql-template.js';

const track = sql.id('public', 'track');

describe('statements with values bound at each run', () => {
  it('renders a bound value as a placeholder among the constants, with the text around them', () => {
    const price = BoundValue.of((bindings) => bindings[0]);
    const statement = renderStatement(
      sql`SELECT * FROM ${track} WHERE ${sql.id('unit_price')} > ${price} LIMIT ${20}`,
      postgresDialect,
    );
    expect(statement.text).toBe('SELECT * FROM "public"."track" WHERE "unit_price" > $1 LIMIT $2');
    expect(statement.pieces).toEqual(['SELECT * FROM "public"."track" WHERE "unit_price" > ', ' LIMIT ', '']);
    expect(bindValues(statement, ['0.99'])).toEqual(['0.99', 20]);
    expect(bindValues(statement, ['1.99'])).toEqual(['1.99', 20]);
  });

  it('sends a statement without bound values with its own values, whatever the bindings', () => {
    const statement = renderStatement(sql`SELECT * FROM ${track} LIMIT ${20}`, postgresDialect);
    expect(bindValues(statement, ['ignored'])).toBe(statement.values);
  });

  it('computes a source once per run for the values that pick from it, and maps bound values', () => {
    let reads = 0;
    const ids = new BoundSource((bindings) => {
      reads++;
      return (bindings[0] as number[]).filter((id) => id > 0);
    });
    const items = [0, 1, 2].map((index) => BoundValue.from(ids, (list) => (list as number[])[index]));
    const doubled = mapValue(items[0], (value) => (value as number) * 2);
    const statement = renderStatement(
      sql`SELECT * FROM ${track} WHERE ${sql.id('track_id')} IN (${sql.join(items.map((item) => sql`${item}`))}) OR ${sql.id('album_id')} = ${doubled}`,
      postgresDialect,
    );
    expect(statement.text).toBe(
      'SELECT * FROM "public"."track" WHERE "track_id" IN ($1, $2, $3) OR "album_id" = $4',
    );
    expect(bindValues(statement, [[7, 0, 8, 9]])).toEqual([7, 8, 9, 14]);
    expect(reads).toBe(1);
    expect(mapValue(3, (value) => (value as number) * 2)).toBe(6);
  });

  it('never writes a bound value into the text of a statement with inlined constants', () => {
    const bound = BoundValue.of(() => 1);
    expect(renderSqlWithConstants(sql`SELECT ${1}, ${bound}`, postgresDialect)).toBeUndefined();
    expect(renderSqlWithConstants(sql`SELECT ${1}, ${2}`, postgresDialect)?.text).toBe("SELECT '1', '2'");
  });
});
