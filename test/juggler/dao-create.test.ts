import { describe, expect, it } from 'vitest';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import { DataSource } from '../../src/juggler/datasource.js';
import { ReadOnlyModelError, ValidationError } from '../../src/juggler/errors.js';

function setup() {
  const ds = new DataSource('memory');
  const User = ds.define('User', {
    email: { type: String, required: true },
    name: String,
    age: Number,
  });
  const statements: StatementEvent[] = [];
  ds.connector?.observeStatements((event) => statements.push(event));
  return { ds, User, statements };
}

describe('DAO create', () => {
  it('creates an instance with a generated id, coerced values and persisted: true', async () => {
    const { User } = setup();
    const user = await User.create({ email: 'a@x.io', age: '42' });
    expect(user).toBeInstanceOf(User);
    expect(user.id).toBe(1);
    expect(user.age).toBe(42);
    expect(user.__persisted).toBe(true);
    expect(user.isNewRecord()).toBe(false);
    expect(user.propertyChanged('age')).toBe(false);
  });

  it('creates several instances from an array', async () => {
    const { User } = setup();
    const users = await User.create([{ email: 'a@x.io' }, { email: 'b@x.io' }]);
    expect(users.map((user: { id: number }) => user.id)).toEqual([1, 2]);
  });

  it('rejects invalid data with a ValidationError and writes nothing', async () => {
    const { User, statements } = setup();
    const error = await User.create({ name: 'no email' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).statusCode).toBe(422);
    expect((error as ValidationError).details.codes.email).toEqual(['presence']);
    expect((error as ValidationError).details.messages.email).toEqual(["can't be blank"]);
    expect(statements).toHaveLength(0);
    expect(await User.count()).toBe(0);
  });

  it('writes nothing from an array when one item is invalid', async () => {
    const { User } = setup();
    await expect(User.create([{ email: 'a@x.io' }, { name: 'x' }])).rejects.toBeInstanceOf(ValidationError);
    expect(await User.count()).toBe(0);
  });

  it('runs validatesUniquenessOf through the data source', async () => {
    const { User } = setup();
    User.validatesUniquenessOf('email');
    await User.create({ email: 'a@x.io' });
    const error = await User.create({ email: 'a@x.io' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details.codes.email).toEqual(['uniqueness']);
    expect((error as ValidationError).details.messages.email).toEqual(['is not unique']);
    expect(await User.count()).toBe(1);
    const user = await User.findOne({ where: { email: 'a@x.io' } });
    await user.updateAttributes({ name: 'same email, same record' });
    expect((await User.findById(user.id)).name).toBe('same email, same record');
  });

  it('answers through a callback (err, instance) as the spec shows', async () => {
    const { User } = setup();
    const user = await new Promise<{ email: string }>((resolve, reject) =>
      User.create({ email: 'cb@x.io' }, (err: unknown, created: { email: string }) =>
        err ? reject(err) : resolve(created),
      ),
    );
    expect(user.email).toBe('cb@x.io');
    const error = await new Promise<unknown>((resolve) => User.create({}, (err: unknown) => resolve(err)));
    expect(error).toBeInstanceOf(ValidationError);
  });

  it('rejects writes on read-only models', async () => {
    const ds = new DataSource('memory');
    const View = ds.define('TrackView', { name: String }, { readOnly: true });
    await expect(View.create({ name: 'x' })).rejects.toBeInstanceOf(ReadOnlyModelError);
    await expect(View.destroyAll()).rejects.toMatchObject({ code: 'READ_ONLY_MODEL' });
    await expect(View.updateAll({}, { name: 'y' })).rejects.toMatchObject({ code: 'READ_ONLY_MODEL' });
    expect(await View.find()).toEqual([]);
  });
});

describe('DAO hooks', () => {
  function hooked() {
    const { ds, User } = setup();
    const log: string[] = [];
    for (const hook of [
      'beforeValidate',
      'afterValidate',
      'beforeCreate',
      'afterCreate',
      'beforeSave',
      'afterSave',
      'beforeUpdate',
      'afterUpdate',
      'beforeDestroy',
      'afterDestroy',
    ]) {
      User[hook] = (next: () => void) => {
        log.push(hook);
        next();
      };
    }
    return { ds, User, log };
  }

  it('fire around create: validate, create, save in LoopBack order', async () => {
    const { User, log } = hooked();
    await User.create({ email: 'a@x.io' });
    expect(log).toEqual([
      'beforeValidate',
      'afterValidate',
      'beforeCreate',
      'beforeSave',
      'afterSave',
      'afterCreate',
    ]);
  });

  it('fire around save of a persisted instance and around updateAttributes', async () => {
    const { User, log } = hooked();
    const user = await User.create({ email: 'a@x.io' });
    log.length = 0;
    user.name = 'Ann';
    await user.save();
    expect(log).toEqual([
      'beforeValidate',
      'afterValidate',
      'beforeSave',
      'beforeUpdate',
      'afterUpdate',
      'afterSave',
    ]);
    log.length = 0;
    await user.updateAttributes({ age: 3 });
    expect(log).toEqual([
      'beforeValidate',
      'afterValidate',
      'beforeSave',
      'beforeUpdate',
      'afterUpdate',
      'afterSave',
    ]);
  });

  it('fire around destroy', async () => {
    const { User, log } = hooked();
    const user = await User.create({ email: 'a@x.io' });
    log.length = 0;
    await user.destroy();
    expect(log).toEqual(['beforeDestroy', 'afterDestroy']);
    expect(await User.count()).toBe(0);
  });

  it('abort the write when a before hook fails (Promise hooks too)', async () => {
    const { User } = setup();
    User.beforeCreate = async () => {
      throw new Error('nope');
    };
    await expect(User.create({ email: 'a@x.io' })).rejects.toThrow('nope');
    expect(await User.count()).toBe(0);
  });

  it('let a beforeSave hook change the data that is written', async () => {
    const { User } = setup();
    User.beforeSave = function (this: { name: string }, next: () => void) {
      this.name = 'from hook';
      next();
    };
    const user = await User.create({ email: 'a@x.io' });
    expect((await User.findById(user.id)).name).toBe('from hook');
  });
});
