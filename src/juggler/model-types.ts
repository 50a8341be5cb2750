/**
 * The contract between the model layer (ModelBuilder, ModelBaseClass, types, validations,
 * hooks: a model that knows no database) and the data layer (DataSource, DAO, relations,
 * inclusion: what attaching a model to a data source adds).
 *
 * Model classes are built at run time from definitions, so their properties cannot be known to
 * the type checker: instances expose discovered properties through an index signature.
 */
import type { ModelTypeName } from './connector/model-type-name.js';
import type {
  ModelDefinition,
  ModelSettings,
  PropertyDefinition,
  RelationDefinition,
} from './model-definition.js';

/** A property definition after ModelBuilder resolved its type. */
export interface ResolvedProperty {
  name: string;
  /** Canonical type name. */
  typeName: ModelTypeName;
  /** The constructor values are coerced with (`String`, `Number`, `Date`, `GeoPoint`, `Text`...). */
  type: Function;
  /** For arrays: the element type name. */
  itemTypeName?: ModelTypeName;
  /** The definition as given (column blocks included). */
  definition: PropertyDefinition;
}

/** The lifecycle hook names of LoopBack's Hookable. */
export type HookName =
  | 'afterInitialize'
  | 'beforeValidate'
  | 'afterValidate'
  | 'beforeCreate'
  | 'afterCreate'
  | 'beforeSave'
  | 'afterSave'
  | 'beforeUpdate'
  | 'afterUpdate'
  | 'beforeDestroy'
  | 'afterDestroy';

/** The lifecycle actions a hook pair surrounds (`before<Action>` / `after<Action>`). */
export type HookAction = 'validate' | 'create' | 'save' | 'update' | 'destroy';

/** Runtime description of a model, kept on the class as `ModelClass.definition`. */
export interface ModelRuntimeDefinition {
  name: string;
  settings: ModelSettings;
  /** Resolved properties in definition order. */
  properties: Record<string, ResolvedProperty>;
  /** Raw relation declarations (JSON form); the data layer turns them into accessors. */
  relations: Record<string, RelationDefinition>;
  /** Id property names sorted by id position. */
  idNames(): string[];
  /** The definition in LoopBack JSON form (what `schema-cache/` stores). */
  toJSON(): ModelDefinition;
}

/** Options of instance construction. */
export interface BuildOptions {
  /** Apply defaults for missing properties (default true). */
  applyDefaultValues?: boolean;
  /** The data came from the database: no defaults, no strict check, instance marked persisted. */
  persisted?: boolean;
  /** Overrides `settings.strict` for this instance. */
  strict?: ModelSettings['strict'];
}

/**
 * A model instance. Declared properties are accessors over `__data`; relation accessors are
 * added by the data layer. The index signature is deliberate: models are discovered at run time.
 */
export interface ModelInstance {
  /** Current property values (coerced). */
  readonly __data: Record<string, unknown>;
  /** Whether the instance was loaded from or saved to the data source. */
  __persisted: boolean;
  /** Validation errors of the last `isValid()` run, keyed by property (LoopBack's `errors`). */
  errors: ValidationErrorsBag | false;
  toObject(onlySchema?: boolean): Record<string, unknown>;
  toJSON(): Record<string, unknown>;
  propertyChanged(propertyName: string): boolean;
  reset(): void;
  /** Synchronous result when no async validation applies; otherwise pass a callback or await the promise form. */
  isValid(callback?: (valid: boolean) => void, data?: unknown): boolean | undefined;
  /** Promise form of validation used by the data layer. Resolves to true when valid. */
  validate(options?: { context?: string }): Promise<boolean>;
  /** Sets several properties (coerced). */
  setAttributes(data: Record<string, unknown>): void;
  // biome-ignore lint/suspicious/noExplicitAny: discovered properties and relation accessors.
  [property: string]: any;
}

/** Per-property validation errors with codes, as LoopBack's `Errors` object. */
export interface ValidationErrorsBag {
  add(property: string, message: string, code: string): void;
  codes: Record<string, string[]>;
  [property: string]: unknown;
}

/**
 * A relation after the data layer resolved it against both models: which properties on each
 * side carry the key. Loaders (Inclusion.include, GraphQL) batch on `keyTo IN (values of keyFrom)`.
 *
 * - belongsTo `track.album`: keyFrom ['albumId'] (on Track), keyTo ['albumId'] (on Album).
 * - hasMany `album.tracks`: keyFrom ['albumId'] (on Album), keyTo ['albumId'] (on Track).
 * - referencesMany `playlist.tracks`: keyFrom ['trackIds'] (an array on Playlist), keyTo ['id'] (on Track);
 *   its inverse hasMany `track.playlists`: keyFrom ['id'] (on Track), keyTo ['trackIds'] (an array on
 *   Playlist, containing the key).
 * - hasManyThrough `playlist.tracks` through PlaylistTrack: keyFrom ['playlistId'] (on Playlist),
 *   throughFrom ['playlistId'] and throughTo ['trackId'] (on PlaylistTrack), keyTo ['trackId'] (on Track).
 */
export interface ResolvedRelation {
  name: string;
  type: 'belongsTo' | 'hasMany' | 'hasOne' | 'hasManyThrough' | 'referencesMany';
  modelFrom: string;
  modelTo: string;
  keyFrom: string[];
  keyTo: string[];
  through?: string;
  throughFrom?: string[];
  throughTo?: string[];
  /** hasMany / hasManyThrough / referencesMany return lists. */
  multiple: boolean;
  /**
   * belongsTo: a database foreign key constraint enforces it (recorded by discovery), so a row
   * whose key is not null always has its related row.
   */
  enforced?: boolean;
  /** Default filter from the relation's `scope`. */
  scope?: import('./filter/filter-types.js').Filter;
  description?: string;
}

/**
 * LoopBack's `options` argument of every DAO method: whatever the caller passes (the request
 * context: caller, claims, a session), handed unchanged, as the same object, to the operation
 * hooks (`ctx.options`), to the reads and writes the method makes on other models (relations,
 * includes, joins) and to the connector (`OperationOptions.options`). `{}` when the caller gives none.
 */
export interface CallOptions {
  /** A connector-specific transaction handle (also passed as `OperationOptions.transaction`). */
  transaction?: unknown;
  [key: string]: unknown;
}

/** Options of DAO reads. */
export interface FindOptions extends CallOptions {
  /**
   * Return plain rows keyed by property name (the connector's values, no model instances, so no
   * `afterInitialize`; operation hooks still run): the fast path the GraphQL layer uses.
   */
  raw?: boolean;
  /**
   * belongsTo, hasMany and hasManyThrough relations to read with the rows (raw rows only), each nested under its
   * relation name: one statement on connectors that join (SQL; lists inside it where the
   * connector nests them), one batched read per relation otherwise.
   */
  join?: readonly JoinSpec[];
}

/**
 * A relation read together with its parent rows (`find(filter, {raw: true, join})`): a belongsTo
 * target nested as one object, or a hasMany or hasManyThrough list (filtered, ordered and paged per parent by
 * `filter`), with the target's properties to read and the target's own joins below it.
 *
 * @example
 * await Track.find({limit: 2, fields: ['name']}, {raw: true, join: [{relation: 'album', fields: ['title'], join: [{relation: 'artist', fields: ['name']}]}]});
 * // [{trackId: 1, name: '...', albumId: 1, album: {albumId: 1, title: '...', artistId: 1, artist: {artistId: 1, name: 'AC/DC'}}}, ...]
 * await Album.find({limit: 2}, {raw: true, join: [{relation: 'tracks', fields: ['name'], filter: {order: 'name ASC', limit: 3}}]});
 * // [{albumId: 1, title: '...', artistId: 1, tracks: [{trackId: 6, name: 'Put The Finger On You', albumId: 1}, ...]}, ...]
 */
export interface JoinSpec {
  /** A belongsTo, hasMany or hasManyThrough relation of the model (unscoped). */
  relation: string;
  /** Target properties to read (its id and keys of nested joins are added); all when undefined. */
  fields?: readonly string[];
  join?: readonly JoinSpec[];
  /** Lists only (hasMany, hasManyThrough): the `where`, `order`, `limit` and `skip` of each parent's list. */
  filter?: Pick<import('./filter/filter-types.js').Filter, 'where' | 'order' | 'limit' | 'skip'>;
}

/** A batched per-parent read at the juggler level (filter validated like `find`'s). */
export interface GroupedFindArgs {
  partitionBy: string[];
  keys: unknown[][];
  filter?: import('./filter/filter-types.js').Filter;
}

/** The operations LoopBack's DataAccessObject notifies observers of (`Model.observe(name, listener)`). */
export type OperationHookName =
  | 'access'
  | 'loaded'
  | 'before save'
  | 'persist'
  | 'after save'
  | 'before delete'
  | 'after delete';

/** What the context of every operation hook carries. */
export interface OperationHookContext {
  /** The model class the operation runs on (`Track.find()` → Track). */
  Model: import('./dao/model-class.js').ModelClass;
  /** One object per operation, shared by all of its hooks (what `before save` leaves, `after save` reads). */
  hookState: Record<string, unknown>;
  /** The options the caller passed, the same object (`{}` when none). */
  options: CallOptions;
}

/**
 * `access`: before every read, and before the reads of updates and deletes by where. Listeners may
 * change `query` or replace it; the read uses the query they leave.
 */
export interface AccessHookContext extends OperationHookContext {
  /** The filter of the read; `where` is always an object, so `ctx.query.where.ownerId = 1` works. */
  query: import('./filter/filter-types.js').Filter & { where: import('./filter/filter-types.js').Where };
}

/** `loaded`: the data the connector returned for one row, before an instance is built from it; listeners may change it. */
export interface LoadedHookContext extends OperationHookContext {
  data: Record<string, unknown>;
  /** true after a create, false after a read or an update. */
  isNewInstance?: boolean;
}

/**
 * `before save` and `after save`: either `instance` (a full save of one instance: create, save,
 * findOrCreate's create) or `where` + `data` (a partial update: updateAll; updateAttributes, which
 * also gives `currentInstance` before the save, read-only).
 */
export interface SaveHookContext extends OperationHookContext {
  /** The instance saved (changes made in `before save` are written). */
  instance?: ModelInstance;
  /** The instance a partial update applies to; treat it as read-only. */
  currentInstance?: ModelInstance;
  /** Which rows a partial update changes. */
  where?: import('./filter/filter-types.js').Where;
  /** The changes of a partial update (changes made in `before save` are written). */
  data?: Record<string, unknown>;
  /** true for a create, false for an update of one instance; undefined where LoopBack cannot tell (updateAll, before save of save). */
  isNewInstance?: boolean;
  /** `after save` of updateAll: the connector's `{count}`. */
  info?: { count: number };
}

/** `persist`: the values about to be sent to the connector (property → value); listeners may change them. */
export interface PersistHookContext extends OperationHookContext {
  data: Record<string, unknown>;
  /** The instance saved, when one is (create, save, updateAttributes). */
  currentInstance?: ModelInstance;
  /** Which rows an update changes. */
  where?: import('./filter/filter-types.js').Where;
  isNewInstance?: boolean;
}

/** `before delete` and `after delete`: which rows (listeners of `before delete` may change `where`). */
export interface DeleteHookContext extends OperationHookContext {
  where: import('./filter/filter-types.js').Where;
  /** The instance deleted, for `instance.destroy()`. */
  instance?: ModelInstance;
  /** `after delete`: the connector's `{count}`. */
  info?: { count: number };
}

/** The context type of each operation hook. */
export interface OperationHookContexts {
  access: AccessHookContext;
  loaded: LoadedHookContext;
  'before save': SaveHookContext;
  persist: PersistHookContext;
  'after save': SaveHookContext;
  'before delete': DeleteHookContext;
  'after delete': DeleteHookContext;
}

/** The `next` callback of an operation hook listener: call it once, with an error to abort the operation. */
export type ObserverNext = (err?: unknown) => void;

/**
 * An operation hook listener: `async (ctx) => {...}` (done when its Promise settles), or
 * `(ctx, next) => {...; next()}` (done when it calls `next`). A listener declaring fewer than two
 * parameters that returns no Promise is done when it returns. An error (thrown, rejected or passed
 * to `next`) aborts the operation.
 */
export type OperationObserver<C = OperationHookContext> = (ctx: C, next: ObserverNext) => unknown;
