/**
 * The LoopBack model definition format: what `discoverSchemas` produces, what
 * `ModelBuilder.buildModels` consumes, and what `schema-cache/` stores as JSON.
 *
 * @example
 * {
 *   name: 'InvoiceLine',
 *   options: {
 *     idInjection: false,
 *     postgresql: { schema: 'public', table: 'invoice_line' },
 *     relations: { track: { model: 'Track', type: 'belongsTo', foreignKey: 'trackId' } },
 *   },
 *   properties: {
 *     invoiceLineId: { type: 'Number', required: true, id: 1, discograph: { integer: { bits: 32, signed: true } }, postgresql: { columnName: 'invoice_line_id', dataType: 'integer', nullable: 'NO' } },
 *     unitPrice: { type: 'Decimal', required: true, precision: 10, scale: 2, postgresql: { columnName: 'unit_price', dataType: 'numeric', dataPrecision: 10, dataScale: 2, nullable: 'NO' } },
 *   },
 * }
 */

/** A property type: a constructor (`String`, `Date`, `GeoPoint`), a type name (`'string'`, `'Text'`), or `[T]` for arrays. */
export type PropertyType = Function | string | [PropertyType] | [];

/** The per-connector column block kept on a discovered property (`postgresql: {...}`, `mysql: {...}`). */
export interface ColumnMetadata {
  columnName: string;
  dataType?: string;
  dataLength?: number | null;
  dataPrecision?: number | null;
  dataScale?: number | null;
  /** LoopBack spells this `'YES'`/`'NO'`; booleans are accepted too. */
  nullable?: 'YES' | 'NO' | boolean;
  /** Discograph extensions that LoopBack forgets (see discovery-types.ts for their meaning). */
  default?: string | null;
  generated?: 'identity' | 'serial' | 'auto_increment' | 'stored' | 'virtual' | null;
  udtName?: string;
  /** A BEFORE INSERT trigger assigns the column: the database supplies the value, as with a default. */
  filledByTrigger?: boolean;
  /** A text column's character set when it cannot hold every character (MySQL's `utf8mb3`, `latin1`). */
  characterSet?: string;
  [key: string]: unknown;
}

/** The range of a whole-number property: a `signed` or unsigned integer of `bits` bits (see model/integer-width.ts). */
export interface IntegerWidth {
  bits: number;
  signed: boolean;
}

/**
 * Discograph's own block on a property (`discograph: {...}`): facts discovery records that
 * LoopBack has no field for, and LoopBack ignores.
 */
export interface DiscographPropertyFacts {
  /** Every value is a whole number of this width (see model/integer-width.ts). */
  integer?: IntegerWidth;
  /**
   * The named database enum type the property's values come from (PostgreSQL `create type ... as
   * enum`): properties naming the same type share one GraphQL enum. Absent for MySQL's per-column enums.
   */
  enumType?: { owner: string; name: string };
}

/**
 * The shape of the embedded documents a property holds (document stores): an embedded model type,
 * as LoopBack's anonymous nested models are, with properties of its own (field names kept as
 * written). Its values stay plain objects (`type` is `Object` or `[Object]`); connectors convert
 * the fields by these definitions, GraphQL gives it an object type and a where input.
 *
 * @example
 * // invoice.lines: [{invoiceLineId: 1, trackId: ObjectId(...), unitPrice: Decimal128('0.99')}]
 * { type: ['Object'], required: true, embedded: { properties: {
 *     invoiceLineId: { type: 'Number', required: true, mongodb: { columnName: 'invoiceLineId', dataType: 'int' } },
 *     trackId: { type: 'String', required: true, mongodb: { columnName: 'trackId', dataType: 'objectId' } } } } }
 */
export interface EmbeddedModelDefinition {
  properties: Record<string, PropertyDefinition>;
  /**
   * belongsTo relations from the embedded documents to models (`invoice.lines[].trackId` → Track:
   * `{track: {type: 'belongsTo', model: 'Track', foreignKey: 'trackId'}}`), keyed to the target's id.
   */
  relations?: Record<string, RelationDefinition>;
}

/** One property of a model, in LoopBack's long form. */
export interface PropertyDefinition {
  type: PropertyType;
  /** Element type for arrays when `type` is `'Array'`. */
  itemType?: PropertyType;
  required?: boolean;
  /** `true` or the 1-based position within a composite id. */
  id?: boolean | number;
  /** The value is produced by the database (identity, serial, auto_increment, generated column). */
  generated?: boolean;
  /** A value, or a function returning one, applied when an instance is built without the property. */
  default?: unknown;
  length?: number | null;
  precision?: number | null;
  scale?: number | null;
  index?: boolean | { unique?: boolean };
  /** LoopBack's older spelling of the maximum length. */
  limit?: number;
  description?: string;
  /** Values of a database enum; become an inclusion validation and a GraphQL enum. */
  enum?: string[];
  /** Read-only (views, generated columns). */
  readOnly?: boolean;
  hidden?: boolean;
  postgresql?: ColumnMetadata;
  mysql?: ColumnMetadata;
  mongodb?: { fieldName?: string; [key: string]: unknown };
  /** Discograph's own facts (the integer width of an integer column). */
  discograph?: DiscographPropertyFacts;
  /** The embedded model type of the documents the property holds (document stores). */
  embedded?: EmbeddedModelDefinition;
  [key: string]: unknown;
}

/**
 * LoopBack relation kinds supported by the juggler. `referencesMany`: this model's array property
 * (`foreignKey`, `playlist.trackIds`) holds the keys of the targets, in order; its inverse is a
 * hasMany whose `foreignKey` is that array property (a target's rows are those whose array
 * contains its key).
 */
export type RelationType = 'belongsTo' | 'hasMany' | 'hasOne' | 'hasManyThrough' | 'referencesMany';

/** A relation in `options.relations` (LoopBack JSON form). */
export interface RelationDefinition {
  type: RelationType;
  /** Target model name. */
  model: string;
  /**
   * On belongsTo: the property of this model holding the target's key.
   * On referencesMany: the array property of this model holding the targets' keys.
   * On hasMany/hasOne: the property of the target model pointing back at this model.
   * On hasManyThrough: the property of the through model pointing at this model.
   * Composite keys list several properties, in key order.
   */
  foreignKey: string | string[];
  /** The key on the other side that `foreignKey` references (defaults to its id). */
  primaryKey?: string | string[];
  /** hasManyThrough: the join model. */
  through?: string;
  /** hasManyThrough: the property of the through model pointing at the target model. */
  keyThrough?: string | string[];
  /** A default filter applied to the relation (`{order: 'name'}`). */
  scope?: Record<string, unknown>;
  description?: string;
  /**
   * Discograph's own facts, which LoopBack ignores: on a discovered belongsTo, the database
   * foreign key constraint that enforces it (`{constraint: 'album_artist_id_fkey'}`), so a row
   * whose key is NOT NULL always has its related row.
   */
  discograph?: { constraint?: string };
  [key: string]: unknown;
}

/** A connector's table block in model options (`postgresql: {schema, table}`, `mysql: {schema, table}`). */
export interface TableMetadata {
  schema?: string;
  table?: string;
  /** `'table' | 'view' | 'materialized_view' | 'partitioned_table' | 'foreign_table'` */
  kind?: string;
  description?: string;
  [key: string]: unknown;
}

/** Model settings (`options` in JSON, `settings` on `define`). */
export interface ModelSettings {
  idInjection?: boolean;
  /** `true` (reject unknown properties), `false` (keep them), `'filter'` (drop them silently), `'throw'`. */
  strict?: boolean | 'filter' | 'throw' | 'validate';
  plural?: string;
  description?: string;
  /** Discovered from a view or a materialized view: no writes. */
  readOnly?: boolean;
  relations?: Record<string, RelationDefinition>;
  postgresql?: TableMetadata;
  mysql?: TableMetadata;
  mongodb?: { collection?: string; [key: string]: unknown };
  /** Validations declared in JSON, applied by ModelBuilder (see validation/). */
  validations?: ValidationDeclaration[];
  [key: string]: unknown;
}

/** A validation declared in a model definition rather than in code. */
export interface ValidationDeclaration {
  kind:
    | 'presence'
    | 'absence'
    | 'length'
    | 'numericality'
    | 'inclusion'
    | 'exclusion'
    | 'format'
    | 'uniqueness';
  property: string;
  options?: Record<string, unknown>;
}

/** A whole model definition in LoopBack's JSON format. */
export interface ModelDefinition {
  name: string;
  /** Base model name, e.g. `'PersistedModel'`; informational. */
  base?: string;
  options?: ModelSettings;
  properties: Record<string, PropertyDefinition>;
}
