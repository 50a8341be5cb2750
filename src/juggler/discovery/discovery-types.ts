/**
 * Neutral discovery rows, in the shapes the LoopBack spec documents, plus the extra facts a
 * GraphQL API needs (defaults, identity, comments, unique/check constraints, enum values).
 * Every relational connector produces these rows from its catalog; the shared code in this
 * folder turns them into model definitions. Nothing here knows a database.
 */

/** Options of the discovery calls (`owner` and `schema` are synonyms). */
export interface DiscoveryOptions {
  owner?: string;
  schema?: string;
  /** Include every owner/schema, not only the current one. */
  all?: boolean;
  /** Include views (and materialized views). */
  views?: boolean;
  limit?: number;
  offset?: number;
}

/** Options of `discoverSchema(s)` and `discoverAndBuildModels`. */
export interface DiscoverSchemasOptions extends DiscoveryOptions {
  /** Follow foreign keys to the tables they reference (and, with `associations`, back). */
  relations?: boolean;
  /** Build relations (belongsTo/hasMany/hasManyThrough) and discover the related tables too. */
  associations?: boolean;
  /** Already-visited tables (`{ 'public.track': definition }`), shared across recursive calls. */
  visited?: Record<string, unknown>;
  /** Override naming: table name → model name, column name → property name. */
  nameMapper?: NameMapper;
  /** Keep property names as the column names (`true`), or camelCase them (default). */
  disableCamelCase?: boolean;
}

/** Maps database names to model and property names; the default is LoopBack's. */
export interface NameMapper {
  modelName?(tableName: string, owner: string): string;
  propertyName?(columnName: string, tableName: string, owner: string): string;
}

/** `discoverModelDefinitions` row. */
export interface ModelDefinitionRow {
  type: 'table' | 'view';
  name: string;
  owner: string;
  /** Discograph extension: the precise kind. */
  kind?: 'table' | 'view' | 'materialized_view' | 'partitioned_table' | 'foreign_table';
  /** Discograph extension: the table comment. */
  description?: string | null;
}

/** `discoverModelProperties` row (spec fields first, then Discograph's extensions). */
export interface PropertyRow {
  owner: string;
  tableName: string;
  columnName: string;
  dataType: string;
  dataLength: number | null;
  dataPrecision: number | null;
  dataScale: number | null;
  nullable: boolean;
  /** 1-based column position. */
  position: number;
  /** The column default as SQL text, or null. */
  columnDefault: string | null;
  /** How the database generates the value, if it does. */
  generated: 'identity' | 'serial' | 'auto_increment' | 'stored' | 'virtual' | null;
  /** For generated columns (`stored`/`virtual`): the expression as SQL text. */
  generationExpression?: string | null;
  /** The column comment. */
  description: string | null;
  /** Database-specific type name (`int4`, `_text`, `mood`, `varchar(20)` ...). */
  udtName: string | null;
  /** Values when the column is an enum (or a MySQL `set`). */
  enumValues: string[] | null;
  /**
   * The named enum type of the column (PostgreSQL's `create type mood as enum (...)`; of its
   * elements for an array), which every column of that type shares. MySQL/MariaDB enums are
   * declared per column and have none.
   */
  enumType?: EnumTypeName;
  /** Element type for array columns (`text` for `text[]`). */
  arrayElementType: string | null;
  /** When the column's type is a domain: the domain name (dataType is then the base type). */
  domainName: string | null;
  /** Check constraint expressions that involve only this column (including domain checks). */
  checks: string[];
  /** The view or generated column cannot be written. */
  updatable: boolean;
  /** MySQL/MariaDB: the character set of a text column that cannot hold every character (`utf8mb3`, `latin1`). */
  characterSet?: string;
  /** A BEFORE INSERT trigger assigns the column (PostgreSQL: read from the trigger's function): not required on create. */
  filledByTrigger?: boolean;
  /**
   * Document stores: the fields of the embedded documents the column holds (its object, or the
   * objects of its array), as rows of their own (`columnName` is the field's name inside the
   * embedded document, `nullable` whether some embedded document lacks it). Discovery makes them
   * an embedded model type (`PropertyDefinition.embedded`).
   */
  fields?: PropertyRow[];
}

/** A named database enum type: its schema (owner) and name. */
export interface EnumTypeName {
  owner: string;
  name: string;
}

/** `discoverPrimaryKeys` row. */
export interface PrimaryKeyRow {
  owner: string;
  tableName: string;
  columnName: string;
  keySeq: number;
  pkName: string | null;
}

/** `discoverForeignKeys` / `discoverExportedForeignKeys` row. */
export interface ForeignKeyRow {
  fkOwner: string;
  fkName: string | null;
  fkTableName: string;
  fkColumnName: string;
  keySeq: number;
  pkOwner: string;
  pkName: string | null;
  pkTableName: string;
  pkColumnName: string;
  /**
   * Discograph extension: `false` when the constraint does not guarantee that the referenced row
   * exists and can be read (PostgreSQL: added `NOT VALID`, or row-level security on the referenced
   * table; MongoDB: a reference inferred from the data); absent otherwise.
   */
  enforced?: false;
}

/** A unique constraint or unique index (Discograph extension). */
export interface UniqueConstraintRow {
  owner: string;
  tableName: string;
  name: string;
  columns: string[];
}

/** A check constraint (Discograph extension). */
export interface CheckConstraintRow {
  owner: string;
  tableName: string;
  name: string;
  expression: string;
  columns: string[];
}

/** Everything discovered about one table or view. */
export interface CatalogTable {
  owner: string;
  name: string;
  kind: NonNullable<ModelDefinitionRow['kind']>;
  description: string | null;
  columns: PropertyRow[];
  primaryKey: PrimaryKeyRow[];
  foreignKeys: ForeignKeyRow[];
  uniqueConstraints: UniqueConstraintRow[];
  checkConstraints: CheckConstraintRow[];
}

/**
 * A whole schema (or several), read in a small constant number of catalog queries.
 * Tables are sorted by owner then name; columns by position; keys by keySeq.
 */
export interface CatalogSnapshot {
  /** Connector name: `'postgresql'`, `'mysql'`. Used as the column/table block key in definitions. */
  connector: string;
  /** Database name. */
  database: string;
  /** Owners (schemas) covered. */
  owners: string[];
  /**
   * The owner the calls use when options name none (PostgreSQL's `current_schema()`, MySQL's
   * database), so that the `...Sync` calls answer like the async ones from a cached snapshot.
   */
  defaultOwner?: string;
  tables: CatalogTable[];
  /** How many SQL statements the read took (for the benchmark). */
  statementCount: number;
}
