// The memory connector's own side of prepared reads: no joins, pseudo statements with the bound
// filter. What prepared reads answer on every connector is in test/connectors/suites/prepared-reads.ts.
import { describe, expect, it } from 'vitest';
import { MemoryConnector } from '../../src/connectors/memory/index.js';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import { ReadParameter } from '../../src/juggler/connector/prepared-read.js';
import { connectorModel } from './connector-models.js';

const Album = connectorModel('Album', {
  albumId: { type: 'Number', id: 1 },
  title: 'String',
  artistId: 'Number',
});

const Credit = connectorModel('Credit', {
  albumId: { type: 'Number', id: 1 },
  artistId: { type: 'Number', id: 2 },
});

const p = (index: number) => new ReadParameter(index, `$${index}`);

async function seeded(): Promise<MemoryConnector> {
  const connector = new MemoryConnector();
  const albums: [number, string, number][] = [
    [1, 'For Those About To Rock', 1],
    [2, 'Balls to the Wall', 2],
    [3, 'Restless and Wild', 2],
    [4, 'Let There Be Rock', 1],
  ];
  for (const [albumId, title, artistId] of albums)
    await connector.create(Album, { albumId, title, artistId });
  return connector;
}

describe('prepared reads on the memory connector', () => {
  it('does not join, says so in its capabilities, and refuses a read with joins', async () => {
    const connector = await seeded();
    expect(connector.capabilities.joins).toBe(false);
    expect(() =>
      connector.prepareRead({
        model: Album,
        filter: {},
        joins: [{ as: 'credits', model: Credit, from: ['albumId'], to: ['albumId'], list: {} }],
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('reports each run as one pseudo statement with the filter its bindings made, and explains it', async () => {
    const connector = await seeded();
    const events: StatementEvent[] = [];
    connector.observeStatements((event) => events.push(event));
    const where = { kind: 'compare' as const, property: 'artistId', op: 'eq' as const, value: p(0) };
    const read = connector.prepareRead({ model: Album, filter: { where, fields: ['albumId'], limit: p(1) } });
    const grouped = connector.prepareRead({
      model: Album,
      filter: { fields: ['albumId'], limit: 1 },
      partition: { by: ['artistId'], keys: p(0) },
    });
    const count = connector.prepareCount(Album, where);
    expect(await read.run([2, null])).toEqual([{ albumId: 2 }, { albumId: 3 }]);
    expect(await grouped.run([[[1], [2]]])).toEqual([
      { albumId: 1, artistId: 1 },
      { albumId: 2, artistId: 2 },
    ]);
    expect(await count.run([1])).toBe(2);
    expect(events.map((event) => [event.sql, event.params])).toEqual([
      ['find Album', [{ where: { ...where, value: 2 }, fields: ['albumId'] }]],
      [
        'findGrouped Album',
        [{ partitionBy: ['artistId'], keys: [[1], [2]], filter: { fields: ['albumId'], limit: 1 } }],
      ],
      ['count Album', [{ ...where, value: 1 }]],
    ]);
    expect([read.explain(), grouped.explain(), count.explain()]).toEqual([
      ['find Album'],
      ['findGrouped Album'],
      ['count Album'],
    ]);
  });
});
