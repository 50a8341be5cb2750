/** Reading through the DAO: find with where/order/limit/skip/fields, findOne, findById, count, exists. */
import { describe, expect, it } from 'vitest';
import { MEMBERSHIP, PERSON } from '../fixtures/people.js';
import type { ConnectorHarness } from '../harness/connector-harness.js';
import { type FixtureIds, fixtureIds } from '../harness/fixture-ids.js';
import { useDataSource } from '../harness/suite-data-source.js';

const people = ({ id }: FixtureIds) => [
  { id: id(1), name: 'Ada', email: 'ada@example.com', score: '9.00' },
  { id: id(2), name: 'Grace', email: null, score: '7.50' },
  { id: id(3), name: 'Linus', email: 'linus@example.com', score: '7.50' },
  { id: id(4), name: 'Barbara', email: null, score: '3.25', active: false },
];

/** Runs the read suite on a connector. */
export function readsSuite(harness: ConnectorHarness): void {
  describe('reads', () => {
    const fixture = fixtureIds(harness);
    const { id, idList } = fixture;
    const db = useDataSource(harness, 'suite_reads', [fixture.model(PERSON), MEMBERSHIP], async (models) => {
      const { Person, Membership } = models;
      await Person?.create(people(fixture));
      await Membership?.create([
        { groupId: 1, personId: 1, role: 'owner' },
        { groupId: 1, personId: 2 },
        { groupId: 2, personId: 1 },
      ]);
    });
    const ids = (rows: { id?: unknown }[]) => rows.map((row) => row.id);

    it('finds with where, order, limit, skip and fields', async () => {
      const rows = await db
        .model('Person')
        .find(
          { where: { name: { neq: 'Ada' } }, order: 'name DESC', fields: ['id', 'name'], limit: 2, skip: 1 },
          { raw: true },
        );
      expect(rows).toEqual([
        { id: id(2), name: 'Grace' },
        { id: id(4), name: 'Barbara' },
      ]);
      expect(db.statements).toHaveLength(1);
    });

    it('skips without a limit', async () => {
      const Person = db.model('Person');
      const all = await Person.find({ order: 'id', fields: ['id'] }, { raw: true });
      expect(ids(all)).toEqual(idList([1, 2, 3, 4]));
      expect(await Person.find({ order: 'id', skip: 1, fields: ['id'] }, { raw: true })).toEqual(
        all.slice(1),
      );
    });

    it('orders by several properties, each in its own direction', async () => {
      const rows = await db
        .model('Person')
        .find({ order: ['score DESC', 'name ASC'], fields: ['id'] }, { raw: true });
      expect(ids(rows)).toEqual(idList([1, 2, 3, 4]));
      const reversed = await db.model('Person').find({ order: ['score ASC', 'name DESC'] }, { raw: true });
      expect(ids(reversed)).toEqual(idList([4, 3, 2, 1]));
    });

    it('selects fields given as an object of inclusions or exclusions', async () => {
      const Person = db.model('Person');
      expect(await Person.findById(id(1), { fields: { name: true } }, { raw: true })).toEqual({
        id: id(1),
        name: 'Ada',
      });
      const without = await Person.findById(
        id(1),
        { fields: { createdAt: false, nickname: false } },
        { raw: true },
      );
      expect(Object.keys(without).sort()).toEqual(['active', 'email', 'id', 'name', 'score']);
    });

    it('returns model instances unless raw rows are asked for', async () => {
      const [person] = await db.model('Person').find({ where: { id: id(1) } });
      expect(person).toBeInstanceOf(db.model('Person'));
      expect(person.isNewRecord()).toBe(false);
      expect(person.toObject()).toMatchObject({ id: id(1), name: 'Ada', score: '9.00', active: true });
    });

    it('findOne gives the first match in order, or null', async () => {
      const Person = db.model('Person');
      expect((await Person.findOne({ where: { score: '7.50' }, order: 'name DESC' })).name).toBe('Linus');
      expect(await Person.findOne({ where: { name: 'Nobody' } })).toBeNull();
    });

    it('findById finds by a single id, and by a composite id as an array or an object', async () => {
      expect((await db.model('Person').findById(id(3))).name).toBe('Linus');
      expect(await db.model('Person').findById(id(99))).toBeNull();
      const Membership = db.model('Membership');
      expect(await Membership.findById([1, 1], {}, { raw: true })).toEqual({
        groupId: 1,
        personId: 1,
        role: 'owner',
      });
      expect(await Membership.findById({ groupId: 2, personId: 1 }, {}, { raw: true })).toEqual({
        groupId: 2,
        personId: 1,
        role: 'member',
      });
      expect(await Membership.findById([2, 2])).toBeNull();
    });

    it('findById applies the filter it is given alongside the id', async () => {
      const Person = db.model('Person');
      expect(await Person.findById(id(4), { where: { active: true } })).toBeNull();
      expect(
        await Person.findById(id(4), { where: { active: false }, fields: ['name'] }, { raw: true }),
      ).toEqual({
        id: id(4),
        name: 'Barbara',
      });
    });

    it('counts with and without a where', async () => {
      const Person = db.model('Person');
      expect(await Person.count()).toBe(4);
      expect(await Person.count({ active: true })).toBe(3);
      expect(await Person.count({ email: null })).toBe(2);
      expect(await db.model('Membership').count({ groupId: 1 })).toBe(2);
    });

    it('exists is true for a stored id only, composite ids included', async () => {
      expect(await db.model('Person').exists(id(2))).toBe(true);
      expect(await db.model('Person').exists(id(22))).toBe(false);
      expect(await db.model('Membership').exists({ groupId: 1, personId: 2 })).toBe(true);
      expect(await db.model('Membership').exists([2, 2])).toBe(false);
    });

    it('finds a thousand ids in one statement', async () => {
      const wanted = idList(Array.from({ length: 1000 }, (_, index) => index + 1));
      const rows = await db
        .model('Person')
        .find({ where: { id: { inq: wanted } }, order: 'id', fields: ['id'] }, { raw: true });
      expect(ids(rows)).toEqual(idList([1, 2, 3, 4]));
      expect(db.statements).toHaveLength(1);
    });
  });
}
