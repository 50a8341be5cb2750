/**
 * Prepared reads and counts of the SQL connectors (see juggler/connector/prepared-read.ts): a
 * read keeps one rendered statement per shape of its bindings (read-variants.ts), compiled at its
 * first run or `explain()` once the connector is ready (MySQL learns its server's regexp syntax
 * when its pool opens), with its joins compiled once. A run measures the bindings, binds the
 * bound values (nothing to do for a statement without any) and sends the statement.
 *
 * A read without any parameter that will run many times (`reused`, a GraphQL operation's
 * literals) is rendered with its constants written into the text where the dialect can
 * (PostgreSQL, within the budget of constant-statements.ts), so the database plans it once for
 * its real values; every other read sends its values as parameters.
 *
 * @example
 * const read = prepareSqlRead(host, {model: Track, filter: {where: {kind: 'compare', property: 'albumId', op: 'eq', value: new ReadParameter(0, '$album')}}});
 * await read.run([1]); // SELECT ... WHERE "album_id" = $1 — [1]
 * await read.run([null]); // a second variant: SELECT ... WHERE "album_id" IS NULL — []
 * read.explain(); // both texts
 */
import type { OperationOptions } from '../../juggler/connector/connector.js';
import type { ConnectorModel } from '../../juggler/connector/connector-model.js';
import type { Row } from '../../juggler/connector/model-type-name.js';
import {
  type CompiledCount,
  type CompiledRead,
  JoinNotNestableError,
  type PrepareReadOptions,
  type ReadRequest,
} from '../../juggler/connector/prepared-read.js';
import type { WhereNode } from '../../juggler/filter/filter-types.js';
import { bindValues } from './bound-values.js';
import { hasLists, type JoinCompiler, joinCompiler } from './join-compiler.js';
import type { SqlModelPlan } from './model-plan.js';
import { type ReadParameters, type ReadShape, readParameters, whereParameters } from './read-shape.js';
import { ReadVariants } from './read-variants.js';
import type { SqlQueryResult } from './sql-connector.js';
import type { SqlDialect } from './sql-dialect.js';
import type { RenderedStatement, SqlFragment } from './sql-template.js';
import {
  buildCount,
  buildGroupedSelect,
  buildJoinedGroupedSelect,
  buildJoinedSelect,
  buildSelect,
  type GroupedRead,
  groupedFields,
  JOIN_PARENT_ALIAS,
} from './statement-builders.js';
import { buildThroughSelect } from './through-select.js';

/** What `ready()` returns when statements can be compiled at once: runs then skip awaiting it. */
export const READY: Promise<void> = Promise.resolve();

/** What a prepared read needs of its SQL connector. */
export interface SqlReadHost {
  readonly dialect: SqlDialect;
  /** Resolves once statements can be compiled; `READY` itself when they can at once. */
  ready(): Promise<void>;
  /** Whether statements can be compiled now (what `explain()` compiles before is not kept). */
  isReady(): boolean;
  plan(model: ConnectorModel): SqlModelPlan;
  /** Renders a variant's statement, with its constants written in when `inline` and the dialect can. */
  render(fragment: SqlFragment, inline: boolean): RenderedStatement;
  /** Sends a statement with the values of one run (observed like every statement). */
  send(
    statement: RenderedStatement,
    values: unknown[],
    model: ConnectorModel,
    options: OperationOptions,
  ): Promise<SqlQueryResult>;
}

/** One variant: its statement (none when no row can match) and how its rows become the result. */
interface StatementVariant<T> {
  readonly statement: RenderedStatement | undefined;
  read(rows: Row[]): T;
}

const NO_ROWS: Row[] = [];

/** A compiled read or count: variants per shape, compiled on demand. */
class CompiledSqlRead<T> {
  private readonly variants: ReadVariants<StatementVariant<T>>;

  constructor(
    private readonly host: SqlReadHost,
    private readonly model: ConnectorModel,
    parameters: ReadParameters,
    compile: (plan: SqlModelPlan, shape: ReadShape) => StatementVariant<T>,
  ) {
    this.variants = new ReadVariants(parameters.probes, host.dialect, (shape) =>
      compile(host.plan(model), shape),
    );
  }

  run(bindings: readonly unknown[], options: OperationOptions = {}): Promise<T> {
    const ready = this.host.ready();
    // No async frame of its own: a run is a statement sent and its rows read, nothing more.
    if (ready !== READY) return ready.then(() => this.runReady(bindings, options));
    return this.runReady(bindings, options);
  }

  private runReady(bindings: readonly unknown[], options: OperationOptions): Promise<T> {
    let variant: StatementVariant<T>;
    let values: unknown[] | undefined;
    try {
      variant = this.variants.get(bindings);
      // A bound value may refuse its binding (a like pattern ending in a lone backslash): a rejection.
      if (variant.statement) values = bindValues(variant.statement, bindings);
    } catch (error) {
      return Promise.reject(error);
    }
    const { statement } = variant;
    if (!statement || !values) return Promise.resolve(variant.read(NO_ROWS));
    return this.host.send(statement, values, this.model, options).then((result) => variant.read(result.rows));
  }

  explain(): string[] {
    const texts: string[] = [];
    for (const { statement } of this.variants.explain(this.host.isReady())) {
      if (statement) texts.push(statement.text);
    }
    return texts;
  }
}

/** The statement of one read variant, and how to shape its rows. */
function buildRead(
  plan: SqlModelPlan,
  request: ReadRequest,
  compileJoins: JoinCompiler | undefined,
  shape: ReadShape,
  linkPlanOf: (model: ConnectorModel) => SqlModelPlan,
): { statement: SqlFragment; shapeRows: (rows: Row[]) => Row[] } | undefined {
  const { filter, partition } = request;
  const readRows = (rows: Row[]) => plan.readRows(rows);
  if (!partition) {
    if (!compileJoins) return { statement: buildSelect(plan, filter, shape), shapeRows: readRows };
    const joined = buildJoinedSelect(plan, filter, compileJoins, shape);
    return { statement: joined.statement, shapeRows: (rows) => joined.joins.shapeRows(rows) };
  }
  const grouped: GroupedRead = { partitionBy: partition.by, keys: partition.keys, filter };
  if (partition.through) {
    const { through } = partition;
    return buildThroughSelect(plan, linkPlanOf(through.model), { ...grouped, through }, compileJoins, shape);
  }
  if (!compileJoins) {
    const statement = buildGroupedSelect(plan, grouped, shape);
    return statement && { statement, shapeRows: readRows };
  }
  const joined = buildJoinedGroupedSelect(plan, grouped, compileJoins, shape);
  return joined && { statement: joined.statement, shapeRows: (rows) => joined.joins.shapeRows(rows) };
}

/**
 * The join compiler of a read's joins, or undefined without joins. Whether its lists can be nested
 * does not depend on bindings, so it is found out now: `JoinNotNestableError` when one cannot be
 * (a dialect without JSON lists, or a list compiled now and refused: dialects with JSON lists
 * compile them without waiting for `ready()`).
 */
function readJoins(host: SqlReadHost, request: ReadRequest): JoinCompiler | undefined {
  const { joins } = request;
  if (!joins || joins.length === 0) return undefined;
  const lists = hasLists(joins);
  if (lists && !host.dialect.jsonLists) {
    throw new JoinNotNestableError(`${host.dialect.name} does not nest hasMany lists in a statement`);
  }
  const compileJoins = joinCompiler(host.plan(request.model), joins, (model) => host.plan(model));
  if (lists) {
    // A read through a join model returns the targets' own fields (the key comes from the join rows).
    const fields =
      request.partition && !request.partition.through
        ? groupedFields({ partitionBy: request.partition.by, filter: request.filter })
        : request.filter.fields;
    compileJoins(JOIN_PARENT_ALIAS, fields);
  }
  return compileJoins;
}

/** Prepares a read on a SQL connector (see the file comment). */
export function prepareSqlRead(
  host: SqlReadHost,
  request: ReadRequest,
  options: PrepareReadOptions = {},
): CompiledRead {
  const compileJoins = readJoins(host, request);
  const parameters = readParameters(request);
  const inline = options.reused === true && !parameters.any;
  return new CompiledSqlRead<Row[]>(host, request.model, parameters, (plan, shape) => {
    const built = buildRead(plan, request, compileJoins, shape, (model) => host.plan(model));
    if (!built) return { statement: undefined, read: () => [] };
    return { statement: host.render(built.statement, inline), read: built.shapeRows };
  });
}

/** Prepares a count on a SQL connector; its values are always parameters. */
export function prepareSqlCount(
  host: SqlReadHost,
  model: ConnectorModel,
  where: WhereNode | undefined,
): CompiledCount {
  return new CompiledSqlRead<number>(host, model, whereParameters(where), (plan, shape) => ({
    statement: host.render(buildCount(plan, where, shape), false),
    read: (rows) => Number(rows[0]?.count ?? 0),
  }));
}
