/**
 * LoopBack's `DataAccessObject.scope(name, filter)`: defines `Model.<name>` as a finder restricted
 * by a filter, with `find`, `findOne`, `count`, `create` (the scope's equality conditions become
 * defaults), `build` and `destroyAll`.
 *
 * @example
 * Track.scope('cheap', {where: {unitPrice: {lt: 1}}, order: 'name'});
 * await Track.cheap(); await Track.cheap.count(); await Track.cheap({limit: 5});
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
  const finder = (...all: unknown[]) => settle(all, ([filter]) => Model.find(merged(filter)));
  Object.assign(finder, {
    find: (...all: unknown[]) => settle(all, ([filter]) => Model.find(merged(filter))),
    findOne: (...all: unknown[]) => settle(all, ([filter]) => Model.findOne(merged(filter))),
    count: (...all: unknown[]) =>
      settle(all, ([where]) => Model.count(mergeWhere(scope.where, where as Where | undefined))),
    create: (...all: unknown[]) =>
      settle(all, ([data]) =>
        Model.create({ ...(data as Record<string, unknown>), ...equalities(scope.where) }),
      ),
    build: (data: Record<string, unknown> = {}) => new Model({ ...data, ...equalities(scope.where) }),
    destroyAll: (...all: unknown[]) =>
      settle(all, ([where]) => Model.destroyAll(mergeWhere(scope.where, where as Where | undefined))),
  });
  Object.defineProperty(Model, name, {
    value: finder,
    configurable: true,
    writable: true,
    enumerable: false,
  });
}
