/**
 * A NOT NULL column a BEFORE INSERT trigger fills (issue 18 item 13; Pagila's `film.fulltext`):
 * discovery reads the trigger's function from the catalog, so the column is optional in the create
 * input and the database's value is answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRESQL_DATABASES } from '../support/dialects.js';
import { type OddSchemaGateway, startOddSchemaGateway } from '../support/odd-schema-gateway.js';

describe('a NOT NULL column filled by a BEFORE INSERT trigger', () => {
  let client: OddSchemaGateway;

  beforeAll(async () => {
    client = await startOddSchemaGateway(POSTGRESQL_DATABASES, 'trigger_filled');
  }, 60_000);
  afterAll(async () => {
    await client?.stop();
  });

  it('is optional in the create input and reads what the trigger wrote', async () => {
    const input = await client.post(
      '{ __type(name: "FilmCreateInput") { inputFields { name type { kind } } } }',
    );
    const fields = ((input.data?.__type ?? {}) as { inputFields: { name: string; type: { kind: string } }[] })
      .inputFields;
    expect(fields.find((field) => field.name === 'fulltext')?.type.kind).toBe('SCALAR');
    expect(fields.find((field) => field.name === 'title')?.type.kind).toBe('NON_NULL');
    const created = await client.post(
      'mutation { createFilm(data: {title: "Blue Moon"}) { title fulltext } }',
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createFilm).toEqual({ title: 'Blue Moon', fulltext: "'blue':1 'moon':2" });
  });

  it('stays required when no trigger fills it', async () => {
    const input = await client.post(
      '{ __type(name: "ArtistCreateInput") { inputFields { name type { kind } } } }',
    );
    const fields = ((input.data?.__type ?? {}) as { inputFields: { name: string; type: { kind: string } }[] })
      .inputFields;
    expect(fields.find((field) => field.name === 'name')?.type.kind).toBe('NON_NULL');
  });
});
