import { readFileSync } from 'node:fs';
import {
  buildSchema,
  type GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLObjectType,
  GraphQLSchema,
  printSchema,
  validateSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSchemaCache } from '../../src/cache/schema-cache.js';
import { buildGraphQLSchemaWithNames, printSortedSchema } from '../../src/graphql/build-schema.js';
import { fromModelClasses, type ModelClassLike } from '../../src/graphql/model-class.js';
import { fromDefinedModels, fromModelDefinitions } from '../../src/graphql/model-source.js';
import { enumResolvers } from '../../src/graphql/resolvers/type-resolvers.js';
import { assembleSchema } from '../../src/graphql/schema/deferred-types.js';
import { assertResolverTypes } from '../../src/graphql/schema/resolver-check.js';
import { NO_EXTENSIONS, TypeRegistry } from '../../src/graphql/schema/type-registry.js';
import { buildSchemaTypes, buildTypeDefs, planSchema } from '../../src/graphql/type-defs.js';
import { DataSource } from '../../src/juggler/datasource.js';
import type { ModelDefinition } from '../../src/juggler/model-definition.js';
import { CHINOOK_PG_URL } from '../support/databases.js';
import { handWrittenDefinitions } from './fixtures/hand-written-definitions.js';

const chinookFixture = JSON.parse(
  readFileSync(new URL('./fixtures/chinook-definitions.json', import.meta.url), 'utf8'),
) as ModelDefinition[];

/** The schema graphql-js builds from the generated SDL text: what the gateway served before. */
function schemaFromText(definitions: ModelDefinition[]): GraphQLSchema {
  return buildSchema(buildTypeDefs(fromModelDefinitions(definitions)).typeDefs);
}

/** The generated types assembled into a schema, without resolvers. */
function schemaFromTypes(definitions: ModelDefinition[]): GraphQLSchema {
  const types = buildSchemaTypes(planSchema(fromModelDefinitions(definitions)));
  return new GraphQLSchema({ query: types.query, mutation: types.mutation, types: types.types });
}

/** The generated types assembled as the gateway does: model and root fields deferred. */
function deferredSchemaFromTypes(definitions: ModelDefinition[]): GraphQLSchema {
  const types = buildSchemaTypes(planSchema(fromModelDefinitions(definitions)));
  return assembleSchema({
    query: types.query,
    mutation: types.mutation,
    types: [...types.types, ...types.standardScalars],
  });
}

function typeNames(schema: GraphQLSchema): string[] {
  return Object.keys(schema.getTypeMap()).sort();
}

/** A copy of `schema` that graphql-js validates (a generated schema is built with `assumeValid`). */
function validatable(schema: GraphQLSchema): GraphQLSchema {
  return new GraphQLSchema({ ...schema.toConfig(), assumeValid: false });
}

describe('the schema built as graphql-js objects', () => {
  it('prints exactly the schema graphql-js builds from the SDL text, for Chinook and every generation rule', () => {
    for (const definitions of [chinookFixture, handWrittenDefinitions]) {
      const fromText = schemaFromText(definitions);
      const fromTypes = schemaFromTypes(definitions);
      expect(printSchema(fromTypes)).toBe(printSchema(fromText));
      expect(printSortedSchema(fromTypes)).toBe(printSortedSchema(fromText));
    }
  });

  it('assembles with deferred fields the same schema as graphql-js walking every field', () => {
    for (const definitions of [chinookFixture, handWrittenDefinitions]) {
      const deferred = deferredSchemaFromTypes(definitions);
      const eager = schemaFromTypes(definitions);
      expect(typeNames(deferred)).toEqual(typeNames(eager));
      expect(printSortedSchema(deferred)).toBe(printSortedSchema(eager));
      expect(validateSchema(validatable(deferredSchemaFromTypes(definitions)))).toEqual([]);
    }
    expect(typeNames(deferredSchemaFromTypes(handWrittenDefinitions))).toContain('ID');
  });

  it('passes graphql-js schema validation although it is served with assumeValid', () => {
    for (const definitions of [chinookFixture, handWrittenDefinitions]) {
      expect(validateSchema(validatable(schemaFromTypes(definitions)))).toEqual([]);
    }
  });

  it('shares one wrapped type per type reference and one empty extensions object', () => {
    const schema = schemaFromTypes(chinookFixture);
    const track = (schema.getType('Track') as GraphQLObjectType).getFields();
    const album = (schema.getType('Album') as GraphQLObjectType).getFields();
    expect(track.trackId?.type).toBe(album.albumId?.type);
    expect(String(track.trackId?.type)).toBe('Int!');
    expect(track.name?.extensions).toBe(NO_EXTENSIONS);
    expect(track.invoiceLines?.args[0]?.extensions).toBe(NO_EXTENSIONS);
    expect((schema.getType('TrackOrder') as GraphQLEnumType).getValues()[0]?.extensions).toBe(NO_EXTENSIONS);
    expect(Object.isFrozen(NO_EXTENSIONS)).toBe(true);
  });

  it('refuses a type where its kind cannot go, however it is wrapped', () => {
    const registry = new TypeRegistry();
    registry.add(new GraphQLInputObjectType({ name: 'Point', fields: {} }));
    registry.add(new GraphQLObjectType({ name: 'Row', fields: {} }));
    expect(String(registry.input('[Point!]'))).toBe('[Point!]');
    expect(registry.output('[Row!]!')).toBe(registry.output('[Row!]!'));
    expect(() => registry.output('[Point!]!')).toThrow(/Point!]! cannot be used as an output type/);
    expect(() => registry.input('Row!')).toThrow(/Row! cannot be used as an input type/);
    expect(registry.output('String')).toBe(registry.input('String'));
  });

  it('gives generated enum values the database values the resolvers map them to', () => {
    const plan = planSchema(fromModelDefinitions(handWrittenDefinitions));
    const enumValues = Object.assign({}, ...[...plan.names.models.values()].map(enumResolvers));
    const types = buildSchemaTypes(plan, { enumValues });
    const mood = types.types.find((type) => type.name === 'SongMood') as GraphQLEnumType;
    expect(mood.getValues().map((value) => [value.name, value.value])).toEqual([
      ['HAPPY', 'happy'],
      ['SAD', 'sad'],
      ['IN_PROGRESS', 'in progress'],
    ]);
  });

  it('refuses names a GraphQL type cannot hold twice, as the SDL parser did', () => {
    const logic: ModelDefinition = {
      name: 'Rule',
      options: {},
      properties: { id: { type: 'Number', id: 1 }, and: { type: 'String' } },
    };
    expect(() => buildTypeDefs(fromModelDefinitions([logic]))).toThrow(
      /would give RuleWhere two fields named `and`/,
    );
    const payload: ModelDefinition = {
      name: 'Blob',
      options: {},
      properties: { data: { type: 'String', id: 1 }, size: { type: 'Number' } },
    };
    expect(() => buildTypeDefs(fromModelDefinitions([payload]))).toThrow(
      /would give Mutation.updateBlob two arguments named `data`/,
    );
  });

  it('refuses such names when the types are built, although their fields are built only when first asked for', () => {
    const logic: ModelDefinition = {
      name: 'Rule',
      options: {},
      properties: { id: { type: 'Number', id: 1 }, or: { type: 'Number' } },
    };
    expect(() => buildSchemaTypes(planSchema(fromModelDefinitions([logic])))).toThrow(
      /would give RuleWhere two fields named `or`/,
    );
    const payload: ModelDefinition = {
      name: 'Blob',
      options: {},
      properties: { data: { type: 'String', id: 1 }, size: { type: 'Number' } },
    };
    expect(() => buildSchemaTypes(planSchema(fromModelDefinitions([payload])))).toThrow(
      /would give Mutation.updateBlob two arguments named `data`/,
    );
  });

  it('keeps the declaration order of fields and the name order of root fields', () => {
    const schema = schemaFromTypes(handWrittenDefinitions);
    const where = (schema.getType('SongWhere') as GraphQLInputObjectType).getFields();
    expect(Object.keys(where).slice(0, 4)).toEqual(['and', 'or', 'id', 'title']);
    const roots = Object.keys(schema.getQueryType()?.getFields() ?? {});
    expect(roots).toEqual([...roots].sort());
  });
});

describe('the executable schema of the Chinook models discovered on PostgreSQL', () => {
  const dataSource = new DataSource('postgresql', { url: CHINOOK_PG_URL });
  let models: Record<string, ModelClassLike>;

  beforeAll(async () => {
    models = await dataSource.discoverAndBuildModels('track', { associations: true });
  });

  afterAll(async () => {
    await dataSource.disconnect();
  });

  it('matches the SDL snapshot when printed sorted, and types its text lazily as buildTypeDefs does', async () => {
    const build = buildGraphQLSchemaWithNames(models);
    expect(printSortedSchema(build.schema)).toBe(printSortedSchema(buildSchema(build.typeDefs)));
    expect(build.typeDefs).toBe(buildTypeDefs(fromModelClasses(models)).typeDefs);
    await expect(build.typeDefs).toMatchFileSnapshot('./__snapshots__/chinook-sdl.graphql.snap');
    expect(validateSchema(validatable(build.schema))).toEqual([]);
  });

  it('leaves order values standing for their own names', () => {
    const { schema } = buildGraphQLSchemaWithNames(models);
    const order = schema.getType('TrackOrder') as GraphQLEnumType;
    expect(order.getValue('NAME_ASC')?.value).toBe('NAME_ASC');
  });

  it('attaches the resolvers: relation fields resolve, plain fields read their row property by default', () => {
    const { schema } = buildGraphQLSchemaWithNames(models);
    const track = (schema.getType('Track') as GraphQLObjectType).getFields();
    expect(typeof track.album?.resolve).toBe('function');
    // A plain property has no resolver: every executor reads it from the row (graphql-jit inline).
    expect(track.name?.resolve).toBeUndefined();
    expect(typeof schema.getQueryType()?.getFields().tracks?.resolve).toBe('function');
    expect(typeof schema.getMutationType()?.getFields().createTrack?.resolve).toBe('function');
  });

  it('rejects a resolver for a field the schema does not have, when graphql-js defines the fields of its type', () => {
    const plan = planSchema(fromModelClasses(models));
    const types = buildSchemaTypes(plan, {
      fields: { Track: { nmae: () => null } },
      enumValues: { TrackOrder: { NAME_UP: 'x' } },
    });
    const schema = assembleSchema({ query: types.query, types: [...types.types, ...types.standardScalars] });
    expect(() => (schema.getType('Track') as GraphQLObjectType).getFields()).toThrow(
      /resolver was given for field Track.nmae/,
    );
    expect(() => (schema.getType('TrackOrder') as GraphQLEnumType).getValues()).toThrow(
      /enum value TrackOrder.NAME_UP/,
    );
    expect(Object.keys((schema.getType('Album') as GraphQLObjectType).getFields())).toContain('title');
  });

  it('rejects resolvers for a type the schema does not have, or of another kind, at once', () => {
    const { schema } = buildGraphQLSchemaWithNames(models);
    const typeNamed = (name: string) => schema.getType(name) ?? undefined;
    expect(() => assertResolverTypes(typeNamed, { fields: { Trak: { name: () => null } } })).toThrow(
      /resolver was given for field Trak.name/,
    );
    expect(() => assertResolverTypes(typeNamed, { enumValues: { Track: { NAME_ASC: 'x' } } })).toThrow(
      /enum value Track.NAME_ASC/,
    );
    expect(() =>
      assertResolverTypes(typeNamed, {
        fields: { Track: { name: () => null } },
        enumValues: { TrackOrder: {} },
      }),
    ).not.toThrow();
  });
});

describe('resolvers given as functions', () => {
  const plan = planSchema(fromModelDefinitions(chinookFixture));

  it('are made once, when graphql-js first defines the fields of their type', () => {
    let made = 0;
    const types = buildSchemaTypes(plan, {
      fields: {
        Track: () => {
          made += 1;
          return { album: () => null };
        },
      },
    });
    const schema = assembleSchema({ query: types.query, types: [...types.types, ...types.standardScalars] });
    assertResolverTypes((name) => schema.getType(name) ?? undefined, {
      fields: { Track: () => ({}) },
    });
    expect(made).toBe(0);
    const track = schema.getType('Track') as GraphQLObjectType;
    expect(typeof track.getFields().album?.resolve).toBe('function');
    expect(track.getFields().name?.resolve).toBeUndefined();
    expect(made).toBe(1);
  });

  it('are checked against the fields when they are made', () => {
    const types = buildSchemaTypes(plan, { fields: { Track: () => ({ nmae: () => null }) } });
    const schema = assembleSchema({ query: types.query, types: [...types.types, ...types.standardScalars] });
    expect(() => (schema.getType('Track') as GraphQLObjectType).getFields()).toThrow(
      /resolver was given for field Track.nmae/,
    );
  });

  it('must belong to an object type of the schema, checked at once', () => {
    const types = buildSchemaTypes(plan);
    const schema = assembleSchema({ query: types.query, types: [...types.types, ...types.standardScalars] });
    const typeNamed = (name: string) => schema.getType(name) ?? undefined;
    expect(() => assertResolverTypes(typeNamed, { fields: { Trak: () => ({}) } })).toThrow(
      /fields of Trak, which is not an object type/,
    );
    expect(() => assertResolverTypes(typeNamed, { fields: { TrackOrder: () => ({}) } })).toThrow(
      /fields of TrackOrder, which is not an object type/,
    );
  });
});

describe('model sources read from the definitions models were built from', () => {
  const dataSource = new DataSource('memory');
  const built = dataSource.buildModelsFrom(chinookFixture);

  it('equal the sources fromModelClasses derives through toJSON()', () => {
    expect(fromDefinedModels(Object.values(built), chinookFixture)).toEqual(fromModelClasses(built));
  });

  it('fall back to toJSON() for a model its definition no longer describes (an injected id)', () => {
    const injected = new DataSource('memory').buildModelsFrom([
      { name: 'Note', properties: { text: { type: 'string' } } },
    ]);
    const [source] = fromDefinedModels(Object.values(injected), [
      { name: 'Note', options: {}, properties: { text: { type: 'string' } } },
    ]);
    expect(source?.properties.map((property) => property.name)).toEqual(['id', 'text']);
    expect(source?.idProperties).toEqual(['id']);
  });

  it('give the SDL saved in schema-cache/ for the cached embedded demo definitions', () => {
    const cache = readSchemaCache(new URL('../../schema-cache/demo', import.meta.url).pathname);
    const models = new DataSource('memory').buildModelsFrom(cache.definitions);
    const { schema } = buildGraphQLSchemaWithNames(models, {
      sources: fromDefinedModels(Object.values(models), cache.definitions),
      // As the gateway serves a SQL database: with `directive @atomic on MUTATION`.
      atomicMutations: true,
    });
    expect(`${printSortedSchema(schema)}\n`).toBe(cache.sdl);
  });
});
