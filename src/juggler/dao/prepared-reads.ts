/**
 * `Model.prepareFind`, `Model.prepareCount` and `Model.prepareBatchRead`: reads prepared once and
 * run many times with the values of their slots (see filter/filter-slot.ts) — what the GraphQL
 * layer's operation plans hold, and what `find`, `count` and `include` are for one call. Filters
 * are validated when the read is first compiled; each run binds values and runs the hooks.
 *
 * @example
 * const cheap = Track.prepareFind({ where: { unitPrice: { lt: slot('price') } }, fields: ['name'] });
 * await cheap.run({ price: '0.99' }); // plain rows
 * const tracks = Album.prepareBatchRead({ relation: 'tracks', filter: { limit: 3 } });
 * await tracks.run([[1], [2]]); // [[3 tracks of album 1], [3 tracks of album 2]]
 */

import type { CompiledCount } from '../connector/prepared-read.js';
import { fillSlots } from '../filter/filter-slot.js';
import type { Filter, Where } from '../filter/filter-types.js';
import { normalizeWhere } from '../filter/normalize-where.js';
import { SlotParameters, type SlotValueMap } from '../filter/slot-parameters.js';
import type { CallOptions, JoinSpec } from '../model-types.js';
import { anyObservers } from '../observer.js';
import { type BatchRead, prepareIdRead, prepareRelationRead } from '../relations/batch-read.js';
import { attached, type ModelClass } from './model-class.js';
import { ModelRead } from './model-read.js';
import { hasObservers, notifyAccessWhere, operationOptions } from './operation-hooks.js';
import type { BatchReadSpec, PreparedCount, PreparedFind } from './prepared-read-types.js';

const NO_VALUES: SlotValueMap = Object.freeze({});

/** Options of the prepared reads. */
export interface PrepareOptions {
  /** Relations read with the rows (`prepareFind`). */
  join?: readonly JoinSpec[];
  /**
   * Whether the read is kept and run many times (default true). False for a read made for one
   * run (a GraphQL field whose arguments' shape comes from variables): its values stay parameters.
   */
  reused?: boolean;
}

/** A find prepared once: raw rows, joins nested. */
export function prepareFind(
  Model: ModelClass,
  filter: Filter = {},
  options: PrepareOptions = {},
): PreparedFind {
  const read = new ModelRead(Model, {
    filter,
    reused: options.reused !== false,
    ...(options.join?.length ? { join: options.join } : {}),
  });
  return {
    run: (values = NO_VALUES, callOptions = {}) => read.run(values, callOptions),
    explain: () => read.explain(),
  };
}

/** A count with its where's slots bound per run; `access` listeners see (and may change) the where. */
class CountRead implements PreparedCount {
  private compiled: Promise<{ slots: SlotParameters; count: CompiledCount }> | undefined;
  private ready: { slots: SlotParameters; count: CompiledCount } | undefined;

  constructor(
    private readonly Model: ModelClass,
    private readonly where: Where | undefined,
  ) {}

  run(values: SlotValueMap = NO_VALUES, options: CallOptions = {}): Promise<number> {
    const ready = this.ready;
    // Compiled already, and no operation hook listener anywhere: no async frame.
    if (ready && !anyObservers()) return ready.count.run(ready.slots.bind(values), operationOptions(options));
    return this.runWithHooks(values, options);
  }

  private async runWithHooks(values: SlotValueMap, options: CallOptions): Promise<number> {
    if (hasObservers(this.Model, 'access')) {
      const given = this.where === undefined ? undefined : (fillSlots(this.where, values) as Where);
      const query = await notifyAccessWhere(this.Model, given, options, {});
      const { count } = await this.compile(query);
      return count.run([], operationOptions(options));
    }
    const { slots, count } = await this.compiledCount();
    return count.run(slots.bind(values), operationOptions(options));
  }

  /** The count compiled once (remembered as `ready` once it is). */
  private compiledCount(): Promise<{ slots: SlotParameters; count: CompiledCount }> {
    this.compiled ??= this.compile(this.where).then((compiled) => {
      this.ready = compiled;
      return compiled;
    });
    return this.compiled;
  }

  async explain(): Promise<string[]> {
    return (await this.compiledCount()).count.explain();
  }

  private async compile(where: Where | undefined): Promise<{ slots: SlotParameters; count: CompiledCount }> {
    const { connector, model } = await attached(this.Model);
    const slots = new SlotParameters();
    const node = where === undefined || where === null ? undefined : normalizeWhere(model, where, slots);
    return { slots, count: connector.prepareCount(model, node) };
  }
}

/** A count prepared once (its where may hold slots). */
export function prepareCount(Model: ModelClass, where?: Where): PreparedCount {
  return new CountRead(Model, where);
}

/** A batch read prepared once: a relation's targets per parent key, or the model's rows by id. */
export function prepareBatchRead(Model: ModelClass, spec: BatchReadSpec = {}): BatchRead {
  const options = {
    reused: spec.reused !== false,
    ...(spec.filter ? { filter: spec.filter } : {}),
    ...(spec.join?.length ? { join: spec.join } : {}),
  };
  return spec.relation === undefined
    ? prepareIdRead(Model, options)
    : prepareRelationRead(Model, spec.relation, options);
}
