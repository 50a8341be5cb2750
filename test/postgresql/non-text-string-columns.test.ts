/**
 * Columns PostgreSQL has no text operators for, served as `String` (issue 18 item 9): like, ilike,
 * nlike, nilike and regexp on tsvector, uuid, interval, money, inet, xml and bit compare the
 * value's text, as SQL's `col::text` would; eq and order on xml (no equality or ordering of its
 * own) too. An unpopulated materialized view answers NOT_POPULATED on its own field only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRESQL_DATABASES } from '../support/dialects.js';
import { type OddSchemaGateway, startOddSchemaGateway } from '../support/odd-schema-gateway.js';

describe('String fields of non-text PostgreSQL columns', () => {
  let client: OddSchemaGateway;

  beforeAll(async () => {
    client = await startOddSchemaGateway(POSTGRESQL_DATABASES, 'non_text_columns');
  }, 60_000);
  afterAll(async () => {
    await client?.stop();
  });

  const CASES: [column: string, field: string, pattern: string][] = [
    ['doc', 'doc', '%fat%'],
    ['uid', 'uid', 'a0%'],
    ['span', 'span', '1 day%'],
    ['price', 'price', '%12.50'],
    ['addr', 'addr', '10.%'],
    ['body', 'body', '<a>%'],
    ['flags', 'flags', '1%'],
  ];

  it.each(CASES)(
    'matches like, ilike, nlike, nilike and regexp on %s as its text does in SQL',
    async (column, field, pattern) => {
      for (const [operator, sqlOperator] of [
        ['like', 'like'],
        ['ilike', 'ilike'],
        ['nlike', 'not like'],
        ['nilike', 'not ilike'],
      ] as const) {
        const answer = await client.post(
          `query ($p: String) { oddities(where: {${field}: {${operator}: $p}}, order: [ID_ASC]) { id } }`,
          { p: pattern },
        );
        expect(answer.errors, `${field} ${operator}`).toBeUndefined();
        const rows = await client.sql(
          `select id from oddity where ${column}::text ${sqlOperator} '${pattern}' order by id`,
        );
        expect(answer.data?.oddities, `${field} ${operator}`).toEqual(rows.map((row) => ({ id: row.id })));
      }
      const regexp = await client.post(`{ oddities(where: {${field}: {regexp: "^."}}) { id } }`);
      expect(regexp.errors).toBeUndefined();
      expect(regexp.data?.oddities).toHaveLength(2);
    },
  );

  it('compares and sorts xml by its text', async () => {
    const equal = await client.post('{ oddities(where: {body: {eq: "<a>x</a>"}}) { id } }');
    expect(equal.errors).toBeUndefined();
    expect(equal.data?.oddities).toEqual([{ id: 1 }]);
    const sorted = await client.post('{ oddities(order: [BODY_DESC]) { id } }');
    expect(sorted.errors).toBeUndefined();
    expect(sorted.data?.oddities).toEqual([{ id: 2 }, { id: 1 }]);
  });

  it('answers NOT_POPULATED on the field of an unpopulated materialized view only', async () => {
    const answer = await client.post('{ unreadies { id } unreadiesCount artists { name } }');
    // The two fields' errors come in the order their reads failed (they run concurrently).
    const errors = answer.errors?.map((error) => [error.path, error.extensions?.code]);
    expect(errors?.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      [['unreadies'], 'NOT_POPULATED'],
      [['unreadiesCount'], 'NOT_POPULATED'],
    ]);
    expect(answer.errors?.[0]?.message).toMatch(/unready.*REFRESH MATERIALIZED VIEW/);
    expect(answer.data).toMatchObject({ unreadies: null, unreadiesCount: null });
    expect(answer.data?.artists).toEqual([{ name: 'Ann' }]);
    await client.sql('refresh materialized view unready');
    const refreshed = await client.post('{ unreadiesCount }');
    expect(refreshed).toEqual({ data: { unreadiesCount: 2 } });
  });
});
