/**
 * What every generated resolver closes over: the schema's names, the model classes by name, the
 * join abilities of their connectors and the error logger; and how a resolver finds its field's
 * plan, its request's loaders and its request's juggler options.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { withStatementLabel } from '../../juggler/connector/statement-tracker.js';
import type { FindOptions } from '../../juggler/model-types.js';
import { type GraphQLContext, loadersOf } from '../context.js';
import type { ErrorLogger } from '../errors.js';
import type { PageSizes } from '../limits/query-limits.js';
import type { LoaderRegistry } from '../loaders.js';
import type { GraphQLModelClass } from '../model-class.js';
import type { FieldPlan } from '../plan/field-plan.js';
import type { JoinLookup } from '../plan/join-selection.js';
import { OperationPlanner } from '../plan/operation-plan.js';
import type { ModelNames, SchemaNames } from '../schema-names.js';

/** Shared state of one generated schema's resolvers. */
export interface ResolverEnv {
  names: SchemaNames;
  models: ReadonlyMap<string, GraphQLModelClass>;
  /** Names and connector abilities of every model, for choosing what a read joins. */
  lookup: JoinLookup;
  logger?: ErrorLogger;
  /** Plans fields for requests without an operation plan (made on first need). */
  planner?: OperationPlanner;
  /** The page sizes every list is held to (none: lists read what their arguments ask). */
  pageSizes?: PageSizes;
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

/** The join lookup of a schema's names and models (what `ResolverEnv.lookup` holds). */
export function createJoinLookup(
  names: SchemaNames,
  models: ReadonlyMap<string, GraphQLModelClass>,
): JoinLookup {
  return {
    namesOf: (modelName) => names.models.get(modelName),
    nestsLists: (modelName) => takesListsWithRows(models.get(modelName)?.dataSource?.connector?.capabilities),
    readsThrough: (modelName) =>
      models.get(modelName)?.dataSource?.connector?.capabilities.throughReads === true,
  };
}

/**
 * Whether a read takes a hasMany list with its rows: where the connector nests lists in the
 * parents' statement (PostgreSQL), and where it joins nothing (MongoDB, memory): the juggler then
 * reads every joined relation apart, all relations of a level together right after their parents
 * (model-read.ts), so a list starts beside the belongsTo reads of the same parents instead of
 * after them, from its field's loader. A connector that joins belongsTo but not lists (MariaDB)
 * keeps the loader: its belongsTo reads cost nothing, so the list starts as early either way.
 */
function takesListsWithRows(
  capabilities: { readonly nestedLists?: boolean; readonly joins?: boolean } | undefined,
): boolean {
  return capabilities?.nestedLists === true || capabilities?.joins === false;
}

/** The model class `modelName`. */
export function modelOf(env: ResolverEnv, modelName: string): GraphQLModelClass {
  return env.models.get(modelName) as GraphQLModelClass;
}

/** The request's loaders. */
export function requestLoaders(context: unknown): LoaderRegistry {
  return loadersOf(context);
}

const NO_OPTIONS: FindOptions = Object.freeze({});

/** The juggler options of the request's reads and writes (its caller, under `request`). */
export function optionsOf(context: unknown): FindOptions {
  return ((context as GraphQLContext | null)?.options as FindOptions | undefined) ?? NO_OPTIONS;
}

/**
 * The juggler options of a field's reads: `optionsOf(context)`, labelled with the field's plan
 * path (`customer.invoices`) for the statements it sends when the request's statement tracker
 * wants labels (tracing on); the same object otherwise.
 */
export function fieldOptionsOf(context: unknown, path: string): FindOptions {
  return withStatementLabel(optionsOf(context), path);
}

/**
 * The plan of the field being resolved: from the operation plan the server prepared with the
 * document, or — for a context without one (a library caller's `graphql()`) — the plan of the
 * operation made for this request; a field node merged differently in two places of it (a
 * fragment spread twice) is planned for this request on its own.
 */
export function fieldPlanOf(env: ResolverEnv, context: unknown, info: GraphQLResolveInfo): FieldPlan {
  const given = (context as GraphQLContext | null)?.plan;
  // The same operation (graphql-jit runs a copy of its node sharing the selection set).
  const plan =
    given && given.operation.selectionSet === info.operation.selectionSet
      ? given
      : requestLoaders(context).operationPlan(info.operation, () => plannerOf(env, info).planResolving(info));
  const field =
    plan.fieldOf(info.fieldNodes) ??
    requestLoaders(context).fieldPlan(info.fieldNodes, () => plannerOf(env, info).planField(info));
  if (!field) throw new Error(`${info.parentType.name}.${info.fieldName} reads no model`);
  return field;
}

function plannerOf(env: ResolverEnv, info: GraphQLResolveInfo): OperationPlanner {
  env.planner ??= new OperationPlanner({ ...env, schema: info.schema });
  return env.planner;
}
