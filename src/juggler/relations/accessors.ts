/**
 * Instance accessors of relations, as LoopBack defines them: `post.author([refresh], [options], [cb])`,
 * `user.posts([filter | refresh], [options], [cb])` with `find/findOne/findById/count/create/build/destroyAll`,
 * `user.profile([refresh], [options], [cb])`, and hasManyThrough `playlist.tracks()` (two queries:
 * the join rows, then the targets) with `create` also creating the join row, plus `add`/`remove`.
 * Every method takes LoopBack's optional `options` in LoopBack's position and passes that object
 * to each read and write it makes (so the target's and join model's operation hooks see it).
 */
import { splitCallback, withCallback } from '../compat/callback.js';
import { readMany } from '../dao/dao-read.js';
import { idWhere, type ModelClass } from '../dao/model-class.js';
import { callOptions } from '../dao/operation-hooks.js';
import { InvalidArgumentError } from '../errors.js';
import type { Filter, Where } from '../filter/filter-types.js';
import { mergeFilters, mergeWhere } from '../filter/merge-filter.js';
import type { CallOptions, ModelInstance, ResolvedRelation } from '../model-types.js';
import { distinctTuples, keyTuple, readValue, tuplesWhere } from './key-utils.js';
import { hasCached, relationCache } from './relation-cache.js';
import { getRelation, relatedModel } from './relation-registry.js';

/** Where the parent's keys select its related rows (`{albumId: 1}`), or undefined when a key is null. */
function ownKeyWhere(instance: ModelInstance, relation: ResolvedRelation): Where | undefined {
  const tuple = keyTuple(instance, relation.keyFrom);
  if (!tuple) return undefined;
  return tuplesWhere(relation.keyTo, [tuple]);
}

function keyValues(
  instance: ModelInstance,
  relation: ResolvedRelation,
  targetKeys: readonly string[],
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  relation.keyFrom.forEach((key, index) => {
    values[targetKeys[index] as string] = readValue(instance, key);
  });
  return values;
}

function parseRefreshArgs(args: unknown[]): { refresh: boolean; filter?: Filter } {
  const [first] = args;
  if (first === undefined || first === null || first === false) return { refresh: false };
  if (first === true) return { refresh: true };
  if (typeof first === 'object') return { refresh: true, filter: first as Filter };
  throw new InvalidArgumentError(
    'A relation accessor takes an optional refresh flag or filter, then an optional callback',
    {
      received: typeof first,
    },
  );
}

/** The options of an accessor call (`{}` when none), validated once for all the reads it makes. */
function optionsOf(instance: ModelInstance, options: unknown): CallOptions {
  return callOptions(instance.constructor as ModelClass, options as CallOptions | undefined);
}

async function loadBelongsTo(
  instance: ModelInstance,
  relation: ResolvedRelation,
  refresh: boolean,
  options: CallOptions,
): Promise<unknown> {
  if (!refresh && hasCached(instance, relation.name)) return relationCache(instance)[relation.name];
  const Target = relatedModel(instance.constructor as ModelClass, relation.modelTo);
  const where = ownKeyWhere(instance, relation);
  const found = where ? await Target.findOne(mergeFilters(relation.scope, { where }), options) : null;
  relationCache(instance)[relation.name] = found;
  return found;
}

function belongsToAccessor(instance: ModelInstance, resolve: () => ResolvedRelation) {
  return (...all: unknown[]) => {
    const { args, callback } = splitCallback(all);
    let promise: Promise<unknown>;
    try {
      const relation = resolve();
      const Target = relatedModel(instance.constructor as ModelClass, relation.modelTo);
      if (args[0] instanceof Target) {
        const target = args[0] as ModelInstance;
        relation.keyFrom.forEach((key, index) => {
          instance[key] = readValue(target, relation.keyTo[index] as string);
        });
        relationCache(instance)[relation.name] = target;
        promise = Promise.resolve(target);
      } else {
        promise = loadBelongsTo(
          instance,
          relation,
          parseRefreshArgs(args).refresh,
          optionsOf(instance, args[1]),
        );
      }
    } catch (error) {
      promise = Promise.reject(error);
    }
    return withCallback(promise, callback);
  };
}

interface ScopedTarget {
  Target: ModelClass;
  filter(extra?: Filter): Filter;
  defaults(): Record<string, unknown>;
}

function directScope(instance: ModelInstance, relation: ResolvedRelation): ScopedTarget {
  const Target = relatedModel(instance.constructor as ModelClass, relation.modelTo);
  return {
    Target,
    filter(extra) {
      const where = ownKeyWhere(instance, relation) ?? { [relation.keyTo[0] as string]: { inq: [] } };
      return mergeFilters(mergeFilters(relation.scope, { where }), extra);
    },
    defaults: () => keyValues(instance, relation, relation.keyTo),
  };
}

async function findThrough(
  instance: ModelInstance,
  relation: ResolvedRelation,
  filter: Filter | undefined,
  options: CallOptions,
): Promise<Where | undefined> {
  const Model = instance.constructor as ModelClass;
  const Through = relatedModel(Model, relation.through as string);
  const own = keyTuple(instance, relation.keyFrom);
  if (!own) return undefined;
  const throughFrom = relation.throughFrom ?? [];
  const throughTo = relation.throughTo ?? [];
  const links = await readMany(
    Through,
    { where: tuplesWhere(throughFrom, [own]), fields: throughTo },
    options,
    true,
  );
  const targets = distinctTuples(links, throughTo);
  if (targets.length === 0) return undefined;
  return mergeWhere(tuplesWhere(relation.keyTo, targets), filter?.where);
}

function collectionMethods(instance: ModelInstance, resolve: () => ResolvedRelation, through: boolean) {
  const scope = () => directScope(instance, resolve());
  const find = async (filter?: Filter, options?: unknown): Promise<ModelInstance[]> => {
    const relation = resolve();
    const opts = optionsOf(instance, options);
    if (!through) {
      const { Target, filter: scoped } = scope();
      return Target.find(scoped(filter), opts);
    }
    const Target = relatedModel(instance.constructor as ModelClass, relation.modelTo);
    const where = await findThrough(instance, relation, filter, opts);
    if (!where) return [];
    return Target.find(mergeFilters(relation.scope, { ...filter, where }), opts);
  };
  const count = async (where?: Where, options?: unknown): Promise<number> => {
    const relation = resolve();
    const opts = optionsOf(instance, options);
    if (!through) {
      const { Target, filter: scoped } = scope();
      return Target.count(scoped({ where: where ?? {} }).where, opts);
    }
    const Target = relatedModel(instance.constructor as ModelClass, relation.modelTo);
    const merged = await findThrough(
      instance,
      relation,
      { where: mergeWhere(relation.scope?.where, where) ?? {} },
      opts,
    );
    return merged ? Target.count(merged, opts) : 0;
  };
  const link = async (
    target: ModelInstance,
    data?: Record<string, unknown>,
    options?: unknown,
  ): Promise<ModelInstance> => {
    const relation = resolve();
    const Through = relatedModel(instance.constructor as ModelClass, relation.through as string);
    const row: Record<string, unknown> = { ...data };
    (relation.throughFrom ?? []).forEach((key, index) => {
      row[key] = readValue(instance, relation.keyFrom[index] as string);
    });
    (relation.throughTo ?? []).forEach((key, index) => {
      row[key] = readValue(target, relation.keyTo[index] as string);
    });
    return Through.create(row, optionsOf(instance, options));
  };
  const createOne = async (data: Record<string, unknown>, opts: unknown): Promise<ModelInstance> => {
    const relation = resolve();
    if (!through) {
      const { Target, defaults } = scope();
      return Target.create({ ...data, ...defaults() }, opts);
    }
    const Target = relatedModel(instance.constructor as ModelClass, relation.modelTo);
    const target: ModelInstance = await Target.create(data, opts);
    await link(target, {}, opts);
    return target;
  };
  // An array creates one related instance per item (LoopBack's create of an array), in order.
  const create = async (
    data: Record<string, unknown> | Record<string, unknown>[] = {},
    options?: unknown,
  ): Promise<ModelInstance | ModelInstance[]> => {
    const opts = optionsOf(instance, options);
    if (!Array.isArray(data)) return createOne(data, opts);
    const created: ModelInstance[] = [];
    for (const item of data) created.push(await createOne(item, opts));
    return created;
  };
  return {
    find,
    findOne: async (filter?: Filter, options?: unknown) =>
      (await find({ ...filter, limit: 1 }, options))[0] ?? null,
    findById: async (id: unknown, options?: unknown) => {
      const relation = resolve();
      const Target = relatedModel(instance.constructor as ModelClass, relation.modelTo);
      return (await find({ where: idWhere(Target, id), limit: 1 }, options))[0] ?? null;
    },
    count,
    create,
    build: (data: Record<string, unknown> = {}) => {
      const relation = resolve();
      const Target = relatedModel(instance.constructor as ModelClass, relation.modelTo);
      return new Target(through ? data : { ...data, ...directScope(instance, relation).defaults() });
    },
    destroyAll: async (where?: Where, options?: unknown) => {
      const relation = resolve();
      const opts = optionsOf(instance, options);
      if (through) {
        const links = await findThrough(instance, relation, { where: where ?? {} }, opts);
        const Target = relatedModel(instance.constructor as ModelClass, relation.modelTo);
        return links ? Target.destroyAll(links, opts) : { count: 0 };
      }
      const { Target, filter: scoped } = scope();
      return Target.destroyAll(scoped({ where: where ?? {} }).where, opts);
    },
    ...(through
      ? {
          add: link,
          remove: async (target: ModelInstance, options?: unknown) => {
            const relation = resolve();
            const Through = relatedModel(instance.constructor as ModelClass, relation.through as string);
            const where: Where = {};
            (relation.throughFrom ?? []).forEach((key, index) => {
              where[key] = readValue(instance, relation.keyFrom[index] as string);
            });
            (relation.throughTo ?? []).forEach((key, index) => {
              where[key] = readValue(target, relation.keyTo[index] as string);
            });
            return Through.destroyAll(where, optionsOf(instance, options));
          },
        }
      : {}),
  };
}

function callbackified<T extends Record<string, (...args: never[]) => unknown>>(methods: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(methods)) {
    wrapped[name] = (...all: unknown[]) => {
      const { args, callback } = splitCallback(all);
      let result: unknown;
      try {
        result = (method as (...args: unknown[]) => unknown)(...args);
      } catch (error) {
        return withCallback(Promise.reject(error), callback);
      }
      if (name === 'build') return result;
      return withCallback(Promise.resolve(result), callback);
    };
  }
  return wrapped as T;
}

function manyAccessor(
  instance: ModelInstance,
  name: string,
  resolve: () => ResolvedRelation,
  through: boolean,
) {
  const methods = collectionMethods(instance, resolve, through);
  const accessor = (...all: unknown[]) => {
    const { args, callback } = splitCallback(all);
    let promise: Promise<unknown>;
    try {
      const { refresh, filter } = parseRefreshArgs(args);
      if (!refresh && hasCached(instance, name)) {
        promise = Promise.resolve(relationCache(instance)[name]);
      } else {
        promise = methods.find(filter, args[1]).then((found) => {
          if (!filter) relationCache(instance)[name] = found;
          return found;
        });
      }
    } catch (error) {
      promise = Promise.reject(error);
    }
    return withCallback(promise, callback);
  };
  return Object.assign(accessor, callbackified(methods));
}

function oneAccessor(instance: ModelInstance, name: string, resolve: () => ResolvedRelation) {
  const methods = collectionMethods(instance, resolve, false);
  const accessor = (...all: unknown[]) => {
    const { args, callback } = splitCallback(all);
    let promise: Promise<unknown>;
    try {
      const { refresh } = parseRefreshArgs(args);
      if (!refresh && hasCached(instance, name)) {
        promise = Promise.resolve(relationCache(instance)[name]);
      } else {
        promise = methods.findOne(undefined, args[1]).then((found) => {
          relationCache(instance)[name] = found;
          return found;
        });
      }
    } catch (error) {
      promise = Promise.reject(error);
    }
    return withCallback(promise, callback);
  };
  return Object.assign(accessor, callbackified({ create: methods.create, build: methods.build }));
}

/**
 * The accessor of relation `name` for one instance. The relation's metadata is resolved when the
 * accessor is called (so a missing target model rejects the call instead of breaking property access).
 */
export function relationAccessor(instance: ModelInstance, name: string): unknown {
  const Model = instance.constructor as ModelClass;
  const declared = Model.definition.relations[name];
  const resolve = () => getRelation(Model, name);
  const type =
    declared?.type === 'hasMany' && declared.through ? 'hasManyThrough' : (declared?.type ?? resolve().type);
  switch (type) {
    case 'belongsTo':
      return belongsToAccessor(instance, resolve);
    case 'hasOne':
      return oneAccessor(instance, name, resolve);
    default:
      return manyAccessor(instance, name, resolve, type === 'hasManyThrough');
  }
}
