import { describe, expect, it } from 'vitest';
import type { ModelClass } from '../../src/juggler/dao/model-class.js';
import { DataSource } from '../../src/juggler/datasource.js';
import { ModelBuilder } from '../../src/juggler/model-builder.js';
import type { ModelDefinition } from '../../src/juggler/model-definition.js';
import { copyToNameTable, nameTable } from '../../src/juggler/name-table.js';

// The model classes and tables built for speed on wide schemas must look exactly like the ones
// built the plain way: a class named like a class declaration, plain objects for the tables.

const ARTIST_AND_ALBUM: ModelDefinition[] = [
  {
    name: 'Artist',
    options: {
      idInjection: false,
      relations: {
        albums: { type: 'hasMany', model: 'Album', foreignKey: 'artistId' },
        singles: { type: 'hasMany', model: 'Album', foreignKey: 'artistId', scope: { limit: 1 } },
      },
    },
    properties: { artistId: { type: 'Number', id: 1 }, name: { type: 'String' } },
  },
  {
    name: 'Album',
    options: {
      idInjection: false,
      relations: { artist: { type: 'belongsTo', model: 'Artist', foreignKey: 'artistId' } },
    },
    properties: { albumId: { type: 'Number', id: 1 }, artistId: { type: 'Number' } },
  },
];

describe('model classes built by define', () => {
  it('carry their model name as a class declaration does', () => {
    const builder = new ModelBuilder();
    const Invoice = builder.define('Invoice', { total: Number });
    expect(Invoice.name).toBe('Invoice');
    expect(new Invoice({ total: 1 })).toBeInstanceOf(Invoice);
    expect(new Invoice({ total: 1 }).constructor.name).toBe('Invoice');
  });

  it('give every instance its declared properties, coerced, before any instance was made', () => {
    const builder = new ModelBuilder();
    const Invoice = builder.define('Invoice', { total: Number, note: String });
    const invoice = new Invoice({ total: '12', note: 'paid' });
    expect(invoice.total).toBe(12);
    invoice.total = '13';
    expect(invoice.total).toBe(13);
    expect(invoice.toObject()).toEqual({ total: 13, note: 'paid' });
  });
});

describe('relation tables of attached models', () => {
  it('are plain objects that keep the declared relations in order', () => {
    const dataSource = new DataSource('memory');
    const Artist = dataSource.buildModelsFrom(ARTIST_AND_ALBUM).Artist as ModelClass;
    expect(Object.getPrototypeOf(Artist.definition.relations)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(Artist.relations)).toBe(Object.prototype);
    expect(Object.keys(Artist.definition.relations)).toEqual(['albums', 'singles']);
    expect(Object.keys(Artist.relations)).toEqual(['albums', 'singles']);
    expect(Artist.relations.singles).toEqual({
      name: 'singles',
      modelFrom: 'Artist',
      modelTo: 'Album',
      type: 'hasMany',
      keyFrom: ['artistId'],
      keyTo: ['artistId'],
      multiple: true,
      scope: { limit: 1 },
    });
    expect(Object.keys(Artist.relations.albums ?? {})).toEqual([
      'name',
      'modelFrom',
      'modelTo',
      'type',
      'keyFrom',
      'keyTo',
      'multiple',
    ]);
  });

  it('are copies: the definition given to buildModelsFrom is left as it was', () => {
    const definitions = structuredClone(ARTIST_AND_ALBUM);
    const dataSource = new DataSource('memory');
    const Artist = dataSource.buildModelsFrom(definitions).Artist as ModelClass;
    expect(Artist.definition.relations).not.toBe(definitions[0]?.options?.relations);
    expect(definitions).toEqual(ARTIST_AND_ALBUM);
  });
});

describe('nameTable and copyToNameTable', () => {
  it('give objects that behave as `{}` and `{...source}`', () => {
    const table = nameTable<number>();
    expect(Object.getPrototypeOf(table)).toBe(Object.prototype);
    expect(Object.keys(table)).toEqual([]);
    table.b = 1;
    table.a = 2;
    table['2'] = 3;
    expect(JSON.stringify(table)).toBe(JSON.stringify({ b: 1, a: 2, 2: 3 }));

    const marker = Symbol('marker');
    const source = JSON.parse('{"z": 1, "__proto__": {"x": 2}, "y": 3}') as Record<string | symbol, unknown>;
    source[marker] = 4;
    const copy = copyToNameTable(source as Record<string, unknown>);
    const spread = { ...source };
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Reflect.ownKeys(copy)).toEqual(Reflect.ownKeys(spread));
    expect(JSON.stringify(copy)).toBe(JSON.stringify(spread));
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect(copyToNameTable(undefined)).toEqual({});
  });
});
