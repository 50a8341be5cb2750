/**
 * The one interface every connector implements (memory, postgresql, mysql, mongodb), so that a
 * new database is added by writing a folder, not by patching the juggler.
 *
 * Layers: the juggler validates and normalizes filters and coerces values, then hands the
 * connector a `ConnectorModel` (names already resolved to tables and columns, through the
 * connector's own `naming`): reads as a `ReadRequest` it prepares once and runs with bindings
 * (prepared-read.ts), writes with a `WhereNode` and data. Rows travel keyed by *property* name in
 * the juggler's value representation (see `Row`); mapping to columns and driver types is the
 * connector's job.
 */
import type {
  CatalogSnapshot,
  DiscoveryOptions,
  ForeignKeyRow,
  ModelDefinitionRow,
  PrimaryKeyRow,
  PropertyRow,
} from '../discovery/discovery-types.js';
import type { WhereNode } from '../filter/filter-types.js';
import type { IntegerWidth } from '../model-definition.js';
import type { ConnectorModel } from './connector-model.js';
import type { ConnectorNaming } from './connector-naming.js';
import type { ModelTypeName, Row } from './model-type-name.js';
import type { CompiledCount, CompiledRead, PrepareReadOptions, ReadRequest } from './prepared-read.js';

/** Per-call options. */
export interface OperationOptions {
  /** A connector-specific transaction handle. */
  transaction?: unknown;
  /**
   * The options object the caller passed to the DAO method (LoopBack's `options`, the one operation
   * hooks see as `ctx.options`), unchanged: the request context (caller, claims, a per-request
   * session) a connector may act on, e.g. to run the statement on the caller's session. `{}` when
   * the caller passed none; undefined only for calls that do not come from the DAO.
   */
  options?: Record<string, unknown>;
}

/** A statement a connector sent to its database (for statement counting in tests and benchmarks). */
export interface StatementEvent {
  connector: string;
  sql: string;
  params: readonly unknown[];
  durationMs: number;
  rowCount: number | null;
}

/** Capability flags, so callers can ask instead of guessing. */
export interface ConnectorCapabilities {
  relational: boolean;
  discovery: boolean;
  migration: boolean;
  /** `create`/`update` return generated keys and defaults in the same statement. */
  returning: boolean;
  /**
   * A per-parent read (`ReadRequest.partition`) runs in one statement for all parents (a window
   * function in SQL), its order, limit and skip applied per parent.
   */
  groupedFind: boolean;
  /** Native case-insensitive like (`ilike`); otherwise the compiler emulates it. */
  ilike: boolean;
  regexp: boolean;
  /**
   * `prepareRead` reads hasMany lists (`JoinRequest.list`) inside the parents' statement
   * (PostgreSQL: one JSON array per parent row). Without it, a read with lists throws
   * `JoinNotNestableError` and such lists cost one more statement per level.
   */
  nestedLists: boolean;
  /**
   * `prepareRead` reads `ReadRequest.joins` itself (belongsTo targets, and lists with
   * `nestedLists`); without it, callers read joined relations apart.
   */
  joins: boolean;
  /**
   * A per-parent read may go through a join model (`ReadRequest.partition.through`): the targets
   * of a hasManyThrough for all parents in one statement (the join table joined to the targets).
   * Without it, such a relation costs two reads per level: the join rows, then the targets.
   */
  throughReads: boolean;
  /**
   * Each GraphQL mutation (its read of the row and its write) runs in `transaction(work)`
   * (MongoDB, where the server runs transactions). The SQL connectors leave it off and implement
   * `runMutationField`, which opens a transaction only for a field that may send more than its
   * one write (the common field's write is one statement there).
   */
  mutationTransactions?: boolean;
}

/** Result of a write that touches many rows. */
export interface CountResult {
  count: number;
}

/** The data access half of the interface. Every connector implements all of it. */
export interface DataAccessConnector {
  /**
   * `'memory' | 'postgresql' | 'mysql' | 'mongodb'`: also the key of the connector's blocks in model
   * definitions (`settings.postgresql`, `property.postgresql`), whose fields `naming` reads.
   */
  readonly name: string;
  readonly capabilities: ConnectorCapabilities;

  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** Resolves when the database answers a trivial statement; rejects with a DatabaseError otherwise. */
  ping(): Promise<void>;
  /**
   * Runs `work` in one transaction (its handle passed on as `OperationOptions.transaction`):
   * committed when it resolves, rolled back when it throws. A connector whose server cannot run
   * transactions may run `work` without one (handle undefined) and says so in its documentation.
   */
  transaction?<T>(work: (transaction: unknown) => Promise<T>): Promise<T>;

  /**
   * Runs the DAO calls of one GraphQL mutation field (`work`, given the options to pass them) as
   * one transaction, rolled back when any of them fails, adding no statement where none is
   * needed: in the caller's transaction or the request's session as they are (a session undoes
   * the field as a whole), else in a transaction of their own when `several` (they may send more
   * than their one write: hooks run around it), and as they are when their write is one statement.
   */
  runMutationField?<O extends { transaction?: unknown }, T>(
    options: O,
    several: boolean,
    work: (options: O) => Promise<T>,
  ): Promise<T>;

  /** How this connector reads table and column names from its blocks of a model definition. */
  readonly naming: ConnectorNaming;

  /** Inserts one row; resolves to the stored row including generated keys and defaults. */
  create(model: ConnectorModel, data: Row, options?: OperationOptions): Promise<Row>;
  /** Inserts or, when a row with the same id exists, updates it; resolves to the stored row. */
  upsert(model: ConnectorModel, data: Row, options?: OperationOptions): Promise<Row>;
  /**
   * Compiles a read once (see prepared-read.ts): a filter whose values may be parameters, joins
   * (with `capabilities.joins`), a per-parent partition. Throws `JoinNotNestableError` when a
   * hasMany list of the joins cannot be read in the same statement. Every read goes through it.
   */
  prepareRead(request: ReadRequest, options?: PrepareReadOptions): CompiledRead;
  /** Compiles a count once (its where may hold parameters). */
  prepareCount(model: ConnectorModel, where: WhereNode | undefined): CompiledCount;
  /** Updates matching rows with `data` (property → value); resolves to the count. */
  updateAll(
    model: ConnectorModel,
    where: WhereNode | undefined,
    data: Row,
    options?: OperationOptions,
  ): Promise<CountResult>;
  destroyAll(
    model: ConnectorModel,
    where: WhereNode | undefined,
    options?: OperationOptions,
  ): Promise<CountResult>;
  /**
   * Updates the one row `where` selects (an id's where) with `data` and resolves to the row as
   * stored — what the database made of the values (a rounded decimal, a column a trigger or
   * `ON UPDATE CURRENT_TIMESTAMP` set) — or undefined when no row matched. Optional: without it,
   * the DAO writes with `updateAll` and keeps the values it sent.
   */
  updateRow?(
    model: ConnectorModel,
    where: WhereNode,
    data: Row,
    options?: OperationOptions,
  ): Promise<Row | undefined>;

  /** Subscribes to every statement sent; returns the unsubscribe function. */
  observeStatements(listener: (event: StatementEvent) => void): () => void;

  /** The connection pool's counters now (for metrics); undefined before the pool opens or without one. */
  poolStatistics?(): PoolStatistics | undefined;
}

/** What a connection pool holds at one moment. */
export interface PoolStatistics {
  /** Open connections (busy or idle). */
  total: number;
  /** Open connections no statement is using. */
  idle: number;
  /** Callers queued for a connection. */
  waiting: number;
  /** The most connections the pool opens. */
  max: number;
}

/** Discovery, for connectors that read a catalog (relational) or sample documents. */
export interface DiscoveryConnector {
  discoverModelDefinitions(options: DiscoveryOptions): Promise<ModelDefinitionRow[]>;
  discoverModelProperties(table: string, options: DiscoveryOptions): Promise<PropertyRow[]>;
  discoverPrimaryKeys(table: string, options: DiscoveryOptions): Promise<PrimaryKeyRow[]>;
  discoverForeignKeys(table: string, options: DiscoveryOptions): Promise<ForeignKeyRow[]>;
  discoverExportedForeignKeys(table: string, options: DiscoveryOptions): Promise<ForeignKeyRow[]>;
  /**
   * Reads tables, columns, keys and constraints of the given owner(s) in a small constant number
   * of statements. `tables` restricts the snapshot to those tables (still one batch).
   */
  discoverCatalog(options: DiscoveryOptions & { tables?: string[] }): Promise<CatalogSnapshot>;
  /** The owner/schema used when options name none (PostgreSQL: `current_schema()`; MySQL: the database). */
  defaultOwner(): Promise<string>;
  /**
   * The model type of a discovered column (`int8` → BigInt, `tinyint(1)` → Boolean ...): the only
   * dialect-specific step of turning a catalog snapshot into model definitions. Pure and sync, so
   * it also serves the `...Sync` discovery variants from a cached snapshot.
   */
  mapPropertyType(column: PropertyRow): DiscoveredPropertyType;
}

/** What a connector says about a discovered column's model type. */
export interface DiscoveredPropertyType {
  type: ModelTypeName;
  /** For arrays (`type: 'Array'`): the element type. */
  itemType?: ModelTypeName;
  /** Maximum length for strings, when the column has one. */
  length?: number | null;
  precision?: number | null;
  scale?: number | null;
  /**
   * For integer columns (`Number` or `BigInt`): the narrowest standard integer width holding every
   * value, which discovery records in the definition (model/integer-width.ts).
   */
  integer?: IntegerWidth;
}

/** Schema migration for models defined in code (SQL connectors). */
export interface MigrationConnector {
  /** Drops and re-creates the tables of the given models. */
  automigrate(models: readonly ConnectorModel[]): Promise<void>;
  /** Creates missing tables and adds/alters columns to match the models, keeping data. */
  autoupdate(models: readonly ConnectorModel[]): Promise<void>;
  /** True when the database already matches the models (no migration needed). */
  isActual(models: readonly ConnectorModel[]): Promise<boolean>;
}

/** A table's row estimate, as the database's own statistics give it. */
export interface TableRowEstimate {
  /** Schema (PostgreSQL) or database (MySQL). */
  owner: string;
  table: string;
  /** Estimated rows (PostgreSQL `pg_class.reltuples`, MySQL `information_schema.TABLES.TABLE_ROWS`). */
  rows: number;
}

/** Row estimates from the database's statistics (for a plan's cost), read in one statement. */
export interface StatisticsConnector {
  /** The estimates of the tables of `owners`; a table the database keeps none for is left out. */
  tableStatistics(owners: readonly string[]): Promise<TableRowEstimate[]>;
}

/** SQL connectors also run raw, parameterized statements. */
export interface SqlExecutor {
  execute<T extends Row = Row>(
    sql: string,
    params?: readonly unknown[],
    options?: OperationOptions,
  ): Promise<T[]>;
}

/** A connector: data access, plus whichever optional parts its capabilities announce. */
export type Connector = DataAccessConnector &
  Partial<DiscoveryConnector> &
  Partial<MigrationConnector> &
  Partial<StatisticsConnector> &
  Partial<SqlExecutor>;
