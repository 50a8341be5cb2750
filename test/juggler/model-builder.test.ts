import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, UnknownNameError } from '../../src/juggler/errors.js';
import { ModelBaseClass } from '../../src/juggler/model.js';
import { ModelBuilder } from '../../src/juggler/model-builder.js';
import type { ModelDefinition } from '../../src/juggler/model-definition.js';
import type { ModelInstance } from '../../src/juggler/model-types.js';
import { Decimal, GeoPoint, Text, Types } from '../../src/juggler/types/index.js';
import type { ValidationErrors } from '../../src/juggler/validation/index.js';

/** The errors bag of the last validation run (it is `false` when the run passed). */
function errorsOf(instance: ModelInstance): ValidationErrors {
  return instance.errors as ValidationErrors;
}

function defineSpecUser(builder: ModelBuilder) {
  // The spec's "more advanced case" of modelBuilder.define.
  return builder.define('User', {
    email: { type: String, limit: 150, index: true },
    password: { type: String, limit: 50 },
    birthDate: Date,
    registrationDate: {
      type: Date,
      default: () => new Date(),
    },
    activated: { type: Boolean, default: false },
  });
}

describe('ModelBuilder.define', () => {
  it("defines the spec's User model with both property forms", () => {
    const builder = new ModelBuilder();
    const User = defineSpecUser(builder);
    expect(User.modelName).toBe('User');
    expect(User.name).toBe('User');
    expect(builder.models.User).toBe(User);
    expect(builder.definitions.User).toBe(User.definition);
    const { properties } = User.definition;
    expect(Object.keys(properties)).toEqual([
      'id',
      'email',
      'password',
      'birthDate',
      'registrationDate',
      'activated',
    ]);
    expect(properties.email).toMatchObject({
      typeName: 'String',
      type: String,
      definition: { limit: 150, index: true },
    });
    expect(properties.birthDate).toMatchObject({ typeName: 'Date', type: Date });
    expect(properties.activated?.typeName).toBe('Boolean');
    expect(User.getPropertyType('registrationDate')).toBe('Date');
    expect(User.getPropertyType('nope')).toBeNull();
  });

  it('creates instances with defaults as values and as functions', () => {
    const User = defineSpecUser(new ModelBuilder());
    const before = Date.now();
    const user = new User({ email: 'ann@example.com', birthDate: '1990-05-01' });
    expect(user.activated).toBe(false);
    expect(user.registrationDate).toBeInstanceOf(Date);
    expect(user.registrationDate.getTime()).toBeGreaterThanOrEqual(before);
    expect(user.birthDate).toEqual(new Date('1990-05-01'));
    expect(new User({ activated: true }).activated).toBe(true);
  });

  it('injects a generated Number id when no property is an id, unless idInjection is false', () => {
    const builder = new ModelBuilder();
    const Note = builder.define('Note', { text: String });
    expect(Note.definition.properties.id?.definition).toEqual({ type: 'Number', id: true, generated: true });
    expect(Note.definition.idNames()).toEqual(['id']);
    const Plain = builder.define('Plain', { text: String }, { idInjection: false });
    expect(Plain.definition.properties.id).toBeUndefined();
    expect(Plain.definition.idNames()).toEqual([]);
    const Keyed = builder.define('Keyed', { code: { type: String, id: true }, text: String });
    expect(Object.keys(Keyed.definition.properties)).toEqual(['code', 'text']);
  });

  it('orders composite ids by their position', () => {
    const Line = new ModelBuilder().define('PlaylistTrack', {
      trackId: { type: Number, id: 2 },
      playlistId: { type: Number, id: 1 },
    });
    expect(Line.definition.idNames()).toEqual(['playlistId', 'trackId']);
    expect(Line.getIdName()).toBe('playlistId');
  });

  it('resolves Types.Text, Types.JSON, GeoPoint, Decimal and arrays of a type', () => {
    const Post = new ModelBuilder().define('Post', {
      body: Types.Text,
      meta: Types.JSON,
      location: GeoPoint,
      price: Decimal,
      tags: [String],
      scores: { type: 'array', itemType: 'number' },
      anything: 'any',
    });
    const types = Object.fromEntries(
      Object.values(Post.definition.properties).map((p) => [p.name, [p.typeName, p.itemTypeName]]),
    );
    expect(types).toEqual({
      id: ['Number', undefined],
      body: ['Text', undefined],
      meta: ['JSON', undefined],
      location: ['GeoPoint', undefined],
      price: ['Decimal', undefined],
      tags: ['Array', 'String'],
      scores: ['Array', 'Number'],
      anything: ['Any', undefined],
    });
    expect(Post.definition.properties.body?.type).toBe(Text);
  });

  it('rejects an unknown type with a suggestion', () => {
    const builder = new ModelBuilder();
    expect(() => builder.define('Bad', { name: 'Strng' })).toThrow(InvalidArgumentError);
    expect(() => builder.define('Bad', { name: 'Strng' })).toThrow(
      'Unknown type Strng for property `name` of model `Bad`; did you mean `String`?',
    );
    expect(() => builder.define('Bad', { name: { required: true } })).toThrow(/has no `type`/);
  });

  it('rejects property names that the model API reserves', () => {
    expect(() => new ModelBuilder().define('Bad', { toObject: String })).toThrow(/reserved by the model API/);
    expect(() => new ModelBuilder().define('Bad', { errors: String })).toThrow(/reserved by the model API/);
  });

  it('keeps an embedded model type as an Object property whose values become instances', () => {
    const builder = new ModelBuilder();
    const Address = builder.define('Address', { street: String, city: String }, { idInjection: false });
    const Person = builder.define('Person', { name: String, address: 'Address' });
    expect(Person.definition.properties.address).toMatchObject({ typeName: 'Object', type: Address });
    const person = new Person({ name: 'Ann', address: { street: '1 Main St', city: 'Springfield' } });
    expect(person.address).toBeInstanceOf(Address);
    expect(person.toObject()).toEqual({ name: 'Ann', address: { street: '1 Main St', city: 'Springfield' } });
  });
});

describe('ModelBuilder property helpers', () => {
  it('defines a single property on a model by name (defineProperty)', () => {
    const builder = new ModelBuilder();
    const Content = builder.define('Content', { title: String });
    builder.defineProperty('Content', 'competitionType', { type: String });
    const content = new Content({ competitionType: 42 });
    expect(content.competitionType).toBe('42');
    expect(Content.getPropertyType('competitionType')).toBe('String');
  });

  it("extends a model with a bunch of properties (the spec's extendModel example)", () => {
    const builder = new ModelBuilder();
    const Content = builder.define('Content', { title: String });
    builder.extendModel('Content', {
      competitionType: String,
      expiryDate: { type: Date, index: true },
      isExpired: { type: Boolean, index: true },
    });
    expect(Object.keys(Content.definition.properties)).toEqual([
      'id',
      'title',
      'competitionType',
      'expiryDate',
      'isExpired',
    ]);
    expect(Content.definition.properties.expiryDate?.definition).toEqual({ type: Date, index: true });
    const content = new Content({ expiryDate: '2030-01-01T00:00:00Z', isExpired: 'false' });
    expect(content.expiryDate).toEqual(new Date('2030-01-01T00:00:00Z'));
    expect(content.isExpired).toBe(false);
  });

  it('names anonymous schemas AnonymousModel_<n> (getSchemaName)', () => {
    const builder = new ModelBuilder();
    expect(builder.getSchemaName('Named')).toBe('Named');
    expect(builder.getSchemaName()).toBe('AnonymousModel_0');
    expect(builder.getSchemaName()).toBe('AnonymousModel_1');
  });

  it('resolves types case-insensitively and defined models by name (resolveType)', () => {
    const builder = new ModelBuilder();
    expect(builder.resolveType('number')).toBe(Number);
    expect(builder.resolveType('Number')).toBe(Number);
    expect(builder.resolveType('boolean')).toBe(Boolean);
    expect(builder.resolveType('String')).toBe(String);
    expect(builder.resolveType('text')).toBe(Types.Text);
    expect(builder.resolveType(['string'])).toEqual([String]);
    const Address = builder.define('Address', { city: String });
    expect(builder.resolveType('Address')).toBe(Address);
    expect(builder.resolveType('Nothing')).toBeUndefined();
  });

  it('finds a defined model or suggests the closest name (getModel)', () => {
    const builder = new ModelBuilder();
    const Track = builder.define('Track', { name: String });
    expect(builder.getModel('Track')).toBe(Track);
    expect(() => builder.getModel('Trak')).toThrow(UnknownNameError);
    expect(() => builder.getModel('Trak')).toThrow('Unknown model `Trak`; did you mean `Track`?');
  });
});

describe('ModelBuilder.buildModels', () => {
  const artist: ModelDefinition = {
    name: 'Artist',
    options: {
      idInjection: false,
      relations: { albums: { type: 'hasMany', model: 'Album', foreignKey: 'artistId' } },
    },
    properties: {
      artistId: { type: 'Number', id: 1, required: true },
      name: { type: 'String', length: 120 },
    },
  };
  const album: ModelDefinition = {
    name: 'Album',
    options: {
      idInjection: false,
      relations: { artist: { type: 'belongsTo', model: 'Artist', foreignKey: 'artistId' } },
    },
    properties: {
      albumId: { type: 'Number', id: 1 },
      title: { type: 'String', required: true },
      artistId: { type: 'Number' },
    },
  };

  it('builds an array of named schemas into a map of constructors keyed by name', () => {
    const models = new ModelBuilder().buildModels([artist, album]);
    expect(Object.keys(models)).toEqual(['Artist', 'Album']);
    expect(models.Album?.definition.idNames()).toEqual(['albumId']);
    expect(models.Album?.definition.relations).toEqual({
      artist: { type: 'belongsTo', model: 'Artist', foreignKey: 'artistId' },
    });
    expect(models.Artist?.definition.relations.albums?.type).toBe('hasMany');
  });

  it('builds one schema definition', () => {
    const models = new ModelBuilder().buildModels(album);
    expect(Object.keys(models)).toEqual(['Album']);
    expect(new (models.Album as typeof ModelBaseClass)({ albumId: '3' }).albumId).toBe(3);
  });

  it('builds an anonymous list of property definitions', () => {
    const builder = new ModelBuilder();
    const models = builder.buildModels({ title: String, year: { type: 'number' } });
    expect(Object.keys(models)).toEqual(['AnonymousModel_0']);
    expect(models.AnonymousModel_0?.definition.properties.year?.typeName).toBe('Number');
    expect(models.AnonymousModel_0?.settings.anonymous).toBe(true);
  });

  it('lets the caller create each model (what DataSource.define plugs in)', () => {
    const builder = new ModelBuilder();
    const created: string[] = [];
    const models = builder.buildModels([artist, album], (name, properties, settings) => {
      created.push(name);
      return builder.define(name, properties, settings);
    });
    expect(created).toEqual(['Artist', 'Album']);
    expect(models.Artist).toBe(builder.models.Artist);
  });

  it('gives the LoopBack JSON back from a definition (toJSON round trip)', () => {
    const builder = new ModelBuilder();
    const { Artist } = builder.buildModels([artist]);
    const json = Artist?.definition.toJSON();
    expect(json).toEqual({ ...artist, options: { ...artist.options } });
    const rebuilt = new ModelBuilder().buildModels(JSON.parse(JSON.stringify(json)));
    expect(rebuilt.Artist?.definition.toJSON()).toEqual(json);
  });

  it('writes constructors as type names and drops function defaults in toJSON', () => {
    const User = defineSpecUser(new ModelBuilder());
    const json = User.definition.toJSON();
    expect(json.properties.email).toEqual({ type: 'String', limit: 150, index: true });
    expect(json.properties.registrationDate).toEqual({ type: 'Date' });
    expect(json.properties.activated).toEqual({ type: 'Boolean', default: false });
    expect(json.properties.id).toEqual({ type: 'Number', id: true, generated: true });
  });
});

describe('ModelBuilder.buildModelFromInstance', () => {
  it('infers String, Number, Boolean, Date, arrays, objects and Any from a document', () => {
    const builder = new ModelBuilder();
    const User = builder.buildModelFromInstance(
      'User',
      {
        name: 'Joe',
        age: 30,
        vip: true,
        joined: '2024-01-31T10:00:00.000Z',
        tags: ['a', 'b'],
        scores: [null, 3],
        address: { street: '1 Main St', zip: '12345' },
        nickname: null,
        friends: [],
      },
      { idInjection: true },
    );
    const types = Object.fromEntries(
      Object.values(User.definition.properties).map((p) => [
        p.name,
        p.itemTypeName ? `[${p.itemTypeName}]` : p.typeName,
      ]),
    );
    expect(types).toEqual({
      id: 'Number',
      name: 'String',
      age: 'Number',
      vip: 'Boolean',
      joined: 'Date',
      tags: '[String]',
      scores: '[Number]',
      address: 'Object',
      nickname: 'Any',
      friends: '[Any]',
    });
    const user = new User({ name: 'Ann', age: '31', joined: '2024-02-01T00:00:00Z' });
    expect(user.age).toBe(31);
    expect(user.joined).toBeInstanceOf(Date);
  });

  it('marks _id as the id of a MongoDB-style document', () => {
    const Doc = new ModelBuilder().buildModelFromInstance('Doc', { _id: 'abc', title: 'x' });
    expect(Doc.definition.idNames()).toEqual(['_id']);
  });
});

describe('model inheritance', () => {
  it('extends a model with Model.extend, keeping properties, settings, validations and hooks', () => {
    const builder = new ModelBuilder();
    const Animal = builder.define(
      'Animal',
      { name: { type: String, required: true } },
      { hidden: ['secret'] },
    );
    Animal.validatesLengthOf('name', { max: 10 });
    const seen: string[] = [];
    Animal.beforeValidate = function (next) {
      seen.push(String(this.name));
      next();
    };
    const Dog = Animal.extend('Dog', { barks: Boolean }, { plural: 'Dogs' });
    expect(Object.getPrototypeOf(Dog)).toBe(Animal);
    expect(Object.keys(Dog.definition.properties)).toEqual(['id', 'name', 'barks']);
    expect(Dog.settings).toMatchObject({ plural: 'Dogs', hidden: ['secret'], base: 'Animal' });
    const dog = new Dog({ barks: 'true' });
    expect(dog).toBeInstanceOf(Animal);
    expect(dog.isValid()).toBe(false);
    // LoopBack: a length rule fails on an undefined value as 'blank' unless allowBlank.
    expect(errorsOf(dog).codes).toEqual({ name: ['presence', 'length.blank'] });
    dog.name = 'a very long name';
    expect(dog.isValid()).toBe(false);
    expect(errorsOf(dog).codes).toEqual({ name: ['length.max'] });
    expect(seen).toEqual(['undefined', 'a very long name']);
    expect(Animal.validations?.name).toHaveLength(2);
    expect(Dog.validations?.name).toHaveLength(2);
  });

  it('extends a model named in settings.base', () => {
    const builder = new ModelBuilder();
    builder.define('Base', { createdAt: { type: Date, default: '$now' } });
    const Child = builder.define('Child', { title: String }, { base: 'Base' });
    expect(new Child({ title: 'x' }).createdAt).toBeInstanceOf(Date);
    expect(Child.definition.toJSON().base).toBe('Base');
  });

  it('keeps an unknown base name (PersistedModel) as information only', () => {
    const Thing = new ModelBuilder().define('Thing', { title: String }, { base: 'PersistedModel' });
    expect(Object.getPrototypeOf(Thing)).toBe(ModelBaseClass);
    expect(Thing.definition.toJSON().base).toBe('PersistedModel');
  });

  it('copies statics and prototype methods of a mixin onto a model (mixin)', () => {
    const builder = new ModelBuilder();
    const Track = builder.define('Track', { name: String });
    class Greeter {
      static kind = 'greeter';
      static describe(this: { modelName: string }): string {
        return `model ${this.modelName}`;
      }
      greet(this: { name: string }): string {
        return `hello ${this.name}`;
      }
    }
    const Mixed = builder.mixin<typeof Greeter>(Track, Greeter);
    expect(Mixed).toBe(Track);
    expect(Mixed.kind).toBe('greeter');
    expect(Mixed.describe()).toBe('model Track');
    expect(new Track({ name: 'Song' }).greet()).toBe('hello Song');
  });
});
