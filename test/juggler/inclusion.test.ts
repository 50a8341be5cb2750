import { describe, expect, it } from 'vitest';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import { DataSource } from '../../src/juggler/datasource.js';
import { UnknownNameError } from '../../src/juggler/errors.js';

/** The spec's Inclusion example: users with posts and passports, posts with images. */
async function spec() {
  const ds = new DataSource('memory');
  const User = ds.define('User', { name: String });
  const Post = ds.define('Post', { title: String, userId: Number });
  const Passport = ds.define('Passport', { number: String, ownerId: Number });
  const Image = ds.define('Image', { url: String, postId: Number });
  User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });
  User.hasMany(Passport, { as: 'passports', foreignKey: 'ownerId' });
  Passport.belongsTo(User, { as: 'owner', foreignKey: 'ownerId' });
  Post.hasMany(Image, { as: 'images', foreignKey: 'postId' });
  Post.belongsTo(User, { as: 'author', foreignKey: 'userId' });
  const users = await User.create([{ name: 'Ann' }, { name: 'Bob' }, { name: 'Cid' }]);
  const posts = await Post.create([
    { title: 'a1', userId: 1 },
    { title: 'a2', userId: 1 },
    { title: 'a3', userId: 1 },
    { title: 'b1', userId: 2 },
  ]);
  await Passport.create([
    { number: 'P1', ownerId: 1 },
    { number: 'P2', ownerId: 2 },
    { number: 'P3', ownerId: 2 },
    { number: 'P4', ownerId: null },
  ]);
  await Image.create([
    { url: 'i1', postId: posts[0].id },
    { url: 'i2', postId: posts[0].id },
    { url: 'i3', postId: posts[3].id },
  ]);
  const statements: StatementEvent[] = [];
  ds.connector?.observeStatements((event) => statements.push(event));
  const fresh = async (Model: typeof User) => {
    const list = await Model.find({ order: 'id' });
    statements.length = 0;
    return list;
  };
  return { ds, User, Post, Passport, Image, users, statements, fresh };
}

const names = (list: { title?: string; number?: string; name?: string; url?: string }[]) =>
  list.map((item) => item.title ?? item.number ?? item.name ?? item.url);

describe('Inclusion.include (spec examples)', () => {
  it("User.include(users, 'posts', cb) loads all users' posts with one request", async () => {
    const { User, statements, fresh } = await spec();
    const users = await fresh(User);
    await new Promise<void>((resolve, reject) =>
      User.include(users, 'posts', (err: unknown) => (err ? reject(err) : resolve())),
    );
    expect(statements).toHaveLength(1);
    expect(names(await users[0].posts())).toEqual(['a1', 'a2', 'a3']);
    expect(names(await users[1].posts())).toEqual(['b1']);
    expect(await users[2].posts()).toEqual([]);
    expect(statements).toHaveLength(1);
  });

  it("User.include(users, ['posts']) is the same", async () => {
    const { User, statements, fresh } = await spec();
    const users = await fresh(User);
    await User.include(users, ['posts']);
    expect(statements).toHaveLength(1);
    expect(users[0].toJSON().posts.map((post: { title: string }) => post.title)).toEqual(['a1', 'a2', 'a3']);
  });

  it("User.include(users, ['posts', 'passports']) loads both with two requests", async () => {
    const { User, statements, fresh } = await spec();
    const users = await fresh(User);
    await User.include(users, ['posts', 'passports']);
    expect(statements.map((event) => event.sql)).toEqual(['find Post', 'find Passport']);
    expect(names(await users[1].passports())).toEqual(['P2', 'P3']);
  });

  it("Passport.include(passports, {owner: 'posts'}) loads the owners and all their posts", async () => {
    const { Passport, statements, fresh } = await spec();
    const passports = await fresh(Passport);
    await Passport.include(passports, { owner: 'posts' });
    expect(statements.map((event) => event.sql)).toEqual(['find User', 'find Post']);
    const owner = await passports[1].owner();
    expect(owner.name).toBe('Bob');
    expect(names(await owner.posts())).toEqual(['b1']);
    expect(await passports[3].owner()).toBeNull();
    expect(statements).toHaveLength(2);
  });

  it("Passport.include(passports, {owner: ['posts', 'passports']})", async () => {
    const { Passport, statements, fresh } = await spec();
    const passports = await fresh(Passport);
    await Passport.include(passports, { owner: ['posts', 'passports'] });
    expect(statements).toHaveLength(3);
    const owner = await passports[0].owner();
    expect(names(await owner.passports())).toEqual(['P1']);
  });

  it("Passport.include(passports, {owner: [{posts: 'images'}, 'passports']})", async () => {
    const { Passport, statements, fresh } = await spec();
    const passports = await fresh(Passport);
    await Passport.include(passports, { owner: [{ posts: 'images' }, 'passports'] });
    expect(statements.map((event) => event.sql)).toEqual([
      'find User',
      'find Post',
      'find Image',
      'find Passport',
    ]);
    const json = passports[0].toJSON();
    expect(json.owner.name).toBe('Ann');
    expect(json.owner.posts[0].images.map((image: { url: string }) => image.url)).toEqual(['i1', 'i2']);
    expect(json.owner.passports.map((passport: { number: string }) => passport.number)).toEqual(['P1']);
  });

  it('{relation, scope} applies the scope; a limit is applied per parent with one grouped request', async () => {
    const { User, statements, fresh } = await spec();
    const users = await fresh(User);
    await User.include(users, {
      relation: 'posts',
      scope: { order: 'title DESC', limit: 2, fields: ['title'] },
    });
    expect(statements.map((event) => event.sql)).toEqual(['findGrouped Post']);
    expect(names(await users[0].posts())).toEqual(['a3', 'a2']);
    expect(names(await users[1].posts())).toEqual(['b1']);
  });

  it('{relation, scope} with a where and a nested include', async () => {
    const { User, statements, fresh } = await spec();
    const users = await fresh(User);
    await User.include(users, {
      relation: 'posts',
      scope: { where: { title: { like: '%1' } }, include: 'images' },
    });
    expect(statements).toHaveLength(2);
    const [first] = await users[0].posts();
    expect(first.title).toBe('a1');
    expect(names(await first.images())).toEqual(['i1', 'i2']);
  });

  it('find({include}) costs one request per relation per level, not one per object', async () => {
    const { User, Post, statements } = await spec();
    for (let index = 0; index < 50; index++) await User.create({ name: `u${index}` });
    await Post.create({ title: 'late', userId: 40 });
    statements.length = 0;
    const users = await User.find({ include: { posts: ['images', 'author'] } });
    expect(users).toHaveLength(53);
    expect(statements.map((event) => event.sql)).toEqual([
      'find User',
      'find Post',
      'find Image',
      'find User',
    ]);
    const withLate = users.find((user: { id: number }) => user.id === 40);
    expect(names(await withLate.posts())).toEqual(['late']);
  });

  it('find({include}, {raw: true}) attaches related rows as plain properties', async () => {
    const { Passport } = await spec();
    const rows = await Passport.find({ where: { number: 'P2' }, include: { owner: 'posts' } }, { raw: true });
    expect(rows).toEqual([
      {
        id: 2,
        number: 'P2',
        ownerId: 2,
        owner: { id: 2, name: 'Bob', posts: [{ id: 4, title: 'b1', userId: 2 }] },
      },
    ]);
  });

  it('keeps the keys an include needs when fields are selected', async () => {
    const { Post } = await spec();
    const posts = await Post.find(
      { fields: ['title'], include: 'author', order: 'id', limit: 1 },
      { raw: true },
    );
    expect(posts).toEqual([{ id: 1, title: 'a1', userId: 1, author: { id: 1, name: 'Ann' } }]);
  });

  it('loads hasManyThrough with two requests for all parents', async () => {
    const ds = new DataSource('memory');
    const Playlist = ds.define('Playlist', { name: String });
    const Track = ds.define('Track', { name: String });
    const PlaylistTrack = ds.define(
      'PlaylistTrack',
      { playlistId: { type: Number, id: 1 }, trackId: { type: Number, id: 2 } },
      { idInjection: false },
    );
    Playlist.hasMany(Track, {
      as: 'tracks',
      through: PlaylistTrack,
      foreignKey: 'playlistId',
      keyThrough: 'trackId',
    });
    await Playlist.create([{ name: 'p1' }, { name: 'p2' }, { name: 'p3' }]);
    await Track.create([{ name: 't1' }, { name: 't2' }, { name: 't3' }]);
    await PlaylistTrack.create([
      { playlistId: 1, trackId: 3 },
      { playlistId: 1, trackId: 1 },
      { playlistId: 2, trackId: 1 },
    ]);
    const statements: StatementEvent[] = [];
    ds.connector?.observeStatements((event) => statements.push(event));
    const playlists = await Playlist.find({ include: { relation: 'tracks', scope: { order: 'name DESC' } } });
    expect(statements).toHaveLength(3);
    expect(names(await playlists[0].tracks())).toEqual(['t3', 't1']);
    expect(names(await playlists[1].tracks())).toEqual(['t1']);
    expect(await playlists[2].tracks()).toEqual([]);
  });

  it('rejects an unknown relation at any level before any request, with a suggestion', async () => {
    const { User, Passport, statements, fresh } = await spec();
    const users = await fresh(User);
    await expect(User.include(users, 'post')).rejects.toThrow(/did you mean `posts`/);
    await expect(Passport.find({ include: { owner: [{ posts: 'imagez' }] } })).rejects.toBeInstanceOf(
      UnknownNameError,
    );
    await expect(
      User.include(users, { relation: 'posts', scope: { where: { titel: 'x' } } }),
    ).rejects.toMatchObject({
      code: 'INVALID_FILTER',
    });
    expect(statements).toHaveLength(0);
  });
});
