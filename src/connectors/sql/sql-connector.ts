/**
 * The data access methods every SQL connector shares, written once on top of a dialect and one
 * abstract `query` method. A concrete connector (PostgreSQL, MySQL) supplies the driver call,
 * the error mapping and connection management.
 *
 * Every data access method first awaits `ready()`: a connector whose SQL depends on facts about
 * the server (MySQL or MariaDB regexp syntax) learns them there, before any statement is compiled.
 * Rows pass through the plan's value readers (a no-op for dialects without any). Reads with
 * belongsTo joins (`findJoined`, `findGroupedJoined`) are one statement with LEFT JOINs, their
 * rows nested by a shaper compiled once per join shape (see join-compiler.ts).
 */

import type {
  ConnectorCapabilities,
  CountResult,
  DataAccessConnector,
  GroupedFindRequest,
  OperationOptions,
  SqlExecutor,
  StatementEvent,
} from '../../juggler/connector/connector.js';
import type { ConnectorModel } from '../../juggler/connector/connector-model.js';
import type { ConnectorNaming } from '../../juggler/connector/connector-naming.js';
import type { JoinConnector, JoinRequest } from '../../juggler/connector/join-request.js';
import type { Row } from '../../juggler/connector/model-type-name.js';
import type { NormalizedFilter, WhereNode } from '../../juggler/filter/filter-types.js';
import { FrozenFilterCache } from '../../juggler/filter/frozen-data.js';
import { ConstantStatements } from './constant-statements.js';
import { type CompiledJoins, JoinCache } from './join-compiler.js';
import {
  hasLists,
  type ListRead,
  nestedOrUndefined,
  readListsApart,
  tuplesIn,
  withoutLists,
} from './lists-apart.js';
import { ModelPlanCache, type SqlModelPlan } from './model-plan.js';
import type { SqlDialect } from './sql-dialect.js';
import { type CompiledSql, renderSql, type SqlFragment } from './sql-template.js';
import {
  buildCount,
  buildDelete,
  buildGroupedSelect,
  buildInsert,
  buildJoinedGroupedSelect,
  buildJoinedSelect,
  buildSelect,
  buildUpdate,
  buildUpsert,
} from './statement-builders.js';
import { StatementObservers } from './statement-observers.js';

/** What a driver call returns, reduced to what the shared code needs. */
export interface SqlQueryResult {
  rows: Row[];
  rowCount: number | null;
  /** The generated key of an insert, for dialects without RETURNING. */
  insertId?: unknown;
}

/** How a statement is to be run. */
export interface SqlQueryOptions {
  transaction?: unknown;
  /** Generated statement (true): may be prepared and cached; raw `execute` (false): never. */
  generated: boolean;
  /** The model the statement is about, so that errors can name properties instead of columns. */
  model?: ConnectorModel;
  /**
   * The fragment the statement was rendered from (set by `run`), for drivers that bind values
   * on the client and must know where placeholders are: a `?` inside a quoted identifier is not one.
   * (A statement rendered with its constants inlined has no placeholder left; only dialects that
   * bind on the server inline constants.)
   */
  fragment?: SqlFragment;
}

/** What the default `ready()` returns: reads skip awaiting it (no microtask per read). */
const READY: Promise<void> = Promise.resolve();

/** A select statement rendered for the dialect, with the fragment it came from. */
interface RenderedSelect {
  compiled: CompiledSql;
  fragment: SqlFragment;
}

/** A rendered select with joins, and how to nest its rows. */
interface JoinedSelect {
  select: RenderedSelect;
  joins: CompiledJoins;
}

/** Base class of SQL connectors: CRUD on the shared compiler, statement observation, raw execute. */
export abstract class SqlConnector implements DataAccessConnector, JoinConnector, SqlExecutor {
  abstract readonly name: string;
  abstract readonly capabilities: ConnectorCapabilities;
  protected readonly observers = new StatementObservers();
  private readonly plans: ModelPlanCache;
  private readonly joinCache: JoinCache;
  /** Renders the selects of frozen filters with their values inline (see constant-statements.ts). */
  private readonly constants: ConstantStatements;
  /**
   * Selects of deeply frozen filters, rendered once per model plan: the DAO hands the same frozen
   * `NormalizedFilter` for the same GraphQL field, so its statement is built and rendered once
   * instead of once per call (and the same text object lets the driver's prepared-statement
   * lookup hash it once). Filters seen unfrozen are compiled per call.
   */
  private readonly selects = new FrozenFilterCache<
    NormalizedFilter,
    SqlModelPlan,
    JoinRequest,
    RenderedSelect
  >();
  /** Joined selects of frozen filters and join requests; null when a list cannot be nested. */
  private readonly joinedSelects = new FrozenFilterCache<
    NormalizedFilter,
    SqlModelPlan,
    JoinRequest,
    JoinedSelect | null
  >();

  protected constructor(
    protected readonly dialect: SqlDialect,
    defaultSchema?: string,
  ) {
    this.plans = new ModelPlanCache(dialect, defaultSchema);
    this.joinCache = new JoinCache((model) => this.plans.get(model));
    this.constants = new ConstantStatements(dialect);
  }

  abstract connect(): Promise<void>;
  abstract disconnect(): Promise<void>;
  abstract ping(): Promise<void>;
  abstract readonly naming: ConnectorNaming;

  /**
   * Resolves once the connector can compile statements (default: at once). Connectors whose
   * dialect depends on the server override it (MySQL opens its pool and detects the flavour).
   */
  protected ready(): Promise<void> {
    return READY;
  }

  /** Sends one statement to the database (driver call and error mapping; no observation). */
  protected abstract query(statement: CompiledSql, options: SqlQueryOptions): Promise<SqlQueryResult>;

  /** The cached plan of a model (quoted names, select lists, writers). */
  protected plan(model: ConnectorModel): SqlModelPlan {
    return this.plans.get(model);
  }

  /** Renders and runs a fragment, reporting it to the statement observers. */
  protected async run(fragment: SqlFragment, options: SqlQueryOptions): Promise<SqlQueryResult> {
    return this.runCompiled(renderSql(fragment, this.dialect), { ...options, fragment });
  }

  /** Runs rendered SQL, reporting it to the statement observers (also when it fails). */
  protected async runCompiled(statement: CompiledSql, options: SqlQueryOptions): Promise<SqlQueryResult> {
    if (!this.observers.active) return this.query(statement, options);
    const started = performance.now();
    let rowCount: number | null = null;
    try {
      const result = await this.query(statement, options);
      rowCount = result.rowCount ?? result.rows.length;
      return result;
    } finally {
      const event: StatementEvent = {
        connector: this.name,
        sql: statement.text,
        // A copy: cached statements share their values array (see `selects`).
        params: [...statement.values],
        durationMs: performance.now() - started,
        rowCount,
      };
      this.observers.emit(event);
    }
  }

  /** Runs raw, parameterized SQL (`$1`/`?` placeholders as the dialect has them). */
  async execute<T extends Row = Row>(
    text: string,
    params: readonly unknown[] = [],
    options: OperationOptions = {},
  ): Promise<T[]> {
    const result = await this.runCompiled(
      { text, values: [...params] },
      { transaction: options.transaction, generated: false },
    );
    return result.rows as T[];
  }

  observeStatements(listener: (event: StatementEvent) => void): () => void {
    return this.observers.add(listener);
  }

  async find(
    model: ConnectorModel,
    filter: NormalizedFilter,
    options: OperationOptions = {},
  ): Promise<Row[]> {
    const ready = this.ready();
    if (ready !== READY) await ready;
    const plan = this.plan(model);
    let select = this.selects.get(filter, plan);
    if (!select) {
      const constant = this.selects.accepts(filter);
      select = this.render(buildSelect(plan, filter), constant);
      if (constant) this.selects.set(filter, plan, undefined, select);
    }
    const result = await this.runCompiled(select.compiled, this.options(model, options, select.fragment));
    return plan.readRows(result.rows);
  }

  async findGrouped(
    model: ConnectorModel,
    request: GroupedFindRequest,
    options: OperationOptions = {},
  ): Promise<Row[]> {
    await this.ready();
    const plan = this.plan(model);
    const statement = buildGroupedSelect(plan, request);
    if (!statement) return [];
    const result = await this.run(statement, this.options(model, options));
    return plan.readRows(result.rows);
  }

  async findJoined(
    model: ConnectorModel,
    filter: NormalizedFilter,
    joins: readonly JoinRequest[],
    options: OperationOptions = {},
  ): Promise<Row[]> {
    if (joins.length === 0) return this.find(model, filter, options);
    const ready = this.ready();
    if (ready !== READY) await ready;
    const plan = this.plan(model);
    let built = this.joinedSelects.get(filter, plan, joins);
    if (built === undefined) {
      const constant = this.joinedSelects.accepts(filter, joins);
      const nested = this.compileNested(joins, () =>
        buildJoinedSelect(plan, filter, this.joinCache.compiler(plan, joins)),
      );
      built = nested
        ? { select: this.render(nested.value.statement, constant), joins: nested.value.joins }
        : null;
      if (constant) this.joinedSelects.set(filter, plan, joins, built);
    }
    if (!built) {
      return this.findWithListsApart(joins, (flat) => this.findJoined(model, filter, flat, options), options);
    }
    const { select } = built;
    const result = await this.runCompiled(select.compiled, this.options(model, options, select.fragment));
    return built.joins.shapeRows(result.rows);
  }

  async findGroupedJoined(
    model: ConnectorModel,
    request: GroupedFindRequest,
    joins: readonly JoinRequest[],
    options: OperationOptions = {},
  ): Promise<Row[]> {
    if (joins.length === 0) return this.findGrouped(model, request, options);
    await this.ready();
    const plan = this.plan(model);
    const built = this.compileNested(joins, () =>
      buildJoinedGroupedSelect(plan, request, this.joinCache.compiler(plan, joins)),
    );
    if (!built) {
      return this.findWithListsApart(
        joins,
        (flat) => this.findGroupedJoined(model, request, flat, options),
        options,
      );
    }
    if (!built.value) return [];
    const result = await this.run(built.value.statement, this.options(model, options));
    return built.value.joins.shapeRows(result.rows);
  }

  /** The statement with every list nested, or undefined when one cannot be (see `ListNotNestableError`). */
  private compileNested<T>(joins: readonly JoinRequest[], build: () => T): { value: T } | undefined {
    if (!this.dialect.jsonLists && hasLists(joins)) return undefined;
    return nestedOrUndefined(build);
  }

  /**
   * Reads rows whose hasMany lists cannot be nested in their statement: the rows with their
   * belongsTo joins first, then each list in one statement per level for all parents.
   */
  private async findWithListsApart(
    joins: readonly JoinRequest[],
    readFlat: (flatJoins: JoinRequest[]) => Promise<Row[]>,
    options: OperationOptions,
  ): Promise<Row[]> {
    const rows = await readFlat(withoutLists(joins));
    await readListsApart(rows, joins, (list) => this.readList(list, options));
    return rows;
  }

  /** The rows of one hasMany list for many parents (see `readListsApart`). */
  private readList(request: ListRead, options: OperationOptions): Promise<Row[]> {
    const { join, keys } = request;
    const list = join.list ?? {};
    const fields = join.fields ? [...new Set([...join.fields, ...join.to])] : undefined;
    const nested = join.join ?? [];
    if (list.limit !== undefined || list.skip) {
      const filter: NormalizedFilter = {
        ...(list.where ? { where: list.where } : {}),
        ...(list.order ? { order: list.order } : {}),
        ...(list.limit !== undefined ? { limit: list.limit } : {}),
        ...(list.skip ? { skip: list.skip } : {}),
        ...(fields ? { fields } : {}),
      };
      return this.findGroupedJoined(join.model, { partitionBy: [...join.to], keys, filter }, nested, options);
    }
    const keyWhere = tuplesIn(join.to, keys);
    const filter: NormalizedFilter = {
      where: list.where ? { kind: 'and', nodes: [keyWhere, list.where] } : keyWhere,
      ...(list.order ? { order: list.order } : {}),
      ...(fields ? { fields } : {}),
    };
    return this.findJoined(join.model, filter, nested, options);
  }

  async count(
    model: ConnectorModel,
    where: WhereNode | undefined,
    options: OperationOptions = {},
  ): Promise<number> {
    await this.ready();
    const result = await this.run(buildCount(this.plan(model), where), this.options(model, options));
    return Number(result.rows[0]?.count ?? 0);
  }

  async create(model: ConnectorModel, data: Row, options: OperationOptions = {}): Promise<Row> {
    const plan = this.plan(model);
    plan.assertWritable();
    await this.ready();
    const runOptions = this.options(model, options);
    const result = await this.run(buildInsert(plan, data, { returning: true }), runOptions);
    if (this.dialect.supportsReturning) return plan.readRows(result.rows)[0] ?? {};
    return this.reread(plan, data, result.insertId, runOptions);
  }

  async upsert(model: ConnectorModel, data: Row, options: OperationOptions = {}): Promise<Row> {
    const plan = this.plan(model);
    plan.assertWritable();
    const hasId =
      plan.idProperties.length > 0 &&
      plan.idProperties.every(
        (property) => data[property.name] !== undefined && data[property.name] !== null,
      );
    if (!hasId) return this.create(model, data, options);
    await this.ready();
    const runOptions = this.options(model, options);
    const result = await this.run(buildUpsert(plan, data, { returning: true }), runOptions);
    if (this.dialect.supportsReturning) return plan.readRows(result.rows)[0] ?? {};
    return this.reread(plan, data, undefined, runOptions);
  }

  async updateAll(
    model: ConnectorModel,
    where: WhereNode | undefined,
    data: Row,
    options: OperationOptions = {},
  ): Promise<CountResult> {
    const plan = this.plan(model);
    plan.assertWritable();
    await this.ready();
    const statement = buildUpdate(plan, where, data);
    if (!statement) return { count: await this.count(model, where, options) };
    const result = await this.run(statement, this.options(model, options));
    return { count: result.rowCount ?? 0 };
  }

  async destroyAll(
    model: ConnectorModel,
    where: WhereNode | undefined,
    options: OperationOptions = {},
  ): Promise<CountResult> {
    const plan = this.plan(model);
    plan.assertWritable();
    await this.ready();
    const result = await this.run(buildDelete(plan, where), this.options(model, options));
    return { count: result.rowCount ?? 0 };
  }

  /** For dialects without RETURNING: reads the row just written back by its id. */
  private async reread(
    plan: SqlModelPlan,
    data: Row,
    insertId: unknown,
    options: SqlQueryOptions,
  ): Promise<Row> {
    const ids = plan.idProperties;
    if (ids.length === 0) return { ...data };
    const nodes = ids.map((property) => {
      const given = data[property.name];
      const value = given === undefined || given === null ? insertId : given;
      return { kind: 'compare' as const, property: property.name, op: 'eq' as const, value };
    });
    const where: WhereNode = { kind: 'and', nodes };
    const result = await this.run(buildSelect(plan, { where, limit: 1 }), options);
    return plan.readRows(result.rows)[0] ?? { ...data };
  }

  private options(model: ConnectorModel, options: OperationOptions, fragment?: SqlFragment): SqlQueryOptions {
    return fragment
      ? { transaction: options.transaction, generated: true, model, fragment }
      : { transaction: options.transaction, generated: true, model };
  }

  /**
   * A fragment rendered for this connector's dialect, kept with the fragment (see
   * `SqlQueryOptions.fragment`); the select of a `constant` (deeply frozen, cached) filter with
   * its values inline when the dialect can.
   */
  private render(fragment: SqlFragment, constant: boolean): RenderedSelect {
    const compiled = (constant && this.constants.render(fragment)) || renderSql(fragment, this.dialect);
    return { compiled, fragment };
  }
}
