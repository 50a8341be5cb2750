import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhereNode } from '../../src/juggler/filter/filter-types.js';
import { sqlModel } from '../support/connector-models.js';
import { DIALECTS, type TestConnector } from '../support/dialects.js';

// Neither the process nor UTC: a date that went through a JS Date would shift by a day here.
process.env.TZ = 'Pacific/Auckland';

const Sink = sqlModel('Sink', {
  id: { type: 'BigInt', id: 1, generated: true },
  big: 'BigInt',
  dec: { type: 'Decimal', precision: 38, scale: 9 },
  day: 'DateString',
  at: 'Date',
  clock: 'String',
  j: 'JSON',
  bin: 'Buffer',
  flag: 'Boolean',
  f8: 'Number',
  place: 'GeoPoint',
  ratio: { type: 'Number', precision: 10, scale: 4 },
  count8: { type: 'Number', dataType: 'bigint' },
  code: { type: 'Decimal', dataType: 'integer' },
  label: { type: 'String', length: 20 },
});

const FULL = {
  big: '9223372036854775807',
  dec: '12345678901234567890.123456789',
  day: '2024-02-29',
  at: new Date('2024-02-29T23:30:00.123Z'),
  clock: '13:45:30',
  j: { a: [1, 'x', null], b: { c: true }, s: 'it\'s \\ "quoted"' },
  bin: Buffer.from([0, 1, 2, 255, 92, 39, 34]),
  flag: true,
  f8: 1.5e300,
  place: { lat: 52.52, lng: 13.405 },
  ratio: 0.25,
  count8: 42,
  code: '7',
  label: 'ünïcødé 表',
};

const byId = (id: unknown): WhereNode => ({ kind: 'compare', property: 'id', op: 'eq', value: id });

describe.each(DIALECTS)('values round-trip exactly on $name', (dialect) => {
  const database = 'conn_values';
  let connector: TestConnector;

  beforeAll(async () => {
    connector = dialect.open(await dialect.createDatabase(database));
    await dialect.createTables(connector, ['sink']);
  });

  afterAll(async () => {
    await connector.disconnect();
    await dialect.dropDatabase(database);
  });

  it('writes and reads back every common type in the juggler representation', async () => {
    const created = await connector.create(Sink, FULL);
    expect(created).toEqual({ id: '1', ...FULL });
    const [found] = await connector.find(Sink, { where: byId('1') });
    expect(found).toEqual({ id: '1', ...FULL });
  });

  it('reads bigint as an exact string, never a lossy number', async () => {
    const [row] = await connector.find(Sink, {
      where: { kind: 'compare', property: 'big', op: 'gt', value: '9223372036854775806' },
      fields: ['id', 'big'],
    });
    expect(row).toEqual({ id: '1', big: '9223372036854775807' });
  });

  it('keeps a date as the same calendar day whatever the time zones', async () => {
    expect(new Date('2024-02-29T12:00:00Z').getTimezoneOffset()).toBe(-13 * 60);
    const rows = await connector.find(Sink, {
      where: { kind: 'compare', property: 'day', op: 'eq', value: '2024-02-29' },
      fields: ['day'],
    });
    expect(rows).toEqual([{ day: '2024-02-29' }]);
  });

  it('stores a Date as its instant in UTC and finds it by that instant', async () => {
    const rows = await connector.find(Sink, {
      where: { kind: 'compare', property: 'at', op: 'eq', value: new Date('2024-02-29T23:30:00.123Z') },
      fields: ['id'],
    });
    expect(rows).toEqual([{ id: '1' }]);
    const [raw] = await connector.execute(`select ${dialect.quote('at')} as at from sink`);
    expect(raw?.at).toEqual(new Date('2024-02-29T23:30:00.123Z'));
  });

  it('finds rows by exact decimal, boolean and string values', async () => {
    const find = async (node: WhereNode) =>
      (await connector.find(Sink, { where: node, fields: ['id'] })).map((row) => row.id);
    expect(await find({ kind: 'compare', property: 'dec', op: 'eq', value: FULL.dec })).toEqual(['1']);
    expect(await find({ kind: 'compare', property: 'flag', op: 'eq', value: true })).toEqual(['1']);
    expect(await find({ kind: 'compare', property: 'label', op: 'eq', value: FULL.label })).toEqual(['1']);
    expect(await find({ kind: 'compare', property: 'code', op: 'inq', value: ['7', '8'] })).toEqual(['1']);
  });

  it('updates values of every type', async () => {
    const changes = {
      big: '-9223372036854775808',
      j: [1, 2],
      flag: false,
      place: { lat: -33.86, lng: 151.21 },
      bin: Buffer.from('changed'),
      at: new Date('1999-12-31T23:59:59.999Z'),
    };
    expect(await connector.updateAll(Sink, byId('1'), changes)).toEqual({ count: 1 });
    const [row] = await connector.find(Sink, { where: byId('1') });
    expect(row).toEqual({ id: '1', ...FULL, ...changes });
  });

  it('reads nulls of every type as null', async () => {
    const created = await connector.create(Sink, {});
    const expected = Object.fromEntries(Object.keys(FULL).map((key) => [key, null]));
    expect(created).toEqual({ id: '2', ...expected });
  });
});
