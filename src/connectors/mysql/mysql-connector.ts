/**
 * The MySQL/MariaDB connector: a mysql2 pool whose sessions run in UTC, the shared SQL data
 * access methods (an insert answers its row by `INSERT ... RETURNING` on MariaDB ≥ 10.5; on MySQL,
 * by `insertId` and a re-read in the same transaction), error mapping, migration,
 * raw `execute`, transactions, and discovery delegated to `mysql-discovery.ts`.
 *
 * When the pool opens, one connection probes the server: MySQL 8 and MariaDB differ in regexp
 * syntax and in the statement timeout variable, and the dialect must know which before the first
 * statement is compiled (see `SqlConnector.ready`).
 */
import type { QueryOptions } from 'mysql2';
import mysql, { type Pool, type PoolConnection, type ResultSetHeader } from 'mysql2/promise';
import type {
  ConnectorCapabilities,
  MigrationConnector,
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
import type { CompiledSql } from '../sql/sql-template.js';
import { openTransaction, runInTransaction } from '../sql/sql-transaction.js';
import { watchAnswers } from './mysql-answer-watchdog.js';
import { coreConnectionOf, isKilledStatement, MysqlStatementCancels } from './mysql-cancel.js';
import { tableStatisticsSql } from './mysql-catalog-queries.js';
import { createMysqlDiscovery, type MysqlDiscovery } from './mysql-discovery.js';
import { CLIENT_TIMEOUT, duplicateKeyName, mapMysqlError } from './mysql-errors.js';
import {
  automigrateMysql,
  autoupdateMysql,
  type MysqlMigrationRunner,
  planMysqlAutoupdate,
} from './mysql-migration.js';
import { queryPool } from './mysql-pool-acquire.js';
import {
  createMysqlDialect,
  hasInsertReturning,
  inlineMysqlValues,
  type MysqlDialect,
  type MysqlFlavour,
} from './mysql-query-compiler.js';
import { type MysqlSettings, type ResolvedMysqlSettings, resolveMysqlSettings } from './mysql-settings.js';
import { MysqlTransaction } from './mysql-transaction.js';
import { toDriverParameter } from './mysql-type-map.js';

/**
 * Session set-up of every pooled connection: utf8mb4 in the server's default collation of utf8mb4
 * (`SET NAMES` without COLLATE; mysql2's handshake would otherwise pick utf8mb4_unicode_ci, and
 * text a view computes from literals, which carries the collation of the session that created the
 * view, could not be compared with a value: "Illegal mix of collations"), UTC, and no
 * NO_BACKSLASH_ESCAPES (mysql2 escapes with backslashes).
 */
const SESSION_SQL =
  "SET NAMES utf8mb4, time_zone = '+00:00', sql_mode = TRIM(BOTH ',' FROM REPLACE(CONCAT(',', @@SESSION.sql_mode, ','), ',NO_BACKSLASH_ESCAPES,', ','))";

const UNIQUE_COLUMNS_SQL =
  'SELECT COLUMN_NAME AS `column` FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND INDEX_NAME = ? ORDER BY SEQ_IN_INDEX';

/** The statement that sets the statement timeout for a server flavour. */
function timeoutSql(flavour: MysqlFlavour, milliseconds: number): string {
  // Values are numbers computed here, never user text.
  return flavour === 'mariadb'
    ? `SET SESSION max_statement_time = ${milliseconds / 1000}`
    : `SET SESSION max_execution_time = ${Math.round(milliseconds)}`;
}

const MYSQL_NAMING = sqlNaming((name) => name);

/** The MySQL/MariaDB connector (`new DataSource('mysql', settings)`). */
export class MysqlConnector
  extends DiscoveringSqlConnector
  implements MigrationConnector, StatisticsConnector, StatementCanceller
{
  readonly name = 'mysql';
  /** LoopBack's MySQL connector keeps names without a block as they are: `InvoiceLine` → `InvoiceLine`. */
  readonly naming: ConnectorNaming = MYSQL_NAMING;
  readonly capabilities: ConnectorCapabilities = {
    relational: true,
    discovery: true,
    migration: true,
    returning: false,
    groupedFind: true,
    ilike: false,
    regexp: true,
    nestedLists: false,
    joins: true,
    throughReads: true,
  };
  private readonly resolved: ResolvedMysqlSettings;
  private readonly mysqlDialect: MysqlDialect;
  protected readonly discovery: MysqlDiscovery;
  private readonly schema: string | undefined;
  private readonly pools = new LazyPool<Pool>(
    () => this.openPool(),
    (pool) => pool.end(),
  );
  private flavourKnown = false;
  /** The connections running statements of cancellable requests (mysql-cancel.ts). */
  private readonly cancels: MysqlStatementCancels;

  constructor(settings: MysqlSettings = {}) {
    const resolved = resolveMysqlSettings(settings);
    const dialect = createMysqlDialect();
    super(dialect, settings.schema);
    this.resolved = resolved;
    this.cancels = new MysqlStatementCancels(resolved.pool);
    if (settings.readUrls?.length) {
      this.readReplicas = new ReadReplicas(
        settings.readUrls.map((url) => new MysqlConnector({ ...settings, url, readUrls: undefined })),
      );
    }
    this.mysqlDialect = dialect;
    this.schema = settings.schema;
    this.discovery = createMysqlDiscovery(
      async (text, params) => this.execute(text, params),
      settings.schema ? { database: settings.schema } : {},
    );
  }

  /** The server family detected when the pool opened (`'mariadb'` until then). */
  get flavour(): MysqlFlavour {
    return this.mysqlDialect.flavour;
  }

  /** Opens the pool and probes the server (CONNECTION_FAILED / AUTHENTICATION_FAILED / DATABASE_NOT_FOUND otherwise). */
  async connect(): Promise<void> {
    await this.pools.get();
  }

  /** Closes every connection of the pool. */
  async disconnect(): Promise<void> {
    await Promise.all(this.readReplicas?.replicas.map((replica) => replica.disconnect()) ?? []);
    this.cancels.close();
    await this.pools.close();
  }

  async ping(): Promise<void> {
    await this.runCompiled({ text: 'SELECT 1', values: [] }, { generated: false });
  }

  /** mysql2's pool counters (not in its types): open, idle and queued; undefined before the pool opens. */
  poolStatistics(): PoolStatistics | undefined {
    const pool = this.pools.current;
    if (!pool) return undefined;
    const core = pool.pool as unknown as {
      _allConnections?: { length: number };
      _freeConnections?: { length: number };
      _connectionQueue?: { length: number };
      config?: { connectionLimit?: number };
    };
    return {
      total: core._allConnections?.length ?? 0,
      idle: core._freeConnections?.length ?? 0,
      waiting: core._connectionQueue?.length ?? 0,
      max: core.config?.connectionLimit ?? 0,
    };
  }

  /** Starts a transaction; pass it as `options.transaction`, then `commit()` or `rollback()`. */
  async beginTransaction(): Promise<MysqlTransaction> {
    const pool = await this.pools.get();
    return openTransaction(
      () => pool.getConnection(),
      (error) => this.mapError(error),
      (connection, control) => new MysqlTransaction(connection, control),
      (text, transaction) => this.runCompiled({ text, values: [] }, { generated: false, transaction }),
    );
  }

  /** Runs `work` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (transaction: MysqlTransaction) => Promise<T>): Promise<T> {
    return runInTransaction(() => this.beginTransaction(), work);
  }

  /**
   * An atomic request's statements run in one transaction (`mutation @atomic`); any other request's
   * run on the pool (MySQL has no caller session: no row-level security to serve).
   */
  protected override openRequestSession(request: RequestSession): SqlRequestSession | null {
    if (!request.atomic) return null;
    return new SqlRequestSession('START TRANSACTION', () => this.beginTransaction(), request);
  }

  async automigrate(models: readonly ConnectorModel[]): Promise<void> {
    await automigrateMysql(this.migrationRunner(), models);
  }

  async autoupdate(models: readonly ConnectorModel[]): Promise<void> {
    await autoupdateMysql(this.migrationRunner(), models);
  }

  async isActual(models: readonly ConnectorModel[]): Promise<boolean> {
    return (await planMysqlAutoupdate(this.migrationRunner(), models)).length === 0;
  }

  /** The row estimates (`information_schema.TABLES.TABLE_ROWS`) of the tables of `owners`, in one statement. */
  async tableStatistics(owners: readonly string[]): Promise<TableRowEstimate[]> {
    if (owners.length === 0) return [];
    const rows = await this.execute<{ owner: string; table: string; rows: number | string }>(
      tableStatisticsSql(owners.map(() => '?').join(', ')),
      owners,
    );
    return rows.map((row) => ({ owner: row.owner, table: row.table, rows: Number(row.rows) }));
  }

  protected override async ready(): Promise<void> {
    if (!this.pools.current) await this.pools.get();
  }

  protected override isReady(): boolean {
    return this.flavourKnown;
  }

  protected async query(statement: CompiledSql, options: SqlQueryOptions): Promise<SqlQueryResult> {
    const transaction = options.transaction instanceof MysqlTransaction ? options.transaction : undefined;
    const { cancellation } = options;
    // Told to cancel this request's statements if its client goes; throws once it has gone.
    if (cancellation !== undefined) cancellation.enlist(this);
    const executor: Pool | PoolConnection = transaction
      ? transaction.client
      : (this.pools.current ?? (await this.pools.get()));
    // A transaction's connection being cancelled runs nothing (its ROLLBACK either) until the
    // KILL QUERY is answered, which could otherwise stop this statement (mysql-cancel.ts).
    const killing = transaction
      ? this.cancels.pendingOn(coreConnectionOf(executor as PoolConnection))
      : undefined;
    if (killing !== undefined) await killing;
    // Statements built from fragments are bound here (see inlineMysqlValues); raw SQL by mysql2.
    const query: QueryOptions = options.pieces
      ? { sql: inlineMysqlValues(options.pieces, statement.values) }
      : { sql: statement.text, values: statement.values.map(toDriverParameter) };
    // A transaction's statement of a cancellable request is killed with it (a pooled one: `send`).
    const cancellable = transaction !== undefined && cancellation !== undefined;
    if (cancellable) this.cancels.started(coreConnectionOf(executor as PoolConnection), cancellation);
    try {
      // Outside a transaction the statement waits for a pooled connection at most acquireTimeout.
      const result = await this.send(executor, transaction, query, cancellation);
      if (Array.isArray(result)) return { rows: result as Row[], rowCount: result.length };
      const header = result as ResultSetHeader;
      const insertId = header.insertId ? header.insertId : undefined;
      return { rows: [], rowCount: header.affectedRows, insertId };
    } catch (error) {
      if (error instanceof RequestCancelledError) throw error;
      if (isKilledStatement(error, cancellation)) throw new RequestCancelledError(error);
      // After a client-side timeout the answer may still come (or never): not reusable.
      if (transaction && (error as { code?: string }).code === CLIENT_TIMEOUT) transaction.client.destroy();
      throw await this.mapStatementError(error, executor, options.model);
    } finally {
      if (cancellable) this.cancels.finished(coreConnectionOf(executor as PoolConnection));
    }
  }

  /** Cancels the statements this connector runs for a request whose client went (mysql-cancel.ts). */
  cancelStatements(cancellation: RequestCancellation): void {
    this.cancels.cancel(cancellation);
  }

  /** Sends one statement on the transaction's connection or a pooled one (cancellable when the request is). */
  private async send(
    executor: Pool | PoolConnection,
    transaction: MysqlTransaction | undefined,
    query: QueryOptions,
    cancellation: RequestCancellation | undefined,
  ): Promise<unknown> {
    if (transaction) return (await (executor as PoolConnection).query(query))[0];
    const pool = (executor as Pool).pool;
    if (cancellation === undefined) return queryPool(pool, this.resolved.acquireTimeoutMs, query);
    return this.cancels.queryOnPool(pool, this.resolved.acquireTimeoutMs, query, cancellation);
  }

  /** Maps a statement's error; a duplicate key is looked up so that the message names its columns. */
  private async mapStatementError(
    error: unknown,
    executor: Pool | PoolConnection,
    model: ConnectorModel | undefined,
  ): Promise<DatabaseError> {
    if (!model || (error as { errno?: number }).errno !== 1062) return this.mapError(error, model);
    const key = duplicateKeyName((error as { sqlMessage?: string }).sqlMessage, model.table);
    let uniqueColumns: string[] | undefined;
    if (key === 'PRIMARY') {
      uniqueColumns = model.idProperties.map((name) => model.propertyByName.get(name)?.column ?? name);
    } else if (key) {
      try {
        const [rows] = await executor.query({
          sql: UNIQUE_COLUMNS_SQL,
          values: [model.schema ?? this.schema ?? null, model.table, key],
        });
        uniqueColumns = (rows as Row[]).map((row) => String(row.column));
      } catch {
        // The message is still right without the columns.
      }
    }
    return this.mapError(error, model, uniqueColumns);
  }

  private mapError(error: unknown, model?: ConnectorModel, uniqueColumns?: string[]): DatabaseError {
    return mapMysqlError(error, { ...this.resolved.target, ...this.resolved.limits, model, uniqueColumns });
  }

  /** Creates the pool and probes the server on its first connection, before anyone else uses it. */
  private async openPool(): Promise<Pool> {
    const pool = mysql.createPool(this.resolved.pool);
    if (this.resolved.queryTimeoutMs !== undefined) watchAnswers(pool.pool, this.resolved.queryTimeoutMs);
    // The core pool's event gives the callback-style connection, whose commands queue in order.
    pool.pool.on('connection', (connection) => {
      // Queued before the connection is handed out, so every statement on it runs after these.
      connection.query(SESSION_SQL, () => undefined);
      if (this.flavourKnown && this.resolved.statementTimeout !== undefined) {
        connection.query(timeoutSql(this.flavour, this.resolved.statementTimeout), () => undefined);
      }
    });
    try {
      const connection = await pool.getConnection();
      try {
        const [rows] = await connection.query('SELECT VERSION() AS version');
        const version = String((rows as Row[])[0]?.version ?? '');
        this.mysqlDialect.flavour = /mariadb/i.test(version) ? 'mariadb' : 'mysql';
        this.mysqlDialect.supportsInsertReturning = hasInsertReturning(version);
        this.flavourKnown = true;
        if (this.resolved.statementTimeout !== undefined) {
          await connection.query(timeoutSql(this.flavour, this.resolved.statementTimeout));
        }
      } finally {
        connection.release();
      }
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw this.mapError(error);
    }
    return pool;
  }

  private migrationRunner(): MysqlMigrationRunner {
    return {
      plan: (model) => this.plan(model),
      run: async (statement) => {
        await this.ready();
        return (await this.run(statement, { generated: false })).rows;
      },
    };
  }
}
