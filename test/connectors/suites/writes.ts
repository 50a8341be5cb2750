/** Creating, upserting and saving instances through the DAO. */
import { describe, expect, it } from 'vitest';
import { MEMBERSHIP, PERSON, SETTING } from '../fixtures/people.js';
import type { ConnectorHarness } from '../harness/connector-harness.js';
import { fixtureIds } from '../harness/fixture-ids.js';
import { useDataSource } from '../harness/suite-data-source.js';

/** Runs the write suite on a connector. */
export function writesSuite(harness: ConnectorHarness): void {
  describe('writes', () => {
    const ids = fixtureIds(harness);
    const db = useDataSource(harness, 'suite_writes', [ids.model(PERSON), MEMBERSHIP, ids.model(SETTING)]);
    /**
     * A create is one statement when the connector returns generated values (also MariaDB's
     * `INSERT ... RETURNING`), else (MySQL) insert and re-read in a transaction of their own.
     */
    const createStatements = () =>
      harness.capabilities.returning || db.statements.some((event) => event.sql.includes(' RETURNING '))
        ? 1
        : 4;

    it('creates an instance and gives it its generated id and default values', async () => {
      const before = Date.now();
      const person = await db.model('Person').create({ name: 'Ada', email: 'ada@example.com' });
      expect(db.statements).toHaveLength(createStatements());
      expect(person.toObject()).toMatchObject({
        id: ids.generated(1),
        name: 'Ada',
        email: 'ada@example.com',
        score: '0.00',
        active: true,
        nickname: null,
      });
      expect(person.isNewRecord()).toBe(false);
      expect(Math.abs((person.createdAt as Date).getTime() - before)).toBeLessThan(60_000);
      const stored = await db.model('Person').findById(person.id, {}, { raw: true });
      expect(stored).toEqual(person.toObject());
    });

    it('creates an instance whose values all come from defaults', async () => {
      const Setting = db.model('Setting');
      expect((await Setting.create({})).toObject()).toEqual({ id: ids.generated(1), label: 'untitled' });
      expect((await Setting.create({ label: 'second' })).toObject()).toEqual({
        id: ids.generated(2),
        label: 'second',
      });
    });

    it('accepts an explicit value for a generated id', async () => {
      const Person = db.model('Person');
      const person = await Person.create({ id: ids.id(100), name: 'Explicit' });
      expect(person.toObject()).toMatchObject({ id: ids.id(100), name: 'Explicit', active: true });
      expect(await Person.exists(ids.id(100))).toBe(true);
      expect(await Person.destroyById(ids.id(100))).toEqual({ count: 1 });
    });

    it('creates several instances from an array, in order', async () => {
      const created = await db.model('Person').create([{ name: 'Grace' }, { name: 'Linus' }]);
      expect(created.map((person: { name: string }) => person.name)).toEqual(['Grace', 'Linus']);
      expect(created[1].id > created[0].id).toBe(true);
    });

    it('never writes a read-only property', async () => {
      const Person = db.model('Person');
      const person = await Person.create({ name: 'Reader', nickname: 'ignored' });
      expect(person.nickname).toBeNull();
      expect(await Person.findById(person.id, {}, { raw: true })).toMatchObject({ nickname: null });
    });

    it('upserts: creates without an id, updates only the given properties with one, creates with an unknown id', async () => {
      const Person = db.model('Person');
      const created = await Person.upsert({ name: 'Hopper', score: '9.50' });
      expect(created.toObject()).toMatchObject({ name: 'Hopper', score: '9.50', active: true });
      const updated = await Person.upsert({ id: created.id, name: 'Grace Hopper' });
      expect(updated.toObject()).toMatchObject({ id: created.id, name: 'Grace Hopper', score: '9.50' });
      const inserted = await Person.upsert({ id: ids.id(50), name: 'Fifty' });
      expect(inserted.toObject()).toMatchObject({ id: ids.id(50), name: 'Fifty', score: '0.00' });
      expect(await Person.findById(created.id, { fields: ['name', 'score'] }, { raw: true })).toEqual({
        id: created.id,
        name: 'Grace Hopper',
        score: '9.50',
      });
    });

    it('upserts on a composite id, also when only the id is given', async () => {
      const Membership = db.model('Membership');
      const plain = async (data: Record<string, unknown>) => (await Membership.upsert(data)).toObject();
      expect(await plain({ groupId: 1, personId: 1, role: 'owner' })).toEqual({
        groupId: 1,
        personId: 1,
        role: 'owner',
      });
      expect(await plain({ groupId: 1, personId: 1, role: 'admin' })).toEqual({
        groupId: 1,
        personId: 1,
        role: 'admin',
      });
      expect(await plain({ groupId: 1, personId: 1 })).toEqual({ groupId: 1, personId: 1, role: 'admin' });
      expect(await plain({ groupId: 2, personId: 1 })).toEqual({ groupId: 2, personId: 1, role: 'member' });
      expect(await Membership.count({ groupId: 1, personId: 1 })).toBe(1);
      expect(await Membership.findById([1, 1], {}, { raw: true })).toEqual({
        groupId: 1,
        personId: 1,
        role: 'admin',
      });
    });

    it('findOrCreate finds the first match, or creates an instance from the equalities of the where', async () => {
      const Person = db.model('Person');
      const [created, wasCreated] = await Person.findOrCreate({ where: { name: 'Barbara', active: false } });
      expect(wasCreated).toBe(true);
      expect(created.toObject()).toMatchObject({ name: 'Barbara', active: false });
      const [found, wasCreatedAgain] = await Person.findOrCreate({ where: { name: 'Barbara' } });
      expect([found.id, wasCreatedAgain]).toEqual([created.id, false]);
      const [other] = await Person.findOrCreate({ where: { name: 'Nobody' } }, { name: 'Somebody' });
      expect(other.name).toBe('Somebody');
    });

    it('saves a new instance, then saves its changes to the same row', async () => {
      const Person = db.model('Person');
      const person = new Person({ name: 'Margaret' });
      expect(person.isNewRecord()).toBe(true);
      await person.save();
      expect(person.isNewRecord()).toBe(false);
      person.email = 'margaret@example.com';
      await person.save();
      expect(await Person.findById(person.id, { fields: ['name', 'email'] }, { raw: true })).toEqual({
        id: person.id,
        name: 'Margaret',
        email: 'margaret@example.com',
      });
      expect(await Person.count({ name: 'Margaret' })).toBe(1);
    });

    it('updates the attributes of an instance and reloads what the database stored', async () => {
      const Person = db.model('Person');
      const person = await Person.create({ name: 'Edsger' });
      await person.updateAttributes({ score: '1.255', active: false });
      await person.updateAttribute('email', 'edsger@example.com');
      const other = await Person.findById(person.id);
      await other.updateAttributes({ name: 'Edsger Dijkstra' });
      await person.reload();
      expect(person.toObject()).toMatchObject({
        name: 'Edsger Dijkstra',
        active: false,
        email: 'edsger@example.com',
      });
      expect(['1.25', '1.26', '1.255']).toContain(person.score);
    });

    it('destroys an instance, after which it cannot be found', async () => {
      const Person = db.model('Person');
      const person = await Person.create({ name: 'Temporary' });
      await person.destroy();
      expect(await Person.findById(person.id)).toBeNull();
      expect(await Person.exists(person.id)).toBe(false);
      expect(await Person.destroyById(person.id)).toEqual({ count: 0 });
    });

    it('refuses writes to a read-only model before any statement', async () => {
      const View = db.dataSource.createModel(
        'PersonView',
        { id: { type: 'Number', id: true }, name: 'String' },
        { readOnly: true },
      );
      await expect(View.create({ id: 1 })).rejects.toMatchObject({ code: 'READ_ONLY_MODEL' });
      await expect(View.upsert({ id: 1 })).rejects.toMatchObject({ code: 'READ_ONLY_MODEL' });
      await expect(View.updateAll({}, { name: 'x' })).rejects.toMatchObject({ code: 'READ_ONLY_MODEL' });
      await expect(View.destroyAll()).rejects.toMatchObject({ code: 'READ_ONLY_MODEL' });
      expect(db.statements).toEqual([]);
    });
  });
}
