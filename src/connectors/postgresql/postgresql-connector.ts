/**
 * The PostgreSQL connector: a pg.Pool with per-pool type parsers, the shared SQL data access
 * methods, named prepared statements for generated SQL (at most `maxPreparedStatements` per
 * connection, see postgresql-statement-budget.ts), error mapping, migration, raw `execute`,
 * transactions, and discovery delegated to `postgresql-discovery.ts`.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type {
  ConnectorCapabilities,
  DiscoveryConnector,
  MigrationConnector,
  OperationOptions,
  PoolStatistics,
  StatisticsConnector,
  TableRowEstimate,
} from '../../juggler/connector/connector.js';
import type { ConnectorModel } from '../../juggler/connector/connector-model.js';
import type { ConnectorNaming } from '../../juggler/connector/connector-naming.js';
import type { Row } from '../../juggler/connector/model-type-name.js';
import {
  type RequestCancellation,
  RequestCancelledError,
  type StatementCanceller,
} from '../../juggler/connector/request-cancellation.js';
import type { RequestSession } from '../../juggler/connector/request-session.js';
import type { DatabaseError } from '../../juggler/errors.js';
import { DiscoveringSqlConnector } from '../sql/discovering-sql-connector.js';
import { LazyPool } from '../sql/lazy-pool.js';
import { ReadReplicas } from '../sql/read-replicas.js';
import type { SqlQueryOptions, SqlQueryResult } from '../sql/sql-connector.js';
import { sqlNaming } from '../sql/sql-naming.js';
import { SqlRequestSession } from '../sql/sql-request-session.js';
import type { CompiledSql, SqlFragment } from '../sql/sql-template.js';
import { openTransaction, runInTransaction } from '../sql/sql-transaction.js';
import { watchAnswers } from './postgresql-answer-watchdog.js';
import { CallerQuery } from './postgresql-caller-query.js';
import { isCancelledStatement, PostgresStatementCancels } from './postgresql-cancel.js';
import { TABLE_STATISTICS_SQL } from './postgresql-catalog-queries.js';
import { createPostgresDiscovery } from './postgresql-discovery.js';
import { isClientTimeout, mapPostgresError } from './postgresql-errors.js';
import {
  automigratePostgres,
  autoupdatePostgres,
  type MigrationRunner,
  planAutoupdate,
} from './postgresql-migration.js';
import { AcquireTimeoutPool } from './postgresql-pool-acquire.js';
import { postgresDialect } from './postgresql-query-compiler.js';
import { postgresSessionBegin } from './postgresql-session-begin.js';
import {
  type PostgresSettings,
  type ResolvedPostgresSettings,
  resolvePostgresSettings,
} from './postgresql-settings.js';
import { budgetedClientClass } from './postgresql-statement-budget.js';
import { PostgresTransaction } from './postgresql-transaction.js';
import { PostgresTypeParsers } from './postgresql-type-map.js';

/** Statements that may change table shapes or create types. */
const DDL = /^\s*(create|alter|drop|comment)\b/im;

/** How many distinct statement texts get a prepared-statement name (beyond that, unnamed). */
const MAX_PREPARED_STATEMENTS = 2_000;

/** Arrays of enums and domains: their OIDs are only known at run time. */
const ARRAY_TYPES_SQL = `SELECT t.typarray AS "arrayOid", CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END AS "elementOid"
FROM pg_type t WHERE t.typtype IN ('e', 'd') AND t.typarray <> 0`;

const POSTGRES_NAMING = sqlNaming((name) => name.toLowerCase());

/** The result of a statement, or of the last statement of a simple query of several. */
function lastResult(sent: pg.QueryResult | pg.QueryResult[]): pg.QueryResult {
  return Array.isArray(sent) ? (sent.at(-1) as pg.QueryResult) : sent;
}

/** The PostgreSQL connector (`new DataSource('postgresql', settings)`). */
export class PostgresConnector
  extends DiscoveringSqlConnector
  implements MigrationConnector, StatisticsConnector, StatementCanceller
{
  readonly name = 'postgresql';
  /** LoopBack's PostgreSQL connector lower-cases names without a block: `InvoiceLine` → `invoiceline`. */
  readonly naming: ConnectorNaming = POSTGRES_NAMING;
  readonly capabilities: ConnectorCapabilities = {
    relational: true,
    discovery: true,
    migration: true,
    returning: true,
    groupedFind: true,
    ilike: true,
    regexp: true,
    nestedLists: true,
    joins: true,
    throughReads: true,
  };
  private readonly resolved: ResolvedPostgresSettings;
  private readonly typeParsers = new PostgresTypeParsers();
  private readonly statementNames = new Map<string, string>();
  private readonly backgroundErrorListeners = new Set<(error: DatabaseError) => void>();
  /** The connections running statements of cancellable requests (postgresql-cancel.ts). */
  private readonly cancels = new PostgresStatementCancels();
  protected readonly discovery: DiscoveryConnector;
  private readonly pools = new LazyPool<pg.Pool>(
    () => this.openPool(),
    (pool) => pool.end(),
  );
  /** Changes when table shapes may have changed, so that prepared statements get new names. */
  private generation = 0;

  constructor(settings: PostgresSettings = {}) {
    const resolved = resolvePostgresSettings(settings);
    super(postgresDialect, resolved.schema);
    this.resolved = resolved;
    if (settings.readUrls?.length) {
      this.readReplicas = new ReadReplicas(
        settings.readUrls.map((url) => new PostgresConnector({ ...settings, url, readUrls: undefined })),
      );
    }
    this.discovery = createPostgresDiscovery(async (text, params) => this.execute(text, params));
  }

  /** Opens the pool and checks the server answers (CONNECTION_FAILED / AUTHENTICATION_FAILED / DATABASE_NOT_FOUND otherwise). */
  async connect(): Promise<void> {
    await this.pools.get();
  }

  /** Closes every connection of the pool. */
  async disconnect(): Promise<void> {
    await Promise.all(this.readReplicas?.replicas.map((replica) => replica.disconnect()) ?? []);
    this.statementNames.clear();
    await this.pools.close();
  }

  async ping(): Promise<void> {
    await this.runCompiled({ text: 'SELECT 1', values: [] }, { generated: false });
  }

  /** pg.Pool's counters: open, idle and waiting; undefined before the pool opens. */
  poolStatistics(): PoolStatistics | undefined {
    const pool = this.pools.current;
    if (!pool) return undefined;
    return {
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max: pool.options.max ?? 10,
    };
  }

  /** Subscribes to errors of idle pooled connections (a restarted server, say); they never crash the process. */
  onBackgroundError(listener: (error: DatabaseError) => void): () => void {
    this.backgroundErrorListeners.add(listener);
    return () => {
      this.backgroundErrorListeners.delete(listener);
    };
  }

  /**
   * Starts a transaction; pass it as `options.transaction`, then `commit()` or `rollback()`.
   * `beginStatement` (default `BEGIN`) may be a simple query of several statements.
   */
  async beginTransaction(beginStatement = 'BEGIN'): Promise<PostgresTransaction> {
    const pool = await this.pools.get();
    return openTransaction(
      () => pool.connect(),
      (error) => this.mapError(error),
      (client, control) => new PostgresTransaction(client, control, beginStatement),
      (text, transaction) => this.runCompiled({ text, values: [] }, { generated: false, transaction }),
    );
  }

  /** Runs `work` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (transaction: PostgresTransaction) => Promise<T>): Promise<T> {
    return runInTransaction(() => this.beginTransaction(), work);
  }

  /**
   * A request's statements run in one transaction as its caller: the claims as settings
   * (`request.jwt.claims`), the role by `SET LOCAL ROLE` (postgresql-session-begin.ts), so that
   * the database's row-level security policies and grants apply.
   */
  protected override readonly runsStatementsAsCaller = true;

  protected override openRequestSession(request: RequestSession): SqlRequestSession {
    const identity = request.identity;
    return new SqlRequestSession(
      identity ? postgresSessionBegin(identity) : 'BEGIN',
      (begin) => this.beginTransaction(begin),
      request,
    );
  }

  /**
   * Runs raw SQL (`$1` placeholders; several statements allowed without parameters). After DDL
   * the connector re-reads enum/domain array types and renames its prepared statements.
   */
  override async execute<T extends Row = Row>(
    text: string,
    params: readonly unknown[] = [],
    options: OperationOptions = {},
  ): Promise<T[]> {
    const rows = await super.execute<T>(text, params, options);
    if (DDL.test(text)) await this.afterSchemaChange();
    return rows;
  }

  async automigrate(models: readonly ConnectorModel[]): Promise<void> {
    await automigratePostgres(this.migrationRunner(), models);
    await this.afterSchemaChange();
  }

  async autoupdate(models: readonly ConnectorModel[]): Promise<void> {
    await autoupdatePostgres(this.migrationRunner(), models, this.resolved.schema);
    await this.afterSchemaChange();
  }

  async isActual(models: readonly ConnectorModel[]): Promise<boolean> {
    const statements = await planAutoupdate(this.migrationRunner(), models, this.resolved.schema);
    return statements.length === 0;
  }

  /** The planner's row estimates (`pg_class.reltuples`) of the tables of `owners`, in one statement. */
  async tableStatistics(owners: readonly string[]): Promise<TableRowEstimate[]> {
    const rows = await this.execute<{ owner: string; table: string; rows: number }>(TABLE_STATISTICS_SQL, [
      [...owners],
    ]);
    return rows.map((row) => ({ owner: row.owner, table: row.table, rows: Math.round(Number(row.rows)) }));
  }

  /** The configured schema when there is one, else the server's current schema. */
  override defaultOwner(): Promise<string> {
    return this.resolved.schema ? Promise.resolve(this.resolved.schema) : this.discovery.defaultOwner();
  }

  protected async query(statement: CompiledSql, options: SqlQueryOptions): Promise<SqlQueryResult> {
    const transaction = options.transaction instanceof PostgresTransaction ? options.transaction : undefined;
    const { cancellation } = options;
    // Told to cancel this request's statements if its client goes; throws once it has gone.
    if (cancellation !== undefined) cancellation.enlist(this);
    const executor: pg.Pool | pg.PoolClient = transaction
      ? transaction.client
      : (this.pools.current ?? (await this.pools.get()));
    // A transaction's connection being cancelled runs nothing (its ROLLBACK either) until the
    // server took the cancel, which could otherwise stop this statement (postgresql-cancel.ts).
    const cancelling = transaction ? this.cancels.pendingOn(executor as pg.PoolClient) : undefined;
    if (cancelling !== undefined) await cancelling;
    const name =
      options.generated && this.resolved.preparedStatements ? this.statementName(statement.text) : undefined;
    const config: pg.QueryConfig = { text: statement.text, values: statement.values };
    if (name) config.name = name;
    // A transaction's statement of a cancellable request is cancelled with it (a pooled one: `send`).
    const cancellable = transaction !== undefined && cancellation !== undefined;
    if (cancellable) this.cancels.started(executor as pg.PoolClient, cancellation);
    try {
      const sent = await this.send(executor, config, options);
      // A simple query of several statements (a session's begin text) answers one result each.
      const result = lastResult(sent);
      if (Array.isArray(result.fields) && this.typeParsers.hasUnlooked(result.fields)) {
        await this.parseLateTypes(result);
      }
      return { rows: result.rows as Row[], rowCount: result.rowCount };
    } catch (error) {
      if (error instanceof RequestCancelledError) throw error;
      if (isCancelledStatement(error, cancellation)) throw new RequestCancelledError(error);
      // A prepared plan whose tables changed shape under it (DDL from elsewhere): new names from
      // now on, and, outside a transaction (which the failure aborted), one retry unnamed.
      if (name && (error as { code?: string }).code === '0A000') this.invalidatePreparedStatements();
      if (name && (error as { code?: string }).code === '0A000' && !transaction) {
        try {
          const result = lastResult(
            await this.send(executor, { text: statement.text, values: statement.values }, options),
          );
          return { rows: result.rows as Row[], rowCount: result.rowCount };
        } catch (retryError) {
          if (retryError instanceof RequestCancelledError) throw retryError;
          if (isCancelledStatement(retryError, cancellation)) throw new RequestCancelledError(retryError);
          throw this.mapError(retryError, options.model);
        }
      }
      // The answer may still come (or never): the connection cannot be used again.
      if (transaction && isClientTimeout(error)) dropConnection(transaction.client);
      throw this.mapError(error, options.model);
    } finally {
      if (cancellable) this.cancels.finished(executor as pg.PoolClient);
    }
  }

  /** Cancels the statements this connector runs for a request whose client went (postgresql-cancel.ts). */
  cancelStatements(cancellation: RequestCancellation): void {
    this.cancels.cancel(cancellation);
  }

  /**
   * Sends one statement: as `options.caller` when given (postgresql-caller-query.ts), else as it
   * is; on the pool, cancellable when the request can be cancelled (postgresql-cancel.ts).
   */
  private send(
    executor: pg.Pool | pg.PoolClient,
    config: pg.QueryConfig,
    options: SqlQueryOptions,
  ): Promise<pg.QueryResult | pg.QueryResult[]> {
    const { caller, cancellation } = options;
    const statement =
      caller === undefined ? config : (new CallerQuery(caller, config) as unknown as pg.QueryConfig);
    if (cancellation === undefined || !(executor instanceof pg.Pool)) return executor.query(statement);
    return this.cancels.queryOnPool(executor, statement, cancellation);
  }

  private statementName(text: string): string | undefined {
    let name = this.statementNames.get(text);
    if (name === undefined) {
      if (this.statementNames.size >= MAX_PREPARED_STATEMENTS) return undefined;
      name = `dg${this.generation}_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
      this.statementNames.set(text, name);
    }
    return name;
  }

  private invalidatePreparedStatements(): void {
    this.generation++;
    this.statementNames.clear();
  }

  private mapError(error: unknown, model?: ConnectorModel): DatabaseError {
    return mapPostgresError(error, { ...this.resolved.target, ...this.resolved.limits, model });
  }

  private async openPool(): Promise<pg.Pool> {
    const Client = budgetedClientClass({
      maxPreparedStatements: this.resolved.maxPreparedStatements,
      connectTimeoutMs: this.resolved.connectTimeoutMs,
    });
    const pool = new AcquireTimeoutPool(
      { ...this.resolved.pool, types: this.typeParsers, Client },
      this.resolved.acquireTimeoutMs,
    );
    const { queryTimeoutMs } = this.resolved.limits;
    if (queryTimeoutMs !== undefined) watchAnswers(pool, queryTimeoutMs);
    pool.on('error', (error) => {
      const mapped = this.mapError(error);
      for (const listener of this.backgroundErrorListeners) listener(mapped);
    });
    try {
      // Checks the server answers (and the credentials and database), without touching the catalog.
      await pool.query('SELECT 1');
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw this.mapError(error);
    }
    return pool;
  }

  private async loadArrayTypes(pool: pg.Pool): Promise<void> {
    const started = performance.now();
    const { rows } = await pool.query<{ arrayOid: number; elementOid: number }>(ARRAY_TYPES_SQL);
    this.typeParsers.registerArrayTypes(rows);
    // Observed like every other statement, so statement counts and catalog-free starts are honest.
    if (this.observers.active) {
      this.observers.emit({
        connector: this.name,
        sql: ARRAY_TYPES_SQL,
        params: [],
        durationMs: performance.now() - started,
        rowCount: rows.length,
      });
    }
  }

  /**
   * Arrays of enums and domains have OIDs only the catalog knows. They are looked up the first
   * time a result carries a type OID never seen (once per OID, not at connect: a replica started
   * from the schema cache sends no catalog query until such a column is read), and that result's
   * values of those columns, which pg left as text, are parsed now.
   */
  private async parseLateTypes(result: pg.QueryResult): Promise<void> {
    await this.loadArrayTypes(await this.pools.get());
    this.typeParsers.markLooked(result.fields.map((field) => field.dataTypeID));
    for (const field of result.fields) {
      const parse = this.typeParsers.parserFor(field.dataTypeID);
      if (!parse) continue;
      for (const row of result.rows as Row[]) {
        const value = row[field.name];
        if (typeof value === 'string') row[field.name] = parse(value);
      }
    }
  }

  private async afterSchemaChange(): Promise<void> {
    this.invalidatePreparedStatements();
    const pool = this.pools.current;
    if (pool) await this.loadArrayTypes(pool).catch(() => undefined);
  }

  private migrationRunner(): MigrationRunner {
    return {
      plan: (model) => this.plan(model),
      read: async (statement: SqlFragment) => (await this.run(statement, { generated: false })).rows,
      inTransaction: (work) =>
        this.transaction(async (transaction) => {
          await work(
            async (statement) => (await this.run(statement, { generated: false, transaction })).rows,
          );
        }),
    };
  }
}

/** Closes a pooled client's socket now: its later statements fail at once, and the pool discards it. */
function dropConnection(client: pg.PoolClient): void {
  (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
}
