/**
 * The executable schema: generated types with the resolvers attached, built directly as
 * graphql-js objects (no SDL text to parse, validate and re-map), so that a 1,000-table schema
 * builds in a fraction of a second.
 *
 * @example
 * const models = await dataSource.discoverAndBuildModels('track', { associations: true });
 * const schema = buildGraphQLSchema(models);
 * const result = await graphql({ schema, source: '{ tracks(limit: 5) { name } }', contextValue: createGraphQLContext(models) });
 */
import { type GraphQLSchema, lexicographicSortSchema, printSchema, specifiedDirectives } from 'graphql';
import { GraphQLAtomicDirective } from './atomic-mutation.js';
import type { ErrorLogger } from './errors.js';
import type { Inflection } from './inflection.js';
import { DEFAULT_QUERY_LIMITS, type PageSizes } from './limits/query-limits.js';
import {
  fromModelClasses,
  type GraphQLModelClass,
  type ModelClassLike,
  modelClassesByName,
} from './model-class.js';
import type { GraphQLModelSource } from './model-source.js';
import { isWritable } from './model-type-defs.js';
import { OperationPlanner } from './plan/operation-plan.js';
import { mutationResolvers } from './resolvers/mutation-resolvers.js';
import { queryResolvers } from './resolvers/query-resolvers.js';
import { createJoinLookup, type Resolver, type ResolverEnv } from './resolvers/resolver-env.js';
import { embeddedTypeResolvers, enumResolvers, typeResolvers } from './resolvers/type-resolvers.js';
import { assembleSchema } from './schema/deferred-types.js';
import type { FieldResolvers } from './schema/model-types.js';
import { printTypeDefs } from './schema/print-type-defs.js';
import { assertResolverTypes } from './schema/resolver-check.js';
import type { EmbeddedNames, ModelNames, SchemaNames } from './schema-names.js';
import { buildSchemaTypes, planSchema } from './type-defs.js';

/** Options of `buildGraphQLSchema`. */
export interface BuildGraphQLSchemaOptions {
  /** Naming overrides (see `createInflection`). */
  inflection?: Inflection;
  /** Receives masked internal errors with their correlation id (default: console.error). */
  logger?: ErrorLogger;
  /** Model sources to use instead of deriving them from the classes (e.g. from a schema cache). */
  sources?: GraphQLModelSource[];
  /**
   * The page sizes every list is held to (default `DEFAULT_QUERY_LIMITS.pageSizes`: 100 rows
   * without `limit`, at most 1,000); `false` lets lists read what their arguments ask.
   */
  pageSizes?: PageSizes | false;
  /**
   * Declare `directive @atomic on MUTATION` (default false): all-or-nothing mutations, which need
   * a runner that gives the operation one transaction (the gateway's request pipeline does).
   */
  atomicMutations?: boolean;
}

/** A built schema with what went into it; `typeDefs` is printed on first read. */
export interface GraphQLSchemaBuild {
  schema: GraphQLSchema;
  typeDefs: string;
  names: SchemaNames;
  /** Plans the schema's operations (what a server prepares once per document; see plan/). */
  readonly planner: OperationPlanner;
}

/**
 * Builds the schema and returns it with its SDL and names (collisions included). The schema is
 * built with `assumeValid` (it is generated, and a test runs graphql-js's `validateSchema` on it);
 * the fields of model and root types are defined when first asked for (schema/deferred-types.ts),
 * so a start does not pay for the fields of 1,000 tables before its first answer. `models` is a
 * record of model classes, or a map of them by model name (`deferredModelClasses`: classes built
 * when a resolver first uses them).
 */
export function buildGraphQLSchemaWithNames(
  models: Record<string, ModelClassLike> | ReadonlyMap<string, GraphQLModelClass>,
  options: BuildGraphQLSchemaOptions = {},
): GraphQLSchemaBuild {
  // A map is taken as checked and indexed already (`deferredModelClasses`: nothing is read here).
  const byName = models instanceof Map ? (models as ReadonlyMap<string, GraphQLModelClass>) : undefined;
  const sources =
    options.sources ??
    fromModelClasses(byName ? Object.fromEntries(byName) : (models as Record<string, ModelClassLike>));
  const plan = planSchema(sources, options.inflection ? { inflection: options.inflection } : {});
  const { names } = plan;
  const classes = byName ?? modelClassesByName(models as Record<string, ModelClassLike>);
  const env: ResolverEnv = {
    names,
    models: classes,
    lookup: createJoinLookup(names, classes),
    ...(options.logger ? { logger: options.logger } : {}),
  };
  const pageSizes = options.pageSizes ?? DEFAULT_QUERY_LIMITS.pageSizes;
  if (pageSizes) env.pageSizes = pageSizes;
  const modelNames = [...names.models.values()];
  // Field resolvers are made when graphql-js first defines the fields of their type.
  const fields: Record<string, FieldResolvers> = {
    Query: () => rootResolvers(modelNames, (model, into) => queryResolvers(env, model, into)),
  };
  if (modelNames.some(isWritable)) {
    fields.Mutation = () => rootResolvers(modelNames, (model, into) => mutationResolvers(env, model, into));
  }
  const enumValues: Record<string, Record<string, string>> = {};
  const addEmbedded = (embedded: ReadonlyMap<string, EmbeddedNames>) => {
    for (const names of embedded.values()) {
      if (names.relations.length > 0) fields[names.type] = () => embeddedTypeResolvers(env, names);
      addEmbedded(names.embedded);
    }
  };
  for (const model of modelNames) {
    fields[model.type] = () => typeResolvers(env, model);
    addEmbedded(model.embedded);
    if (model.enums.size > 0) Object.assign(enumValues, enumResolvers(model));
  }
  const resolvers = { fields, enumValues };
  const types = buildSchemaTypes(plan, resolvers);
  const schema = assembleSchema({
    query: types.query,
    ...(types.mutation ? { mutation: types.mutation } : {}),
    ...(types.mutation && options.atomicMutations
      ? { directives: [...specifiedDirectives, GraphQLAtomicDirective] }
      : {}),
    types: [...types.types, ...types.standardScalars],
    assumeValid: true,
  });
  assertResolverTypes((name) => schema.getType(name), resolvers);
  let typeDefs: string | undefined;
  return {
    schema,
    names,
    get planner() {
      env.planner ??= new OperationPlanner({ ...env, schema });
      return env.planner;
    },
    get typeDefs() {
      typeDefs ??= printTypeDefs(types.types);
      return typeDefs;
    },
  };
}

/** The resolvers of one root type: those of every model, in model order. */
function rootResolvers(
  models: readonly ModelNames[],
  addResolvers: (model: ModelNames, into: Record<string, Resolver>) => void,
): Record<string, Resolver> {
  const resolvers: Record<string, Resolver> = {};
  for (const model of models) addResolvers(model, resolvers);
  return resolvers;
}

/** Builds the executable GraphQL schema of attached model classes (keyed by model name). */
export function buildGraphQLSchema(
  models: Record<string, ModelClassLike> | ReadonlyMap<string, GraphQLModelClass>,
  options: BuildGraphQLSchemaOptions = {},
): GraphQLSchema {
  return buildGraphQLSchemaWithNames(models, options).schema;
}

/** The schema's SDL with types and fields sorted: stable text for snapshots and diffs. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema));
}
