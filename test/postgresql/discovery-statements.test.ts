/**
 * PostgreSQL discovery reads a whole schema in a constant number of statements: the same for 5
 * tables as for 50, relations included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModelDefinitions, discoverSchemas } from '../../src/juggler/discovery/index.js';
import { openPgDiscovery, type PgDiscoveryHandle } from '../discovery/support/pg-discovery.js';
import { wideSchemaSql } from '../discovery/support/wide-schema.js';
import { createPgDatabase, dropPgDatabase, runPgSql } from '../support/databases.js';

const DATABASE = 'pgdiscovery_statements';
let handle: PgDiscoveryHandle;

beforeAll(async () => {
  const url = await createPgDatabase(DATABASE);
  await runPgSql(url, 'create schema small; create schema large;');
  await runPgSql(url, `set search_path to small; ${wideSchemaSql(5)}`);
  await runPgSql(url, `set search_path to large; ${wideSchemaSql(50)}`);
  handle = openPgDiscovery(url);
});

afterAll(async () => {
  await handle.close();
  await dropPgDatabase(DATABASE);
});

async function statementsFor(
  owner: string,
): Promise<{ statements: number; tables: number; relations: number }> {
  const before = handle.statements.length;
  const schemas = await discoverSchemas(handle.discovery, '*', { owner, associations: true, views: true });
  const relations = Object.values(schemas).reduce(
    (sum, definition) => sum + Object.keys(definition.options?.relations ?? {}).length,
    0,
  );
  return { statements: handle.statements.length - before, tables: Object.keys(schemas).length, relations };
}

describe('statement count', () => {
  it('is the same four statements for a schema of 5 tables and one of 50, relations included', async () => {
    const small = await statementsFor('small');
    const large = await statementsFor('large');
    expect(small.tables).toBe(7);
    expect(large.tables).toBe(52);
    expect(large.relations).toBeGreaterThan(small.relations * 5);
    expect(small.statements).toBe(4);
    expect(large.statements).toBe(4);
  });

  it('finds the generated join tables and views of the wide schema', async () => {
    const snapshot = await handle.discovery.discoverCatalog({ owner: 'large' });
    const definitions = buildModelDefinitions(snapshot, {
      mapPropertyType: handle.discovery.mapPropertyType,
      associations: true,
    });
    const through = definitions.flatMap((definition) =>
      Object.values(definition.options?.relations ?? {}).filter(
        (relation) => relation.type === 'hasManyThrough',
      ),
    );
    expect(through.map((relation) => relation.through)).toEqual([
      'Link001InvoiceClaim',
      'Link001InvoiceClaim',
    ]);
    expect(snapshot.tables.filter((table) => table.kind === 'view').map((table) => table.name)).toHaveLength(
      1,
    );
  });
});
