import { describe, expect, it } from 'vitest';
import { DataSource } from '../../src/juggler/datasource.js';
import { ValidationError } from '../../src/juggler/errors.js';

async function setup() {
  const ds = new DataSource('memory');
  const Post = ds.define('Post', {
    title: { type: String, required: true },
    published: { type: Boolean, default: false },
    views: Number,
  });
  Post.validatesLengthOf('title', { max: 20 });
  await Post.create([{ title: 'one' }, { title: 'two', published: true }, { title: 'three', views: 5 }]);
  return { ds, Post };
}

describe('DAO writes', () => {
  it('upsert updates the instance with the same id and creates otherwise (updateOrCreate is the same)', async () => {
    const { Post } = await setup();
    const updated = await Post.upsert({ id: 2, views: 10 });
    expect(updated).toMatchObject({ id: 2, title: 'two', views: 10, published: true });
    const created = await Post.updateOrCreate({ title: 'four' });
    expect(created.id).toBe(4);
    const createdWithId = await Post.upsert({ id: 40, title: 'forty' });
    expect(createdWithId.id).toBe(40);
    expect(await Post.count()).toBe(5);
    await expect(Post.upsert({ id: 1, title: 'x'.repeat(21) })).rejects.toBeInstanceOf(ValidationError);
    expect((await Post.findById(1)).title).toBe('one');
  });

  it('findOrCreate resolves [instance, created] and calls back (err, instance, created)', async () => {
    const { Post } = await setup();
    const [found, createdFound] = await Post.findOrCreate({ where: { title: 'one' } }, { title: 'one' });
    expect([found.id, createdFound]).toEqual([1, false]);
    const [made, createdMade] = await Post.findOrCreate({ where: { title: 'new' } });
    expect(made.title).toBe('new');
    expect(createdMade).toBe(true);
    const result = await new Promise<unknown[]>((resolve, reject) =>
      Post.findOrCreate(
        { where: { title: 'cb' } },
        { title: 'cb', views: 1 },
        (err: unknown, ...rest: unknown[]) => (err ? reject(err) : resolve(rest)),
      ),
    );
    expect((result[0] as { views: number }).views).toBe(1);
    expect(result[1]).toBe(true);
  });

  it('updateAll coerces the data, returns the count and rejects unknown properties before writing', async () => {
    const { Post } = await setup();
    expect(await Post.updateAll({ published: false }, { views: '7' })).toEqual({ count: 2 });
    expect((await Post.findById(1)).views).toBe(7);
    await expect(Post.updateAll({}, { viewz: 1 })).rejects.toMatchObject({
      code: 'UNKNOWN_PROPERTY',
      message: expect.stringContaining('did you mean `views`?'),
    });
    await expect(Post.updateAll({}, { views: 'many' })).rejects.toBeInstanceOf(ValidationError);
    expect(await Post.count({ views: 7 })).toBe(2);
    expect(await Post.update({ id: 3 }, { title: 'III' })).toEqual({ count: 1 });
  });

  it('destroyAll, remove, deleteAll, removeById, destroyById and deleteById delete and count', async () => {
    const { Post } = await setup();
    await Post.create([{ title: 'a' }, { title: 'b' }, { title: 'c' }]);
    expect(await Post.destroyById(1)).toEqual({ count: 1 });
    expect(await Post.removeById(2)).toEqual({ count: 1 });
    expect(await Post.deleteById(99)).toEqual({ count: 0 });
    expect(await Post.remove({ title: 'a' })).toEqual({ count: 1 });
    expect(await Post.deleteAll({ title: 'b' })).toEqual({ count: 1 });
    await new Promise<void>((resolve, reject) =>
      Post.destroyAll({ title: 'c' }, (err: unknown) => (err ? reject(err) : resolve())),
    );
    expect(await Post.count()).toBe(1);
    expect(await Post.destroyAll()).toEqual({ count: 1 });
  });
});

describe('DAO instance methods', () => {
  it('save creates a new instance and updates a persisted one', async () => {
    const { Post } = await setup();
    const post = new Post({ title: 'draft' });
    expect(post.isNewRecord()).toBe(true);
    await post.save();
    expect(post.isNewRecord()).toBe(false);
    expect(post.id).toBe(4);
    post.views = 3;
    await post.save();
    expect((await Post.findById(4)).views).toBe(3);
  });

  it('save validates by default, writes nothing when invalid, and skips validation with {validate: false}', async () => {
    const { Post } = await setup();
    const post = await Post.findById(1);
    post.title = 'x'.repeat(30);
    const error = await post.save().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details.codes.title).toEqual(['length.max']);
    expect((await Post.findById(1)).title).toBe('one');
    await post.save({ validate: false });
    expect((await Post.findById(1)).title).toBe('x'.repeat(30));
  });

  it('updateAttribute and updateAttributes validate first and write only when valid', async () => {
    const { Post } = await setup();
    const post = await Post.findById(3);
    await post.updateAttribute('views', 6);
    expect((await Post.findById(3)).views).toBe(6);
    await post.updateAttributes({ title: 'THREE', published: true });
    expect(await Post.findById(3)).toMatchObject({ title: 'THREE', published: true, views: 6 });
    await expect(post.updateAttributes({ title: '' })).rejects.toBeInstanceOf(ValidationError);
    expect((await Post.findById(3)).title).toBe('THREE');
    expect(post.title).toBe('THREE');
    const viaCallback = await new Promise<{ views: number }>((resolve, reject) =>
      post.updateAttributes({ views: 8 }, (err: unknown, updated: { views: number }) =>
        err ? reject(err) : resolve(updated),
      ),
    );
    expect(viaCallback.views).toBe(8);
  });

  it('reload reads the stored values back into the instance', async () => {
    const { Post } = await setup();
    const post = await Post.findById(1);
    await Post.updateAll({ id: 1 }, { views: 99 });
    expect(post.views).toBeNull();
    const reloaded = await post.reload();
    expect(reloaded).toBe(post);
    expect(post.views).toBe(99);
    expect(post.propertyChanged('views')).toBe(false);
  });

  it('remove, destroy and delete delete the instance', async () => {
    const { Post } = await setup();
    await (await Post.findById(1)).remove();
    await (await Post.findById(2)).delete();
    await new Promise<void>((resolve, reject) =>
      Post.findById(3).then((post: { destroy(cb: (err: unknown) => void): void }) =>
        post.destroy((err) => (err ? reject(err) : resolve())),
      ),
    );
    expect(await Post.count()).toBe(0);
  });
});

describe('DataAccessObject.scope', () => {
  it('defines Model.<name> with find, count and create restricted by the scope', async () => {
    const { Post } = await setup();
    Post.scope('published', { where: { published: true }, order: 'title' });
    expect((await Post.published()).map((post: { title: string }) => post.title)).toEqual(['two']);
    const created = await Post.published.create({ title: 'five' });
    expect(created.published).toBe(true);
    expect(await Post.published.count()).toBe(2);
    expect((await Post.published.find({ limit: 1 })).map((post: { title: string }) => post.title)).toEqual([
      'five',
    ]);
    expect((await Post.published.findOne({ where: { title: 'two' } })).id).toBe(2);
    const viaCallback = await new Promise<unknown[]>((resolve, reject) =>
      Post.published((err: unknown, posts: unknown[]) => (err ? reject(err) : resolve(posts))),
    );
    expect(viaCallback).toHaveLength(2);
    expect(() => Post.scope('broken', { where: { titel: 'x' } })).toThrow(/did you mean `title`/);
  });
});
