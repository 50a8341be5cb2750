import { describe, expect, it } from 'vitest';
import { DataSource } from '../../src/juggler/datasource.js';
import { ModelBuilder } from '../../src/juggler/model-builder.js';

type Next = (err?: unknown) => void;

function defineModel() {
  return new ModelBuilder().define('TestModel', { name: String });
}

/** A `(ctx, next)` listener that logs `label` and calls next on a later tick. */
function pushAndNext(log: string[], label: string) {
  return (_ctx: unknown, next: Next) => {
    log.push(label);
    process.nextTick(next);
  };
}

describe('Model.observe and Model.notifyObserversOf', () => {
  it('run the listeners of an operation in series, in registration order, and resolve to the context', async () => {
    const Model = defineModel();
    const log: string[] = [];
    Model.observe('event', (_ctx: unknown, next: Next) => {
      setTimeout(() => {
        log.push('slow first');
        next();
      }, 5);
    });
    Model.observe('event', pushAndNext(log, 'second'));
    const context = { value: 1 };
    await expect(Model.notifyObserversOf('event', context)).resolves.toBe(context);
    expect(log).toEqual(['slow first', 'second']);
  });

  it('wait for a listener that returns a Promise, and treat one declaring only ctx that returns nothing as done', async () => {
    const Model = defineModel();
    const log: string[] = [];
    Model.observe('event', async (ctx: { steps: string[] }) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      ctx.steps.push('async');
    });
    Model.observe('event', (ctx: { steps: string[] }) => {
      ctx.steps.push('sync');
    });
    Model.observe('event', pushAndNext(log, 'next'));
    const context = await Model.notifyObserversOf('event', { steps: [] as string[] });
    expect(context.steps).toEqual(['async', 'sync']);
    expect(log).toEqual(['next']);
  });

  it('settle a listener once when it both returns a Promise and calls next', async () => {
    const Model = defineModel();
    let after = 0;
    Model.observe('event', async (_ctx: unknown, next: Next) => {
      next();
    });
    Model.observe('event', () => {
      after++;
    });
    await Model.notifyObserversOf('event', {});
    expect(after).toBe(1);
  });

  it('reject with the first error (next(err), a throw or a rejection) and run no listener after it', async () => {
    for (const failing of [
      (_ctx: unknown, next: Next) => next(new Error('by next')),
      () => {
        throw new Error('by throw');
      },
      async () => {
        throw new Error('by rejection');
      },
    ]) {
      const Model = defineModel();
      let ranAfter = false;
      Model.observe('event', failing);
      Model.observe('event', () => {
        ranAfter = true;
      });
      await expect(Model.notifyObserversOf('event', {})).rejects.toThrow(/^by /);
      expect(ranAfter).toBe(false);
    }
  });

  it('notify a list of operations in turn, with the same context', async () => {
    const Model = defineModel();
    const log: string[] = [];
    Model.observe('event1', pushAndNext(log, 'one'));
    Model.observe('event2', pushAndNext(log, 'two'));
    const context = {};
    await expect(Model.notifyObserversOf(['event1', 'event2'], context)).resolves.toBe(context);
    expect(log).toEqual(['one', 'two']);
  });

  it('resolve to the context when no listener is registered', async () => {
    const Model = defineModel();
    const context = { untouched: true };
    await expect(Model.notifyObserversOf('no-observers', context)).resolves.toBe(context);
  });

  it('call back (err, context) when given a callback, and (err) with the listener error', async () => {
    const Model = defineModel();
    const context = {};
    const ok = await new Promise<unknown[]>((resolve) => {
      const returned = Model.notifyObserversOf('event', context, (...args: unknown[]) => resolve(args));
      expect(returned).toBeUndefined();
    });
    expect(ok).toEqual([null, context]);
    const failure = new Error('expected test error');
    Model.observe('event', (_ctx: unknown, next: Next) => next(failure));
    const [err] = await new Promise<unknown[]>((resolve) => {
      Model.notifyObserversOf('event', context, (...args: unknown[]) => resolve(args));
    });
    expect(err).toBe(failure);
  });
});

describe('inherited operation hook listeners', () => {
  it("run the base model's listeners before the subclass's own", async () => {
    const Base = defineModel();
    const log: string[] = [];
    Base.observe('event', pushAndNext(log, 'base'));
    const Child = Base.extend('Child');
    Child.observe('event', pushAndNext(log, 'child'));
    await Child.notifyObserversOf('event', {});
    expect(log).toEqual(['base', 'child']);
  });

  it('follow the base at notification time: a listener added to the base after extend applies to the subclass', async () => {
    const Base = defineModel();
    const Child = Base.extend('Child');
    const Grandchild = Child.extend('Grandchild');
    const log: string[] = [];
    Grandchild.observe('event', pushAndNext(log, 'grandchild'));
    Base.observe('event', pushAndNext(log, 'base, added later'));
    await Grandchild.notifyObserversOf('event', {});
    expect(log).toEqual(['base, added later', 'grandchild']);
  });

  it("keep a subclass's listeners off its base", async () => {
    const Base = defineModel();
    const log: string[] = [];
    Base.observe('event', pushAndNext(log, 'base'));
    const Child = Base.extend('Child');
    Child.observe('event', pushAndNext(log, 'child'));
    await Base.notifyObserversOf('event', {});
    expect(log).toEqual(['base']);
  });

  it('come from a base named in settings.base too, and list operations per model in turn', async () => {
    const builder = new ModelBuilder();
    const Base = builder.define('Base', { name: String });
    const Child = builder.define('Child', { extra: String }, { base: 'Base' });
    const log: string[] = [];
    Base.observe('event1', pushAndNext(log, 'base1'));
    Base.observe('event2', pushAndNext(log, 'base2'));
    Child.observe('event1', pushAndNext(log, 'child1'));
    Child.observe('event2', pushAndNext(log, 'child2'));
    await Child.notifyObserversOf(['event1', 'event2'], {});
    expect(log).toEqual(['base1', 'child1', 'base2', 'child2']);
  });

  it("run on the DAO operations of a data source model built from a base, the base's first", async () => {
    const ds = new DataSource('memory');
    const Note = ds.define('Note', { title: String });
    const Memo = ds.define('Memo', { pinned: Boolean }, { base: 'Note' });
    const log: string[] = [];
    Note.observe('before save', pushAndNext(log, 'Note before save'));
    Memo.observe('before save', pushAndNext(log, 'Memo before save'));
    await Memo.create({ title: 'x', pinned: true });
    await Note.create({ title: 'y' });
    expect(log).toEqual(['Note before save', 'Memo before save', 'Note before save']);
  });
});

describe('removeObserver and clearObservers', () => {
  it('removeObserver removes one registration of a listener, on the model itself only', async () => {
    const Base = defineModel();
    const Child = Base.extend('Child');
    const log: string[] = [];
    const listener = pushAndNext(log, 'call');
    Base.observe('event', listener);
    Child.observe('event', listener);
    Child.observe('event', listener);
    expect(Child.removeObserver('event', listener)).toEqual([listener]);
    expect(Child.removeObserver('missing', listener)).toBeUndefined();
    await Child.notifyObserversOf('event', {});
    expect(log).toEqual(['call', 'call']);
    Base.removeObserver('event', listener);
    Child.removeObserver('event', listener);
    log.length = 0;
    await Child.notifyObserversOf('event', {});
    expect(log).toEqual([]);
  });

  it('clearObservers removes every listener of an operation on the model, leaving other operations', async () => {
    const Model = defineModel();
    const log: string[] = [];
    Model.observe('event', pushAndNext(log, 'a'));
    Model.observe('event', pushAndNext(log, 'b'));
    Model.observe('other', pushAndNext(log, 'other'));
    Model.clearObservers('event');
    Model.clearObservers('never registered');
    await Model.notifyObserversOf(['event', 'other'], {});
    expect(log).toEqual(['other']);
  });

  it('a listener that removes itself while the operation runs still lets the others run', async () => {
    const Model = defineModel();
    const log: string[] = [];
    const once = (_ctx: unknown, next: Next) => {
      log.push('once');
      Model.removeObserver('event', once);
      next();
    };
    Model.observe('event', once);
    Model.observe('event', pushAndNext(log, 'always'));
    await Model.notifyObserversOf('event', {});
    await Model.notifyObserversOf('event', {});
    expect(log).toEqual(['once', 'always', 'always']);
  });
});
