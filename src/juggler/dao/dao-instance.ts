/**
 * LoopBack's DataAccessObject instance methods: save (create when new, update when persisted),
 * updateAttribute(s) (validated first), reload, destroy, isNewRecord. Every write runs its hooks:
 * save → beforeSave/beforeUpdate (or beforeCreate) ... afterUpdate/afterSave; destroy → before/afterDestroy.
 */
import { NotFoundError } from '../errors.js';
import { normalizeWhere } from '../filter/normalize-where.js';
import { runHookedAction } from '../hooks.js';
import type { ModelInstance } from '../model-types.js';
import { findById } from './dao-read.js';
import { destroyAll, insertInstance, type WriteOptions } from './dao-write.js';
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
import { validateOrThrow } from './validate-instance.js';

function classOf(instance: ModelInstance): ModelClass {
  return instance.constructor as ModelClass;
}

async function writeUpdate(
  Model: ModelClass,
  instance: ModelInstance,
  id: unknown,
  only: Iterable<string> | undefined,
  options: WriteOptions | undefined,
): Promise<void> {
  const { connector, model } = await attached(Model);
  const ids = new Set(model.idProperties);
  const names = only
    ? [...only]
    : model.properties.map((property) => property.name).filter((name) => !ids.has(name));
  const values = writableValues(model, instance.__data, names);
  if (Object.keys(values).length === 0) return;
  const where = normalizeWhere(model, idWhere(Model, id));
  const transaction = options?.transaction === undefined ? {} : { transaction: options.transaction };
  const { count } = await connector.updateAll(model, where, values, transaction);
  if (count === 0) {
    throw new NotFoundError(`No ${Model.modelName} with id ${JSON.stringify(id)} to update`, {
      model: Model.modelName,
      id,
    });
  }
}

/** Saves an instance: creates it when new, otherwise writes all its properties. */
export async function save(instance: ModelInstance, options?: WriteOptions): Promise<ModelInstance> {
  const Model = classOf(instance);
  assertWritable(Model);
  if (options?.validate !== false) await validateOrThrow(instance);
  if (!instance.__persisted) return insertInstance(Model, instance, instance.__data, options);
  const id = instanceId(Model, instance);
  const data = instance.__data;
  return runHookedAction(
    instance,
    'save',
    () =>
      runHookedAction(
        instance,
        'update',
        async () => {
          await writeUpdate(Model, instance, id, undefined, options);
          markSaved(instance);
          return instance;
        },
        data,
      ),
    data,
  );
}

/**
 * Sets and saves several properties: validation first (when it fails, nothing is written and the
 * instance keeps its previous values), then hooks save/update, then one write.
 */
export async function updateAttributes(
  instance: ModelInstance,
  data: Record<string, unknown>,
  options?: WriteOptions,
): Promise<ModelInstance> {
  const Model = classOf(instance);
  assertWritable(Model);
  const id = instanceId(Model, instance);
  const previous = Object.fromEntries(Object.keys(data).map((name) => [name, instance.__data[name]]));
  instance.setAttributes(data);
  if (options?.validate !== false) {
    try {
      await validateOrThrow(instance);
    } catch (error) {
      // Nothing was written: leave the instance as it was, too.
      instance.setAttributes(previous);
      throw error;
    }
  }
  const names = Object.keys(data).filter((name) => name in Model.definition.properties);
  return runHookedAction(
    instance,
    'save',
    () =>
      runHookedAction(
        instance,
        'update',
        async () => {
          await writeUpdate(Model, instance, id, names, options);
          markSaved(instance);
          return instance;
        },
        data,
      ),
    data,
  );
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

/** Deletes the instance (hooks before/afterDestroy). */
export async function destroy(instance: ModelInstance, options?: WriteOptions): Promise<void> {
  const Model = classOf(instance);
  assertWritable(Model);
  const id = instanceId(Model, instance);
  await runHookedAction(instance, 'destroy', () => destroyAll(Model, idWhere(Model, id), options));
}

/** Whether the instance has not been saved to (or loaded from) the data source. */
export function isNewRecord(instance: ModelInstance): boolean {
  return !instance.__persisted;
}
