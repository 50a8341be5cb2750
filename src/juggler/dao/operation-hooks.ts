/**
 * What the DAO methods share to run LoopBack's operation hooks: the caller's options (`{}` when
 * none) and the connector's `OperationOptions` made from them, one `hookState` per operation,
 * and the notifications whose contexts have the shapes LoopBack gives them (`access` with a query
 * listeners may change, `loaded` per row, `persist` with the values about to be written). Each
 * helper is called only after `hasObservers` said a listener exists: a call on a model without
 * listeners builds no context and awaits nothing.
 */
import type { OperationOptions } from '../connector/connector.js';
import type { Row } from '../connector/model-type-name.js';
import { InvalidArgumentError } from '../errors.js';
import { mutableFilter } from '../filter/copy-filter.js';
import type { Filter, Where } from '../filter/filter-types.js';
import type {
  AccessHookContext,
  CallOptions,
  LoadedHookContext,
  ModelInstance,
  PersistHookContext,
} from '../model-types.js';
import { hasObservers, notifyObserversOf } from '../observer.js';
import type { ModelClass } from './model-class.js';

export { hasObservers, notifyObserversOf } from '../observer.js';

/** State shared by the hooks of one operation (`ctx.hookState`). */
export type HookState = Record<string, unknown>;

/**
 * The options object of a DAO call: the caller's, as it is, or a new `{}` (LoopBack's
 * `options = options || {}`); anything else than an object is an INVALID_ARGUMENT.
 */
export function callOptions<O extends CallOptions>(Model: ModelClass, options: O | undefined | null): O {
  if (options === undefined || options === null) return {} as O;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidArgumentError(
      `The options argument of a ${Model.modelName} method must be an object, such as {transaction}`,
      { model: Model.modelName, received: Array.isArray(options) ? 'array' : typeof options },
    );
  }
  return options;
}

/** The connector options of a call: the caller's options object (unchanged) and its transaction. */
export function operationOptions(options: CallOptions): OperationOptions {
  return options.transaction === undefined ? { options } : { options, transaction: options.transaction };
}

/**
 * Runs the `access` listeners of a read with a copy of `filter` they may change (or replace);
 * resolves to the filter the read must use.
 */
export async function notifyAccess(
  Model: ModelClass,
  filter: Filter | undefined,
  options: CallOptions,
  hookState: HookState,
): Promise<Filter> {
  const context: AccessHookContext = { Model, query: mutableFilter(filter), hookState, options };
  const { query } = await notifyObserversOf(Model, 'access', context);
  return query ?? {};
}

/** `access` for a read by where (count, and updates and deletes): resolves to the where to use. */
export async function notifyAccessWhere(
  Model: ModelClass,
  where: Where | undefined,
  options: CallOptions,
  hookState: HookState,
): Promise<Where> {
  const query = await notifyAccess(Model, { where: where ?? {} }, options, hookState);
  return query.where ?? {};
}

/**
 * Runs the `loaded` listeners once per row, in order; resolves to the rows as listeners left them
 * (`ctx.data` may be replaced).
 */
export async function notifyLoaded(
  Model: ModelClass,
  rows: Row[],
  isNewInstance: boolean,
  options: CallOptions,
  hookState: HookState,
): Promise<Row[]> {
  for (const [index, row] of rows.entries()) {
    const context: LoadedHookContext = { Model, data: row, isNewInstance, hookState, options };
    rows[index] = (await notifyObserversOf(Model, 'loaded', context)).data;
  }
  return rows;
}

/** The `persist` context of one write, without `where`/`isNewInstance` when the operation has none. */
export interface PersistInput {
  data: Row;
  currentInstance?: ModelInstance;
  where?: Where;
  isNewInstance?: boolean;
}

/** Runs the `persist` listeners of a write; resolves to the values to send to the connector. */
export async function notifyPersist(
  Model: ModelClass,
  input: PersistInput,
  options: CallOptions,
  hookState: HookState,
): Promise<Row> {
  const context: PersistHookContext = { Model, ...input, hookState, options };
  return (await notifyObserversOf(Model, 'persist', context)).data;
}

/** Whether `Model` has listeners for any of the operations (one comparison when none exist anywhere). */
export function observesAny(Model: ModelClass, operations: readonly string[]): boolean {
  for (const operation of operations) if (hasObservers(Model, operation)) return true;
  return false;
}

/**
 * Whether a where a listener left is still the where it was given: the same conditions, each an
 * identical value (how the DAO tells a where by id from one a listener changed).
 */
export function isSameWhere(where: Where | undefined, given: Where): boolean {
  if (where === undefined || where === null) return false;
  const keys = Object.keys(where);
  if (keys.length !== Object.keys(given).length) return false;
  return keys.every((key) => Object.hasOwn(given, key) && Object.is(where[key], given[key]));
}
