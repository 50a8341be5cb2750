import { describe, expect, it } from 'vitest';
import { HOOK_NAMES, hookNameFor, runHook, runHookedAction } from '../../src/juggler/hooks.js';
import { ModelBuilder } from '../../src/juggler/model-builder.js';

function defineUser() {
  return new ModelBuilder().define('User', { name: String });
}

describe('afterInitialize', () => {
  it('runs synchronously at the end of construction, with `this` the new instance', () => {
    const User = defineUser();
    User.afterInitialize = function () {
      this.name = this.name ?? 'anonymous';
    };
    expect(new User({}).name).toBe('anonymous');
    expect(new User({ name: 'Ann' }).name).toBe('Ann');
  });
});

describe('runHookedAction', () => {
  it('runs before<Action>, the work, then after<Action>, in that order', async () => {
    const User = defineUser();
    const order: string[] = [];
    User.beforeSave = (next, data) => {
      order.push(`beforeSave ${JSON.stringify(data)}`);
      next();
    };
    User.afterSave = (next) => {
      order.push('afterSave');
      next();
    };
    const result = await runHookedAction(
      new User({ name: 'Ann' }),
      'save',
      async () => {
        order.push('work');
        return 42;
      },
      { name: 'Ann' },
    );
    expect(result).toBe(42);
    expect(order).toEqual(['beforeSave {"name":"Ann"}', 'work', 'afterSave']);
  });

  it('aborts before the work when a before hook calls next(err)', async () => {
    const User = defineUser();
    let worked = false;
    User.beforeCreate = (next) => next(new Error('no creating today'));
    await expect(
      runHookedAction(new User({}), 'create', async () => {
        worked = true;
      }),
    ).rejects.toThrow('no creating today');
    expect(worked).toBe(false);
  });

  it('supports hooks that return a promise, and aborts on a rejected one', async () => {
    const User = defineUser();
    const order: string[] = [];
    User.beforeUpdate = async function () {
      await new Promise((resolve) => setTimeout(resolve, 1));
      order.push(`beforeUpdate ${this.name}`);
    };
    User.afterUpdate = async () => {
      order.push('afterUpdate');
    };
    await runHookedAction(new User({ name: 'Ann' }), 'update', async () => {
      order.push('work');
    });
    expect(order).toEqual(['beforeUpdate Ann', 'work', 'afterUpdate']);

    User.beforeDestroy = async () => {
      throw new Error('protected');
    };
    let destroyed = false;
    await expect(
      runHookedAction(new User({}), 'destroy', async () => {
        destroyed = true;
      }),
    ).rejects.toThrow('protected');
    expect(destroyed).toBe(false);
  });

  it('supports hooks that call next later, asynchronously', async () => {
    const User = defineUser();
    const order: string[] = [];
    User.beforeDestroy = (next) => {
      setTimeout(() => {
        order.push('beforeDestroy');
        next();
      }, 1);
    };
    await runHookedAction(new User({}), 'destroy', async () => {
      order.push('work');
    });
    expect(order).toEqual(['beforeDestroy', 'work']);
  });

  it('treats a synchronous throw in a hook as an abort', async () => {
    const User = defineUser();
    User.beforeSave = () => {
      throw new Error('boom');
    };
    await expect(runHook(new User({}), 'beforeSave')).rejects.toThrow('boom');
  });

  it('rejects after the work when an after hook fails', async () => {
    const User = defineUser();
    let worked = false;
    User.afterCreate = (next) => next(new Error('audit failed'));
    await expect(
      runHookedAction(new User({}), 'create', async () => {
        worked = true;
      }),
    ).rejects.toThrow('audit failed');
    expect(worked).toBe(true);
  });

  it('inherits hooks through Model.extend', async () => {
    const User = defineUser();
    const seen: string[] = [];
    User.beforeSave = function (next) {
      seen.push(String((this.constructor as unknown as { modelName: string }).modelName));
      next();
    };
    const Admin = User.extend('Admin', { level: Number });
    await runHook(new Admin({}), 'beforeSave');
    expect(seen).toEqual(['Admin']);
  });
});

describe('validation hooks', () => {
  it('run beforeValidate, the validations, then afterValidate within isValid', () => {
    const User = defineUser();
    const order: string[] = [];
    User.beforeValidate = (next) => {
      order.push('beforeValidate');
      next();
    };
    User.validate('name', () => {
      order.push('validation');
    });
    User.afterValidate = (next) => {
      order.push('afterValidate');
      next();
    };
    expect(new User({}).isValid()).toBe(true);
    expect(order).toEqual(['beforeValidate', 'validation', 'afterValidate']);
  });

  it('let a beforeValidate hook fix data before the validations run', () => {
    const User = defineUser();
    User.validatesPresenceOf('name');
    User.beforeValidate = function (next) {
      this.name = this.name ?? 'fixed';
      next();
    };
    expect(new User({}).isValid()).toBe(true);
  });

  it('reject the promise form of validation when beforeValidate fails', async () => {
    const User = defineUser();
    User.beforeValidate = (next) => next(new Error('not now'));
    await expect(new User({}).validate()).rejects.toThrow('not now');
    expect(new User({}).isValid()).toBe(false);
  });
});

describe('hook names', () => {
  it('lists every hook of LoopBack and derives before/after names from actions', () => {
    expect(HOOK_NAMES).toHaveLength(11);
    expect(hookNameFor('before', 'validate')).toBe('beforeValidate');
    expect(hookNameFor('after', 'destroy')).toBe('afterDestroy');
  });
});
