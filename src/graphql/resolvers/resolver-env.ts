/**
 * What every generated resolver closes over: the schema's names, the model classes by name and
 * the error logger.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { loadersOf } from '../context.js';
import type { ErrorLogger } from '../errors.js';
import type { JoinLookup } from '../join-plan.js';
import type { LoaderRegistry } from '../loaders.js';
import type { GraphQLModelClass } from '../model-class.js';
import type { ModelNames, SchemaNames } from '../schema-names.js';

/** Shared state of one generated schema's resolvers. */
export interface ResolverEnv {
  names: SchemaNames;
  models: ReadonlyMap<string, GraphQLModelClass>;
  logger?: ErrorLogger;
}

/** A resolver function with loosely typed arguments (GraphQL hands them over as parsed input). */
export type Resolver = (
  parent: unknown,
  args: Record<string, unknown>,
  context: unknown,
  info: GraphQLResolveInfo,
) => unknown;

/** The names of `modelName` in this schema. */
export function namesOf(env: ResolverEnv, modelName: string): ModelNames {
  return env.names.models.get(modelName) as ModelNames;
}

const lookups = new WeakMap<ResolverEnv, JoinLookup>();

/** Looks up the names and connector abilities of any model of the schema (for join lookahead); one per env. */
export function namesLookup(env: ResolverEnv): JoinLookup {
  let lookup = lookups.get(env);
  if (!lookup) {
    lookup = {
      namesOf: (modelName) => env.names.models.get(modelName),
      nestsLists: (modelName) =>
        env.models.get(modelName)?.dataSource?.connector?.capabilities.nestedLists === true,
    };
    lookups.set(env, lookup);
  }
  return lookup;
}

/** The model class `modelName`. */
export function modelOf(env: ResolverEnv, modelName: string): GraphQLModelClass {
  return env.models.get(modelName) as GraphQLModelClass;
}

/** The request's loaders. */
export function requestLoaders(env: ResolverEnv, context: unknown): LoaderRegistry {
  return loadersOf(context, env.models);
}
