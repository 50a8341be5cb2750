/**
 * MariaDB sessions in the server's default collation of utf8mb4 (issue 18 item 10): a view's
 * computed text column (Sakila's `customer_list.notes`, text from literals in the collation of the
 * session that created the view) can be filtered, instead of "Illegal mix of collations". And a
 * filter value with a character a utf8mb3 column cannot hold matches nothing (issue 15): discovery
 * records the column's character set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MYSQL_DATABASES } from '../support/dialects.js';
import { type OddSchemaGateway, startOddSchemaGateway } from '../support/odd-schema-gateway.js';

describe('MariaDB session collation', () => {
  let client: OddSchemaGateway;

  beforeAll(async () => {
    client = await startOddSchemaGateway(MYSQL_DATABASES, 'session_collation');
  }, 60_000);
  afterAll(async () => {
    await client?.stop();
  });

  it('filters a view column computed from literals as plain SQL does', async () => {
    for (const [operator, value] of [
      ['eq', 'active'],
      ['neq', ''],
      ['inq', ['active', 'x']],
      ['like', 'act%'],
    ] as const) {
      const answer = await client.post(
        `query ($v: ${Array.isArray(value) ? '[String!]' : 'String'}) { artistLists(where: {notes: {${operator}: $v}}) { notes label } }`,
        { v: value },
      );
      expect(answer.errors, operator).toBeUndefined();
      expect(answer.data?.artistLists, operator).toEqual([{ notes: 'active', label: 'Ann (artist)' }]);
    }
  });

  it('matches nothing with a value a utf8mb3 column cannot hold, and still finds what it holds', async () => {
    for (const [operator, value] of [
      ['eq', '🤖'],
      ['inq', ['🤖', 'x']],
      ['gt', 'plain🤖'],
    ] as const) {
      const answer = await client.post(
        `query ($v: ${Array.isArray(value) ? '[String!]' : 'String'}) { narrows(where: {label: {${operator}: $v}}) { id } }`,
        { v: value },
      );
      expect(answer.errors, operator).toBeUndefined();
      expect(answer.data?.narrows, operator).toEqual([]);
    }
    const negated = await client.post('{ narrows(where: {label: {neq: "🤖"}}) { id } }');
    expect(negated).toEqual({ data: { narrows: [{ id: 1 }] } });
    const found = await client.post('{ narrows(where: {label: {eq: "plain"}}) { id } }');
    expect(found).toEqual({ data: { narrows: [{ id: 1 }] } });
  });
});
