import { describe, expect, it } from 'vitest';
import { PostgresConnector } from '../../src/connectors/postgresql/postgresql-connector.js';
import { deepFreeze } from '../../src/juggler/deep-freeze.js';
import type { NormalizedFilter } from '../../src/juggler/filter/filter-types.js';
import { ChinookAlbum, ChinookTrack } from '../support/connector-models.js';
import { CHINOOK_PG_URL } from '../support/databases.js';
import { observedConnector } from '../support/observed-connector.js';

const pricier = (price: string): NormalizedFilter => ({
  where: { kind: 'compare', property: 'unitPrice', op: 'gt', value: price },
  order: [{ property: 'name', direction: 'ASC' }],
  limit: 3,
  fields: ['trackId', 'name', 'unitPrice'],
});

describe('statements of deeply frozen filters', () => {
  const observed = observedConnector(() => new PostgresConnector({ url: CHINOOK_PG_URL }));

  it('sends the same statement for a frozen filter every time, whatever an observer does to its params', async () => {
    const filter = deepFreeze(pricier('0.99'));
    const seen: unknown[][] = [];
    const stop = observed.connector.observeStatements((event) => {
      seen.push([...event.params]);
      (event.params as unknown[]).length = 0;
    });
    const first = await observed.connector.find(ChinookTrack, filter);
    const second = await observed.connector.find(ChinookTrack, filter);
    stop();
    expect(second).toEqual(first);
    expect(first.map((row) => row.unitPrice)).toEqual(['1.99', '1.99', '1.99']);
    expect(seen).toEqual([
      ['0.99', 3],
      ['0.99', 3],
    ]);
    const [a, b] = observed.statements;
    expect(b?.sql).toBe(a?.sql);
    expect(a?.sql).toContain('WHERE "unit_price" > $1 ORDER BY "name" ASC LIMIT $2');
  });

  it('reads an unfrozen filter changed between two reads with its new values', async () => {
    const filter = pricier('0.99');
    const pricey = await observed.connector.find(ChinookTrack, filter);
    (filter.where as { value: unknown }).value = '0';
    filter.limit = 1;
    const any = await observed.connector.find(ChinookTrack, filter);
    expect(pricey).toHaveLength(3);
    expect(any).toHaveLength(1);
    expect(any[0]?.unitPrice).toBe('0.99');
    expect(observed.statements.map((event) => event.params)).toEqual([
      ['0.99', 3],
      ['0', 1],
    ]);
  });

  it('reads the same frozen filter on another model with that model’s statement', async () => {
    const filter = deepFreeze<NormalizedFilter>({ limit: 1 });
    const tracks = await observed.connector.find(ChinookTrack, filter);
    const albums = await observed.connector.find(ChinookAlbum, filter);
    expect(tracks[0]).toHaveProperty('trackId');
    expect(albums[0]).toHaveProperty('albumId');
    expect(observed.statements[0]?.sql).toContain('"track"');
    expect(observed.statements[1]?.sql).toContain('"album"');
  });
});
