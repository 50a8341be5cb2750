import { describe, expect, it } from 'vitest';
import { DataSource } from '../../src/juggler/datasource.js';
import { Types } from '../../src/juggler/types/index.js';

function blog() {
  const ds = new DataSource('memory');
  const User = ds.define('User', { name: String });
  const Post = ds.define('Post', { title: String, userId: Number });
  User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });
  Post.belongsTo(User, { as: 'author', foreignKey: 'userId' });
  return { ds, User, Post };
}

describe('the memory connector as LoopBack tests it', () => {
  it('findOrCreate is atomic: 20 concurrent calls create one row', async () => {
    const { User } = blog();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => User.findOrCreate({ where: { name: 'Ann' } }, { name: 'Ann' })),
    );
    expect(await User.count()).toBe(1);
    expect(results.filter(([, created]) => created)).toHaveLength(1);
    expect(new Set(results.map(([user]) => user.id)).size).toBe(1);
  });

  it('updateAttributes with another existing id is refused and deletes nothing', async () => {
    const { User } = blog();
    const [ann, bob] = await User.create([{ name: 'Ann' }, { name: 'Bob' }]);
    await expect(ann.updateAttributes({ id: bob.id, name: 'Ann2' })).rejects.toMatchObject({
      code: 'ID_CHANGE_REFUSED',
      statusCode: 400,
    });
    const rows = await User.find();
    expect(rows.map((user: { id: number; name: string }) => [user.id, user.name])).toEqual([
      [ann.id, 'Ann'],
      [bob.id, 'Bob'],
    ]);
  });

  it('updateAll onto a kept id fails as UNIQUE_VIOLATION and leaves every row in place', async () => {
    const { User } = blog();
    await User.create([
      { id: 1, name: 'Ann' },
      { id: 2, name: 'Bob' },
    ]);
    await expect(User.updateAll({ id: 1 }, { id: 2 })).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION' });
    expect((await User.find()).map((user: { name: string }) => user.name)).toEqual(['Ann', 'Bob']);
  });

  it('orders rows by id by default, and an update keeps the row in its place', async () => {
    const { User } = blog();
    await User.create([
      { id: 3, name: 'c' },
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ]);
    expect((await User.find()).map((user: { id: number }) => user.id)).toEqual([1, 2, 3]);
    const first = await User.findById(1);
    await first.updateAttributes({ name: 'a2' });
    expect((await User.find()).map((user: { name: string }) => user.name)).toEqual(['a2', 'b', 'c']);
    expect((await User.findOne()).name).toBe('a2');
  });

  it('creates two proper records from posts.create([a, b]) through a relation', async () => {
    const { User, Post } = blog();
    const ann = await User.create({ name: 'Ann' });
    const created = await ann.posts.create([{ title: 'a' }, { title: 'b' }]);
    expect(created.map((post: { title: string; userId: number }) => [post.title, post.userId])).toEqual([
      ['a', ann.id],
      ['b', ann.id],
    ]);
    expect(await Post.count()).toBe(2);
    expect((await ann.posts()).map((post: { title: string }) => post.title)).toEqual(['a', 'b']);
  });

  it('creates two proper records from create([a, b]) through a named scope', async () => {
    const { User } = blog();
    User.scope('admins', { where: { name: 'admin' } });
    const created = await (
      User as unknown as { admins: { create: (data: unknown) => Promise<unknown[]> } }
    ).admins.create([{ id: 7 }, { id: 8 }]);
    expect(created).toHaveLength(2);
    expect((await User.find()).map((user: { id: number; name: string }) => [user.id, user.name])).toEqual([
      [7, 'admin'],
      [8, 'admin'],
    ]);
  });

  it('reads fields given as a string together with include', async () => {
    const { User, Post } = blog();
    const ann = await User.create({ name: 'Ann' });
    await Post.create({ title: 'hello', userId: ann.id });
    const [post] = await Post.find({ fields: 'title', include: 'author' });
    const json = post.toJSON();
    expect(json.title).toBe('hello');
    expect(json.author.name).toBe('Ann');
    const [user] = await User.find({ fields: 'name', include: 'posts' });
    expect(user.toJSON().posts.map((p: { title: string }) => p.title)).toEqual(['hello']);
  });

  it('Types.Text without new returns the value, with new wraps it', () => {
    const call = Types.Text as unknown as (value: unknown) => unknown;
    expect(call('x')).toBe('x');
    const wrapped = new Types.Text('y');
    expect(wrapped).toBeInstanceOf(Types.Text);
    expect(String(wrapped)).toBe('y');
    expect(JSON.stringify({ body: wrapped })).toBe('{"body":"y"}');
  });
});
