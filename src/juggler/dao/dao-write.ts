/**
 * The write side of LoopBack's DataAccessObject on the model class: create (validated, hooked;
 * invalid data writes nothing), upsert, findOrCreate, updateAll, destroyAll and destroyById. Each
 * runs LoopBack's operation hooks in LoopBack's order around the Hookable hooks: create runs
 * `before save` (ctx.instance), validation, beforeCreate/beforeSave, `persist`, the write,
 * `loaded`, afterSave/afterCreate, then `after save`; updateAll `access`, `before save` (ctx.where
 * and ctx.data), `persist`, the write, `after save`; destroyAll `access`, `before delete`, the
 * write, `after delete`. The caller's options object reaches every hook and the connector.
 */

import type { CountResult } from '../connector/connector.js';
import type { ConnectorModel } from '../connector/connector-model.js';
import type { Row } from '../connector/model-type-name.js';
import { InvalidArgumentError, UnknownNameError, ValidationError } from '../errors.js';
import type { Filter, Where } from '../filter/filter-types.js';
import { normalizeWhere } from '../filter/normalize-where.js';
import { didYouMean } from '../filter/suggest.js';
import { runHookedAction } from '../hooks.js';
import type { CallOptions, DeleteHookContext, ModelInstance, SaveHookContext } from '../model-types.js';
import { checkValue, coerceValue } from '../types/coerce.js';
import { findOne, readMany } from './dao-read.js';
import {
  applyRow,
  assertWritable,
  attached,
  idWhere,
  type ModelClass,
  markSaved,
  writableValues,
} from './model-class.js';
import {
  callOptions,
  type HookState,
  hasObservers,
  isSameWhere,
  notifyAccessWhere,
  notifyLoaded,
  notifyObserversOf,
  notifyPersist,
  operationOptions,
} from './operation-hooks.js';
import { validateOrThrow } from './validate-instance.js';

/** Options of writes: the caller's options (see `CallOptions`), and whether to validate. */
export interface WriteOptions extends CallOptions {
  /** Run validations first (default true). */
  validate?: boolean;
}

function toInstance(Model: ModelClass, data: unknown): ModelInstance {
  if (data instanceof Model) return data as ModelInstance;
  if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) {
    throw new InvalidArgumentError(`${Model.modelName}.create expects an object or an array of objects`, {
      model: Model.modelName,
      received: typeof data,
    });
  }
  return new Model((data ?? {}) as Record<string, unknown>);
}

/** Runs `before save` of a new instance (`ctx.instance`, `isNewInstance: true`). */
async function beforeCreate(
  Model: ModelClass,
  instance: ModelInstance,
  options: CallOptions,
  hookState: HookState,
): Promise<void> {
  if (!hasObservers(Model, 'before save')) return;
  const context: SaveHookContext = { Model, instance, isNewInstance: true, hookState, options };
  await notifyObserversOf(Model, 'before save', context);
}

/**
 * Inserts a new instance whose `before save` ran and that is valid: beforeCreate, beforeSave,
 * `persist`, the write, `loaded`, afterSave, afterCreate, then `after save`. The lifecycle hooks
 * receive the instance itself as `data` (as LoopBack's `obj.trigger('create', work, obj)`), so
 * what a before hook changes there is what gets written. The stored row (generated ids,
 * defaults), as `loaded` listeners leave it, is copied back into the instance.
 * `write: 'upsert'` writes with the connector's atomic upsert (`INSERT … ON CONFLICT … DO UPDATE`,
 * `ON DUPLICATE KEY UPDATE`), so that a row another request inserted meanwhile is updated, not a conflict.
 */
export async function insertInstance(
  Model: ModelClass,
  instance: ModelInstance,
  options: CallOptions,
  hookState: HookState,
  write: InsertWrite = 'create',
): Promise<ModelInstance> {
  const { connector, model } = await attached(Model);
  await runHookedAction(
    instance,
    'create',
    () =>
      runHookedAction(
        instance,
        'save',
        async () => {
          let values = writableValues(model, instance.__data);
          if (hasObservers(Model, 'persist')) {
            const input = { data: values, currentInstance: instance, isNewInstance: true };
            values = writableValues(model, await notifyPersist(Model, input, options, hookState));
          }
          let row =
            write === 'upsert'
              ? await connector.upsert(model, values, operationOptions(options))
              : await connector.create(model, values, operationOptions(options));
          if (hasObservers(Model, 'loaded')) {
            row = (await notifyLoaded(Model, [row], true, options, hookState))[0] ?? row;
          }
          applyRow(instance, row);
          markSaved(instance);
          return instance;
        },
        instance,
      ),
    instance,
  );
  if (hasObservers(Model, 'after save')) {
    const context: SaveHookContext = { Model, instance, isNewInstance: true, hookState, options };
    await notifyObserversOf(Model, 'after save', context);
  }
  return instance;
}

/**
 * Creates one new instance as `create` and `save` of a new instance do: `before save`, validation
 * (unless `validate: false`), then `insertInstance`.
 */
export async function createInstance(
  Model: ModelClass,
  instance: ModelInstance,
  options: WriteOptions,
  write: InsertWrite = 'create',
): Promise<ModelInstance> {
  const hookState: HookState = {};
  await beforeCreate(Model, instance, options, hookState);
  if (options.validate !== false) await validateOrThrow(instance);
  return insertInstance(Model, instance, options, hookState, write);
}

/** How a new instance is written: a plain insert, or the connector's atomic upsert. */
export type InsertWrite = 'create' | 'upsert';

/**
 * Creates one instance, or several from an array: `before save` of each, then all are validated
 * before any is written.
 */
export async function create(
  Model: ModelClass,
  data?: Record<string, unknown> | ModelInstance | (Record<string, unknown> | ModelInstance)[],
  options?: WriteOptions,
): Promise<ModelInstance | ModelInstance[]> {
  assertWritable(Model);
  const opts = callOptions(Model, options);
  await attached(Model);
  if (!Array.isArray(data)) return createInstance(Model, toInstance(Model, data), opts);
  const instances = data.map((item) => toInstance(Model, item));
  const hookStates = instances.map((): HookState => ({}));
  for (const [index, instance] of instances.entries()) {
    await beforeCreate(Model, instance, opts, hookStates[index] as HookState);
  }
  if (opts.validate !== false) {
    for (const instance of instances) await validateOrThrow(instance);
  }
  const created: ModelInstance[] = [];
  for (const [index, instance] of instances.entries()) {
    created.push(await insertInstance(Model, instance, opts, hookStates[index] as HookState));
  }
  return created;
}

function plainData(Model: ModelClass, data: unknown): Record<string, unknown> {
  if (data instanceof Model) return (data as ModelInstance).toObject(true);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InvalidArgumentError(`${Model.modelName}.upsert expects an object`, { model: Model.modelName });
  }
  return data as Record<string, unknown>;
}

/**
 * Updates the instance with the same id (validated, through updateAttributes), or creates one when
 * the data has no id or no instance has it: `access` on the id's where first; when a listener
 * changed it, the instance found by the new where is updated, and the data's id is dropped. A
 * create with the id is written with the connector's atomic upsert (`INSERT … ON CONFLICT … DO
 * UPDATE`), so concurrent upserts of one new id all succeed.
 */
export async function upsert(
  Model: ModelClass,
  data: Record<string, unknown> | ModelInstance,
  options?: WriteOptions,
): Promise<ModelInstance> {
  assertWritable(Model);
  const opts = callOptions(Model, options);
  let values = plainData(Model, data);
  const ids = Model.definition.idNames();
  const hasId = ids.length > 0 && ids.every((name) => values[name] !== undefined && values[name] !== null);
  if (!hasId) return (await create(Model, values, opts)) as ModelInstance;
  const idValue =
    ids.length === 1 ? values[ids[0] as string] : Object.fromEntries(ids.map((name) => [name, values[name]]));
  const byId = idWhere(Model, idValue);
  let where = byId;
  if (hasObservers(Model, 'access')) {
    where = await notifyAccessWhere(Model, byId, opts, {});
    if (!isSameWhere(where, byId)) {
      // The listener's where may hide an instance that has this id: do not write the id.
      values = Object.fromEntries(Object.entries(values).filter(([name]) => !ids.includes(name)));
    }
  }
  const [existing] = (await readMany(
    Model,
    { where, limit: 1 },
    opts,
    false,
    undefined,
    false,
  )) as ModelInstance[];
  if (existing) return existing.updateAttributes(values, opts);
  // Not found now, but another request may insert the same id before this one does: the insert
  // is the database's own upsert, so that race updates the row instead of failing.
  const keepsId = ids.every((name) => values[name] !== undefined);
  return createInstance(Model, toInstance(Model, values), opts, keepsId ? 'upsert' : 'create');
}

function equalities(where: Where | undefined): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(where ?? {})) {
    if (key === 'and' || key === 'or') continue;
    if (value === null || typeof value !== 'object' || value instanceof Date) data[key] = value;
  }
  return data;
}

/**
 * Finds the first instance matching `query`, or creates one from `data` (default: the equality
 * conditions of `query.where`). Resolves to `[instance, created]`.
 */
export async function findOrCreate(
  Model: ModelClass,
  query: Filter | undefined,
  data?: Record<string, unknown>,
  options?: WriteOptions,
): Promise<[ModelInstance, boolean]> {
  assertWritable(Model);
  const opts = callOptions(Model, options);
  return serialized(Model, async () => {
    const found = (await findOne(Model, query, opts)) as ModelInstance | null;
    if (found) return [found, false];
    const created = (await create(Model, data ?? equalities(query?.where), opts)) as ModelInstance;
    return [created, true];
  });
}

const findOrCreateQueues = new WeakMap<ModelClass, Promise<unknown>>();

/**
 * Runs the find-then-create of `findOrCreate` calls of one model one after the other, so calls
 * made at once in this process create one instance (LoopBack's memory connector is atomic here);
 * a failed call does not stop the next.
 */
function serialized<T>(Model: ModelClass, work: () => Promise<T>): Promise<T> {
  const previous = findOrCreateQueues.get(Model) ?? Promise.resolve();
  const result = previous.then(work, work);
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  findOrCreateQueues.set(Model, settled);
  void settled.then(() => {
    if (findOrCreateQueues.get(Model) === settled) findOrCreateQueues.delete(Model);
  });
  return result;
}

/**
 * Coerces update data to the model's property types; unknown properties and values that cannot
 * be coerced are rejected before anything is written.
 */
export function coerceUpdateData(
  Model: ModelClass,
  model: ConnectorModel,
  data: Record<string, unknown>,
): Row {
  const row: Row = {};
  const codes: Record<string, string[]> = {};
  const messages: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(data)) {
    if (value === undefined) continue;
    const property = model.propertyByName.get(name);
    if (!property) {
      throw new UnknownNameError(
        'UNKNOWN_PROPERTY',
        `Unknown property \`${name}\` in update data of model \`${Model.modelName}\`${didYouMean(name, model.propertyByName.keys())}`,
        { model: Model.modelName, property: name },
      );
    }
    if (property.readOnly) {
      throw new InvalidArgumentError(`Property \`${name}\` of model \`${Model.modelName}\` is read-only`, {
        model: Model.modelName,
        property: name,
      });
    }
    const coerced = coerceValue(value, property.type, property.itemType);
    const problem = checkValue(coerced, property.type, property.itemType);
    if (problem !== undefined) {
      codes[name] = ['type'];
      messages[name] = [problem];
    }
    row[name] = coerced;
  }
  if (Object.keys(codes).length > 0) throw new ValidationError({ context: Model.modelName, codes, messages });
  return row;
}

/** A where's node for the connector: undefined (every row) for no where. */
function whereNode(model: ConnectorModel, where: Where | undefined | null) {
  return where === undefined || where === null ? undefined : normalizeWhere(model, where);
}

/**
 * Updates every instance matching `where` with `data`; resolves to `{count}`. No Hookable hooks
 * run (as LoopBack); operation hooks do: `access`, `before save` (`ctx.where`, `ctx.data`: what
 * listeners leave is written), `persist`, then `after save` with the connector's `info`.
 */
export async function updateAll(
  Model: ModelClass,
  where: Where | undefined,
  data: Record<string, unknown>,
  options?: WriteOptions,
): Promise<CountResult> {
  assertWritable(Model);
  const opts = callOptions(Model, options);
  const { connector, model } = await attached(Model);
  const hookState: HookState = {};
  let target = where;
  let changes = data ?? {};
  if (hasObservers(Model, 'access')) target = await notifyAccessWhere(Model, where, opts, hookState);
  if (hasObservers(Model, 'before save')) {
    const context: SaveHookContext = {
      Model,
      where: target ?? {},
      data: { ...changes },
      hookState,
      options: opts,
    };
    await notifyObserversOf(Model, 'before save', context);
    target = context.where;
    changes = context.data ?? {};
  }
  const node = whereNode(model, target);
  let row = coerceUpdateData(Model, model, changes);
  if (Object.keys(row).length === 0) return { count: 0 };
  if (hasObservers(Model, 'persist')) {
    const persisted = await notifyPersist(Model, { data: row, where: target ?? {} }, opts, hookState);
    row = coerceUpdateData(Model, model, persisted);
  }
  const info = await connector.updateAll(model, node, row, operationOptions(opts));
  if (hasObservers(Model, 'after save')) {
    const context: SaveHookContext = {
      Model,
      where: target ?? {},
      data: row,
      info,
      hookState,
      options: opts,
    };
    await notifyObserversOf(Model, 'after save', context);
  }
  return info;
}

/** Deletes the rows matching `where` through the connector, with no hooks (the caller ran them). */
export async function deleteRows(
  Model: ModelClass,
  where: Where | undefined,
  options: CallOptions,
): Promise<CountResult> {
  const { connector, model } = await attached(Model);
  return connector.destroyAll(model, whereNode(model, where), operationOptions(options));
}

/**
 * Deletes every instance matching `where` (all of them without one); resolves to `{count}`.
 * Operation hooks: `access`, `before delete` (`ctx.where`: what listeners leave is deleted), then
 * `after delete` with the connector's `info`.
 */
export async function destroyAll(
  Model: ModelClass,
  where?: Where,
  options?: WriteOptions,
): Promise<CountResult> {
  assertWritable(Model);
  const opts = callOptions(Model, options);
  const hookState: HookState = {};
  let target = where;
  if (hasObservers(Model, 'access')) target = await notifyAccessWhere(Model, where, opts, hookState);
  if (hasObservers(Model, 'before delete')) {
    const context: DeleteHookContext = { Model, where: target ?? {}, hookState, options: opts };
    target = (await notifyObserversOf(Model, 'before delete', context)).where;
  }
  const info = await deleteRows(Model, target, opts);
  if (hasObservers(Model, 'after delete')) {
    const context: DeleteHookContext = { Model, where: target ?? {}, info, hookState, options: opts };
    await notifyObserversOf(Model, 'after delete', context);
  }
  return info;
}

/** Deletes the instance with this id; resolves to `{count}` (0 when there was none). */
export async function destroyById(
  Model: ModelClass,
  id: unknown,
  options?: WriteOptions,
): Promise<CountResult> {
  return destroyAll(Model, idWhere(Model, id), options);
}
