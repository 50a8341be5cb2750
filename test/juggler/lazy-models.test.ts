import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromDefinedModels } from '../../src/graphql/model-source.js';
import { DataSource } from '../../src/juggler/datasource.js';
import type { ModelDefinition } from '../../src/juggler/model-definition.js';

const chinook = JSON.parse(
  readFileSync(new URL('../graphql/fixtures/chinook-definitions.json', import.meta.url), 'utf8'),
) as ModelDefinition[];

/** A fresh copy of the Chinook definitions (discovered, validations and relations included). */
function definitions(): ModelDefinition[] {
  return structuredClone(chinook);
}

function isBuilt(map: object, name: string): boolean {
  const descriptor = Object.getOwnPropertyDescriptor(map, name);
  expect(descriptor).toBeDefined();
  return descriptor?.get === undefined;
}

function builtNames(ds: DataSource): string[] {
  return Object.keys(ds.models).filter((name) => isBuilt(ds.models, name));
}

/** The error `fn` throws (fails the test when it throws none). */
function thrownBy(fn: () => unknown): Error & { code?: string; details?: unknown } {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

/** What a start does with eagerly built models: build every class, then read every relation. */
function buildEagerly(defs: ModelDefinition[]): void {
  const models = new DataSource('memory').buildModelsFrom(defs);
  fromDefinedModels(Object.values(models), defs);
}

describe('dataSource.defineModelsLazily', () => {
  it('lists every model at once but builds no class until one is read', () => {
    const ds = new DataSource('memory');
    const defs = definitions();
    const { models } = ds.defineModelsLazily(defs);
    const names = defs.map((definition) => definition.name);
    expect(Object.keys(models)).toEqual(names);
    expect(Object.keys(ds.models)).toEqual(names);
    expect(Object.keys(ds.modelBuilder.models)).toEqual(names);
    expect(builtNames(ds)).toEqual([]);
    expect(names.some((name) => isBuilt(ds.modelBuilder.models, name))).toBe(false);
  });

  it('builds a class on its first read, from any map, and then holds it as a plain value', () => {
    const ds = new DataSource('memory');
    const { models } = ds.defineModelsLazily(definitions());
    const Album = ds.models.Album;
    expect(Album?.modelName).toBe('Album');
    expect(builtNames(ds)).toEqual(['Album']);
    for (const map of [models, ds.models, ds.modelBuilder.models]) expect(map.Album).toBe(Album);
    for (const map of [ds.definitions, ds.modelBuilder.definitions]) {
      expect(isBuilt(map, 'Album')).toBe(true);
      expect(map.Album).toBe(Album?.definition);
    }
    expect(ds.definitions.Track?.name).toBe('Track');
    expect(builtNames(ds)).toEqual(['Album', 'Track']);
  });

  it('builds the classes buildModelsFrom builds', () => {
    const lazy = new DataSource('memory').defineModelsLazily(definitions()).models;
    const eager = new DataSource('memory').buildModelsFrom(definitions());
    for (const name of Object.keys(eager)) {
      const [Lazy, Eager] = [lazy[name], eager[name]];
      expect(Lazy?.definition.toJSON()).toEqual(Eager?.definition.toJSON());
      expect({ ...Lazy?.relations }).toEqual({ ...Eager?.relations });
      expect(Lazy?.validations).toEqual(Eager?.validations);
      expect(typeof Lazy?.find).toBe('function');
    }
  });

  it('reaches the target of a relation only when the relation is first read', () => {
    const ds = new DataSource('memory');
    const { models } = ds.defineModelsLazily(definitions());
    const Track = models.Track;
    expect(builtNames(ds)).toEqual(['Track']);
    expect(Track?.relations.album?.keyTo).toEqual(['albumId']);
    expect(builtNames(ds).sort()).toEqual(['Album', 'Track']);
  });

  it('answers queries through a lazily built class and its relations', async () => {
    const ds = new DataSource('memory');
    const { models } = ds.defineModelsLazily(definitions());
    await models.Artist?.create({ artistId: 1, name: 'AC/DC' });
    await models.Album?.create({ albumId: 1, title: 'Let There Be Rock', artistId: 1 });
    const albums = (await models.Album?.find({ include: 'artist' })) as { toJSON(): unknown }[];
    expect(albums.map((album) => album.toJSON())).toEqual([
      { albumId: 1, title: 'Let There Be Rock', artistId: 1, artist: { artistId: 1, name: 'AC/DC' } },
    ]);
    expect(builtNames(ds).sort()).toEqual(['Album', 'Artist']);
  });

  it('gives outlines whose model sources equal those of the built classes', () => {
    const defs = definitions();
    const { outlines } = new DataSource('memory').defineModelsLazily(defs);
    const eager = new DataSource('memory').buildModelsFrom(definitions());
    expect(fromDefinedModels(outlines, defs)).toEqual(fromDefinedModels(Object.values(eager), definitions()));
  });

  it('leaves buildModelsFrom building every class at once', () => {
    const ds = new DataSource('memory');
    ds.buildModelsFrom(definitions());
    expect(builtNames(ds)).toEqual(Object.keys(ds.models));
  });

  it('fails at once, as a start with every class built does, on a relation to an unknown model', () => {
    const bad = () => {
      const defs = definitions();
      const track = defs.find((definition) => definition.name === 'Track') as ModelDefinition;
      (track.options?.relations as Record<string, unknown>).album = { type: 'belongsTo', model: 'Alburn' };
      return defs;
    };
    const expected = thrownBy(() => buildEagerly(bad()));
    const actual = thrownBy(() => new DataSource('memory').defineModelsLazily(bad()));
    expect(actual.code).toBe('UNKNOWN_MODEL');
    expect(actual).toEqual(expected);
    expect(actual.message).toBe(expected.message);
    expect(actual.details).toEqual(expected.details);
  });

  it('fails at once, as a start with every class built does, on a relation over an unknown key', () => {
    const bad = () => {
      const defs = definitions();
      const album = defs.find((definition) => definition.name === 'Album') as ModelDefinition;
      (album.options?.relations as Record<string, { foreignKey?: string }>).tracks = {
        ...(album.options?.relations?.tracks as object),
        foreignKey: 'albumKey',
      };
      return defs;
    };
    const expected = thrownBy(() => buildEagerly(bad()));
    const actual = thrownBy(() => new DataSource('memory').defineModelsLazily(bad()));
    expect(actual.code).toBe('UNKNOWN_PROPERTY');
    expect(actual.message).toBe(expected.message);
    expect(actual.details).toEqual(expected.details);
  });

  it.each([
    [
      'an unknown property type',
      (track: ModelDefinition) => {
        (track.properties.name as { type: string }).type = 'Strnig';
      },
    ],
    [
      'a length validation without a bound',
      (track: ModelDefinition) => {
        const options = track.options as NonNullable<ModelDefinition['options']>;
        options.validations = [
          ...(options.validations ?? []),
          { kind: 'length', property: 'name', options: {} },
        ];
      },
    ],
    [
      'a relation named like a property',
      (track: ModelDefinition) => {
        (track.options?.relations as Record<string, unknown>).name = {
          type: 'belongsTo',
          model: 'Album',
          foreignKey: 'albumId',
        };
      },
    ],
  ])('fails at once, as buildModelsFrom does, on %s', (_case, spoil) => {
    const bad = () => {
      const defs = definitions();
      spoil(defs.find((definition) => definition.name === 'Track') as ModelDefinition);
      return defs;
    };
    const expected = thrownBy(() => new DataSource('memory').buildModelsFrom(bad()));
    const actual = thrownBy(() => new DataSource('memory').defineModelsLazily(bad()));
    expect(actual.constructor).toBe(expected.constructor);
    expect(actual.message).toBe(expected.message);
    expect(actual.details).toEqual(expected.details);
  });

  it('defers no model whose class depends on another one, and builds it where buildModelsFrom would', () => {
    const ds = new DataSource('memory');
    const { models } = ds.defineModelsLazily([
      { name: 'Base', options: { idInjection: false }, properties: { id: { type: 'Number', id: 1 } } },
      { name: 'Child', options: { base: 'Base' }, properties: { note: { type: 'String' } } },
    ] as ModelDefinition[]);
    expect(builtNames(ds)).toEqual(['Base', 'Child']);
    expect(Object.getPrototypeOf(models.Child)).toBe(models.Base);
  });
});
