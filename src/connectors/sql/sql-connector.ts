/**
 * The data access methods every SQL connector shares, written once on top of a dialect and one
 * abstract `query` method. A concrete connector (PostgreSQL, MySQL) supplies the driver call,
 * the error mapping and connection management.
 *
 * Reads are prepared reads (`prepareRead`, `prepareCount`; see compiled-read.ts): compiled once
 * per shape of their bindings, after `ready()` (a connector whose SQL depends on facts about the
 * server, MySQL or MariaDB regexp syntax, learns them there), joins included (LEFT JOINs and
 * JSON lists, rows nested by a shaper compiled once per read, see join-compiler.ts). Rows pass
 * through the plan's value readers (a no-op for dialects without any).
 */

import type {
  ConnectorCapabilities,
  CountResult,
  DataAccessConnector,
  OperationOptions,
  SqlExecutor,
  StatementEvent,
} from '../../juggler/connector/connector.js';
import type { ConnectorModel } from '../../juggler/connector/connector-model.js';
import type { ConnectorNaming } from '../../juggler/connector/connector-naming.js';
import type { Row } from '../../juggler/connector/model-type-name.js';
import type {
  CompiledCount,
  CompiledRead,
  PrepareReadOptions,
  ReadRequest,
} from '../../juggler/connector/prepared-read.js';
import {
  type RequestCancellation,
  RequestCancelledError,
  requestCancellationOf,
} from '../../juggler/connector/request-cancellation.js';
import {
  type RequestSession,
  requestSessionOf,
  type SessionIdentity,
} from '../../juggler/connector/request-session.js';
import {
  type StatementTracker,
  statementLabelOf,
  statementTrackerOf,
} from '../../juggler/connector/statement-tracker.js';
import type { WhereNode } from '../../juggler/filter/filter-types.js';
import { prepareSqlCount, prepareSqlRead, READY, type SqlReadHost } from './compiled-read.js';
import { ConstantStatements } from './constant-statements.js';
import { ModelPlanCache, type SqlModelPlan } from './model-plan.js';
import type { ReadReplicas } from './read-replicas.js';
import type { SqlDialect } from './sql-dialect.js';
import type { SqlRequestSession } from './sql-request-session.js';
import { type CompiledSql, renderStatement, type SqlFragment } from './sql-template.js';
import { runInTransaction } from './sql-transaction.js';
import { buildDelete, buildInsert, buildSelect, buildUpdate, buildUpsert } from './statement-builders.js';
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
   * The statement's text around its placeholders (set for statements built from fragments), for
   * drivers that bind values on the client and must know where placeholders are: a `?` inside a
   * quoted identifier is not one. (A statement rendered with its constants inlined has no
   * placeholder left; only dialects that bind on the server inline constants.)
   */
  pieces?: readonly string[];
  /**
   * The request's database session (`options.request.databaseSession` of the DAO call): the
   * statement runs on it, unless an explicit `transaction` is given.
   */
  session?: RequestSession;
  /** The statement may write (inside a request's session it then runs behind a savepoint). */
  write?: boolean;
  /**
   * Run the statement as this caller, by itself, without a transaction (set for the statements of
   * read-only requests on connectors whose `runsStatementsAsCaller` is true).
   */
  caller?: SessionIdentity;
  /** The request's statement tracker (`options.request.statementTracker`): told of each statement. */
  tracker?: StatementTracker;
  /** What the statement reads (the plan's field path), for the tracker. */
  label?: string;
  /** The request the statement belongs to (`options.request`): after a write, its reads stay on the primary. */
  request?: object;
  /**
   * The request's cancellation (`options.request.cancellation`): a connector enlists when it sends
   * the statement (refused once the client is gone) and cancels it if the client goes meanwhile.
   */
  cancellation?: RequestCancellation;
}

const NO_BINDINGS: readonly unknown[] = [];

/** Base class of SQL connectors: prepared reads, CRUD, statement observation, raw execute. */
export abstract class SqlConnector implements DataAccessConnector, SqlExecutor {
  abstract readonly name: string;
  abstract readonly capabilities: ConnectorCapabilities;
  protected readonly observers = new StatementObservers();
  /** Read replicas, when configured (`readUrls`): the connector's reads go to them in turn. */
  protected readReplicas: ReadReplicas<SqlConnector> | undefined;
  private readonly plans: ModelPlanCache;
  /** Renders the statements of reused reads without parameters with their values inline. */
  private readonly constants: ConstantStatements;
  /** What prepared reads use of this connector. */
  private readonly readHost: SqlReadHost;

  protected constructor(
    protected readonly dialect: SqlDialect,
    defaultSchema?: string,
  ) {
    this.plans = new ModelPlanCache(dialect, defaultSchema);
    this.constants = new ConstantStatements(dialect);
    this.readHost = {
      dialect,
      ready: () => this.ready(),
      isReady: () => this.isReady(),
      plan: (model) => this.plans.get(model),
      render: (fragment, inline) =>
        (inline && this.constants.render(fragment)) || renderStatement(fragment, dialect),
      send: (statement, values, model, options) =>
        this.runCompiled(values === statement.values ? statement : { text: statement.text, values }, {
          transaction: options.transaction,
          generated: true,
          model,
          pieces: statement.pieces,
          session: requestSessionOf(options),
          tracker: statementTrackerOf(options),
          label: statementLabelOf(options),
          request: requestOf(options),
          cancellation: requestCancellationOf(options),
        }),
    };
  }

  abstract connect(): Promise<void>;
  abstract disconnect(): Promise<void>;
  abstract ping(): Promise<void>;
  abstract readonly naming: ConnectorNaming;

  /**
   * Resolves once the connector can compile statements (default: at once, returning `READY`).
   * Connectors whose dialect depends on the server override it (MySQL opens its pool and
   * detects the flavour), and `isReady` with it.
   */
  protected ready(): Promise<void> {
    return READY;
  }

  /** Whether `ready()` has resolved: statements compiled now are right for the server. */
  protected isReady(): boolean {
    return true;
  }

  /** Sends one statement to the database (driver call and error mapping; no observation). */
  protected abstract query(statement: CompiledSql, options: SqlQueryOptions): Promise<SqlQueryResult>;

  /** The cached plan of a model (quoted names, select lists, writers). */
  protected plan(model: ConnectorModel): SqlModelPlan {
    return this.plans.get(model);
  }

  /** Renders and runs a fragment, reporting it to the statement observers. */
  protected async run(fragment: SqlFragment, options: SqlQueryOptions): Promise<SqlQueryResult> {
    const statement = renderStatement(fragment, this.dialect);
    return this.runCompiled(statement, { ...options, pieces: statement.pieces });
  }

  /**
   * The session a request's statements run on (PostgreSQL: a transaction with the caller's
   * settings and role; any SQL connector: one transaction for an atomic request, `mutation
   * @atomic`); null (the default) runs them on the pool as usual.
   */
  protected openRequestSession(_request: RequestSession): SqlRequestSession | null {
    return null;
  }

  /**
   * Whether `query` can run one statement as a caller without a transaction (`options.caller`):
   * a read-only request then holds no session (PostgreSQL: true).
   */
  protected readonly runsStatementsAsCaller: boolean = false;

  /**
   * Runs rendered SQL, reporting it to the statement observers (also when it fails); on the
   * request's database session when it has one and no explicit transaction is given; refused
   * (`RequestCancelledError`) once the request's client has gone.
   */
  protected runCompiled(statement: CompiledSql, options: SqlQueryOptions): Promise<SqlQueryResult> {
    // A request whose client went sends nothing more (nor opens a session for it): not a statement
    // to observe or count.
    if (options.cancellation?.cancelled === true) return Promise.reject(new RequestCancelledError());
    if (options.session !== undefined && options.transaction === undefined) {
      return this.runInSession(statement, options, options.session);
    }
    if (options.tracker !== undefined) return this.runTracked(statement, options, options.tracker);
    return this.observers.active ? this.runObserved(statement, options) : this.route(statement, options);
  }

  /** Sends a statement to a read replica when it may go there (see read-replicas.ts), else to the primary. */
  private route(statement: CompiledSql, options: SqlQueryOptions): Promise<SqlQueryResult> {
    const replicas = this.readReplicas;
    if (replicas === undefined) return this.query(statement, options);
    if (options.write && options.request) replicas.wrote(options.request);
    if (!replicas.mayRead(options)) return this.query(statement, options);
    return replicas.run(
      (replica) => replica.query(statement, options),
      () => this.query(statement, options),
    );
  }

  /** Runs a statement between its tracker's `start` and `end` (no closure per statement). */
  private async runTracked(
    statement: CompiledSql,
    options: SqlQueryOptions,
    tracker: StatementTracker,
  ): Promise<SqlQueryResult> {
    const handle = tracker.start(statement.text, options.label);
    let result: SqlQueryResult;
    try {
      result = await (this.observers.active
        ? this.runObserved(statement, options)
        : this.route(statement, options));
    } catch (error) {
      tracker.end(handle, 0, error);
      throw error;
    }
    tracker.end(handle, result.rowCount ?? result.rows.length, undefined);
    return result;
  }

  private runInSession(
    statement: CompiledSql,
    options: SqlQueryOptions,
    request: RequestSession,
  ): Promise<SqlQueryResult> {
    const caller = request.identity;
    if (request.readOnly && this.runsStatementsAsCaller && options.write !== true && caller) {
      try {
        request.assertOpen();
      } catch (error) {
        return Promise.reject(error);
      }
      return this.runCompiled(statement, { ...options, session: undefined, caller });
    }
    let session: SqlRequestSession | null;
    try {
      session = request.connectorSession(this, () => this.openRequestSession(request));
    } catch (error) {
      return Promise.reject(error);
    }
    if (!session) return this.runCompiled(statement, { ...options, session: undefined });
    return session.run(
      (transaction) => this.runCompiled(statement, { ...options, session: undefined, transaction }),
      options.write === true,
    );
  }

  private async runObserved(statement: CompiledSql, options: SqlQueryOptions): Promise<SqlQueryResult> {
    const started = performance.now();
    let rowCount: number | null = null;
    try {
      const result = await this.route(statement, options);
      rowCount = result.rowCount ?? result.rows.length;
      return result;
    } finally {
      const event: StatementEvent = {
        connector: this.name,
        sql: statement.text,
        // A copy: a prepared read's statements share their values array across runs.
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
      {
        transaction: options.transaction,
        generated: false,
        session: requestSessionOf(options),
        write: true,
        tracker: statementTrackerOf(options),
        cancellation: requestCancellationOf(options),
      },
    );
    return result.rows as T[];
  }

  observeStatements(listener: (event: StatementEvent) => void): () => void {
    return this.observers.add(listener);
  }

  prepareRead(request: ReadRequest, options?: PrepareReadOptions): CompiledRead {
    return prepareSqlRead(this.readHost, request, options);
  }

  prepareCount(model: ConnectorModel, where: WhereNode | undefined): CompiledCount {
    return prepareSqlCount(this.readHost, model, where);
  }

  async create(model: ConnectorModel, data: Row, options: OperationOptions = {}): Promise<Row> {
    const plan = this.plan(model);
    plan.assertWritable();
    await this.ready();
    const statement = buildInsert(plan, data, { returning: true });
    return this.insertRow(plan, statement, data, this.options(model, options));
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
    const statement = buildUpsert(plan, data, { returning: true });
    return this.insertRow(plan, statement, data, this.options(model, options));
  }

  /**
   * Runs an insert (or upsert) and answers the row as stored: in the statement where the dialect
   * has `INSERT ... RETURNING`; otherwise (MySQL) by reading it again by its id, in the same
   * transaction (the caller's, or one opened for the two statements), so that a failed read-back
   * leaves nothing written and the row read is the one this insert wrote.
   */
  private async insertRow(
    plan: SqlModelPlan,
    statement: SqlFragment,
    data: Row,
    runOptions: SqlQueryOptions,
  ): Promise<Row> {
    if (this.dialect.supportsInsertReturning) {
      return plan.readRows((await this.run(statement, runOptions)).rows)[0] ?? {};
    }
    const insertThenRead = async (transactionOptions: SqlQueryOptions) => {
      const result = await this.run(statement, transactionOptions);
      return this.reread(plan, data, result.insertId, transactionOptions);
    };
    return this.inOneTransaction(runOptions, insertThenRead);
  }

  /**
   * Runs `work` (statements that must be one unit: a write and its read-back) in the caller's
   * transaction or atomic session when there is one, else in a transaction opened for it.
   */
  private inOneTransaction<T>(
    runOptions: SqlQueryOptions,
    work: (options: SqlQueryOptions) => Promise<T>,
  ): Promise<T> {
    // An atomic request's session holds one transaction already (see openRequestSession).
    if (runOptions.transaction !== undefined || runOptions.session?.atomic) return work(runOptions);
    return runInTransaction(
      () => this.beginTransaction(),
      (transaction) => work({ ...runOptions, transaction }),
    );
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
    if (!statement) return { count: await this.prepareCount(model, where).run(NO_BINDINGS, options) };
    const result = await this.run(statement, this.options(model, options));
    return { count: result.rowCount ?? 0 };
  }

  /**
   * Updates the row of an id's `where` and answers it as stored: PostgreSQL in the statement
   * (`UPDATE ... RETURNING`), MySQL by reading it again in the same transaction (the caller's, or
   * one opened for the two statements), by the ids `data` gives it if it changes them.
   */
  async updateRow(
    model: ConnectorModel,
    where: WhereNode,
    data: Row,
    options: OperationOptions = {},
  ): Promise<Row | undefined> {
    const plan = this.plan(model);
    plan.assertWritable();
    await this.ready();
    const runOptions = this.options(model, options);
    const statement = buildUpdate(plan, where, data, { returning: true });
    const reread = async (transactionOptions: SqlQueryOptions): Promise<Row | undefined> => {
      const select = buildSelect(plan, { where: rereadWhere(plan, where, data), limit: 1 });
      return plan.readRows((await this.run(select, transactionOptions)).rows)[0];
    };
    if (!statement) return reread(runOptions);
    if (this.dialect.supportsReturning) return plan.readRows((await this.run(statement, runOptions)).rows)[0];
    const updateThenRead = async (transactionOptions: SqlQueryOptions) => {
      const result = await this.run(statement, transactionOptions);
      return (result.rowCount ?? 0) === 0 ? undefined : reread(transactionOptions);
    };
    return this.inOneTransaction(runOptions, updateThenRead);
  }

  /**
   * Runs one mutation field's DAO calls (`work`) as one transaction, adding no statement where
   * none is needed:
   * - in the caller's transaction, or on the request's session (an atomic request's one
   *   transaction; PostgreSQL's caller session, where the field gets one savepoint for all of its
   *   statements, see sql-request-session.ts): as they are;
   * - otherwise, when `several` (hooks run around the write and may send statements), in a
   *   transaction of their own: a hook's write that fails takes the field's write with it;
   * - otherwise as they are: reads, then one statement that writes (an insert's read-back is in
   *   the same statement, or in a transaction with it: `insertRow`, `updateRow`), atomic by itself.
   */
  runMutationField<O extends { transaction?: unknown }, T>(
    options: O,
    several: boolean,
    work: (options: O) => Promise<T>,
  ): Promise<T> {
    if (options.transaction !== undefined) return work(options);
    const request = requestSessionOf({ options });
    if (request !== undefined) {
      // Sends nothing yet: the session begins with the field's first statement.
      const session = request.connectorSession(this, () => this.openRequestSession(request));
      if (session) return request.atomic ? work(options) : request.runField(() => work(options));
    }
    if (!several) return work(options);
    return runInTransaction(
      () => this.beginTransaction(),
      (transaction) => work({ ...options, transaction }),
    );
  }

  /** Starts a transaction on one pooled connection (the dialect's BEGIN), for `options.transaction`. */
  abstract beginTransaction(): Promise<{ commit(): Promise<void>; rollback(): Promise<void> }>;

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

  private options(model: ConnectorModel, options: OperationOptions): SqlQueryOptions {
    return {
      transaction: options.transaction,
      generated: true,
      model,
      session: requestSessionOf(options),
      write: true,
      tracker: statementTrackerOf(options),
      label: statementLabelOf(options),
      request: requestOf(options),
      cancellation: requestCancellationOf(options),
    };
  }
}

/**
 * The where that finds an updated row again: the id's where, with the id values `data` sets in
 * place of the ones it replaced (an update may change a key).
 */
function rereadWhere(plan: SqlModelPlan, where: WhereNode, data: Row): WhereNode {
  const changed = plan.idProperties.filter((property) => data[property.name] !== undefined);
  if (changed.length === 0) return where;
  const replace = (node: WhereNode): WhereNode => {
    if (node.kind === 'and') return { kind: 'and', nodes: node.nodes.map(replace) };
    if (node.kind === 'compare' && node.op === 'eq' && data[node.property] !== undefined) {
      return { ...node, value: data[node.property] };
    }
    return node;
  };
  return replace(where);
}

/** The request object a connector call carries (`options.request` of the DAO call), if any. */
function requestOf(options: OperationOptions | undefined): object | undefined {
  const request = options?.options?.request;
  return typeof request === 'object' && request !== null ? request : undefined;
}
