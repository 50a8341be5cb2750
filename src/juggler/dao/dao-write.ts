/**
 * The write side of LoopBack's DataAccessObject on the model class: create (validated, hooked;
 * invalid data writes nothing), upsert, findOrCreate, updateAll, destroyAll and destroyById.
 */

import type { CountResult } from '../connector/connector.js';
import type { ConnectorModel } from '../connector/connector-model.js';
import type { Row } from '../connector/model-type-name.js';
import { InvalidArgumentError, UnknownNameError, ValidationError } from '../errors.js';
import type { Filter, Where } from '../filter/filter-types.js';
import { normalizeWhere } from '../filter/normalize-where.js';
import { didYouMean } from '../filter/suggest.js';
import { runHookedAction } from '../hooks.js';
import type { FindOptions, ModelInstance } from '../model-types.js';
import { checkValue, coerceValue } from '../types/coerce.js';
import { findById, findOne } from './dao-read.js';
import {
  applyRow,
  assertWritable,
  attached,
  idWhere,
  type ModelClass,
  markSaved,
  writableValues,
} from './model-class.js';
import { validateOrThrow } from './validate-instance.js';

/** Options of writes. */
export interface WriteOptions {
  transaction?: unknown;
  /** Run validations first (default true). */
  validate?: boolean;
}

function operationOptions(options: WriteOptions | undefined): { transaction?: unknown } {
  return options?.transaction === undefined ? {} : { transaction: options.transaction };
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

/**
 * Inserts a new (already validated) instance: beforeCreate, beforeSave, the write, afterSave,
 * afterCreate. The stored row (generated ids, defaults) is copied back into the instance.
 */
export async function insertInstance(
  Model: ModelClass,
  instance: ModelInstance,
  data: unknown,
  options?: WriteOptions,
): Promise<ModelInstance> {
  const { connector, model } = await attached(Model);
  return runHookedAction(
    instance,
    'create',
    () =>
      runHookedAction(
        instance,
        'save',
        async () => {
          const row = await connector.create(
            model,
            writableValues(model, instance.__data),
            operationOptions(options),
          );
          applyRow(instance, row);
          markSaved(instance);
          return instance;
        },
        data,
      ),
    data,
  );
}

/** Creates one instance, or several from an array (all are validated before any is written). */
export async function create(
  Model: ModelClass,
  data?: Record<string, unknown> | ModelInstance | (Record<string, unknown> | ModelInstance)[],
  options?: WriteOptions,
): Promise<ModelInstance | ModelInstance[]> {
  assertWritable(Model);
  await attached(Model);
  const list = Array.isArray(data) ? data : [data];
  const instances = list.map((item) => toInstance(Model, item));
  if (options?.validate !== false) {
    for (const instance of instances) await validateOrThrow(instance);
  }
  const created: ModelInstance[] = [];
  for (const [index, instance] of instances.entries()) {
    created.push(await insertInstance(Model, instance, list[index], options));
  }
  return Array.isArray(data) ? created : (created[0] as ModelInstance);
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
 * the data has no id or no instance has it.
 */
export async function upsert(
  Model: ModelClass,
  data: Record<string, unknown> | ModelInstance,
  options?: WriteOptions,
): Promise<ModelInstance> {
  assertWritable(Model);
  const values = plainData(Model, data);
  const ids = Model.definition.idNames();
  const hasId = ids.length > 0 && ids.every((name) => values[name] !== undefined && values[name] !== null);
  if (hasId) {
    const idValue =
      ids.length === 1
        ? values[ids[0] as string]
        : Object.fromEntries(ids.map((name) => [name, values[name]]));
    const existing = (await findById(Model, idValue)) as ModelInstance | null;
    if (existing) return existing.updateAttributes(values, options);
  }
  return (await create(Model, values, options)) as ModelInstance;
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
  const found = (await findOne(Model, query, options as FindOptions)) as ModelInstance | null;
  if (found) return [found, false];
  const created = (await create(Model, data ?? equalities(query?.where), options)) as ModelInstance;
  return [created, true];
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

/** Updates every instance matching `where` with `data`; resolves to `{count}`. No hooks run (as LoopBack). */
export async function updateAll(
  Model: ModelClass,
  where: Where | undefined,
  data: Record<string, unknown>,
  options?: WriteOptions,
): Promise<CountResult> {
  assertWritable(Model);
  const { connector, model } = await attached(Model);
  const node = where === undefined || where === null ? undefined : normalizeWhere(model, where);
  const row = coerceUpdateData(Model, model, data ?? {});
  if (Object.keys(row).length === 0) return { count: 0 };
  return connector.updateAll(model, node, row, operationOptions(options));
}

/** Deletes every instance matching `where` (all of them without one); resolves to `{count}`. */
export async function destroyAll(
  Model: ModelClass,
  where?: Where,
  options?: WriteOptions,
): Promise<CountResult> {
  assertWritable(Model);
  const { connector, model } = await attached(Model);
  const node = where === undefined || where === null ? undefined : normalizeWhere(model, where);
  return connector.destroyAll(model, node, operationOptions(options));
}

/** Deletes the instance with this id; resolves to `{count}` (0 when there was none). */
export async function destroyById(
  Model: ModelClass,
  id: unknown,
  options?: WriteOptions,
): Promise<CountResult> {
  return destroyAll(Model, idWhere(Model, id), options);
}
