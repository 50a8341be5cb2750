/**
 * What a connector-contract suite (test/connectors/suites/) knows about the connector it runs on:
 * how to get a fresh data source, the capabilities the connector declares, and the harness-level
 * facts the suites branch on. Adding a connector to the suites is writing one harness and one
 * `<connector>.test.ts` that runs every suite with it (a MongoDB harness implements the same).
 *
 * Suites reach the connector only through the DataSource and its models (the juggler's DAO), the
 * most stable surface: the connector interface itself is free to change under them.
 */
import type { DataSource } from '../../../src/juggler/datasource.js';

/** The connector's declared capability flags (`dataSource.connector.capabilities`). */
export type ConnectorCapabilities = NonNullable<DataSource['connector']>['capabilities'];

/** A row keyed by property name, as `find(filter, {raw: true})` gives it. */
export type Row = Record<string, unknown>;

/** A transaction begun by a harness: `handle` goes into DAO calls as `options.transaction`. */
export interface HarnessTransaction {
  readonly handle: unknown;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** Transactions, on connectors that have them. */
export interface TransactionAccess {
  begin(dataSource: DataSource): Promise<HarnessTransaction>;
}

/** Raw SQL and connection details, on SQL connectors (for the SQL-only tests in test/sql/). */
export interface SqlAccess {
  /** Runs raw SQL through the data source's connector (the dialect's placeholders). */
  execute(dataSource: DataSource, sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** The placeholder of the 1-based parameter `index` in raw SQL (`$1` or `?`). */
  placeholder(index: number): string;
  /** Quotes an identifier for raw SQL. */
  quote(name: string): string;
  /** A statement that sleeps for `seconds`. */
  sleep(seconds: number): string;
  /** The port the test server listens on. */
  readonly port: number;
  /** A URL of the test host with the given credentials, port and database. */
  url(options: { user: string; password: string; port: number; database?: string }): string;
  /** The URL of a database that does not exist on the test server. */
  missingDatabaseUrl(): string;
}

/** One connector as the suites see it. */
export interface ConnectorHarness {
  /** The connector name, also the key of its table and column blocks in model definitions. */
  readonly name: 'memory' | 'postgresql' | 'mysql' | 'mongodb';
  readonly capabilities: ConnectorCapabilities;
  /**
   * The connector reads joined relations with their parents in one statement (`find(filter, {raw:
   * true, join})`); otherwise the juggler reads each relation level in one batched call.
   */
  readonly joins: boolean;
  /** The database checks values against column types (string lengths, integer ranges); memory stores any value. */
  readonly typedColumns: boolean;
  /**
   * The ids of a model's single id property: `serial` (any value is stored as given; generated ids
   * count 1, 2, 3 … in insertion order: SQL serials, memory) or `objectId` (MongoDB: a generated
   * `_id` is an ObjectId, and the test server, CongoDB, stores no other kind of `_id`). Fixtures
   * declare ids and the keys that hold them, and suites give and expect ids, through
   * `fixtureIds(harness)` (fixture-ids.ts), so every fixture row is found by its id on either.
   */
  readonly ids: 'serial' | 'objectId';
  /**
   * The database enforces unique indexes (a composite id's included). False on CongoDB, which lists
   * them but accepts duplicates: the tests of those violations run only on a real MongoDB.
   */
  readonly uniqueIndexes: boolean;
  /**
   * The database refuses a null in a required property written without validation (NOT NULL
   * columns; the memory connector checks it). MongoDB keeps what a document holds.
   */
  readonly notNull: boolean;
  /** Transactions, or undefined when the connector has none. */
  readonly transactions: TransactionAccess | undefined;
  /** Raw SQL, or undefined when the connector does not speak SQL. */
  readonly sql: SqlAccess | undefined;
  /**
   * A connected data source on a fresh, empty database (SQL: `<testName>` plus a connector
   * suffix, dropped first if it exists; memory: a new data source).
   */
  createDataSource(testName: string, settings?: Record<string, unknown>): Promise<DataSource>;
  /** Drops the database `createDataSource(testName)` made (nothing to do for memory). */
  dropDatabase(testName: string): Promise<void>;
}
