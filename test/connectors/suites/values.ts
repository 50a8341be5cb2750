/** Values of every model type travel exactly: written, read, found and updated without losing anything. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SINK_VALUES, sinkModel } from '../fixtures/sink.js';
import type { ConnectorHarness } from '../harness/connector-harness.js';
import { type FixtureId, fixtureIds } from '../harness/fixture-ids.js';
import { useDataSource } from '../harness/suite-data-source.js';

/** Runs the value round-trip suite on a connector. */
export function valuesSuite(harness: ConnectorHarness): void {
  describe('value round trips', () => {
    // Neither the process's zone nor UTC: a date that went through a local JS Date would shift by a day here.
    let zone: string | undefined;
    beforeAll(() => {
      zone = process.env.TZ;
      process.env.TZ = 'Pacific/Auckland';
    });
    afterAll(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });
    const ids = fixtureIds(harness);
    const db = useDataSource(harness, 'suite_values', [ids.model(sinkModel(harness))]);
    const Sink = () => db.model('Sink');
    const idsWhere = async (where: Record<string, unknown>) =>
      (await Sink().find({ where, fields: ['id'] }, { raw: true })).map((row: { id: unknown }) => row.id);
    /** The id the database generated for the first row (the first test creates it). */
    let first: FixtureId = '';

    it('writes and reads back a value of every type exactly, in the juggler representation', async () => {
      const created = await Sink().create(SINK_VALUES);
      expect(created.toObject()).toEqual({ id: ids.generated('1'), ...SINK_VALUES });
      first = created.id;
      expect(await Sink().findById(first, {}, { raw: true })).toEqual({ id: first, ...SINK_VALUES });
    });

    it('keeps a BigInt beyond 2^53 exact, and compares it exactly', async () => {
      expect(await idsWhere({ big: '9223372036854775807' })).toEqual([first]);
      expect(await idsWhere({ big: { gt: '9223372036854775806' } })).toEqual([first]);
      expect(await idsWhere({ big: { lt: '9223372036854775807' } })).toEqual([]);
    });

    it('keeps a Decimal exact to its scale, and compares it exactly', async () => {
      expect(await idsWhere({ dec: SINK_VALUES.dec })).toEqual([first]);
      expect(await idsWhere({ dec: { gt: '12345678901234567890.123456788' } })).toEqual([first]);
      expect(await idsWhere({ code: { inq: ['7', '8'] } })).toEqual([first]);
    });

    it('keeps a DateString the same calendar day whatever the time zones', async () => {
      expect(new Date('2024-02-29T12:00:00Z').getTimezoneOffset()).toBe(-13 * 60);
      expect(await Sink().find({ where: { day: '2024-02-29' }, fields: ['day'] }, { raw: true })).toEqual([
        { id: first, day: '2024-02-29' },
      ]);
      expect(await idsWhere({ day: { between: ['2024-02-29', '2024-02-29'] } })).toEqual([first]);
    });

    it('stores a Date as its instant to the millisecond and finds it by that instant', async () => {
      expect(await idsWhere({ at: new Date('2024-02-29T23:30:00.123Z') })).toEqual([first]);
      expect(await idsWhere({ at: '2024-03-01T12:30:00.123+13:00' })).toEqual([first]);
      expect(await idsWhere({ at: { gt: new Date('2024-02-29T23:30:00.122Z') } })).toEqual([first]);
    });

    it('finds rows by boolean, number and unicode string values', async () => {
      expect(await idsWhere({ flag: true })).toEqual([first]);
      expect(await idsWhere({ flag: false })).toEqual([]);
      expect(await idsWhere({ label: SINK_VALUES.label })).toEqual([first]);
      expect(await idsWhere({ f8: { gt: 1e300 } })).toEqual([first]);
      expect(await idsWhere({ count8: 42, ratio: 0.25 })).toEqual([first]);
    });

    it('updates values of every type', async () => {
      const changes = {
        big: '-9223372036854775808',
        dec: '-0.000000001',
        j: [1, 2],
        obj: {},
        flag: false,
        place: { lat: -33.86, lng: 151.21 },
        bin: Buffer.from('changed'),
        at: new Date('1999-12-31T23:59:59.999Z'),
        day: '2000-01-01',
        tags: [],
      };
      expect(await Sink().updateAll({ id: first }, changes)).toEqual({ count: 1 });
      expect(await Sink().findById(first, {}, { raw: true })).toEqual({
        id: first,
        ...SINK_VALUES,
        ...changes,
      });
    });

    it('reads the nulls of every type as null', async () => {
      const created = await Sink().create({});
      const nulls = Object.fromEntries(Object.keys(SINK_VALUES).map((key) => [key, null]));
      expect(created.toObject()).toEqual({ id: ids.generated('2'), ...nulls });
      expect(await Sink().findById(created.id, {}, { raw: true })).toEqual({ id: created.id, ...nulls });
    });
  });
}
