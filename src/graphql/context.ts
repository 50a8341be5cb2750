/**
 * The per-request GraphQL context: a fresh set of DataLoaders for every request, so cached rows
 * never leak from one request (or one user) into another.
 */

import { LoaderRegistry } from './loaders.js';
import type { GraphQLModelClass, ModelClassLike } from './model-class.js';
import type { OperationPlan } from './plan/operation-plan.js';

/** The context the generated resolvers expect (extra members of a server's own context are kept). */
export interface GraphQLContext {
  loaders: LoaderRegistry;
  /**
   * LoopBack's `options` of every juggler call the request makes (reads and writes alike): the
   * gateway puts the request's state (its caller) under `request`; hooks and connectors read it.
   */
  options?: Record<string, unknown>;
  /**
   * The plan of the operation being executed, set by the server (which prepares it once per
   * document) before execution; without it, resolvers plan their fields per request.
   */
  plan?: OperationPlan;
  [key: string]: unknown;
}

/**
 * Creates the context of ONE request. Call it per request (a server's context factory), never
 * once for the process.
 *
 * @example
 * const schema = buildGraphQLSchema(models);
 * await graphql({ schema, source, contextValue: createGraphQLContext(models) });
 */
export function createGraphQLContext(
  _models?: Record<string, ModelClassLike> | ReadonlyMap<string, GraphQLModelClass>,
  extra?: Record<string, unknown>,
): GraphQLContext {
  // The loaders need no model (the schema's resolvers have them); `models` stays for callers
  // written against the first version. Every context has the same three members, set at once.
  const context: GraphQLContext = { loaders: new LoaderRegistry(), options: undefined, plan: undefined };
  return extra ? Object.assign(context, extra) : context;
}

const fallback = new WeakMap<object, LoaderRegistry>();

/**
 * The loaders of the request `context` belongs to: its own when it was made by
 * `createGraphQLContext`, otherwise a registry attached to that context object (still per request,
 * since servers build one context object per request).
 */
export function loadersOf(context: unknown): LoaderRegistry {
  if (context !== null && typeof context === 'object') {
    const own = (context as Partial<GraphQLContext>).loaders;
    if (own instanceof LoaderRegistry) return own;
    let registry = fallback.get(context);
    if (!registry) {
      registry = new LoaderRegistry();
      fallback.set(context, registry);
    }
    return registry;
  }
  // No context object at all: a registry for this call only (no batching, but never shared).
  return new LoaderRegistry();
}
