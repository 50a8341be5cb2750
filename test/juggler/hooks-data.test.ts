import { describe, expect, it } from 'vitest';
import { DataSource } from '../../src/juggler/datasource.js';
import type { HookNext } from '../../src/juggler/hooks.js';

function defineUser() {
  const ds = new DataSource('memory');
  return ds.define('User', { name: String, email: String, slug: String });
}

describe('lifecycle before-hooks receive the data being saved (LoopBack Hookable)', () => {
  it('create: beforeCreate and beforeSave get the instance, and what they set there is stored', async () => {
    const User = defineUser();
    const seen: unknown[] = [];
    User.beforeCreate = (next: HookNext, data: unknown) => {
      seen.push(data);
      (data as { slug: string }).slug = 'from-before-create';
      next();
    };
    User.beforeSave = (next: HookNext, data: unknown) => {
      (data as { email: string }).email = 'set@before.save';
      next();
    };
    const user = await User.create({ name: 'Ann' });
    expect(seen[0]).toBe(user);
    const stored = await User.findById(user.id);
    expect(stored.slug).toBe('from-before-create');
    expect(stored.email).toBe('set@before.save');
  });

  it('create() with no data runs the hooks with an instance instead of crashing them', async () => {
    const User = defineUser();
    User.beforeCreate = (next: HookNext, data: unknown) => {
      (data as { name: string }).name = 'anonymous';
      next();
    };
    const user = await User.create();
    expect(user.name).toBe('anonymous');
    expect((await User.findById(user.id)).name).toBe('anonymous');
  });

  it('updateAttributes: what beforeSave changes or adds in the data is written', async () => {
    const User = defineUser();
    const user = await User.create({ name: 'Ann' });
    User.beforeSave = (next: HookNext, data: unknown) => {
      const changes = data as { name?: string; slug?: string };
      changes.name = `${changes.name}!`;
      changes.slug = 'added';
      next();
    };
    await user.updateAttributes({ name: 'Bea' });
    const stored = await User.findById(user.id);
    expect([stored.name, stored.slug]).toEqual(['Bea!', 'added']);
    expect([user.name, user.slug]).toEqual(['Bea!', 'added']);
  });

  it('save of a new instance gives the hooks the instance, as create does', async () => {
    const User = defineUser();
    let received: unknown;
    User.beforeSave = (next: HookNext, data: unknown) => {
      received = data;
      next();
    };
    const user = new User({ name: 'Ann' });
    await user.save();
    expect(received).toBe(user);
  });
});
