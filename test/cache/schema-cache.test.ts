import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema, isInputObjectType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  hasSchemaCache,
  readSchemaCache,
  schemaCacheMatches,
  writeSchemaCache,
} from '../../src/cache/schema-cache.js';
import { diffModelDefinitions, formatSchemaChanges } from '../../src/cache/schema-diff.js';
import { buildGraphQLSchemaWithNames, printSortedSchema } from '../../src/graphql/index.js';
import { fromDefinedModels } from '../../src/graphql/model-source.js';
import { DataSource } from '../../src/juggler/datasource.js';
import type { ModelDefinition, PropertyDefinition } from '../../src/juggler/model-definition.js';

const artist: ModelDefinition = {
  name: 'Artist',
  options: { relations: { albums: { type: 'hasMany', model: 'Album', foreignKey: 'artistId' } } },
  properties: { artistId: { type: 'Number', id: 1, required: true }, name: { type: 'String' } },
};
const album: ModelDefinition = {
  name: 'Album',
  options: { relations: { artist: { type: 'belongsTo', model: 'Artist', foreignKey: 'artistId' } } },
  properties: {
    albumId: { type: 'Number', id: 1 },
    title: { type: 'String', required: true },
    artistId: { type: 'Number' },
  },
};
const source = { connector: 'postgresql', database: 'chinook' };

describe('the schema cache', () => {
  it('writes one file per model, a manifest and the SDL, and reads them back', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'discograph-cache-'));
    expect(hasSchemaCache(dir)).toBe(false);
    writeSchemaCache(dir, {
      source,
      options: { schemas: ['public'] },
      definitions: [artist, album],
      sdl: 'type Query { a: Int }',
    });
    const read = readSchemaCache(dir);
    expect(read.manifest.models).toEqual(['Album', 'Artist']);
    expect(read.definitions).toEqual([album, artist]);
    expect(read.sdl).toBe('type Query { a: Int }\n');
  });

  it('is deterministic: rewriting the same discovery leaves every file byte-identical, time included', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'discograph-cache-'));
    writeSchemaCache(dir, {
      source,
      options: {},
      definitions: [artist, album],
      now: new Date('2026-01-01T00:00:00Z'),
    });
    const manifest = readFileSync(path.join(dir, 'manifest.json'), 'utf8');
    const mtime = statSync(path.join(dir, 'models', 'Album.json')).mtimeMs;
    writeSchemaCache(dir, {
      source,
      options: {},
      definitions: [album, artist],
      now: new Date('2026-02-02T00:00:00Z'),
    });
    expect(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).toBe(manifest);
    expect(statSync(path.join(dir, 'models', 'Album.json')).mtimeMs).toBe(mtime);
  });

  it('removes the file of a model that disappeared', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'discograph-cache-'));
    writeSchemaCache(dir, { source, options: {}, definitions: [artist, album] });
    writeSchemaCache(dir, { source, options: {}, definitions: [artist] });
    expect(readSchemaCache(dir).definitions.map((definition) => definition.name)).toEqual(['Artist']);
  });

  it('skips schema.graphql when asked to (serving does not need it)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'discograph-cache-'));
    writeSchemaCache(dir, { source, options: {}, definitions: [artist], sdl: 'type Query { a: Int }' });
    const read = readSchemaCache(dir, { sdl: false });
    expect(read.sdl).toBeUndefined();
    expect(read.definitions).toEqual([artist]);
  });

  it('tells whether it holds exactly the given definitions, without reading them into objects', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'discograph-cache-'));
    writeSchemaCache(dir, { source, options: {}, definitions: [artist, album] });
    expect(schemaCacheMatches(dir, [album, artist])).toBe(true);
    expect(schemaCacheMatches(dir, [artist])).toBe(false);
    const retyped = { ...album, properties: { ...album.properties, title: { type: 'Text' } } };
    expect(schemaCacheMatches(dir, [artist, retyped])).toBe(false);
    expect(schemaCacheMatches(dir, [artist, { ...album, name: 'Record' }])).toBe(false);
  });

  it('names the missing file and the command that writes it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'discograph-cache-'));
    expect(() => readSchemaCache(dir)).toThrow(
      /No schema cache at .*manifest\.json; run `npm run discograph -- discover`/,
    );
  });
});

describe('diffModelDefinitions', () => {
  it('finds an added column (not breaking) and a dropped table (breaking)', () => {
    const withColumn: ModelDefinition = {
      ...album,
      properties: { ...album.properties, releasedOn: { type: 'DateString' } },
    };
    const changes = diffModelDefinitions([artist, album], [withColumn]);
    expect(
      changes.map((change) => [
        change.kind,
        change.model,
        change.field ?? change.relation ?? '',
        change.breaking,
      ]),
    ).toEqual([
      ['field-added', 'Album', 'releasedOn', false],
      ['model-removed', 'Artist', '', true],
    ]);
    expect(formatSchemaChanges(changes)).toContain('BREAKING model Artist was removed');
  });

  it('treats a type change and a new required field as breaking', () => {
    const changed: ModelDefinition = {
      ...artist,
      properties: {
        artistId: { type: 'String', id: 1, required: true },
        name: { type: 'String' },
        code: { type: 'String', required: true },
      },
    };
    const changes = diffModelDefinitions([artist], [changed]);
    expect(changes.every((change) => change.breaking)).toBe(true);
    expect(changes.map((change) => change.kind).sort()).toEqual(['field-added', 'field-type-changed']);
  });

  it('compares the fields of embedded documents by dotted path', () => {
    const invoice = (lines: Record<string, PropertyDefinition>): ModelDefinition => ({
      name: 'Invoice',
      properties: {
        id: { type: 'String', id: 1 },
        lines: { type: ['Object'], embedded: { properties: lines } },
      },
    });
    const before = invoice({ unitPrice: { type: 'Decimal' }, quantity: { type: 'Number' } });
    const after = invoice({ unitPrice: { type: 'JSON' }, discount: { type: 'Decimal' } });
    expect(
      diffModelDefinitions([before], [after])
        .map((change) => [change.kind, change.field, change.breaking])
        .sort(),
    ).toEqual([
      ['field-added', 'lines.discount', false],
      ['field-removed', 'lines.quantity', true],
      ['field-type-changed', 'lines.unitPrice', true],
    ]);
  });

  it('says there are no changes when nothing changed', () => {
    expect(formatSchemaChanges(diffModelDefinitions([artist, album], [album, artist]))).toBe('no changes');
  });
});

describe('a schema cache written before discovery recorded integer widths', () => {
  const oldCache = new URL('./fixtures/demo-cache-before-integer-widths', import.meta.url).pathname;
  const currentCache = new URL('../../schema-cache/demo', import.meta.url).pathname;

  /** The sorted SDL the gateway builds from cached definitions (as `serve --from-cache` does). */
  function servedSdl(definitions: ModelDefinition[]): string {
    const { models, outlines } = new DataSource('memory').defineModelsLazily(definitions);
    const { schema } = buildGraphQLSchemaWithNames(models, {
      sources: fromDefinedModels(outlines, definitions),
    });
    return `${printSortedSchema(schema)}\n`;
  }

  /** Type name → field name → field type, for the object and input types of an SDL. */
  function fieldTypes(sdl: string): Map<string, Map<string, string>> {
    const schema = buildSchema(sdl);
    const types = new Map<string, Map<string, string>>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) && !isInputObjectType(type)) continue;
      types.set(
        type.name,
        new Map(Object.values(type.getFields()).map((field) => [field.name, String(field.type)])),
      );
    }
    return types;
  }

  it('still reads, and builds the models and the schema of every cached model', () => {
    const cache = readSchemaCache(oldCache);
    expect(cache.manifest.formatVersion).toBe(1);
    expect(cache.definitions.map((definition) => definition.name)).toEqual(cache.manifest.models);
    expect(cache.definitions.some((definition) => JSON.stringify(definition).includes('"discograph"'))).toBe(
      false,
    );
    expect(() => servedSdl(cache.definitions)).not.toThrow();
  });

  it('serves the same types and fields without the facts discovery records since (integer columns Float, belongsTo fields nullable: the documented defaults) until discovery runs again', () => {
    const before = fieldTypes(readSchemaCache(currentCache).sdl as string);
    const served = fieldTypes(servedSdl(readSchemaCache(oldCache).definitions));
    // Every integer column is Float there: FloatFilter takes the place of the IntFilter no column
    // uses. Without the enum type recorded, the view column BookSummary.genre still shares
    // BookGenre: it is the one table column with its name and values.
    const asFloat = (name: string) => (name === 'IntFilter' ? 'FloatFilter' : name);
    expect([...served.keys()].sort()).toEqual([...before.keys()].map(asFloat).sort());
    const changed: string[] = [];
    for (const [type, fields] of before) {
      if (type === 'IntFilter') continue;
      expect([...(served.get(type)?.keys() ?? [])], type).toEqual([...fields.keys()]);
      for (const [field, fieldType] of fields) {
        const now = served.get(type)?.get(field) as string;
        if (now === fieldType) continue;
        changed.push(`${type}.${field}`);
        // Only Int became Float (and its operator input IntFilter FloatFilter), and a belongsTo
        // (no constraint recorded) nullable; other nullability kept.
        const expected = fieldType.replace(/^(\[?)Int(Filter)?\b/, '$1Float$2');
        // A non-null object type is a belongsTo field.
        const relation = fieldType.endsWith('!') && served.has(fieldType.slice(0, -1));
        expect(now, `${type}.${field}`).toBe(relation ? fieldType.slice(0, -1) : expected);
      }
    }
    expect(changed).toContain('Loan.loanId');
    expect(changed).toContain('BookSummary.authorCount');
    expect(changed).toContain('LoanWhere.loanId');
    expect(changed).toContain('Loan.book');
  });
});
