/**
 * The one interface every connector implements (memory, postgresql, mysql, mongodb), so that a
 * new database is added by writing a folder, not by patching the juggler.
 *
 * Layers: the juggler validates and normalizes filters and coerces values, then calls the
 * connector with a `ConnectorModel` (names already resolved to tables and columns) and a
 * `NormalizedFilter`. Rows travel keyed by *property* name in the juggler's value
 * representation (see `ModelValue` below); mapping to columns and driver types is the
 * connector's job.
 */
import type {
  CatalogSnapshot,
  DiscoveryOptions,
  ForeignKeyRow,
  ModelDefinitionRow,
  PrimaryKeyRow,
  PropertyRow,
} from '../juggler/discovery/discovery-types.js';
import type { NormalizedFilter, OrderClause, WhereNode } from '../juggler/filter/filter-types.js';
import type { ModelSettings } from '../juggler/model-definition.js';

/**
 * A row keyed by property name. Values use the juggler's representation:
 * String/Text → string; Number → number; BigInt and Decimal → exact decimal string;
 * Boolean → boolean; Date → Date; DateString → 'YYYY-MM-DD'; Buffer → Buffer;
 * Object/JSON/Any → plain JSON value; Array → array; GeoPoint → {lat, lng}.
 */
export type Row = Record<string, unknown>;

/** The canonical model type names the juggler resolves every property type to. */
export type ModelTypeName =
  | 'String'
  | 'Text'
  | 'Number'
  | 'BigInt'
  | 'Decimal'
  | 'Boolean'
  | 'Date'
  | 'DateString'
  | 'Buffer'
  | 'Array'
  | 'Object'
  | 'JSON'
  | 'Any'
  | 'GeoPoint';

/** What a connector needs to know about one property. */
export interface ConnectorProperty {
  /** Property name (the key in rows). */
  name: string;
  /** Column (or document field) name. */
  column: string;
  type: ModelTypeName;
  /** For `Array`: the element type. */
  itemType?: ModelTypeName;
  /** The database type from the column block (`numeric`, `int8`, `jsonb`...), when known. */
  dataType?: string;
  /** 1-based position in the (possibly composite) id, or undefined. */
  idIndex?: number;
  /** The database generates the value (identity, serial, auto_increment, generated column). */
  generated: boolean;
  nullable: boolean;
  /** The column cannot be written (a generated column, a property declared `readOnly`). */
  readOnly?: boolean;
  /** Maximum length of a string column (`varchar(length)`), when the definition gives one. */
  length?: number | null;
  /** Numeric precision (`numeric(precision, scale)`), when the definition gives one. */
  precision?: number | null;
  /** Numeric scale, when the definition gives one. */
  scale?: number | null;
}

/** What a connector needs to know about one model, names already resolved. */
export interface ConnectorModel {
  name: string;
  /** Table, view or collection name. */
  table: string;
  /** Schema (PostgreSQL), database (MySQL) or undefined for the connection's default. */
  schema?: string;
  /** Properties in definition order. */
  properties: readonly ConnectorProperty[];
  /** Lookup by property name. */
  propertyByName: ReadonlyMap<string, ConnectorProperty>;
  /** Id property names in id order (composite ids have several). */
  idProperties: readonly string[];
  readOnly: boolean;
  settings: ModelSettings;
}

/** Per-call options. */
export interface OperationOptions {
  /** A connector-specific transaction handle. */
  transaction?: unknown;
}

/**
 * Batched read for relations: rows of `model` whose `partitionBy` properties match one of
 * `keys`, with `filter.order/limit/skip` applied *per partition* (a window function in SQL),
 * all in one statement. This is how `Inclusion.include` and the GraphQL loaders fetch a
 * paginated hasMany for many parents at once.
 *
 * @example
 * // artist.albums(limit: 2) for artists 1 and 2:
 * // SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY artist_id ORDER BY album_id) AS rn
 * //   FROM album WHERE artist_id = ANY($1)) t WHERE rn <= 2
 */
export interface GroupedFindRequest {
  partitionBy: readonly string[];
  /** One tuple per parent, aligned with `partitionBy`. */
  keys: readonly (readonly unknown[])[];
  filter: NormalizedFilter;
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
  /** `findGrouped` runs in one statement. */
  groupedFind: boolean;
  /** Native case-insensitive like (`ilike`); otherwise the compiler emulates it. */
  ilike: boolean;
  regexp: boolean;
  /**
   * `findJoined` reads hasMany lists (`JoinRequest.list`) inside the parents' statement (PostgreSQL:
   * one JSON array per parent row). Without it, such lists cost one more statement per level.
   */
  nestedLists: boolean;
}

/** Result of a write that touches many rows. */
export interface CountResult {
  count: number;
}

/** The data access half of the interface. Every connector implements all of it. */
export interface DataAccessConnector {
  /** `'memory' | 'postgresql' | 'mysql' | 'mongodb'`: also the key of column blocks in definitions. */
  readonly name: string;
  readonly capabilities: ConnectorCapabilities;

  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** Resolves when the database answers a trivial statement; rejects with a DatabaseError otherwise. */
  ping(): Promise<void>;

  /** Table name used when a model has no connector block (`Track` → `track` for PostgreSQL). */
  defaultTableName(modelName: string): string;
  /** Column name used when a property has no connector block. */
  defaultColumnName(propertyName: string): string;

  /** Inserts one row; resolves to the stored row including generated keys and defaults. */
  create(model: ConnectorModel, data: Row, options?: OperationOptions): Promise<Row>;
  /** Inserts or, when a row with the same id exists, updates it; resolves to the stored row. */
  upsert(model: ConnectorModel, data: Row, options?: OperationOptions): Promise<Row>;
  find(model: ConnectorModel, filter: NormalizedFilter, options?: OperationOptions): Promise<Row[]>;
  /** See `GroupedFindRequest`. */
  findGrouped(model: ConnectorModel, request: GroupedFindRequest, options?: OperationOptions): Promise<Row[]>;
  count(model: ConnectorModel, where: WhereNode | undefined, options?: OperationOptions): Promise<number>;
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

  /** Subscribes to every statement sent; returns the unsubscribe function. */
  observeStatements(listener: (event: StatementEvent) => void): () => void;
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
  Partial<SqlExecutor>;

/**
 * A belongsTo target to read in the same statement as its parent rows (a LEFT JOIN in SQL),
 * returned as a nested object under `as` in each row: null when the parent's key is null or
 * matches no row. `to` must identify at most one target row (the target's id, as belongsTo has it).
 *
 * @example
 * // tracks with their genre: {trackId: 1, name: 'For Those About To Rock', genre: {genreId: 1, name: 'Rock'}}
 * {as: 'genre', model: Genre, from: ['genreId'], to: ['genreId'], fields: ['genreId', 'name']}
 */
export interface JoinRequest {
  /** The key of the nested object in each parent row (the relation name). */
  as: string;
  /** The target model. */
  model: ConnectorModel;
  /** Properties of the parent holding the key, aligned with `to`. */
  from: readonly string[];
  /** Properties of the target the key references. */
  to: readonly string[];
  /** Target properties to read (the `to` properties are always read too); all when undefined. */
  fields?: readonly string[];
  /** belongsTo targets (and hasMany lists) of the target, nested the same way (any depth). */
  join?: readonly JoinRequest[];
  /**
   * Present for a hasMany: the parent row gets the list of target rows whose `to` properties
   * equal its `from` properties (filtered, ordered and paged per parent as given) instead of one
   * target object.
   */
  list?: ListJoin;
}

/** The per-parent filter of a hasMany read with its parents (`JoinRequest.list`). */
export interface ListJoin {
  where?: WhereNode;
  order?: OrderClause[];
  limit?: number;
  skip?: number;
}

/** Connectors that read belongsTo targets together with their parents in one statement (SQL). */
export interface JoinConnector {
  /** `find` with the `joins` targets nested in each row (see `JoinRequest`), in one statement. */
  findJoined(
    model: ConnectorModel,
    filter: NormalizedFilter,
    joins: readonly JoinRequest[],
    options?: OperationOptions,
  ): Promise<Row[]>;
  /** `findGrouped` with the `joins` targets nested in each row, in one statement. */
  findGroupedJoined(
    model: ConnectorModel,
    request: GroupedFindRequest,
    joins: readonly JoinRequest[],
    options?: OperationOptions,
  ): Promise<Row[]>;
}

/** Whether a connector reads joined belongsTo targets itself (otherwise callers fetch them apart). */
export function canJoin<T extends DataAccessConnector>(connector: T): connector is T & JoinConnector {
  const candidate = connector as T & Partial<JoinConnector>;
  return typeof candidate.findJoined === 'function' && typeof candidate.findGroupedJoined === 'function';
}

/** Connector settings given to `new DataSource(name, settings)`. */
export interface ConnectorSettings {
  url?: string;
  host?: string;
  port?: number;
  user?: string;
  username?: string;
  password?: string;
  database?: string;
  /** Default schema/owner for discovery and unqualified tables. */
  schema?: string;
  /** Pool size. */
  max?: number;
  debug?: boolean;
  [key: string]: unknown;
}

/** A module that creates connectors, registered by name (`'postgresql'`, `'mysql'`). */
export interface ConnectorFactory {
  readonly name: string;
  create(settings: ConnectorSettings): Connector;
}

/** Order clauses re-exported for connector authors. */
export type { NormalizedFilter, OrderClause, WhereNode };
