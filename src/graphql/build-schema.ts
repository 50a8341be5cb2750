/**
 * The executable schema: generated SDL plus resolvers, assembled with @graphql-tools/schema.
 *
 * @example
 * const models = await dataSource.discoverAndBuildModels('track', { associations: true });
 * const schema = buildGraphQLSchema(models);
 * const result = await graphql({ schema, source: '{ tracks(limit: 5) { name } }', contextValue: createGraphQLContext(models) });
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import type { ErrorLogger } from './errors.js';
import type { Inflection } from './inflection.js';
import { fromModelClasses, type ModelClassLike, modelClassesByName } from './model-class.js';
import type { GraphQLModelSource } from './model-source.js';
import { mutationResolvers } from './resolvers/mutation-resolvers.js';
import { queryResolvers } from './resolvers/query-resolvers.js';
import type { Resolver, ResolverEnv } from './resolvers/resolver-env.js';
import { enumResolvers, typeResolvers } from './resolvers/type-resolvers.js';
import { SCALARS } from './scalars.js';
import type { SchemaNames } from './schema-names.js';
import { buildTypeDefs } from './type-defs.js';

/** Options of `buildGraphQLSchema`. */
export interface BuildGraphQLSchemaOptions {
  /** Naming overrides (see `createInflection`). */
  inflection?: Inflection;
  /** Receives masked internal errors with their correlation id (default: console.error). */
  logger?: ErrorLogger;
  /** Model sources to use instead of deriving them from the classes (e.g. from a schema cache). */
  sources?: GraphQLModelSource[];
}

/** A built schema with what went into it. */
export interface GraphQLSchemaBuild {
  schema: GraphQLSchema;
  typeDefs: string;
  names: SchemaNames;
}

type ResolverMap = Record<string, Record<string, Resolver> | Record<string, string> | object>;

/** Builds the schema and returns it with its SDL and names (collisions included). */
export function buildGraphQLSchemaWithNames(
  models: Record<string, ModelClassLike>,
  options: BuildGraphQLSchemaOptions = {},
): GraphQLSchemaBuild {
  const sources = options.sources ?? fromModelClasses(models);
  const { typeDefs, names } = buildTypeDefs(
    sources,
    options.inflection ? { inflection: options.inflection } : {},
  );
  const env: ResolverEnv = {
    names,
    models: modelClassesByName(models),
    ...(options.logger ? { logger: options.logger } : {}),
  };
  const query: Record<string, Resolver> = {};
  const mutation: Record<string, Resolver> = {};
  const resolvers: ResolverMap = { ...SCALARS };
  for (const model of names.models.values()) {
    Object.assign(query, queryResolvers(env, model));
    Object.assign(mutation, mutationResolvers(env, model));
    resolvers[model.type] = typeResolvers(env, model);
    Object.assign(resolvers, enumResolvers(model));
  }
  resolvers.Query = query;
  if (Object.keys(mutation).length > 0) resolvers.Mutation = mutation;
  const schema = makeExecutableSchema({ typeDefs, resolvers });
  return { schema, typeDefs, names };
}

/** Builds the executable GraphQL schema of attached model classes (keyed by model name). */
export function buildGraphQLSchema(
  models: Record<string, ModelClassLike>,
  options: BuildGraphQLSchemaOptions = {},
): GraphQLSchema {
  return buildGraphQLSchemaWithNames(models, options).schema;
}

/** The schema's SDL with types and fields sorted: stable text for snapshots and diffs. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema));
}
