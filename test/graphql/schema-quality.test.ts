/**
 * Schema quality on unseen schemas (issue 18 item 25), the parts done so far: an `integer[]`
 * column is `[Int]` (not `[Float]`), and MariaDB enum values that collide once transliterated
 * (`Ä` and `a`) stay two distinct GraphQL values that read and filter their own rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MYSQL_DATABASES, POSTGRESQL_DATABASES } from '../support/dialects.js';
import { type OddSchemaGateway, startOddSchemaGateway } from '../support/odd-schema-gateway.js';

async function fieldType(client: OddSchemaGateway, type: string, field: string): Promise<unknown> {
  const answer = await client.post(
    `{ __type(name: "${type}") { fields { name type { kind name ofType { kind name } } } } }`,
  );
  const fields = ((answer.data?.__type ?? { fields: [] }) as { fields: { name: string; type: unknown }[] })
    .fields;
  return fields.find((candidate) => candidate.name === field)?.type;
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
      ofType: { kind: 'SCALAR', name: 'Int' },
    });
    expect(await client.post('{ artists { scores } }')).toEqual({ data: { artists: [{ scores: [1, 2] }] } });
  });
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
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
    const stored = await client.post('{ artists { letter } }');
    const letter = ((stored.data?.artists ?? []) as { letter: string }[])[0]?.letter;
    const filtered = await client.post(`{ artistsCount(where: {letter: {eq: ${letter}}}) }`);
    expect(filtered).toEqual({ data: { artistsCount: 1 } });
    const other = names.find((name) => name !== letter);
    expect(await client.post(`{ artistsCount(where: {letter: {eq: ${other}}}) }`)).toEqual({
      data: { artistsCount: 0 },
    });
  });
});
