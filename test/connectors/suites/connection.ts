/** The connection life cycle of a data source, and the statements its connector reports to observers. */
import { describe, expect, it } from 'vitest';
import { PERSON } from '../fixtures/people.js';
import type { ConnectorHarness } from '../harness/connector-harness.js';
import { fixtureIds } from '../harness/fixture-ids.js';
import { type StatementEvent, useDataSource } from '../harness/suite-data-source.js';

/** Runs the connection suite on a connector. */
export function connectionSuite(harness: ConnectorHarness): void {
  describe('connection and observation', () => {
    const ids = fixtureIds(harness);
    const db = useDataSource(
      harness,
      'suite_connection',
      [ids.model(PERSON)],
      async ({ Person }) => {
        await Person?.create(ids.numbered([{ name: 'Ada' }, { name: 'Grace' }]));
      },
      { max: 2 },
    );

    it('connects once however often connect is called at the same time', async () => {
      const { dataSource } = db;
      await dataSource.disconnect();
      let connects = 0;
      const count = () => connects++;
      dataSource.on('connected', count);
      await Promise.all([dataSource.connect(), dataSource.connect(), dataSource.connect()]);
      dataSource.off('connected', count);
      expect(connects).toBe(1);
      expect(dataSource.connected).toBe(true);
    });

    it('reads again after a disconnect, reconnecting on the first call', async () => {
      await db.dataSource.disconnect();
      await db.dataSource.disconnect();
      expect(db.dataSource.connected).toBe(false);
      expect(await db.model('Person').count()).toBe(2);
      expect(db.dataSource.connected).toBe(true);
    });

    it('reports each operation once to observers, with its parameters, until they unsubscribe', async () => {
      const connector = db.dataSource.connector!;
      const events: StatementEvent[] = [];
      const stop = connector.observeStatements((event) => events.push(event));
      const throwing = connector.observeStatements(() => {
        throw new Error('observer bug');
      });
      const rows = await db.model('Person').find({ where: { name: 'Ada' } }, { raw: true });
      stop();
      throwing();
      await db.model('Person').count();
      expect(rows).toHaveLength(1);
      expect(events).toEqual([
        {
          connector: harness.name,
          sql: expect.any(String),
          params: expect.any(Array),
          durationMs: expect.any(Number),
          rowCount: 1,
        },
      ]);
      expect(events[0]?.durationMs).toBeGreaterThanOrEqual(0);
    });

    it('serves more concurrent calls than the pool has connections', async () => {
      const Person = db.model('Person');
      const counts = await Promise.all(
        Array.from({ length: 20 }, (_, index) => Person.count({ id: { lte: ids.id(index % 3) } })),
      );
      expect(counts).toEqual(Array.from({ length: 20 }, (_, index) => index % 3));
    });
  });
}
