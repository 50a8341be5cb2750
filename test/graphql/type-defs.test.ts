import { readFileSync } from 'node:fs';
import {
  buildSchema,
  type GraphQLEnumType,
  type GraphQLInputObjectType,
  type GraphQLObjectType,
  printType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { createInflection, defaultInflection } from '../../src/graphql/inflection.js';
import { fromModelDefinitions } from '../../src/graphql/model-source.js';
import {
  createInputProperties,
  hasUpdateInput,
  hasUpsertInput,
  isWritable,
  updateInputProperties,
  upsertInputProperties,
} from '../../src/graphql/model-type-defs.js';
import { type ModelNames, planSchemaNames } from '../../src/graphql/schema-names.js';
import { buildTypeDefs } from '../../src/graphql/type-defs.js';
import type { ModelDefinition } from '../../src/juggler/model-definition.js';
import { handWrittenDefinitions } from './fixtures/hand-written-definitions.js';

function generated() {
  const result = buildTypeDefs(fromModelDefinitions(handWrittenDefinitions));
  return { ...result, schema: buildSchema(result.typeDefs) };
}

function fieldTypes(type: GraphQLObjectType | GraphQLInputObjectType): Record<string, string> {
  return Object.fromEntries(Object.values(type.getFields()).map((field) => [field.name, String(field.type)]));
}

describe('type generation from hand-written definitions', () => {
  it('maps every model type to its GraphQL type and nullability', () => {
    const { schema } = generated();
    expect(fieldTypes(schema.getType('Song') as GraphQLObjectType)).toEqual({
      id: 'Int!',
      title: 'String!',
      mood: 'SongMood',
      plays: 'BigInt!',
      price: 'Decimal',
      rating: 'Float',
      releasedOn: 'Date',
      updatedAt: 'DateTime!',
      lyrics: 'JSON',
      keywords: '[String]',
      recordedAt: 'GeoPoint',
      cover: 'Base64',
      titleLength: 'Int',
      band: 'String',
      band2: 'Band',
      tags: '[Tag!]!',
    });
  });

  it('gives a single text id the ID type', () => {
    const { schema } = generated();
    expect(String((schema.getType('Band') as GraphQLObjectType).getFields().code?.type)).toBe('ID!');
    expect(String(schema.getQueryType()?.getFields().band?.args[0]?.type)).toBe('ID!');
  });

  it('turns enum properties into GraphQL enums with valid value names', () => {
    const { schema } = generated();
    const mood = schema.getType('SongMood') as GraphQLEnumType;
    expect(mood.getValues().map((value) => value.name)).toEqual(['HAPPY', 'SAD', 'IN_PROGRESS']);
    expect(fieldTypes(schema.getType('SongMoodFilter') as GraphQLInputObjectType)).toEqual({
      eq: 'SongMood',
      neq: 'SongMood',
      inq: '[SongMood!]',
      nin: '[SongMood!]',
      isNull: 'Boolean',
    });
  });

  it('carries model and property descriptions, table comments included', () => {
    const { schema } = generated();
    expect(schema.getType('Song')?.description).toBe('A recorded song.');
    expect((schema.getType('Song') as GraphQLObjectType).getFields().title?.description).toBe(
      'The title as printed.',
    );
    expect(schema.getType('SongStat')?.description).toBe('Plays per band.');
  });

  it('leaves hidden properties out entirely', () => {
    const { typeDefs } = generated();
    expect(typeDefs).not.toContain('secret');
  });

  it('requires in create inputs exactly the NOT NULL properties without default, and omits generated ones', () => {
    const { schema } = generated();
    expect(fieldTypes(schema.getType('SongCreateInput') as GraphQLInputObjectType)).toEqual({
      title: 'String!',
      mood: 'SongMood',
      plays: 'BigInt',
      price: 'Decimal',
      rating: 'Float',
      releasedOn: 'Date',
      updatedAt: 'DateTime!',
      lyrics: 'JSON',
      keywords: '[String]',
      recordedAt: 'GeoPointInput',
      cover: 'Base64',
      band: 'String',
    });
    expect(
      Object.keys(fieldTypes(schema.getType('SongUpdateInput') as GraphQLInputObjectType)),
    ).not.toContain('id');
  });

  it('gives models with generated ids an upsert input that can carry the id', () => {
    const { schema } = generated();
    const upsert = fieldTypes(schema.getType('SongUpsertInput') as GraphQLInputObjectType);
    expect(upsert.id).toBe('Int');
    expect(String(schema.getMutationType()?.getFields().upsertSong?.args[0]?.type)).toBe('SongUpsertInput!');
    expect(String(schema.getMutationType()?.getFields().upsertBand?.args[0]?.type)).toBe('BandCreateInput!');
  });

  it('takes every id property as an argument for composite ids', () => {
    const { schema } = generated();
    const single = schema.getQueryType()?.getFields().songTag;
    expect(single?.args.map((arg) => `${arg.name}: ${arg.type}`)).toEqual(['songId: Int!', 'tagId: Int!']);
    const remove = schema.getMutationType()?.getFields().deleteSongTag;
    expect(remove?.args.map((arg) => arg.name)).toEqual(['songId', 'tagId']);
  });

  it('makes views query-only', () => {
    const { schema } = generated();
    const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {});
    expect(mutations.some((name) => name.includes('SongStat'))).toBe(false);
    expect(schema.getType('SongStatCreateInput')).toBeUndefined();
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {})).toContain('songStats');
  });

  it('types where operators per field: string operators only on strings', () => {
    const { schema } = generated();
    const where = fieldTypes(schema.getType('SongWhere') as GraphQLInputObjectType);
    expect(where).toMatchObject({
      and: '[SongWhere!]',
      or: '[SongWhere!]',
      id: 'IntFilter',
      title: 'StringFilter',
      plays: 'BigIntFilter',
      price: 'DecimalFilter',
      updatedAt: 'DateTimeFilter',
      releasedOn: 'DateFilter',
      mood: 'SongMoodFilter',
    });
    expect(where.lyrics).toBeUndefined();
    expect(where.recordedAt).toBeUndefined();
    const decimalOps = Object.keys(fieldTypes(schema.getType('DecimalFilter') as GraphQLInputObjectType));
    expect(decimalOps).toEqual(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'inq', 'nin', 'isNull']);
    const stringOps = Object.keys(fieldTypes(schema.getType('StringFilter') as GraphQLInputObjectType));
    expect(stringOps).toEqual(expect.arrayContaining(['like', 'nlike', 'ilike', 'regexp', 'isNull']));
  });

  it('offers order values for sortable properties only', () => {
    const { schema } = generated();
    const order = (schema.getType('SongOrder') as GraphQLEnumType).getValues().map((value) => value.name);
    expect(order).toContain('TITLE_ASC');
    expect(order).toContain('RELEASED_ON_DESC');
    expect(order).not.toContain('LYRICS_ASC');
    expect(order).not.toContain('RECORDED_AT_ASC');
  });

  it('gives relation fields list arguments for hasMany and hasManyThrough', () => {
    const { schema } = generated();
    const songs = (schema.getType('Band') as GraphQLObjectType).getFields().songs;
    expect(songs?.args.map((arg) => `${arg.name}: ${arg.type}`)).toEqual([
      'where: SongWhere',
      'order: [SongOrder!]',
      'limit: Int',
      'skip: Int',
    ]);
  });

  it('declares a Relay connection with edges, cursors, pageInfo and totalCount', () => {
    const { schema } = generated();
    expect(printType(schema.getType('TagConnection') as GraphQLObjectType)).toContain('totalCount: Int!');
    expect(fieldTypes(schema.getType('TagEdge') as GraphQLObjectType)).toEqual({
      cursor: 'String!',
      node: 'Tag!',
    });
    const args = schema
      .getQueryType()
      ?.getFields()
      .tagsConnection?.args.map((arg) => arg.name);
    expect(args).toEqual(['first', 'after', 'last', 'before', 'where', 'order']);
  });
});

describe('name collisions', () => {
  it('are resolved deterministically and reported', () => {
    const { names, schema } = generated();
    // A model called Date meets the Date scalar; a property `band` meets the relation `band`;
    // properties `unit_price` and `unitPrice` meet in one field name.
    expect(names.collisions).toEqual(
      expect.arrayContaining([
        { scope: 'type', wanted: 'Date', given: 'Date2', owner: 'model Date' },
        { scope: 'field of Song', wanted: 'band', given: 'band2', owner: 'relation band' },
        { scope: 'field of Band', wanted: 'unitPrice', given: 'unitPrice2', owner: 'property unitPrice' },
      ]),
    );
    expect(schema.getType('Date2Where')).toBeDefined();
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {})).toContain('date2s');
  });

  it('give the same SDL whatever the order of the definitions', () => {
    const forward = buildTypeDefs(fromModelDefinitions(handWrittenDefinitions)).typeDefs;
    const backward = buildTypeDefs(fromModelDefinitions([...handWrittenDefinitions].reverse())).typeDefs;
    expect(backward).toBe(forward);
  });

  it('can be avoided with an overridden inflection', () => {
    const inflection = createInflection({
      typeName: (model) => (model === 'Date' ? 'CalendarDay' : model),
      relationField: (relation) => (relation === 'band' ? 'bandRecord' : relation),
    });
    const { names } = buildTypeDefs(fromModelDefinitions(handWrittenDefinitions), { inflection });
    expect(names.collisions.filter((collision) => collision.scope === 'type')).toEqual([]);
    expect(names.models.get('Song')?.relationFields.get('band')).toBe('bandRecord');
  });
});

describe('order values', () => {
  const chinookFixture = JSON.parse(
    readFileSync(new URL('./fixtures/chinook-definitions.json', import.meta.url), 'utf8'),
  ) as ModelDefinition[];
  /** The default `orderValue` behind another function: its values are claimed one by one, as before. */
  const claimingInflection = createInflection({
    orderValue: (field, direction) => defaultInflection.orderValue(field, direction),
  });

  it('are the values claimed one by one when listed on first read', () => {
    for (const definitions of [chinookFixture, handWrittenDefinitions]) {
      const sources = fromModelDefinitions(definitions);
      const listed = planSchemaNames(sources, defaultInflection);
      const claimed = planSchemaNames(sources, claimingInflection);
      for (const [model, names] of claimed.models) {
        const lazy = listed.models.get(model) as ModelNames;
        expect([...lazy.orderValues], model).toEqual([...names.orderValues]);
        expect(lazy.hasOrderValues, model).toBe(names.orderValues.size > 0);
      }
      expect(listed.collisions).toEqual(claimed.collisions);
    }
  });

  it('that collide are renamed and reported when the names are planned', () => {
    // `fooBAR` and `foo_bar` (field `fooBar`) share the stem FOO_BAR.
    const shouting: ModelDefinition = {
      name: 'Gauge',
      options: {},
      properties: { id: { type: 'Number', id: 1 }, fooBAR: { type: 'Number' }, foo_bar: { type: 'Number' } },
    };
    for (const inflection of [defaultInflection, claimingInflection]) {
      const names = planSchemaNames(fromModelDefinitions([shouting]), inflection);
      expect(names.collisions).toEqual([
        {
          scope: 'value of GaugeOrder',
          wanted: 'FOO_BAR_ASC',
          given: 'FOO_BAR_ASC2',
          owner: 'property foo_bar',
        },
        {
          scope: 'value of GaugeOrder',
          wanted: 'FOO_BAR_DESC',
          given: 'FOO_BAR_DESC2',
          owner: 'property foo_bar',
        },
      ]);
      expect(names.models.get('Gauge')?.orderValues.get('FOO_BAR_ASC2')).toEqual({
        property: 'foo_bar',
        direction: 'ASC',
      });
    }
  });

  it('of fields with the same letters in other words do not collide', () => {
    const gauge: ModelDefinition = {
      name: 'Gauge',
      options: {},
      properties: { id: { type: 'Number', id: 1 }, fooBar: { type: 'Number' }, foobar: { type: 'Number' } },
    };
    const names = planSchemaNames(fromModelDefinitions([gauge]), defaultInflection);
    expect(names.collisions).toEqual([]);
    expect([...(names.models.get('Gauge')?.orderValues.keys() ?? [])]).toEqual([
      'ID_ASC',
      'ID_DESC',
      'FOO_BAR_ASC',
      'FOO_BAR_DESC',
      'FOOBAR_ASC',
      'FOOBAR_DESC',
    ]);
  });

  it('named by an overridden inflection are claimed when the names are planned', () => {
    const inflection = createInflection({ orderValue: (_field, direction) => `BY_${direction}` });
    const { names } = buildTypeDefs(fromModelDefinitions(handWrittenDefinitions), { inflection });
    expect(names.collisions).toContainEqual({
      scope: 'value of SongOrder',
      wanted: 'BY_ASC',
      given: 'BY_ASC2',
      owner: 'property title',
    });
    expect(names.models.get('SongStats')?.hasOrderValues).toBe(true);
  });
});

describe('write inputs', () => {
  it('exist exactly when they have properties to carry', () => {
    const { names } = generated();
    for (const model of names.models.values()) {
      expect(hasUpdateInput(model), model.type).toBe(updateInputProperties(model).length > 0);
      expect(hasUpsertInput(model), model.type).toBe(upsertInputProperties(model) !== undefined);
      expect(isWritable(model), model.type).toBe(
        !model.source.readOnly && createInputProperties(model).length > 0,
      );
    }
    expect(hasUpsertInput(names.models.get('Song') as ModelNames)).toBe(true);
    expect(hasUpdateInput(names.models.get('SongTag') as ModelNames)).toBe(false);
  });
});

describe('bad input', () => {
  it('rejects a relation whose target model is missing, naming it', () => {
    const [song] = handWrittenDefinitions;
    expect(() => fromModelDefinitions([song!])).toThrow(
      /targets model Band, which is not among the models given/,
    );
  });

  it('rejects an empty model list', () => {
    expect(() => buildTypeDefs([])).toThrow(/at least one model/);
  });
});
