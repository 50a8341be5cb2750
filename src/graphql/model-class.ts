/**
 * What the GraphQL layer uses of a model class attached to a data source: the spec's DAO
 * methods, typed loosely on purpose (the juggler's own overloads, callback forms included, are
 * all assignable to it), plus the runtime definition and resolved relations.
 */
import type { ModelClass } from '../juggler/dao/model-class.js';
import type {
  BatchReadSpec,
  PreparedBatchRead,
  PreparedCount,
  PreparedFind,
} from '../juggler/dao/prepared-read-types.js';
import { InvalidArgumentError } from '../juggler/errors.js';
import type { Filter, Where } from '../juggler/filter/filter-types.js';
import { idNamesOf } from '../juggler/model/model-facts.js';
import { resolveRelationKeys } from '../juggler/model/relation-keys.js';
import type { ModelDefinition } from '../juggler/model-definition.js';
import type { FindOptions, GroupedFindArgs, JoinSpec, ResolvedRelation } from '../juggler/model-types.js';
import { type GraphQLModelSource, modelSource, sortByName } from './model-source.js';

/** A persisted model instance as far as the GraphQL layer is concerned. */
export interface GraphQLModelInstance {
  toObject(onlySchema?: boolean): Record<string, unknown>;
  updateAttributes(data: Record<string, unknown>, options?: FindOptions): Promise<unknown>;
  destroy(options?: FindOptions): Promise<unknown>;
}

/** A model class with the DAO mixed in (`dataSource.discoverAndBuildModels(...)` returns these). */
export interface GraphQLModelClass {
  readonly modelName: string;
  readonly definition: { toJSON(): ModelDefinition };
  /** Resolved relation metadata by relation name, recorded by the data layer. */
  readonly relations?: Record<string, ResolvedRelation>;
  /** Where the model's rows live (the lookahead asks its connector what it can read at once). */
  readonly dataSource?: {
    readonly connector?: {
      readonly capabilities: {
        readonly nestedLists?: boolean;
        readonly throughReads?: boolean;
        readonly joins?: boolean;
        readonly mutationTransactions?: boolean;
      };
      /** Runs `work` in one transaction (its handle goes into the DAO calls' options). */
      transaction?<T>(work: (transaction: unknown) => Promise<T>): Promise<T>;
    };
  };
  find(filter?: Filter, options?: FindOptions): Promise<unknown>;
  findGrouped(args: GroupedFindArgs, options?: FindOptions): Promise<unknown>;
  count(where?: Where): Promise<unknown>;
  create(data: Record<string, unknown>, options?: FindOptions): Promise<unknown>;
  upsert(data: Record<string, unknown>, options?: FindOptions): Promise<unknown>;
  /** A find prepared once (slots allowed), run per request: what an operation plan holds. */
  prepareFind(filter: Filter, options?: { join?: readonly JoinSpec[]; reused?: boolean }): PreparedFind;
  /** A count prepared once (slots allowed). */
  prepareCount(where?: Where): PreparedCount;
  /** A batch read prepared once: a relation's targets per parent key, or the model's rows by id. */
  prepareBatchRead(spec: BatchReadSpec): PreparedBatchRead;
  /**
   * Runs `work` (DAO calls given the options to pass on: a mutation field's) as one transaction,
   * adding none where its write is one statement (juggler/dao/dao-unit.ts).
   */
  runAtomically?<T>(work: (options: FindOptions) => Promise<T>, options?: FindOptions): Promise<T>;
}

/** A row as GraphQL resolvers see it: plain values keyed by property name. */
export type ModelRow = Record<string, unknown>;

/** A plain row from whatever a DAO call returned (a raw row or a model instance). */
export function toRow(value: unknown): ModelRow {
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as GraphQLModelInstance).toObject === 'function'
  ) {
    return (value as GraphQLModelInstance).toObject(true);
  }
  return value as ModelRow;
}

/** What callers pass: the classes `discoverAndBuildModels` returns, or anything with the same DAO surface. */
export type ModelClassLike = GraphQLModelClass | ModelClass;

const DAO_METHODS = [
  'find',
  'findGrouped',
  'count',
  'create',
  'upsert',
  'prepareFind',
  'prepareCount',
  'prepareBatchRead',
] as const;

/** Whether every DAO method is there (checked for every model of every schema, so without a list of what is missing). */
function hasDaoMethods(members: Record<string, unknown>): boolean {
  for (let index = 0; index < DAO_METHODS.length; index += 1) {
    if (typeof members[DAO_METHODS[index] as string] !== 'function') return false;
  }
  return true;
}

/** Checks that a model class has the DAO mixed in (it is attached to a data source) and types it for the GraphQL layer. */
export function asGraphQLModelClass(model: ModelClassLike): GraphQLModelClass {
  const members = model as unknown as Record<string, unknown>;
  if (!hasDaoMethods(members) || typeof model.definition?.toJSON !== 'function') {
    const missing = DAO_METHODS.filter((method) => typeof members[method] !== 'function');
    throw new InvalidArgumentError(
      `Model ${model.modelName} lacks ${missing.join(', ') || 'a definition'}: pass models attached to a data source (dataSource.discoverAndBuildModels or dataSource.define)`,
      { model: model.modelName, missing },
    );
  }
  return model as GraphQLModelClass;
}

/** Checks and indexes model classes by model name. */
export function modelClassesByName(models: Record<string, ModelClassLike>): Map<string, GraphQLModelClass> {
  const byName = new Map<string, GraphQLModelClass>();
  for (const model of Object.values(models)) byName.set(model.modelName, asGraphQLModelClass(model));
  return byName;
}

/** Builds the model sources of attached model classes (relations from the data layer's metadata when present). */
export function fromModelClasses(models: Record<string, ModelClassLike>): GraphQLModelSource[] {
  const classes = [...modelClassesByName(models).values()];
  const definitions = new Map(classes.map((model) => [model.modelName, model.definition.toJSON()]));
  const idsOf = (name: string): string[] => {
    const definition = definitions.get(name);
    return definition ? idNamesOf(definition.properties) : [];
  };
  return classes.map((model) => {
    const definition = definitions.get(model.modelName) as ModelDefinition;
    const relations =
      model.relations && Object.keys(model.relations).length > 0
        ? Object.values(model.relations).map((relation) => ({ ...relation }))
        : Object.entries(definition.options?.relations ?? {}).map(([name, relation]) =>
            resolveRelationKeys(model.modelName, name, relation, idsOf),
          );
    return modelSource(definition, sortByName(relations));
  });
}

/**
 * A stand-in for a model class that is read from its record when first used: resolvers made for
 * every model at once (the Query fields of 1,000 tables) then build only the classes a query uses.
 */
class DeferredModelClass implements GraphQLModelClass {
  private model: GraphQLModelClass | undefined;

  constructor(
    readonly modelName: string,
    private readonly models: Record<string, ModelClassLike>,
  ) {}

  /** The class itself (read, and checked like `modelClassesByName` checks it, on first use). */
  private get resolved(): GraphQLModelClass {
    this.model ??= asGraphQLModelClass(this.models[this.modelName] as ModelClassLike);
    return this.model;
  }

  get definition(): GraphQLModelClass['definition'] {
    return this.resolved.definition;
  }

  get relations(): GraphQLModelClass['relations'] {
    return this.resolved.relations;
  }

  get dataSource(): GraphQLModelClass['dataSource'] {
    return this.resolved.dataSource;
  }

  // The DAO methods get their arguments as given (their callback forms count them).
  find(...args: Parameters<GraphQLModelClass['find']>): Promise<unknown> {
    return this.resolved.find(...args);
  }

  findGrouped(...args: Parameters<GraphQLModelClass['findGrouped']>): Promise<unknown> {
    return this.resolved.findGrouped(...args);
  }

  count(...args: Parameters<GraphQLModelClass['count']>): Promise<unknown> {
    return this.resolved.count(...args);
  }

  create(...args: Parameters<GraphQLModelClass['create']>): Promise<unknown> {
    return this.resolved.create(...args);
  }

  upsert(...args: Parameters<GraphQLModelClass['upsert']>): Promise<unknown> {
    return this.resolved.upsert(...args);
  }

  prepareFind(...args: Parameters<GraphQLModelClass['prepareFind']>): PreparedFind {
    return this.resolved.prepareFind(...args);
  }

  prepareCount(...args: Parameters<GraphQLModelClass['prepareCount']>): PreparedCount {
    return this.resolved.prepareCount(...args);
  }

  prepareBatchRead(...args: Parameters<GraphQLModelClass['prepareBatchRead']>): PreparedBatchRead {
    return this.resolved.prepareBatchRead(...args);
  }

  runAtomically<T>(work: (options: FindOptions) => Promise<T>, options?: FindOptions): Promise<T> {
    const model = this.resolved;
    return model.runAtomically ? model.runAtomically(work, options) : work(options ?? {});
  }
}

/**
 * `modelClassesByName` for records whose entries build their class when first read (as
 * `dataSource.defineModelsLazily` returns): keyed by record key, each value a stand-in that reads
 * (and checks) its class when a resolver first uses it, so building the schema and its resolvers
 * builds no class.
 */
export function deferredModelClasses(models: Record<string, ModelClassLike>): Map<string, GraphQLModelClass> {
  const byName = new Map<string, GraphQLModelClass>();
  for (const name of Object.keys(models)) byName.set(name, new DeferredModelClass(name, models));
  return byName;
}
