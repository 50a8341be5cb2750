/**
 * How one field of an operation reads its model, decided when the operation is planned: the
 * properties it selects, its filter as a template (literals validated once, variables as slots),
 * the relations read with its rows, and the juggler's prepared read it runs — or, when a variable
 * decides the shape of its filter (`where: $where`), that it is built per request. Resolvers only
 * bind the request's variables and run.
 *
 * - `list` (`tracks`): one prepared `find`.
 * - `count` (`tracksCount`): one prepared `count`.
 * - `connection` (`tracksConnection`): a prepared page read (`skip`/`limit` bound per request from
 *   the cursors) and, when `totalCount` or `last` needs it, the prepared count.
 * - `single` (`track(trackId:)`) and `relation` (`album.tracks`): a prepared batch read, run by the
 *   request's DataLoader for that read once per level; aliases with the same read share it.
 */
import type { FieldNode } from 'graphql';
import type { Row } from '../../juggler/connector/model-type-name.js';
import type {
  PreparedBatchRead,
  PreparedCount,
  PreparedFind,
  SlotValues,
} from '../../juggler/dao/prepared-read-types.js';
import { slot } from '../../juggler/filter/filter-slot.js';
import type { Filter } from '../../juggler/filter/filter-types.js';
import type { FindOptions, ResolvedRelation } from '../../juggler/model-types.js';
import {
  type ConnectionArguments,
  type ConnectionResult,
  type ConnectionSource,
  resolveConnection,
} from '../connection.js';
import {
  type ListArguments,
  pageSizeCheck,
  type SlotChecks,
  toJugglerFilter,
  toJugglerWhere,
  type WhereInput,
  withPageSize,
} from '../filter-arguments.js';
import type { PageSizes } from '../limits/query-limits.js';
import type { GraphQLModelClass } from '../model-class.js';
import { relationFilter } from '../relation-filter.js';
import type { ModelNames } from '../schema-names.js';
import type { ArgumentTemplate } from './argument-template.js';
import { type JoinSelection, NO_JOINS } from './join-selection.js';

/** Slot names a connection's page read binds itself, per request. */
const PAGE_SKIP = '__skip';
const PAGE_LIMIT = '__limit';

/** Slot values of a read without slots. */
const NO_VALUES: SlotValues = Object.freeze({});

/** What every field plan knows. */
interface FieldPlanBase {
  /** The response path of the field's first occurrence (`customer.invoices`), for printing. */
  readonly path: string;
  /** The field nodes the plan answers (one response key, merged). */
  readonly nodes: readonly FieldNode[];
  /** The model the field reads. */
  readonly names: ModelNames;
  /** The properties it selects (ids and relation keys included). */
  readonly fields: readonly string[];
  /** The relations read with its rows. */
  readonly join: JoinSelection;
  /** Its arguments as a template; `dynamic` says why its read is built per request, if it is. */
  readonly template: ArgumentTemplate;
}

/** The slot values of a plan's read from the request's variables, checked as literals are checked. */
function bindSlots(
  template: ArgumentTemplate,
  checks: SlotChecks,
  variables: Readonly<Record<string, unknown>>,
): SlotValues {
  if (template.variables.length === 0) return NO_VALUES;
  for (const { slot: used, check } of checks) check(variables[used.name]);
  const values: Record<string, unknown> = {};
  for (const name of template.variables) values[name] = variables[name] ?? null;
  for (const { slot: used, fallback } of checks) {
    if (fallback !== undefined && values[used.name] === null) values[used.name] = fallback;
  }
  return values;
}

/**
 * What `make` prepares, or undefined with the error kept on `plan`: literal arguments that cannot
 * be read (a negative `limit`) fail the field each time it runs, as they would without a plan,
 * never the planning of the whole operation.
 */
function prepared<T>(plan: { error?: unknown }, make: () => T | undefined): T | undefined {
  try {
    return make();
  } catch (error) {
    plan.error = error;
    return undefined;
  }
}

/** `filter` with the selected `fields` (a copy). */
function withFields(filter: Filter, fields: readonly string[]): Filter {
  return { ...filter, fields: [...fields] };
}

/** A root list field (`tracks(where, order, limit, skip)`): at most a page of rows (see `PageSizes`). */
export class ListFieldPlan implements FieldPlanBase {
  readonly kind = 'list';
  private readonly checks: SlotChecks = [];
  /** The prepared find; undefined when the read is dynamic. */
  readonly read: PreparedFind | undefined;
  /** Why the field's literal arguments cannot be read (thrown when it runs), if they cannot. */
  error?: unknown;

  constructor(
    readonly path: string,
    readonly nodes: readonly FieldNode[],
    readonly names: ModelNames,
    readonly model: GraphQLModelClass,
    readonly fields: readonly string[],
    readonly join: JoinSelection,
    readonly template: ArgumentTemplate,
    readonly pageSizes?: PageSizes,
  ) {
    this.read = prepared(this, () => {
      if (!template.args) return undefined;
      const filter = toJugglerFilter(template.args as ListArguments, names, this.checks);
      return model.prepareFind(withFields(withPageSize(filter, pageSizes, this.checks), fields), {
        join: join.specs,
      });
    });
  }

  /** The rows of the field for one request. */
  run(
    args: Record<string, unknown>,
    variables: Readonly<Record<string, unknown>>,
    options: FindOptions,
  ): Promise<Row[]> {
    if (this.error) throw this.error;
    if (this.read) return this.read.run(bindSlots(this.template, this.checks, variables), options);
    const filter = withPageSize(toJugglerFilter(args as ListArguments, this.names), this.pageSizes);
    return this.model
      .prepareFind(withFields(filter, this.fields), { join: this.join.specs, reused: false })
      .run(NO_VALUES, options);
  }
}

/** A root count field (`tracksCount(where)`). */
export class CountFieldPlan implements FieldPlanBase {
  readonly kind = 'count';
  readonly fields: readonly string[] = [];
  readonly join: JoinSelection = NO_JOINS;
  private readonly checks: SlotChecks = [];
  readonly read: PreparedCount | undefined;

  constructor(
    readonly path: string,
    readonly nodes: readonly FieldNode[],
    readonly names: ModelNames,
    readonly model: GraphQLModelClass,
    readonly template: ArgumentTemplate,
  ) {
    if (template.args) {
      this.read = model.prepareCount(toJugglerWhere(template.args.where as WhereInput, names, this.checks));
    }
  }

  /** The count for one request. */
  run(
    args: Record<string, unknown>,
    variables: Readonly<Record<string, unknown>>,
    options: FindOptions,
  ): Promise<number> {
    if (this.read) return this.read.run(bindSlots(this.template, this.checks, variables), options);
    const where = toJugglerWhere(args.where as WhereInput | undefined, this.names);
    return this.model.prepareCount(where).run(NO_VALUES, options);
  }
}

/** A root Relay connection field (`tracksConnection(first, after, last, before, where, order)`). */
export class ConnectionFieldPlan implements FieldPlanBase {
  readonly kind = 'connection';
  private readonly checks: SlotChecks = [];
  readonly page: PreparedFind | undefined;
  readonly count: PreparedCount | undefined;

  constructor(
    readonly path: string,
    readonly nodes: readonly FieldNode[],
    readonly names: ModelNames,
    readonly model: GraphQLModelClass,
    readonly fields: readonly string[],
    readonly join: JoinSelection,
    readonly template: ArgumentTemplate,
    /** Whether `totalCount` is selected (it costs a count statement). */
    readonly wantsTotal: boolean,
    readonly pageSizes?: PageSizes,
  ) {
    const reads = prepared(this, () => {
      if (!template.args) return undefined;
      const { where, order } = template.args as ListArguments;
      const filter = toJugglerFilter({ where, order }, names, this.checks);
      const tail = this.tailFilter(filter);
      return {
        page: model.prepareFind(this.pageFilter(filter), { join: join.specs }),
        tail: tail && model.prepareFind(tail, { join: join.specs }),
        count: model.prepareCount(filter.where),
      };
    });
    this.page = reads?.page;
    this.tail = reads?.tail;
    this.count = reads?.count;
  }

  /** The list's last rows in the reverse order (`last` without `first`/`before`), when it has an order. */
  readonly tail: PreparedFind | undefined;

  /** Why the field's literal arguments cannot be read (thrown when it runs), if they cannot. */
  error?: unknown;

  /** The page of one request. */
  run(
    args: Record<string, unknown>,
    variables: Readonly<Record<string, unknown>>,
    options: FindOptions,
  ): Promise<ConnectionResult> {
    if (this.error) throw this.error;
    let page = this.page;
    let tail = this.tail;
    let count = this.count;
    let values = NO_VALUES;
    if (page && count) {
      values = bindSlots(this.template, this.checks, variables);
    } else {
      const { where, order } = args as ListArguments;
      const filter = toJugglerFilter({ where, order }, this.names);
      const once = { join: this.join.specs, reused: false };
      page = this.model.prepareFind(this.pageFilter(filter), once);
      const tailFilter = this.tailFilter(filter);
      tail = tailFilter && this.model.prepareFind(tailFilter, once);
      count = this.model.prepareCount(filter.where);
    }
    const read = page as PreparedFind;
    const total = count as PreparedCount;
    const source: ConnectionSource = {
      count: () => total.run(values, options),
      find: (skip, limit) => read.run({ ...values, [PAGE_SKIP]: skip, [PAGE_LIMIT]: limit ?? null }, options),
    };
    if (tail) {
      const reversed = tail;
      source.findLast = async (limit) =>
        (await reversed.run({ ...values, [PAGE_LIMIT]: limit }, options)).reverse();
    }
    return resolveConnection(
      pagedArguments(args as ConnectionArguments, this.pageSizes),
      source,
      this.wantsTotal,
    );
  }

  private pageFilter(filter: Filter): Filter {
    return { ...withFields(filter, this.fields), skip: slot(PAGE_SKIP), limit: slot(PAGE_LIMIT) } as Filter;
  }

  /**
   * The list in the reverse order, `limit` rows: its tail without knowing its length. The order
   * is total (ids end it), so reversing each direction gives exactly the reversed list.
   */
  private tailFilter(filter: Filter): Filter | undefined {
    const order = filter.order;
    if (!Array.isArray(order) || order.length === 0) return undefined;
    const reversed = order.map((clause) =>
      / ASC$/i.test(clause) ? clause.replace(/ ASC$/i, ' DESC') : clause.replace(/ DESC$/i, ' ASC'),
    );
    return { ...withFields(filter, this.fields), order: reversed, limit: slot(PAGE_LIMIT) } as Filter;
  }
}

/**
 * A connection's paging arguments held to `pageSizes`: `first`/`last` at most the maximum, and
 * the default page (`first`) when neither is given.
 */
function pagedArguments(args: ConnectionArguments, pageSizes: PageSizes | undefined): ConnectionArguments {
  if (!pageSizes) return args;
  if (args.first == null && args.last == null) return { ...args, first: pageSizes.default };
  pageSizeCheck('first', pageSizes)(args.first);
  pageSizeCheck('last', pageSizes)(args.last);
  return args;
}

/** A by-id field (`track(trackId: 1)`): a batch read by ids; aliases with the same read share a loader. */
export class SingleFieldPlan implements FieldPlanBase {
  readonly kind = 'single';
  readonly template: ArgumentTemplate = { args: {}, variables: [] };

  constructor(
    readonly path: string,
    readonly nodes: readonly FieldNode[],
    readonly names: ModelNames,
    readonly fields: readonly string[],
    readonly join: JoinSelection,
    /** The batch read by id (shared by the plans of aliases that read alike). */
    readonly read: PreparedBatchRead,
  ) {}

  /** The id tuple of one call, from its arguments (literals and variables alike). */
  keyOf(args: Record<string, unknown>): unknown[] {
    const { names } = this;
    return names.source.idProperties.map((id) => args[names.fields.get(id) ?? id]);
  }
}

/** A relation field (`album.tracks(limit: 2)`): a batch read of the relation's targets per parent key. */
export class RelationFieldPlan implements FieldPlanBase {
  readonly kind = 'relation';
  private readonly checks: SlotChecks = [];
  /** The batch read; undefined when the read is dynamic (built once per request instead). */
  readonly read: PreparedBatchRead | undefined;

  constructor(
    readonly path: string,
    readonly nodes: readonly FieldNode[],
    readonly names: ModelNames,
    /** The model owning the relation (the parent rows' model). */
    readonly owner: GraphQLModelClass,
    readonly relation: ResolvedRelation,
    readonly fields: readonly string[],
    readonly join: JoinSelection,
    readonly template: ArgumentTemplate,
    /** Finds a read equal to a new one among the plan's reads (so aliases share their loader). */
    share: (key: string, make: () => PreparedBatchRead) => PreparedBatchRead,
    /**
     * Whether the read of its parent rows takes it with them (the field answers from the parent
     * row; its own read serves only parents read otherwise, such as a mutation's result).
     */
    readonly joinedWithParent = false,
    readonly pageSizes?: PageSizes,
  ) {
    this.read = prepared(this, () => {
      if (!template.args) return undefined;
      const filter = withFields(
        relationFilter(relation, names, template.args as ListArguments, this.checks, pageSizes),
        fields,
      );
      const key = `${relation.modelFrom}.${relation.name}|${JSON.stringify(filter)}|${join.key}`;
      return share(key, () => owner.prepareBatchRead({ relation: relation.name, filter, join: join.specs }));
    });
  }

  /** Why the field's literal arguments cannot be read (thrown when it runs), if they cannot. */
  error?: unknown;

  /** The slot values of one request. */
  bind(variables: Readonly<Record<string, unknown>>): SlotValues {
    return bindSlots(this.template, this.checks, variables);
  }

  /** The batch read of one request's arguments, for a dynamic field (built once per request by the loaders). */
  readFor(args: Record<string, unknown>): PreparedBatchRead {
    const filter = withFields(
      relationFilter(this.relation, this.names, args as ListArguments, undefined, this.pageSizes),
      this.fields,
    );
    return this.owner.prepareBatchRead({
      relation: this.relation.name,
      filter,
      join: this.join.specs,
      reused: false,
    });
  }
}

/** Any field plan. */
export type FieldPlan =
  | ListFieldPlan
  | CountFieldPlan
  | ConnectionFieldPlan
  | SingleFieldPlan
  | RelationFieldPlan;
