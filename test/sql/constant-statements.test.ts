import { describe, expect, it } from 'vitest';
import { postgresDialect } from '../../src/connectors/postgresql/postgresql-query-compiler.js';
import { ConstantStatements } from '../../src/connectors/sql/constant-statements.js';
import { renderSqlWithConstants, sql } from '../../src/connectors/sql/sql-template.js';

const track = sql.id('public', 'track');

describe('PostgreSQL constants written into statement text', () => {
  it.each([
    [0.99, "'0.99'"],
    [-12, "'-12'"],
    [1e21, "'1e+21'"],
    [5e-7, "'5e-7'"],
    [9007199254740993n, "'9007199254740993'"],
    ['2.5000', "'2.5000'"],
    ['.5', "'.5'"],
    [true, "'true'"],
    [false, "'false'"],
  ])('writes %s as %s', (value, text) => {
    expect(postgresDialect.inlineConstant?.(value)).toBe(text);
  });

  it.each([
    ['free text', 'AC/DC'],
    ['a quote', "1'; drop table track; --"],
    ['a number followed by SQL', '1 or 1=1'],
    ['a number with a trailing newline', '1\n'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['null', null],
    ['a date', new Date(0)],
    ['an array', [1, 2]],
    ['an object', { toString: () => '1' }],
  ])('keeps %s a parameter', (_title, value) => {
    expect(postgresDialect.inlineConstant?.(value)).toBeUndefined();
  });

  it('inlines a statement only when every value can be', () => {
    const numbers = sql`select * from ${track} where ${sql.id('unit_price')} > ${0.99} limit ${20}`;
    expect(renderSqlWithConstants(numbers, postgresDialect)).toEqual({
      text: `select * from "public"."track" where "unit_price" > '0.99' limit '20'`,
      values: [],
    });
    const mixed = sql`select * from ${track} where ${sql.id('name')} = ${'Balls to the Wall'} limit ${20}`;
    expect(renderSqlWithConstants(mixed, postgresDialect)).toBeUndefined();
  });
});

describe('the budget of statements rendered with constants', () => {
  const byId = (id: number) => sql`select * from ${track} where ${sql.id('track_id')} = ${id}`;

  it('stops inlining new texts once the budget is spent, and keeps inlining the texts it holds', () => {
    const constants = new ConstantStatements(postgresDialect, 2);
    expect(constants.render(byId(1))?.values).toEqual([]);
    expect(constants.render(byId(2))?.values).toEqual([]);
    expect(constants.render(byId(3))).toBeUndefined();
    expect(constants.render(byId(1))?.text).toBe(`select * from "public"."track" where "track_id" = '1'`);
  });

  it('inlines nothing for a dialect without inlineConstant', () => {
    const constants = new ConstantStatements({ ...postgresDialect, inlineConstant: undefined });
    expect(constants.render(byId(1))).toBeUndefined();
  });
});
