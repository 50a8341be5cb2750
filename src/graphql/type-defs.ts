/**
 * The generated types of a whole schema: shared types, every model's types, Query and Mutation,
 * built as graphql-js objects (no SDL text is parsed). `buildTypeDefs` prints them as SDL:
 * definitions sorted by name and root fields by field name, so the same models always give the
 * same text (it is diffed and snapshotted).
 */
import {
  type GraphQLFieldConfigMap,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLScalarType,
  isScalarType,
  isSpecifiedScalarType,
} from 'graphql';
import { InvalidArgumentError } from '../juggler/errors.js';
import type { ResolvedRelation } from '../juggler/model-types.js';
import { filterScalarOf, namedTypeOf } from './field-types.js';
import { defaultInflection, type Inflection } from './inflection.js';
import type { GraphQLModelSource, GraphQLPropertySource } from './model-source.js';
import { isWritable } from './model-type-defs.js';
import { embeddedTypeUse } from './schema/embedded-types.js';
import {
  type FieldResolverMap,
  type FieldResolvers,
  generatedObjectType,
  ModelTypeFactory,
  type SchemaResolvers,
} from './schema/model-types.js';
import { printTypeDefs } from './schema/print-type-defs.js';
import { modelMutationFields, modelQueryFields, type RootField } from './schema/root-fields.js';
import { addSharedTypes, type SharedTypeUse } from './schema/shared-types.js';
import { TypeRegistry } from './schema/type-registry.js';
import { type ModelNames, planSchemaNames, type SchemaNames } from './schema-names.js';

/** Options of type generation. */
export interface TypeDefsOptions {
  /** Naming; defaults to `defaultInflection`. */
  inflection?: Inflection;
}

/** The SDL text and the names it used (resolvers need the names to map fields back to properties). */
export interface TypeDefsResult {
  typeDefs: string;
  names: SchemaNames;
  inflection: Inflection;
}

/** The names of a schema and the inflection that made them. */
export interface SchemaPlan {
  names: SchemaNames;
  inflection: Inflection;
}

/**
 * The generated types of a schema, ready for `assembleSchema({ query, mutation, types: [...types, ...standardScalars] })`.
 * Model and root types defer their fields (see schema/deferred-types.ts).
 */
export interface SchemaTypes {
  /** Every type the schema defines (standard scalars excluded), Query and Mutation included, sorted by name. */
  types: GraphQLNamedType[];
  /** The standard scalars (`Int`, `ID`...) the model and root types refer to. */
  standardScalars: GraphQLScalarType[];
  query: GraphQLObjectType;
  mutation?: GraphQLObjectType;
}

/** Checks that every relation's target (and join model) is among the sources. */
function assertRelationTargets(sources: readonly GraphQLModelSource[]): void {
  const known = new Set<string>();
  for (const source of sources) known.add(source.name);
  const assertKnown = (source: GraphQLModelSource, relation: string, model: string | undefined): void => {
    if (model !== undefined && !known.has(model)) {
      throw new InvalidArgumentError(
        `Relation ${source.name}.${relation} needs model ${model}, which is not among the models given; include it or drop the relation`,
        { model: source.name, relation, missing: model },
      );
    }
  };
  for (const source of sources) {
    const { relations } = source;
    // Indexed: a `for...of` allocates a result object per step until the code is optimised.
    for (let index = 0; index < relations.length; index += 1) {
      const relation = relations[index] as ResolvedRelation;
      assertKnown(source, relation.name, relation.modelTo);
      assertKnown(source, relation.name, relation.through);
    }
  }
}

/** Checks the sources and decides every name of their schema. */
export function planSchema(
  sources: readonly GraphQLModelSource[],
  options: TypeDefsOptions = {},
): SchemaPlan {
  if (sources.length === 0) {
    throw new InvalidArgumentError('A GraphQL schema needs at least one model; discovery found none', {});
  }
  assertRelationTargets(sources);
  const inflection = options.inflection ?? defaultInflection;
  return { names: planSchemaNames(sources, inflection), inflection };
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Names in code-unit order, as `compareNames` orders them: the default sort compares strings
 * natively, where a comparator is a function call per comparison (100,000 of them for the types
 * of a 1,000-table schema).
 */
function sortedNames(names: Iterable<string>): string[] {
  return [...names].sort();
}

function rootType(
  name: string,
  resolvers: FieldResolvers,
  fields: (resolvers: FieldResolverMap) => RootField[],
): GraphQLObjectType {
  return generatedObjectType(name, undefined, resolvers, (given) => {
    const configs = new Map(fields(given));
    const map: GraphQLFieldConfigMap<unknown, unknown> = Object.create(null);
    for (const field of sortedNames(configs.keys())) map[field] = configs.get(field) as RootField[1];
    return map;
  });
}

/**
 * The standard scalars that model and root fields refer to: `Int` and `String` (list, count and
 * connection arguments) and those of properties (`ID` of text ids, `Float`...).
 */
function standardScalarsOf(registry: TypeRegistry, models: readonly ModelNames[]): GraphQLScalarType[] {
  const names = new Set(['Int', 'String']);
  for (const model of models) {
    const { properties } = model.source;
    // Indexed: a `for...of` allocates a result object per step until the code is optimised.
    for (let index = 0; index < properties.length; index += 1) {
      names.add(namedTypeOf(properties[index] as GraphQLPropertySource, model));
    }
    if (model.embedded.size > 0) embeddedTypeUse(model.embedded, names, new Set());
  }
  const scalars: GraphQLScalarType[] = [];
  for (const name of names) {
    const type = registry.get(name);
    if (isScalarType(type) && isSpecifiedScalarType(type)) scalars.push(type);
  }
  return scalars.sort((a, b) => compareNames(a.name, b.name));
}

/** The shared types the properties of `models` refer to (named types, and scalars filtered on). */
function sharedTypeUseOf(models: readonly ModelNames[]): SharedTypeUse {
  const namedTypes = new Set<string>();
  const filterScalars = new Set<string>();
  for (const model of models) {
    const { properties } = model.source;
    for (let index = 0; index < properties.length; index += 1) {
      const property = properties[index] as GraphQLPropertySource;
      namedTypes.add(namedTypeOf(property, model));
      const filtered = filterScalarOf(property, model);
      if (filtered !== undefined) filterScalars.add(filtered);
    }
    if (model.embedded.size > 0) embeddedTypeUse(model.embedded, namedTypes, filterScalars);
  }
  return { namedTypes, filterScalars };
}

/**
 * Builds every type of the schema planned in `plan`, attaching `resolvers` to their fields.
 *
 * @example
 * const { types, standardScalars, query, mutation } = buildSchemaTypes(planSchema(sources));
 * const schema = assembleSchema({ query, mutation, types: [...types, ...standardScalars] });
 */
export function buildSchemaTypes(plan: SchemaPlan, resolvers: SchemaResolvers = {}): SchemaTypes {
  const registry = new TypeRegistry();
  const factory = new ModelTypeFactory(registry, plan.names, plan.inflection, resolvers);
  const models = [...plan.names.models.values()];
  addSharedTypes(registry, plan.inflection, sharedTypeUseOf(models));
  for (const model of models) factory.addModelTypes(model);
  const query = registry.add(
    rootType('Query', factory.resolversOf('Query'), (resolvers) =>
      models.flatMap((model) => modelQueryFields(factory, model, resolvers)),
    ),
  );
  const mutation = models.some(isWritable)
    ? registry.add(
        rootType('Mutation', factory.resolversOf('Mutation'), (resolvers) =>
          models.flatMap((model) => modelMutationFields(factory, model, resolvers)),
        ),
      )
    : undefined;
  const types = sortedNames(registry.defined.map((type) => type.name)).map(
    (name) => registry.get(name) as GraphQLNamedType,
  );
  const standardScalars = standardScalarsOf(registry, models);
  return mutation ? { types, standardScalars, query, mutation } : { types, standardScalars, query };
}

/**
 * Generates the SDL of the API over `sources`.
 *
 * @example
 * const { typeDefs } = buildTypeDefs(fromModelDefinitions(definitions));
 * // type Query { track(trackId: Int!): Track  tracks(where: TrackWhere, ...): [Track!]! ... }
 */
export function buildTypeDefs(
  sources: readonly GraphQLModelSource[],
  options: TypeDefsOptions = {},
): TypeDefsResult {
  const plan = planSchema(sources, options);
  const { types } = buildSchemaTypes(plan);
  return { typeDefs: printTypeDefs(types), names: plan.names, inflection: plan.inflection };
}
