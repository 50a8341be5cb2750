import { describe, expect, it } from 'vitest';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import { DataSource } from '../../src/juggler/datasource.js';
import { UnknownNameError } from '../../src/juggler/errors.js';

function counted(ds: DataSource): StatementEvent[] {
  const statements: StatementEvent[] = [];
  ds.connector?.observeStatements((event) => statements.push(event));
  return statements;
}

async function blog() {
  const ds = new DataSource('memory');
  const User = ds.define('User', { name: String });
  const Post = ds.define('Post', { title: String, userId: Number });
  const Profile = ds.define('Profile', { bio: String, userId: Number });
  // The spec's examples.
  Post.belongsTo(User, { as: 'author', foreignKey: 'userId' });
  User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });
  User.hasOne(Profile, { as: 'profile', foreignKey: 'userId' });
  const [ann, bob] = await User.create([{ name: 'Ann' }, { name: 'Bob' }]);
  await Post.create([
    { title: 'a1', userId: ann.id },
    { title: 'a2', userId: ann.id },
    { title: 'b1', userId: bob.id },
    { title: 'orphan', userId: null },
  ]);
  await Profile.create({ bio: 'Ann bio', userId: ann.id });
  return { ds, User, Post, Profile, ann, bob, statements: counted(ds) };
}

describe('belongsTo', () => {
  it('loads the related object, caches it, and reloads with refresh true (the spec text)', async () => {
    const { Post, statements } = await blog();
    const post = await Post.findOne({ where: { title: 'a1' } });
    statements.length = 0;
    const author = await post.author();
    expect(author.name).toBe('Ann');
    expect(statements).toHaveLength(1);
    expect(await post.author()).toBe(author);
    expect(statements).toHaveLength(1);
    const reloaded = await post.author(true);
    expect(reloaded).not.toBe(author);
    expect(reloaded.name).toBe('Ann');
    expect(statements).toHaveLength(2);
  });

  it('answers callbacks: post.author(cb) and post.author(true, cb)', async () => {
    const { Post } = await blog();
    const post = await Post.findOne({ where: { title: 'b1' } });
    const viaCallback = (...args: unknown[]) =>
      new Promise<{ name: string }>((resolve, reject) =>
        post.author(...args, (err: unknown, user: { name: string }) => (err ? reject(err) : resolve(user))),
      );
    expect((await viaCallback()).name).toBe('Bob');
    expect((await viaCallback(true)).name).toBe('Bob');
  });

  it('resolves null without a query when the foreign key is null', async () => {
    const { Post, statements } = await blog();
    const orphan = await Post.findOne({ where: { title: 'orphan' } });
    statements.length = 0;
    expect(await orphan.author()).toBeNull();
    expect(statements).toHaveLength(0);
  });

  it('sets the foreign key when given an instance of the target', async () => {
    const { Post, bob } = await blog();
    const post = await Post.findOne({ where: { title: 'orphan' } });
    await post.author(bob);
    expect(post.userId).toBe(bob.id);
    await post.save();
    expect((await (await Post.findById(post.id)).author()).name).toBe('Bob');
  });

  it('records ResolvedRelation metadata on Model.relations', async () => {
    const { Post, User } = await blog();
    expect(Post.relations.author).toEqual({
      name: 'author',
      type: 'belongsTo',
      modelFrom: 'Post',
      modelTo: 'User',
      keyFrom: ['userId'],
      keyTo: ['id'],
      multiple: false,
    });
    expect(User.relations.posts).toMatchObject({
      type: 'hasMany',
      keyFrom: ['id'],
      keyTo: ['userId'],
      multiple: true,
    });
    expect(User.definition.toJSON().options?.relations?.posts).toEqual({
      type: 'hasMany',
      model: 'Post',
      foreignKey: 'userId',
    });
  });
});

describe('hasMany', () => {
  it('user.posts() loads and caches; a filter queries without touching the cache', async () => {
    const { ann, statements } = await blog();
    const posts = await ann.posts();
    expect(posts.map((post: { title: string }) => post.title)).toEqual(['a1', 'a2']);
    expect(await ann.posts()).toBe(posts);
    expect(statements).toHaveLength(1);
    const filtered = await ann.posts({ where: { title: 'a2' } });
    expect(filtered.map((post: { title: string }) => post.title)).toEqual(['a2']);
    expect(await ann.posts()).toBe(posts);
    expect((await ann.posts(true)).length).toBe(2);
  });

  it('has scoped find, findOne, findById, count, create, build and destroyAll', async () => {
    const { ann, bob, Post } = await blog();
    expect(
      (await ann.posts.find({ order: 'title DESC' })).map((post: { title: string }) => post.title),
    ).toEqual(['a2', 'a1']);
    expect((await ann.posts.findOne({ order: 'title' })).title).toBe('a1');
    const bobsPost = await Post.findOne({ where: { title: 'b1' } });
    expect(await ann.posts.findById(bobsPost.id)).toBeNull();
    expect(await ann.posts.count()).toBe(2);
    expect(await ann.posts.count({ title: 'a1' })).toBe(1);
    const created = await ann.posts.create({ title: 'a3' });
    expect(created.userId).toBe(ann.id);
    const built = ann.posts.build({ title: 'draft' });
    expect(built.userId).toBe(ann.id);
    expect(built.isNewRecord()).toBe(true);
    expect(await ann.posts.destroyAll({ title: 'a1' })).toEqual({ count: 1 });
    expect(await ann.posts.count()).toBe(2);
    expect(await bob.posts.count()).toBe(1);
    const viaCallback = await new Promise<number>((resolve, reject) =>
      ann.posts.count((err: unknown, count: number) => (err ? reject(err) : resolve(count))),
    );
    expect(viaCallback).toBe(2);
  });

  it('applies the relation scope as a default filter', async () => {
    const ds = new DataSource('memory');
    const Artist = ds.define('Artist', { name: String });
    const Album = ds.define('Album', { title: String, artistId: Number });
    Artist.hasMany(Album, { as: 'albums', foreignKey: 'artistId', scope: { order: 'title DESC' } });
    const artist = await Artist.create({ name: 'AC/DC' });
    await Album.create([
      { title: 'A', artistId: artist.id },
      { title: 'B', artistId: artist.id },
    ]);
    expect((await artist.albums()).map((album: { title: string }) => album.title)).toEqual(['B', 'A']);
  });
});

describe('hasOne', () => {
  it('loads one related object, caches it and creates with the key set', async () => {
    const { ann, bob, statements } = await blog();
    expect((await ann.profile()).bio).toBe('Ann bio');
    await ann.profile();
    expect(statements).toHaveLength(1);
    expect(await bob.profile()).toBeNull();
    const created = await bob.profile.create({ bio: 'Bob bio' });
    expect(created.userId).toBe(bob.id);
    expect((await bob.profile(true)).bio).toBe('Bob bio');
  });
});

describe('hasManyThrough', () => {
  async function music() {
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
    const [rock, jazz] = await Playlist.create([{ name: 'Rock' }, { name: 'Jazz' }]);
    const tracks = await Track.create([{ name: 't1' }, { name: 't2' }, { name: 't3' }]);
    await PlaylistTrack.create([
      { playlistId: rock.id, trackId: tracks[0].id },
      { playlistId: rock.id, trackId: tracks[2].id },
      { playlistId: jazz.id, trackId: tracks[1].id },
    ]);
    return { ds, Playlist, Track, PlaylistTrack, rock, jazz, tracks, statements: counted(ds) };
  }

  it('playlist.tracks() loads the targets in 2 statements', async () => {
    const { rock, statements } = await music();
    const tracks = await rock.tracks({ order: 'name DESC' });
    expect(tracks.map((track: { name: string }) => track.name)).toEqual(['t3', 't1']);
    expect(statements.map((event) => event.sql)).toEqual(['find PlaylistTrack', 'find Track']);
  });

  it('records the through keys in the relation metadata', async () => {
    const { Playlist } = await music();
    expect(Playlist.relations.tracks).toEqual({
      name: 'tracks',
      type: 'hasManyThrough',
      modelFrom: 'Playlist',
      modelTo: 'Track',
      keyFrom: ['id'],
      keyTo: ['id'],
      through: 'PlaylistTrack',
      throughFrom: ['playlistId'],
      throughTo: ['trackId'],
      multiple: true,
    });
  });

  it('.create creates the target and the join row; .add and .remove manage links; .count counts', async () => {
    const { jazz, rock, PlaylistTrack, tracks } = await music();
    const created = await jazz.tracks.create({ name: 't4' });
    expect(await PlaylistTrack.exists({ playlistId: jazz.id, trackId: created.id })).toBe(true);
    expect(await jazz.tracks.count()).toBe(2);
    await jazz.tracks.add(tracks[0]);
    expect(await jazz.tracks.count()).toBe(3);
    await rock.tracks.remove(tracks[0]);
    expect((await rock.tracks(true)).map((track: { name: string }) => track.name)).toEqual(['t3']);
  });
});

describe('relations declared in settings.relations', () => {
  it('are wired when the models are attached, in any order, and resolve lazily', async () => {
    const ds = new DataSource('memory');
    const Album = ds.define(
      'Album',
      { albumId: { type: Number, id: true }, title: String, artistId: Number },
      {
        idInjection: false,
        relations: { artist: { type: 'belongsTo', model: 'Artist', foreignKey: 'artistId' } },
      },
    );
    const Artist = ds.define(
      'Artist',
      { artistId: { type: Number, id: true }, name: String },
      {
        idInjection: false,
        relations: { albums: { type: 'hasMany', model: 'Album', foreignKey: 'artistId' } },
      },
    );
    await Artist.create({ artistId: 1, name: 'AC/DC' });
    await Album.create({ albumId: 1, title: 'For Those About To Rock', artistId: 1 });
    const album = await Album.findById(1);
    expect((await album.artist()).name).toBe('AC/DC');
    expect((await (await Artist.findById(1)).albums()).length).toBe(1);
    expect(Album.relations.artist?.keyTo).toEqual(['artistId']);
    expect(Object.keys(Artist.relations)).toEqual(['albums']);
  });

  it('report a relation to a model that is not attached', async () => {
    const ds = new DataSource('memory');
    const Album = ds.define(
      'Album',
      { artistId: Number },
      { relations: { artist: { type: 'belongsTo', model: 'Artist', foreignKey: 'artistId' } } },
    );
    expect(() => Album.relations.artist).toThrow(UnknownNameError);
    const album = await Album.create({ artistId: 1 });
    await expect(album.artist()).rejects.toMatchObject({ code: 'UNKNOWN_MODEL' });
  });

  it('support composite keys', async () => {
    const ds = new DataSource('memory');
    const Order = ds.define(
      'OrderLine',
      { orderId: { type: Number, id: 1 }, lineNo: { type: Number, id: 2 }, product: String },
      { idInjection: false },
    );
    const Shipment = ds.define(
      'Shipment',
      { carrier: String, orderId: Number, lineNo: Number },
      {
        relations: {
          line: {
            type: 'belongsTo',
            model: 'OrderLine',
            foreignKey: ['orderId', 'lineNo'],
            primaryKey: ['orderId', 'lineNo'],
          },
        },
      },
    );
    Order.hasMany(Shipment, {
      as: 'shipments',
      foreignKey: ['orderId', 'lineNo'],
      primaryKey: ['orderId', 'lineNo'],
    });
    await Order.create([
      { orderId: 1, lineNo: 1, product: 'a' },
      { orderId: 1, lineNo: 2, product: 'b' },
    ]);
    await Shipment.create([
      { carrier: 'x', orderId: 1, lineNo: 2 },
      { carrier: 'y', orderId: 1, lineNo: 2 },
      { carrier: 'z', orderId: 1, lineNo: 1 },
    ]);
    const shipment = await Shipment.findOne({ where: { carrier: 'x' } });
    expect((await shipment.line()).product).toBe('b');
    const line = await Order.findById([1, 2]);
    expect((await line.shipments()).map((item: { carrier: string }) => item.carrier)).toEqual(['x', 'y']);
    expect(Shipment.relations.line).toMatchObject({
      keyFrom: ['orderId', 'lineNo'],
      keyTo: ['orderId', 'lineNo'],
    });
  });

  it('reject keys that are not properties, with a suggestion', async () => {
    const ds = new DataSource('memory');
    ds.define('User', { name: String });
    const Post = ds.define(
      'Post',
      { userId: Number },
      { relations: { author: { type: 'belongsTo', model: 'User', foreignKey: 'userid' } } },
    );
    expect(() => Post.relations.author).toThrow(/did you mean `userId`/);
  });

  it('differ from the statics, which define a missing key as LoopBack does', async () => {
    const ds = new DataSource('memory');
    const User = ds.define('User', { name: String });
    const Post = ds.define('Post', { userId: Number });
    Post.belongsTo(User, { as: 'author', foreignKey: 'userid' });
    expect(Post.relations.author?.keyFrom).toEqual(['userid']);
    expect(Post.definition.properties.userid?.typeName).toBe('Number');
  });
});
