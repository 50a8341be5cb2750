import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ModelClass } from '../../src/juggler/dao/model-class.js';
import type { DataSource } from '../../src/juggler/datasource.js';
import { HOOK_NAMES } from '../../src/juggler/hooks.js';
import { clearAllObservers, HOOK_SOURCES, notesModels, OPERATIONS } from '../support/hook-sources.js';

// biome-ignore lint/suspicious/noExplicitAny: contexts are inspected loosely, as a listener would.
type Context = Record<string, any>;
type Next = (err?: unknown) => void;

/** LoopBack's Hookable hooks the DAO runs (afterInitialize runs at construction). */
const HOOKABLE = HOOK_NAMES.filter((name) => name !== 'afterInitialize');

const DATABASE = 'juggler_op_hooks';

describe.each(HOOK_SOURCES)('operation hooks of the DAO on $name', (source) => {
  let ds: DataSource;
  let Owner: ModelClass;
  let Note: ModelClass;
  let ann: Context;
  let bob: Context;

  beforeAll(async () => {
    ds = await source.open(DATABASE);
    ({ Owner, Note } = await notesModels(ds));
  });

  afterAll(async () => {
    await ds?.disconnect();
    await source.drop(DATABASE);
  });

  beforeEach(async () => {
    clearAllObservers(Owner, Note);
    for (const hook of HOOKABLE) Reflect.deleteProperty(Note, hook);
    await Note.destroyAll();
    await Owner.destroyAll();
    [ann, bob] = await Owner.create([{ name: 'Ann' }, { name: 'Bob' }]);
    await Note.create([
      { title: 'a1', ownerId: ann.id },
      { title: 'a2', ownerId: ann.id },
      { title: 'b1', ownerId: bob.id },
    ]);
  });

  /** Records every notification of `operations` on Note: the operation and its (live) context. */
  function record(operations: readonly string[] = OPERATIONS): { op: string; ctx: Context }[] {
    const events: { op: string; ctx: Context }[] = [];
    for (const op of operations) Note.observe(op, (ctx: Context) => void events.push({ op, ctx }));
    return events;
  }

  /** Logs the Hookable hooks of Note and its operation hooks, in the order they run. */
  function logAll(): string[] {
    const log: string[] = [];
    for (const hook of HOOKABLE) {
      Note[hook] = (next: Next) => {
        log.push(hook);
        next();
      };
    }
    for (const op of OPERATIONS) Note.observe(op, () => void log.push(op));
    return log;
  }

  const keys = (ctx: Context | undefined) => Object.keys(ctx ?? {}).sort();
  const titles = (rows: Context[]) => rows.map((row) => row.title);
  const noteNamed = async (title: string): Promise<Context> => Note.findOne({ where: { title } });

  describe('reads', () => {
    it('find, findOne and findById give access the filter as ctx.query, then loaded each row, with one hookState', async () => {
      const events = record(['access', 'loaded']);
      const options = { callerId: 1 };
      const found = await Note.find({ where: { ownerId: ann.id }, order: 'title' }, options);
      expect(titles(found)).toEqual(['a1', 'a2']);
      expect(events.map((event) => event.op)).toEqual(['access', 'loaded', 'loaded']);
      const [access, first, second] = events.map((event) => event.ctx);
      expect(keys(access)).toEqual(['Model', 'hookState', 'options', 'query']);
      expect(access?.Model).toBe(Note);
      expect(access?.options).toBe(options);
      expect(access?.query).toEqual({ where: { ownerId: ann.id }, order: 'title' });
      expect(keys(first)).toEqual(['Model', 'data', 'hookState', 'isNewInstance', 'options']);
      expect(first?.data).toEqual({ id: found[0].id, title: 'a1', ownerId: ann.id });
      expect(first?.isNewInstance).toBe(false);
      expect(first?.options).toBe(options);
      expect(first?.hookState).toBe(access?.hookState);
      expect(second?.hookState).toBe(access?.hookState);

      events.length = 0;
      await Note.findOne({ where: { title: 'b1' } }, options);
      expect(events[0]?.ctx.query).toEqual({ where: { title: 'b1' }, limit: 1 });
      events.length = 0;
      const byId = await Note.findById(found[0].id, undefined, options);
      expect(byId.title).toBe('a1');
      expect(events[0]?.ctx.query).toEqual({ where: { id: found[0].id }, limit: 1 });
      expect(events[0]?.ctx.options).toBe(options);
    });

    it("access may change ctx.query in place or replace it; the read uses what it leaves and the caller's filter stays as it was", async () => {
      Note.observe('access', (ctx: Context) => {
        ctx.query.where.ownerId = bob.id;
      });
      const filter = Object.freeze({ where: Object.freeze({ title: { like: '%1' } }) });
      expect(titles(await Note.find(filter))).toEqual(['b1']);
      expect(titles(await Note.find(filter, { raw: true }))).toEqual(['b1']);
      expect(filter).toEqual({ where: { title: { like: '%1' } } });
      expect(await Note.count()).toBe(1);

      Note.clearObservers('access');
      const a1 = await noteNamed('a1');
      Note.observe('access', (ctx: Context) => {
        ctx.query = { where: { title: 'a2' } };
      });
      expect(titles(await Note.find({ where: { title: 'a1' } }))).toEqual(['a2']);
      expect(await Note.count({ title: 'a1' })).toBe(1);
      expect((await Note.findById(a1.id)).title).toBe('a2');
      expect(await Note.exists(a1.id)).toBe(true);
    });

    it('loaded may change the data that instances and raw rows are built from', async () => {
      Note.observe('loaded', (ctx: Context) => {
        ctx.data.title = String(ctx.data.title).toUpperCase();
      });
      expect(titles(await Note.find({ order: 'title' }))).toEqual(['A1', 'A2', 'B1']);
      expect(titles(await Note.find({ order: 'title' }, { raw: true }))).toEqual(['A1', 'A2', 'B1']);
    });

    it('count and exists give access ctx.query.where ({} without one) and load nothing', async () => {
      const events = record(['access', 'loaded']);
      const a1 = await noteNamed('a1');
      events.length = 0;
      const options = { callerId: 2 };
      expect(await Note.count({ ownerId: ann.id }, options)).toBe(2);
      expect(await Note.count()).toBe(3);
      expect(await Note.exists(a1.id, options)).toBe(true);
      expect(events.map((event) => [event.op, event.ctx.query])).toEqual([
        ['access', { where: { ownerId: ann.id } }],
        ['access', { where: {} }],
        ['access', { where: { id: a1.id } }],
      ]);
      expect(events[0]?.ctx.options).toBe(options);
      expect(events[1]?.ctx.options).toEqual({});
    });
  });

  describe('create and save', () => {
    it('create runs before save, validation, beforeCreate, beforeSave, persist, loaded, afterSave, afterCreate, then after save', async () => {
      const log = logAll();
      const events = record();
      const options = { callerId: 3 };
      const note = await Note.create({ title: 'c', ownerId: ann.id }, options);
      expect(log).toEqual([
        'before save',
        'beforeValidate',
        'afterValidate',
        'beforeCreate',
        'beforeSave',
        'persist',
        'loaded',
        'afterSave',
        'afterCreate',
        'after save',
      ]);
      const [beforeSave, persist, loaded, afterSave] = events.map((event) => event.ctx);
      expect(keys(beforeSave)).toEqual(['Model', 'hookState', 'instance', 'isNewInstance', 'options']);
      expect(beforeSave?.instance).toBe(note);
      expect(beforeSave?.isNewInstance).toBe(true);
      expect(keys(persist)).toEqual([
        'Model',
        'currentInstance',
        'data',
        'hookState',
        'isNewInstance',
        'options',
      ]);
      expect(persist?.data).toEqual({ title: 'c', ownerId: ann.id });
      expect(persist?.currentInstance).toBe(note);
      expect(persist?.isNewInstance).toBe(true);
      expect(keys(loaded)).toEqual(['Model', 'data', 'hookState', 'isNewInstance', 'options']);
      expect(loaded?.data).toEqual({ id: note.id, title: 'c', ownerId: ann.id });
      expect(loaded?.isNewInstance).toBe(true);
      expect(keys(afterSave)).toEqual(['Model', 'hookState', 'instance', 'isNewInstance', 'options']);
      expect(afterSave?.instance).toBe(note);
      expect(afterSave?.isNewInstance).toBe(true);
      for (const ctx of [beforeSave, persist, loaded, afterSave]) {
        expect(ctx?.options).toBe(options);
        expect(ctx?.hookState).toBe(beforeSave?.hookState);
      }
    });

    it('before save may change the instance create writes, persist the values sent, and the instance takes the stored row', async () => {
      Note.observe('before save', (ctx: Context) => {
        if (ctx.instance) ctx.instance.title = `${ctx.instance.title}!`;
      });
      Note.observe('persist', (ctx: Context) => {
        ctx.data.title = `[${ctx.data.title}]`;
      });
      const note = await Note.create({ title: 'c', ownerId: ann.id });
      expect(note.title).toBe('[c!]');
      expect((await Note.findById(note.id)).title).toBe('[c!]');
    });

    it('create of an array runs before save of every item before validating any, each item with its own hookState', async () => {
      const log = logAll();
      const states: unknown[] = [];
      Note.observe('before save', (ctx: Context) => void states.push(ctx.hookState));
      Note.observe('after save', (ctx: Context) => void states.push(ctx.hookState));
      await Note.create([{ title: 'x' }, { title: 'y' }]);
      expect(log.slice(0, 6)).toEqual([
        'before save',
        'before save',
        'beforeValidate',
        'afterValidate',
        'beforeValidate',
        'afterValidate',
      ]);
      const [beforeX, beforeY, afterX, afterY] = states;
      expect(beforeX).not.toBe(beforeY);
      expect(afterX).toBe(beforeX);
      expect(afterY).toBe(beforeY);
    });

    it('save of a persisted instance runs before save (ctx.instance), persist (where, currentInstance), loaded, then after save before afterUpdate and afterSave', async () => {
      const note = await noteNamed('a1');
      const log = logAll();
      const events = record();
      note.title = 'a1 edited';
      const options = { callerId: 4 };
      await note.save(options);
      expect(log).toEqual([
        'before save',
        'beforeValidate',
        'afterValidate',
        'beforeSave',
        'beforeUpdate',
        'persist',
        'loaded',
        'after save',
        'afterUpdate',
        'afterSave',
      ]);
      const [beforeSave, persist, loaded, afterSave] = events.map((event) => event.ctx);
      expect(keys(beforeSave)).toEqual(['Model', 'hookState', 'instance', 'options']);
      expect(beforeSave?.instance).toBe(note);
      expect(keys(persist)).toEqual(['Model', 'currentInstance', 'data', 'hookState', 'options', 'where']);
      expect(persist?.where).toEqual({ id: note.id });
      expect(persist?.data).toEqual({ title: 'a1 edited', ownerId: ann.id });
      expect(loaded?.data).toEqual({ id: note.id, title: 'a1 edited', ownerId: ann.id });
      expect(loaded?.isNewInstance).toBe(false);
      expect(keys(afterSave)).toEqual(['Model', 'hookState', 'instance', 'isNewInstance', 'options']);
      expect(afterSave?.isNewInstance).toBe(false);
      for (const ctx of [beforeSave, persist, loaded, afterSave]) {
        expect(ctx?.options).toBe(options);
        expect(ctx?.hookState).toBe(beforeSave?.hookState);
      }
      expect((await Note.findById(note.id)).title).toBe('a1 edited');
    });

    it("save of a new instance runs create's hooks", async () => {
      const events = record(['before save', 'after save']);
      const note = new Note({ title: 'fresh', ownerId: bob.id });
      await note.save();
      expect(events.map((event) => [event.op, event.ctx.instance === note, event.ctx.isNewInstance])).toEqual(
        [
          ['before save', true, true],
          ['after save', true, true],
        ],
      );
    });
  });

  describe('updates', () => {
    it('updateAttributes runs before save with where, data and currentInstance, then afterUpdate and afterSave before after save', async () => {
      const note = await noteNamed('a1');
      const log = logAll();
      const events = record();
      const options = { callerId: 5 };
      await note.updateAttributes({ title: 'z' }, options);
      expect(log).toEqual([
        'before save',
        'beforeValidate',
        'afterValidate',
        'beforeSave',
        'beforeUpdate',
        'persist',
        'loaded',
        'afterUpdate',
        'afterSave',
        'after save',
      ]);
      const [beforeSave, persist, loaded, afterSave] = events.map((event) => event.ctx);
      expect(keys(beforeSave)).toEqual(['Model', 'currentInstance', 'data', 'hookState', 'options', 'where']);
      expect(beforeSave?.where).toEqual({ id: note.id });
      expect(beforeSave?.data).toEqual({ title: 'z' });
      expect(beforeSave?.currentInstance).toBe(note);
      expect(keys(persist)).toEqual([
        'Model',
        'currentInstance',
        'data',
        'hookState',
        'isNewInstance',
        'options',
        'where',
      ]);
      expect(persist?.isNewInstance).toBe(false);
      expect(loaded?.data).toEqual({ id: note.id, title: 'z' });
      expect(loaded?.isNewInstance).toBe(false);
      expect(afterSave?.instance).toBe(note);
      expect(afterSave?.isNewInstance).toBe(false);
      for (const ctx of [beforeSave, persist, loaded, afterSave]) expect(ctx?.options).toBe(options);
    });

    it('updateAttributes and updateAttribute write the data before save listeners leave', async () => {
      Note.observe('before save', (ctx: Context) => {
        if (ctx.data) ctx.data.ownerId = bob.id;
      });
      const note = await noteNamed('a1');
      await note.updateAttribute('title', 'moved');
      expect(note.ownerId).toBe(bob.id);
      expect(await Note.findById(note.id)).toMatchObject({ title: 'moved', ownerId: bob.id });
    });

    it('updateAll runs access, before save (where, data), persist, then after save with the count; listeners may change where and data', async () => {
      const events = record();
      const options = { callerId: 6 };
      expect(await Note.updateAll({ ownerId: ann.id }, { title: 'same' }, options)).toEqual({ count: 2 });
      expect(events.map((event) => event.op)).toEqual(['access', 'before save', 'persist', 'after save']);
      const [access, beforeSave, persist, afterSave] = events.map((event) => event.ctx);
      expect(access?.query).toEqual({ where: { ownerId: ann.id } });
      expect(keys(beforeSave)).toEqual(['Model', 'data', 'hookState', 'options', 'where']);
      expect(beforeSave?.where).toEqual({ ownerId: ann.id });
      expect(beforeSave?.data).toEqual({ title: 'same' });
      expect(keys(persist)).toEqual(['Model', 'data', 'hookState', 'options', 'where']);
      expect(keys(afterSave)).toEqual(['Model', 'data', 'hookState', 'info', 'options', 'where']);
      expect(afterSave?.info).toEqual({ count: 2 });
      for (const ctx of [access, beforeSave, persist, afterSave]) {
        expect(ctx?.options).toBe(options);
        expect(ctx?.hookState).toBe(access?.hookState);
      }

      clearAllObservers(Note);
      Note.observe('before save', (ctx: Context) => {
        ctx.where = { ownerId: bob.id };
        ctx.data.title = 'changed';
      });
      expect(await Note.updateAll({ ownerId: ann.id }, { title: 'ignored' })).toEqual({ count: 1 });
      expect(titles(await Note.find({ order: 'title' }))).toEqual(['changed', 'same', 'same']);
    });

    it("upsert runs access on the id, then updateAttributes' hooks for an existing row, create's for a new one", async () => {
      const a1 = await noteNamed('a1');
      const events = record();
      await Note.upsert({ id: a1.id, title: 'up' });
      expect(events.map((event) => event.op)).toEqual([
        'access',
        'before save',
        'persist',
        'loaded',
        'after save',
      ]);
      expect(events[0]?.ctx.query).toEqual({ where: { id: a1.id } });
      expect(events[1]?.ctx.currentInstance.id).toBe(a1.id);
      expect(events[1]?.ctx.data).toEqual({ id: a1.id, title: 'up' });

      events.length = 0;
      await Note.updateOrCreate({ title: 'no id' });
      expect(events.map((event) => event.op)).toEqual(['before save', 'persist', 'loaded', 'after save']);
      expect(events[0]?.ctx.isNewInstance).toBe(true);
    });

    it('findOrCreate runs access for its lookup, and the save hooks only when it creates', async () => {
      const events = record();
      const [found, created] = await Note.findOrCreate({ where: { title: 'a1' } }, { title: 'a1' });
      expect([found.title, created]).toEqual(['a1', false]);
      expect(events.map((event) => event.op)).toEqual(['access', 'loaded']);
      expect(events[0]?.ctx.query).toEqual({ where: { title: 'a1' }, limit: 1 });

      events.length = 0;
      const [made, isNew] = await Note.findOrCreate({ where: { title: 'new' } }, { title: 'new' });
      expect([made.title, isNew]).toEqual(['new', true]);
      expect(events.map((event) => event.op)).toEqual([
        'access',
        'before save',
        'persist',
        'loaded',
        'after save',
      ]);
    });
  });

  describe('deletes', () => {
    it('destroyAll and destroyById run access, before delete (where), then after delete with the count', async () => {
      const events = record();
      const options = { callerId: 7 };
      expect(await Note.destroyAll({ ownerId: bob.id }, options)).toEqual({ count: 1 });
      expect(events.map((event) => event.op)).toEqual(['access', 'before delete', 'after delete']);
      const [access, beforeDelete, afterDelete] = events.map((event) => event.ctx);
      expect(access?.query).toEqual({ where: { ownerId: bob.id } });
      expect(keys(beforeDelete)).toEqual(['Model', 'hookState', 'options', 'where']);
      expect(beforeDelete?.where).toEqual({ ownerId: bob.id });
      expect(keys(afterDelete)).toEqual(['Model', 'hookState', 'info', 'options', 'where']);
      expect(afterDelete?.info).toEqual({ count: 1 });
      for (const ctx of [access, beforeDelete, afterDelete]) {
        expect(ctx?.options).toBe(options);
        expect(ctx?.hookState).toBe(access?.hookState);
      }

      const a1 = await noteNamed('a1');
      events.length = 0;
      expect(await Note.destroyById(a1.id)).toEqual({ count: 1 });
      expect(events.map((event) => [event.op, event.ctx.query ?? event.ctx.where])).toEqual([
        ['access', { where: { id: a1.id } }],
        ['before delete', { id: a1.id }],
        ['after delete', { id: a1.id }],
      ]);
    });

    it('before delete may narrow the where that is deleted', async () => {
      Note.observe('before delete', (ctx: Context) => {
        ctx.where = { and: [ctx.where, { ownerId: bob.id }] };
      });
      expect(await Note.destroyAll()).toEqual({ count: 1 });
      expect(titles(await Note.find({ order: 'title' }))).toEqual(['a1', 'a2']);
    });

    it("an instance's destroy runs access and before delete by id, beforeDestroy, afterDestroy, then after delete", async () => {
      const note = await noteNamed('a2');
      const log = logAll();
      const events = record();
      await note.destroy({ callerId: 8 });
      expect(log).toEqual(['access', 'before delete', 'beforeDestroy', 'afterDestroy', 'after delete']);
      const [access, beforeDelete, afterDelete] = events.map((event) => event.ctx);
      expect(access?.query).toEqual({ where: { id: note.id } });
      expect(keys(beforeDelete)).toEqual(['Model', 'hookState', 'instance', 'options', 'where']);
      expect(beforeDelete?.instance).toBe(note);
      expect(afterDelete?.info).toEqual({ count: 1 });
      expect(afterDelete?.options).toEqual({ callerId: 8 });
      expect(await Note.exists(note.id)).toBe(false);
    });

    it('an instance destroy whose where a listener changed deletes by that where, without the instance hooks', async () => {
      const note = await noteNamed('a2');
      const log = logAll();
      Note.observe('access', (ctx: Context) => {
        ctx.query.where = { title: 'b1' };
      });
      await note.destroy();
      expect(log).toEqual(['access', 'before delete', 'after delete']);
      clearAllObservers(Note);
      expect(titles(await Note.find({ where: { title: { inq: ['a2', 'b1'] } } }))).toEqual(['a2']);
    });
  });

  describe('errors and shared state', () => {
    it('an error from access, before save, persist or before delete aborts the operation and writes nothing', async () => {
      const a1 = await noteNamed('a1');
      Note.observe('access', (_ctx: Context, next: Next) => next(new Error('no reading')));
      await expect(Note.find()).rejects.toThrow('no reading');
      await expect(Note.count()).rejects.toThrow('no reading');
      await expect(Note.updateAll({}, { title: 'x' })).rejects.toThrow('no reading');
      Note.clearObservers('access');

      Note.observe('before save', async () => {
        throw new Error('no saving');
      });
      await expect(Note.create({ title: 'x' })).rejects.toThrow('no saving');
      await expect(Note.updateAll({}, { title: 'x' })).rejects.toThrow('no saving');
      await expect(a1.updateAttributes({ title: 'x' })).rejects.toThrow('no saving');
      expect(a1.title).toBe('a1');
      Note.clearObservers('before save');

      Note.observe('persist', () => {
        throw new Error('no persisting');
      });
      await expect(Note.create({ title: 'x' })).rejects.toThrow('no persisting');
      await expect(a1.updateAttributes({ title: 'x' })).rejects.toThrow('no persisting');
      Note.clearObservers('persist');

      Note.observe('before delete', (_ctx: Context, next: Next) => next(new Error('no deleting')));
      await expect(Note.destroyAll()).rejects.toThrow('no deleting');
      await expect(a1.destroy()).rejects.toThrow('no deleting');
      Note.clearObservers('before delete');

      expect(titles(await Note.find({ order: 'title' }))).toEqual(['a1', 'a2', 'b1']);
    });

    it('an error from after save or after delete reaches the caller after the write', async () => {
      Note.observe('after save', () => {
        throw new Error('after the fact');
      });
      await expect(Note.create({ title: 'kept' })).rejects.toThrow('after the fact');
      expect(await Note.count({ title: 'kept' })).toBe(1);
      Note.observe('after delete', async () => {
        throw new Error('deleted anyway');
      });
      await expect(Note.destroyAll({ title: 'kept' })).rejects.toThrow('deleted anyway');
      expect(await Note.count({ title: 'kept' })).toBe(0);
    });

    it('ctx.options is a new {} when the caller passed none, and hookState is one object per operation', async () => {
      const seen: Context[] = [];
      Note.observe('before save', (ctx: Context) => {
        ctx.hookState.startedBy = 'before save';
        seen.push(ctx);
      });
      Note.observe('after save', (ctx: Context) => void seen.push(ctx));
      await Note.create({ title: 'one' });
      await Note.create({ title: 'two' });
      const [before1, after1, before2] = seen;
      expect(before1?.options).toEqual({});
      expect(after1?.options).toBe(before1?.options);
      expect(before2?.options).not.toBe(before1?.options);
      expect(after1?.hookState).toEqual({ startedBy: 'before save' });
      expect(after1?.hookState).toBe(before1?.hookState);
      expect(before2?.hookState).not.toBe(before1?.hookState);
    });

    it('a listener removed with removeObserver, or cleared, no longer runs on later operations', async () => {
      const log: string[] = [];
      const listener = () => void log.push('access');
      Note.observe('access', listener);
      await Note.count();
      Note.removeObserver('access', listener);
      await Note.count();
      Note.observe('loaded', () => void log.push('loaded'));
      Owner.observe('loaded', () => void log.push('owner loaded'));
      Note.clearObservers('loaded');
      await Note.find();
      await Owner.find({ limit: 1 });
      expect(log).toEqual(['access', 'owner loaded']);
    });
  });
});
