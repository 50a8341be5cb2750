/**
 * LoopBack's DataAccessObject instance methods: save (create when new, update when persisted),
 * updateAttribute(s) (validated first), reload, destroy, isNewRecord. Every write runs its
 * Hookable hooks and LoopBack's operation hooks in LoopBack's order:
 * - save of a persisted instance: `before save` (ctx.instance), validation, beforeSave,
 *   beforeUpdate, `persist`, the write, `loaded` (its data goes back into the instance),
 *   `after save`, afterUpdate, afterSave;
 * - the write of an update answers the row as stored (the connector's `updateRow`), and the
 *   instance takes its values: what the database made of them, not what was sent;
 * - updateAttributes: `before save` (ctx.where, ctx.data, ctx.currentInstance), validation,
 *   beforeSave, beforeUpdate, `persist`, the write, `loaded`, afterUpdate, afterSave, `after save`;
 * - destroy: `access` and `before delete` (ctx.where by id), beforeDestroy, the write,
 *   afterDestroy, `after delete` (the Hookable hooks only while the where is still the id's).
 */
import { IdChangeError, NotFoundError } from '../errors.js';
import { normalizeWhere } from '../filter/normalize-where.js';
import { runHookedAction } from '../hooks.js';
import type { CallOptions, DeleteHookContext, ModelInstance, SaveHookContext } from '../model-types.js';
import { findById } from './dao-read.js';
import { createInstance, deleteRows, type WriteOptions } from './dao-write.js';
import {
  applyRow,
  assertWritable,
  attached,
  idWhere,
  instanceId,
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

function classOf(instance: ModelInstance): ModelClass {
  return instance.constructor as ModelClass;
}

/** How an update of one instance runs its `persist` and `loaded` hooks. */
interface UpdateHooks {
  options: CallOptions;
  hookState: HookState;
  /** `isNewInstance` of `persist` (LoopBack gives false for updateAttributes, nothing for save). */
  persistIsNew: boolean | undefined;
  /** Whether the data `loaded` listeners leave goes back into the instance (save: yes). */
  applyLoaded: boolean;
}

/**
 * Writes the instance's values (all but the ids, or `only` those) to the row with its id, with
 * `persist` and `loaded` around the write; NOT_FOUND when no row has the id.
 */
async function writeUpdate(
  Model: ModelClass,
  instance: ModelInstance,
  id: unknown,
  only: Iterable<string> | undefined,
  hooks: UpdateHooks,
): Promise<void> {
  const { connector, model } = await attached(Model);
  const ids = new Set(model.idProperties);
  const names = only
    ? [...only]
    : model.properties.map((property) => property.name).filter((name) => !ids.has(name));
  let values = writableValues(model, instance.__data, names);
  if (Object.keys(values).length === 0) return;
  const byId = idWhere(Model, id);
  const { options, hookState } = hooks;
  if (hasObservers(Model, 'persist')) {
    const input = {
      data: values,
      where: byId,
      currentInstance: instance,
      ...(hooks.persistIsNew === undefined ? {} : { isNewInstance: hooks.persistIsNew }),
    };
    const persisted = await notifyPersist(Model, input, options, hookState);
    values = writableValues(
      model,
      persisted,
      Object.keys(persisted).filter((name) => !ids.has(name)),
    );
  }
  const where = normalizeWhere(model, byId);
  // The row as stored (a rounded decimal, a column a trigger set) goes back into the instance.
  const stored = connector.updateRow
    ? await connector.updateRow(model, where, values, operationOptions(options))
    : (await connector.updateAll(model, where, values, operationOptions(options))).count > 0
      ? null
      : undefined;
  if (stored === undefined) {
    throw new NotFoundError(`No ${Model.modelName} with id ${JSON.stringify(id)} to update`, {
      model: Model.modelName,
      id,
    });
  }
  if (stored) applyRow(instance, stored);
  if (hasObservers(Model, 'loaded')) {
    const [loaded] = await notifyLoaded(Model, [{ ...values, ...byId }], false, options, hookState);
    if (hooks.applyLoaded && loaded) applyRow(instance, loaded);
  }
}

/** Saves an instance: creates it when new, otherwise writes all its properties. */
export async function save(instance: ModelInstance, options?: WriteOptions): Promise<ModelInstance> {
  const Model = classOf(instance);
  assertWritable(Model);
  const opts = callOptions(Model, options);
  if (!instance.__persisted) return createInstance(Model, instance, opts);
  const id = instanceId(Model, instance);
  const hookState: HookState = {};
  if (hasObservers(Model, 'before save')) {
    const context: SaveHookContext = { Model, instance, hookState, options: opts };
    await notifyObserversOf(Model, 'before save', context);
  }
  if (opts.validate !== false) await validateOrThrow(instance);
  const data = instance.__data;
  const hooks: UpdateHooks = { options: opts, hookState, persistIsNew: undefined, applyLoaded: true };
  return runHookedAction(
    instance,
    'save',
    () =>
      runHookedAction(
        instance,
        'update',
        async () => {
          await writeUpdate(Model, instance, id, undefined, hooks);
          markSaved(instance);
          if (hasObservers(Model, 'after save')) {
            const context: SaveHookContext = {
              Model,
              instance,
              isNewInstance: false,
              hookState,
              options: opts,
            };
            await notifyObserversOf(Model, 'after save', context);
          }
          return instance;
        },
        data,
      ),
    data,
  );
}

/**
 * Sets and saves several properties: `before save` (which may change the data), validation first
 * (when it fails, nothing is written and the instance keeps its previous values), then hooks
 * save/update, then one write.
 */
export async function updateAttributes(
  instance: ModelInstance,
  data: Record<string, unknown>,
  options?: WriteOptions,
): Promise<ModelInstance> {
  const Model = classOf(instance);
  assertWritable(Model);
  const opts = callOptions(Model, options);
  const id = instanceId(Model, instance);
  refuseIdChange(Model, instance, data ?? {});
  const hookState: HookState = {};
  let changes = { ...data };
  if (hasObservers(Model, 'before save')) {
    const context: SaveHookContext = {
      Model,
      where: idWhere(Model, id),
      data: { ...data },
      currentInstance: instance,
      hookState,
      options: opts,
    };
    await notifyObserversOf(Model, 'before save', context);
    changes = context.data ?? {};
  }
  const previous = Object.fromEntries(Object.keys(changes).map((name) => [name, instance.__data[name]]));
  instance.setAttributes(changes);
  if (opts.validate !== false) {
    try {
      await validateOrThrow(instance);
    } catch (error) {
      // Nothing was written: leave the instance as it was, too.
      instance.setAttributes(previous);
      throw error;
    }
  }
  const hooks: UpdateHooks = { options: opts, hookState, persistIsNew: false, applyLoaded: false };
  // beforeSave/beforeUpdate receive `changes` (LoopBack's `data`): what they change or add there
  // is written, so it is applied again after them.
  await runHookedAction(
    instance,
    'save',
    () =>
      runHookedAction(
        instance,
        'update',
        async () => {
          refuseIdChange(Model, instance, changes);
          instance.setAttributes(changes);
          const names = Object.keys(changes).filter((name) => name in Model.definition.properties);
          await writeUpdate(Model, instance, id, names, hooks);
          markSaved(instance);
          return instance;
        },
        changes,
      ),
    changes,
  );
  if (hasObservers(Model, 'after save')) {
    const context: SaveHookContext = { Model, instance, isNewInstance: false, hookState, options: opts };
    await notifyObserversOf(Model, 'after save', context);
  }
  return instance;
}

/** LoopBack's check of updateAttributes: the changes may repeat the instance's id, never change it. */
function refuseIdChange(Model: ModelClass, instance: ModelInstance, changes: Record<string, unknown>): void {
  for (const name of Model.definition.idNames()) {
    const to = changes[name];
    const from = instance.__data[name];
    if (to !== undefined && String(to) !== String(from))
      throw new IdChangeError(Model.modelName, name, from, to);
  }
}

/** Sets and saves one property (`updateAttributes({[name]: value})`). */
export function updateAttribute(
  instance: ModelInstance,
  name: string,
  value: unknown,
  options?: WriteOptions,
): Promise<ModelInstance> {
  return updateAttributes(instance, { [name]: value }, options);
}

/** Reloads the instance's properties from the data source and resolves to the instance. */
export async function reload(instance: ModelInstance): Promise<ModelInstance> {
  const Model = classOf(instance);
  const id = instanceId(Model, instance);
  const fresh = (await findById(Model, id)) as ModelInstance | null;
  if (!fresh)
    throw new NotFoundError(`No ${Model.modelName} with id ${JSON.stringify(id)}`, {
      model: Model.modelName,
      id,
    });
  applyRow(instance, fresh.__data);
  markSaved(instance);
  return instance;
}

/**
 * Deletes the instance: `access` and `before delete` on the where of its id, then (while that
 * where is still the id's) beforeDestroy, the write, afterDestroy; then `after delete`.
 */
export async function destroy(instance: ModelInstance, options?: WriteOptions): Promise<void> {
  const Model = classOf(instance);
  assertWritable(Model);
  const opts = callOptions(Model, options);
  const byId = idWhere(Model, instanceId(Model, instance));
  const hookState: HookState = {};
  let where = byId;
  if (hasObservers(Model, 'access')) where = await notifyAccessWhere(Model, byId, opts, hookState);
  if (hasObservers(Model, 'before delete')) {
    const context: DeleteHookContext = { Model, where, instance, hookState, options: opts };
    where = (await notifyObserversOf(Model, 'before delete', context)).where;
  }
  // A listener that changed the where made this a delete by query: no instance hooks (as LoopBack).
  const info = isSameWhere(where, byId)
    ? await runHookedAction(instance, 'destroy', () => deleteRows(Model, where, opts))
    : await deleteRows(Model, where, opts);
  if (hasObservers(Model, 'after delete')) {
    const context: DeleteHookContext = { Model, where, instance, info, hookState, options: opts };
    await notifyObserversOf(Model, 'after delete', context);
  }
}

/** Whether the instance has not been saved to (or loaded from) the data source. */
export function isNewRecord(instance: ModelInstance): boolean {
  return !instance.__persisted;
}
