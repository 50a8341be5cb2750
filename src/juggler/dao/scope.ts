/**
 * LoopBack's `DataAccessObject.scope(name, filter)`: defines `Model.<name>` as a finder restricted
 * by a filter, with `find`, `findOne`, `count`, `create` (the scope's equality conditions become
 * defaults), `build` and `destroyAll`, each taking LoopBack's optional `options` (passed on).
 *
 * @example
 * Track.scope('cheap', {where: {unitPrice: {lt: 1}}, order: 'name'});
 * await Track.cheap(); await Track.cheap.count(); await Track.cheap({limit: 5}, {callerId: 7});
 */
import { splitCallback, withCallback } from '../compat/callback.js';
import { InvalidArgumentError } from '../errors.js';
import type { Filter, Where } from '../filter/filter-types.js';
import { mergeFilters, mergeWhere } from '../filter/merge-filter.js';
import { normalizeFilter } from '../filter/normalize-filter.js';
import type { ModelClass } from './model-class.js';

function equalities(where: Where | undefined): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(where ?? {})) {
    if (key === 'and' || key === 'or') continue;
    if (value === null || typeof value !== 'object' || value instanceof Date) data[key] = value;
  }
  return data;
}

function settle(all: unknown[], run: (args: unknown[]) => Promise<unknown>): Promise<unknown> | undefined {
  const { args, callback } = splitCallback(all);
  let promise: Promise<unknown>;
  try {
    promise = run(args);
  } catch (error) {
    promise = Promise.reject(error);
  }
  return withCallback(promise, callback);
}

/** Defines the named scope `Model.<name>`; the scope filter is validated at once. */
export function defineScope(Model: ModelClass, name: string, scope: Filter = {}): void {
  if (name in Model && !Object.hasOwn(Model, name)) {
    throw new InvalidArgumentError(
      `Scope name \`${name}\` would hide a method of model \`${Model.modelName}\``,
      {
        model: Model.modelName,
        scope: name,
      },
    );
  }
  normalizeFilter(Model.definition, scope);
  const merged = (filter?: unknown) => mergeFilters(scope, (filter ?? undefined) as Filter | undefined);
  // Each method takes LoopBack's optional options after its own argument, before the callback.
  const finder = (...all: unknown[]) =>
    settle(all, ([filter, options]) => Model.find(merged(filter), options));
  Object.assign(finder, {
    find: (...all: unknown[]) => settle(all, ([filter, options]) => Model.find(merged(filter), options)),
    findOne: (...all: unknown[]) =>
      settle(all, ([filter, options]) => Model.findOne(merged(filter), options)),
    count: (...all: unknown[]) =>
      settle(all, ([where, options]) =>
        Model.count(mergeWhere(scope.where, where as Where | undefined), options),
      ),
    create: (...all: unknown[]) =>
      settle(all, ([data, options]) => {
        const withScope = (item: unknown) => ({
          ...(item as Record<string, unknown>),
          ...equalities(scope.where),
        });
        return Model.create(Array.isArray(data) ? data.map(withScope) : withScope(data), options);
      }),
    build: (data: Record<string, unknown> = {}) => new Model({ ...data, ...equalities(scope.where) }),
    destroyAll: (...all: unknown[]) =>
      settle(all, ([where, options]) =>
        Model.destroyAll(mergeWhere(scope.where, where as Where | undefined), options),
      ),
  });
  Object.defineProperty(Model, name, {
    value: finder,
    configurable: true,
    writable: true,
    enumerable: false,
  });
}
