import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ModelClass } from '../../src/juggler/dao/model-class.js';
import type { DataSource } from '../../src/juggler/datasource.js';
import {
  type ConnectorCall,
  clearAllObservers,
  HOOK_SOURCES,
  notesModels,
  recordConnectorCalls,
} from '../support/hook-sources.js';

// biome-ignore lint/suspicious/noExplicitAny: instances and rows are inspected loosely.
type Loose = Record<string, any>;

const DATABASE = 'juggler_op_options';

describe.each(HOOK_SOURCES)("the caller's options on $name", (source) => {
  let ds: DataSource;
  let Owner: ModelClass;
  let Note: ModelClass;
  let calls: ConnectorCall[];
  let ann: Loose;
  let bob: Loose;
  let b1: Loose;

  beforeAll(async () => {
    ds = await source.open(DATABASE);
    ({ Owner, Note } = await notesModels(ds));
    calls = await recordConnectorCalls(ds);
  });

  afterAll(async () => {
    await ds?.disconnect();
    await source.drop(DATABASE);
  });

  beforeEach(async () => {
    clearAllObservers(Owner, Note);
    await Note.destroyAll();
    await Owner.destroyAll();
    [ann, bob] = await Owner.create([{ name: 'Ann' }, { name: 'Bob' }]);
    [, , b1] = await Note.create([
      { title: 'a1', ownerId: ann.id },
      { title: 'a2', ownerId: ann.id },
      { title: 'b1', ownerId: bob.id },
    ]);
    calls.length = 0;
  });

  /** Runs `work` and expects every connector call it made to carry `options` as the caller's options. */
  async function expectOptionsReachConnector(
    options: Record<string, unknown>,
    work: () => Promise<unknown>,
  ): Promise<ConnectorCall[]> {
    calls.length = 0;
    await work();
    const made = [...calls];
    expect(made.length).toBeGreaterThan(0);
    for (const call of made) {
      expect(call.options?.options, `${call.method} of ${call.model}`).toBe(options);
      expect(call.options?.transaction).toBeUndefined();
    }
    return made;
  }

  /** An access listener on Note that keeps the caller's own notes only (`options.callerId`). */
  function ownNotesOnly(): void {
    Note.observe('access', (ctx: Loose) => {
      if (ctx.options.callerId === undefined) return;
      ctx.query.where = { and: [ctx.query.where, { ownerId: ctx.options.callerId }] };
    });
  }

  const titles = (rows: Loose[]) => rows.map((row) => row.title);

  it('reach the connector unchanged from find, findOne, findById, count, exists, findGrouped and include', async () => {
    const options = { callerId: ann.id };
    await expectOptionsReachConnector(options, () => Note.find({ order: 'title' }, options));
    await expectOptionsReachConnector(options, () => Note.findOne({ where: { title: 'a1' } }, options));
    await expectOptionsReachConnector(options, () => Note.findById(b1.id, undefined, options));
    await expectOptionsReachConnector(options, () => Note.count({ title: 'a1' }, options));
    await expectOptionsReachConnector(options, () => Note.exists(b1.id, options));
    await expectOptionsReachConnector(options, () =>
      Note.findGrouped({ partitionBy: ['ownerId'], keys: [[ann.id]], filter: { limit: 1 } }, options),
    );
    const included = await expectOptionsReachConnector(options, () =>
      Owner.find({ include: [{ relation: 'notes', scope: { limit: 1 } }, 'notes'] }, options),
    );
    expect(included.map((call) => `${call.method} ${call.model}`)).toEqual([
      'find Owner',
      'findGrouped Note',
      'find Note',
    ]);
    const owners = await Owner.find();
    await expectOptionsReachConnector(options, () => Owner.include(owners, 'notes', options));
  });

  it("reach the connector unchanged from the GraphQL layer's raw reads with joins, in one statement or read apart", async () => {
    const belongsTo = { raw: true, join: [{ relation: 'owner', fields: ['name'] }], callerId: bob.id };
    await expectOptionsReachConnector(belongsTo, () => Note.find({ order: 'title' }, belongsTo));
    const hasMany = {
      raw: true,
      join: [{ relation: 'notes', fields: ['title'], filter: { order: 'title', limit: 1 } }],
      callerId: bob.id,
    };
    await expectOptionsReachConnector(hasMany, () => Owner.find({ order: 'name' }, hasMany));
    // A joined model with listeners is read apart: the options reach that read too.
    Note.observe('loaded', () => {});
    const apart = await expectOptionsReachConnector(hasMany, () => Owner.find({ order: 'name' }, hasMany));
    expect(apart.map((call) => `${call.method} ${call.model}`)).toEqual(['find Owner', 'findGrouped Note']);
  });

  it('reach the connector unchanged from relation accessors', async () => {
    const options = { callerId: ann.id };
    const owner = await Owner.findById(ann.id);
    const note = await Note.findById(b1.id);
    await expectOptionsReachConnector(options, () => owner.notes(true, options));
    await expectOptionsReachConnector(options, () => owner.notes.find({ order: 'title' }, options));
    await expectOptionsReachConnector(options, () => owner.notes.findOne({}, options));
    await expectOptionsReachConnector(options, () => owner.notes.findById(b1.id, options));
    await expectOptionsReachConnector(options, () => owner.notes.count({}, options));
    await expectOptionsReachConnector(options, () => note.owner(true, options));
    await expectOptionsReachConnector(options, () => owner.notes.create({ title: 'a3' }, options));
    await expectOptionsReachConnector(options, () => owner.notes.destroyAll({ title: 'a3' }, options));
  });

  it('reach the connector unchanged from every write', async () => {
    const options = { callerId: ann.id };
    const note: Loose = await expectOptionsReachConnector(options, () =>
      Note.create({ title: 'c', ownerId: ann.id }, options),
    ).then(() => Note.findOne({ where: { title: 'c' } }));
    note.title = 'c2';
    await expectOptionsReachConnector(options, () => note.save(options));
    await expectOptionsReachConnector(options, () => note.updateAttributes({ title: 'c3' }, options));
    await expectOptionsReachConnector(options, () => note.updateAttribute('title', 'c4', options));
    await expectOptionsReachConnector(options, () => Note.upsert({ id: note.id, title: 'c5' }, options));
    await expectOptionsReachConnector(options, () => Note.upsert({ title: 'd' }, options));
    await expectOptionsReachConnector(options, () =>
      Note.findOrCreate({ where: { title: 'e' } }, { title: 'e' }, options),
    );
    await expectOptionsReachConnector(options, () => Note.updateAll({ title: 'e' }, { title: 'f' }, options));
    await expectOptionsReachConnector(options, () => Note.destroyAll({ title: 'f' }, options));
    await expectOptionsReachConnector(options, () => Note.destroyById(note.id, options));
    const d: Loose = await Note.findOne({ where: { title: 'd' } });
    await expectOptionsReachConnector(options, () => d.destroy(options));
    expect(titles(await Note.find({ order: 'title' }))).toEqual(['a1', 'a2', 'b1']);
  });

  it('carry a transaction given in the options to the connector as OperationOptions.transaction too', async () => {
    const connector = ds.connector as Loose;
    const transaction =
      typeof connector.beginTransaction === 'function' ? await connector.beginTransaction() : { token: 1 };
    const options = { transaction, callerId: ann.id };
    calls.length = 0;
    await Note.create({ title: 'in a transaction', ownerId: ann.id }, options);
    await Note.count({}, options);
    expect(calls.map((call) => [call.method, call.options?.transaction, call.options?.options])).toEqual([
      ['create', transaction, options],
      ['count', transaction, options],
    ]);
    if (typeof transaction.rollback === 'function') {
      await transaction.rollback();
      expect(await Note.count({ title: 'in a transaction' })).toBe(0);
    }
  });

  it("let an access listener that adds the caller's ownerId narrow find, findOne, findById, count, exists and raw joins", async () => {
    ownNotesOnly();
    const mine = { callerId: ann.id };
    expect(titles(await Note.find({ order: 'title' }, mine))).toEqual(['a1', 'a2']);
    expect(titles(await Note.find({ order: 'title' }))).toEqual(['a1', 'a2', 'b1']);
    expect(await Note.findOne({ where: { title: 'b1' } }, mine)).toBeNull();
    expect(await Note.findById(b1.id, undefined, mine)).toBeNull();
    expect((await Note.findById(b1.id, undefined, { callerId: bob.id })).title).toBe('b1');
    expect(await Note.count({}, mine)).toBe(2);
    expect(await Note.exists(b1.id, mine)).toBe(false);
    const rows = await Note.find(
      { order: 'title', fields: ['title'] },
      { raw: true, join: [{ relation: 'owner', fields: ['name'] }], callerId: bob.id },
    );
    expect(rows).toEqual([{ id: b1.id, title: 'b1', ownerId: bob.id, owner: { id: bob.id, name: 'Bob' } }]);
  });

  it('let the same listener narrow relation reads: accessors, include, a paged include and hasMany joins', async () => {
    ownNotesOnly();
    const bobs = { callerId: bob.id };
    const owner = await Owner.findById(ann.id);
    expect(await owner.notes(true, bobs)).toEqual([]);
    expect(await owner.notes.count({}, bobs)).toBe(0);
    expect(titles(await owner.notes(true, { callerId: ann.id }))).toEqual(
      expect.arrayContaining(['a1', 'a2']),
    );
    const notesByOwner = (owners: Loose[]) =>
      owners.map((one) => [
        one.name,
        titles(typeof one.toJSON === 'function' ? one.toJSON().notes : one.notes),
      ]);
    expect(notesByOwner(await Owner.find({ order: 'name', include: 'notes' }, bobs))).toEqual([
      ['Ann', []],
      ['Bob', ['b1']],
    ]);
    const paged = { order: 'name', include: { relation: 'notes', scope: { order: 'title', limit: 5 } } };
    expect(notesByOwner(await Owner.find(paged, bobs))).toEqual([
      ['Ann', []],
      ['Bob', ['b1']],
    ]);
    for (const filter of [undefined, { order: 'title', limit: 5 }]) {
      const join = [{ relation: 'notes', fields: ['title'], ...(filter ? { filter } : {}) }];
      const rows = await Owner.find({ order: 'name' }, { raw: true, join, ...bobs });
      expect(notesByOwner(rows)).toEqual([
        ['Ann', []],
        ['Bob', ['b1']],
      ]);
    }
  });

  it('let the same listener narrow updateAll and destroyAll to the caller’s rows', async () => {
    ownNotesOnly();
    expect(await Note.updateAll({}, { title: 'mine' }, { callerId: ann.id })).toEqual({ count: 2 });
    expect(await Note.destroyAll({}, { callerId: bob.id })).toEqual({ count: 1 });
    expect(titles(await Note.find({ order: 'title' }))).toEqual(['mine', 'mine']);
  });
});
