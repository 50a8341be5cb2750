/** updateAll, destroyAll and destroyById through the DAO, with the counts they resolve to. */
import { describe, expect, it } from 'vitest';
import { MEMBERSHIP, PERSON } from '../fixtures/people.js';
import type { ConnectorHarness } from '../harness/connector-harness.js';
import { fixtureIds } from '../harness/fixture-ids.js';
import { useDataSource } from '../harness/suite-data-source.js';

/** Runs the update and delete suite on a connector. */
export function updatesAndDeletesSuite(harness: ConnectorHarness): void {
  describe('updates and deletes', () => {
    const ids = fixtureIds(harness);
    const db = useDataSource(
      harness,
      'suite_updates',
      [ids.model(PERSON), MEMBERSHIP],
      async ({ Person, Membership }) => {
        await Person?.create([
          { name: 'Ada', email: 'ada@example.com' },
          { name: 'Grace' },
          { name: 'Linus' },
        ]);
        await Membership?.create([
          { groupId: 1, personId: 1 },
          { groupId: 1, personId: 2 },
          { groupId: 2, personId: 1 },
        ]);
      },
    );

    it('updates the matching rows and resolves to their count', async () => {
      const Person = db.model('Person');
      expect(await Person.updateAll({ email: null }, { active: false })).toEqual({ count: 2 });
      expect(await Person.count({ active: false })).toBe(2);
      expect(await Person.updateAll({ id: ids.id(999) }, { active: true })).toEqual({ count: 0 });
    });

    it('counts the rows that match even when the update changes nothing in them', async () => {
      expect(await db.model('Person').updateAll({ active: false }, { active: false })).toEqual({ count: 2 });
    });

    it('updates every row without a where, coercing values to the property types', async () => {
      const Person = db.model('Person');
      expect(await Person.updateAll(undefined, { score: 2 })).toEqual({ count: 3 });
      const scores = await Person.find({ fields: ['score'], order: 'id' }, { raw: true });
      expect(scores.map((row: { score: unknown }) => row.score)).toEqual(['2.00', '2.00', '2.00']);
    });

    it('updates rows of a composite id by a part of it', async () => {
      const Membership = db.model('Membership');
      expect(await Membership.updateAll({ groupId: 1 }, { role: 'admin' })).toEqual({ count: 2 });
      expect(await Membership.findById([2, 1], { fields: ['role'] }, { raw: true })).toMatchObject({
        role: 'member',
      });
    });

    it('refuses to write a read-only property, before any statement', async () => {
      await expect(db.model('Person').updateAll({}, { nickname: 'x' })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
      expect(db.statements).toEqual([]);
    });

    it('deletes the matching rows and resolves to their count', async () => {
      const Person = db.model('Person');
      const temporary = await Person.create({ name: 'Temporary' });
      expect(await Person.destroyAll({ id: temporary.id })).toEqual({ count: 1 });
      expect(await Person.destroyAll({ id: temporary.id })).toEqual({ count: 0 });
    });

    it('destroyById deletes one row, by a composite id too', async () => {
      expect(await db.model('Membership').destroyById([2, 1])).toEqual({ count: 1 });
      expect(await db.model('Membership').destroyById({ groupId: 2, personId: 1 })).toEqual({ count: 0 });
      expect(await db.model('Membership').count()).toBe(2);
    });

    it('deletes every row without a where', async () => {
      expect(await db.model('Membership').destroyAll()).toEqual({ count: 2 });
      expect(await db.model('Membership').count()).toBe(0);
    });
  });
}
