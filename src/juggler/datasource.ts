/**
 * LoopBack's DataSource: one connector (and connection) shared by the models attached to it.
 * `define`/`createModel` = ModelBuilder.define + the DataAccessObject mixin + attach; naming
 * (`tableName`, `columnName` ...) through the connector; migration and discovery delegated to the
 * connector's optional halves. Every asynchronous method has the Promise form and, where the spec
 * shows one, the callback form (a trailing function).
 *
 * @example
 * const ds = new DataSource('memory');
 * const User = ds.define('User', {name: String, email: {type: String, index: true}});
 * ds.on('connected', () => {});
 * await User.create({name: 'Ann'});
 */
import { EventEmitter } from 'node:events';
import type { CallbackifiedFunction } from './compat/callback.js';
import type { Connector, MigrationConnector } from './connector/connector.js';
import type { ConnectorModel } from './connector/connector-model.js';
import { createConnector, getLoadedConnectorFactory, isConnector } from './connector/connector-registry.js';
import { resolveConnectorModel } from './connector/resolve-connector-model.js';
import { DataAccessModel, mixinDao } from './dao/mixin.js';
import type { DataSourceLike, ModelClass } from './dao/model-class.js';
import type { ModelNames } from './datasource/async-methods.js';
import { installAsyncMethods, installSyncDiscoveryMethods } from './datasource/async-methods.js';
import {
  type ConnectorSpec,
  type DataSourceSettings,
  parseDataSourceArgs,
} from './datasource/datasource-settings.js';
import { defineModelsLazily, type LazyModelsResult } from './datasource/lazy-models.js';
import { DAO_OPERATIONS, type OperationMetadata, OperationRegistry } from './datasource/operations.js';
import type {
  DiscoverSchemasOptions,
  DiscoveryOptions,
  ForeignKeyRow,
  ModelDefinitionRow,
  PrimaryKeyRow,
  PropertyRow,
} from './discovery/discovery-types.js';
import {
  DiscographError,
  InvalidArgumentError,
  OperationNotSupportedError,
  UnknownNameError,
} from './errors.js';
import { didYouMean } from './filter/suggest.js';
import { columnBlockOf } from './model/model-facts.js';
import {
  type DefineSettings,
  ModelBuilder,
  type PropertiesInput,
  type SchemaInput,
} from './model-builder.js';
import type { ModelDefinition } from './model-definition.js';
import type { ModelRuntimeDefinition } from './model-types.js';
import { nameTable } from './name-table.js';
import { defineForeignKeyProperty, defineWaitingForeignKeys } from './relations/define-foreign-keys.js';

export type { ConnectorSpec, DataSourceSettings } from './datasource/datasource-settings.js';
export type { LazyModelsResult, ModelOutline } from './datasource/lazy-models.js';
export type { OperationMetadata } from './datasource/operations.js';

type MigrationMethod = keyof MigrationConnector;

/** A data source: a connector, its connection, and the models attached to it. */
export class DataSource extends EventEmitter implements DataSourceLike {
  /** The data source name (settings.name, else the connector name). */
  readonly name: string;
  /** The canonical connector name ('memory', 'postgresql', 'mysql'...). */
  readonly connectorName: string;
  readonly settings: DataSourceSettings;
  /** The connector; undefined only while a lazily imported connector module loads. */
  connector: Connector | undefined;
  /** Whether the connector is connected. */
  connected = false;
  /** Whether a connection attempt is under way. */
  connecting = false;
  /** The builder that `define` uses. */
  readonly modelBuilder: ModelBuilder;
  /** Attached model classes keyed by model name. */
  readonly models: Record<string, ModelClass> = nameTable();
  /** Definitions of the attached models keyed by model name. */
  readonly definitions: Record<string, ModelRuntimeDefinition> = nameTable();
  private readonly spec: ConnectorSpec;
  private connection: Promise<void> | undefined;
  private readonly registry = new OperationRegistry();

  /** `new DataSource('memory')`, `new DataSource('postgresql', settings)`, `new DataSource({connector, ...settings})`. */
  constructor(nameOrSettings?: ConnectorSpec | DataSourceSettings, settings?: DataSourceSettings) {
    super();
    const parsed = parseDataSourceArgs(nameOrSettings, settings);
    this.name = parsed.name;
    this.connectorName = parsed.connectorName;
    this.settings = parsed.settings;
    this.spec = parsed.spec;
    this.modelBuilder = new ModelBuilder();
    if (isConnector(this.spec)) this.connector = this.spec;
    else {
      const factory = typeof this.spec === 'string' ? getLoadedConnectorFactory(this.spec) : this.spec;
      if (factory) this.connector = factory.create(this.settings);
    }
    for (const [operation, remoteEnabled] of DAO_OPERATIONS)
      this.registry.define(operation, { remoteEnabled });
    // Connect at once, as LoopBack does; failures surface as 'error' events and on the next call.
    this.open().catch(() => {});
  }

  private open(): Promise<void> {
    if (this.connected) return Promise.resolve();
    this.connection ??= this.establish();
    return this.connection;
  }

  private async establish(): Promise<void> {
    this.connecting = true;
    try {
      this.connector ??= await createConnector(this.spec, this.settings);
      await this.connector.connect();
      this.connected = true;
      this.emit('connected');
    } catch (error) {
      this.connection = undefined;
      if (this.listenerCount('error') > 0) this.emit('error', error);
      throw error;
    } finally {
      this.connecting = false;
    }
  }

  /**
   * Without arguments: a Promise resolved once connected. With `(obj, args, method)` (LoopBack's
   * form; `args.callee` is used when `method` is omitted): false when already connected;
   * otherwise queues `method.apply(obj, args)` until the connection is up (or calls the trailing
   * callback in `args` with the connection error) and returns true.
   */
  ready(): Promise<void>;
  ready(obj: object, args: ArrayLike<unknown>, method?: Function): boolean;
  ready(obj?: object, args?: ArrayLike<unknown>, method?: Function): Promise<void> | boolean {
    if (obj === undefined) return this.open();
    if (this.connected) return false;
    const list = Array.from(args ?? []);
    const fn = method ?? (args as { callee?: Function } | undefined)?.callee;
    if (typeof fn !== 'function') {
      throw new InvalidArgumentError('ready(obj, args, method) needs the method to call once connected');
    }
    this.open().then(
      () => fn.apply(obj, list),
      (error: unknown) => {
        const callback = list[list.length - 1];
        if (typeof callback === 'function') callback(error);
      },
    );
    return true;
  }

  /** Defines a model class on this data source (ModelBuilder.define + DAO + attach). */
  define(className: string, properties: PropertiesInput = {}, settings: DefineSettings = {}): ModelClass {
    return this.attach(this.modelBuilder.defineFrom(DataAccessModel, className, properties, settings));
  }

  /** Same as `define`. */
  createModel(
    className: string,
    properties: PropertiesInput = {},
    settings: DefineSettings = {},
  ): ModelClass {
    return this.define(className, properties, settings);
  }

  /** Adds the DataAccessObject methods to a model class. */
  mixin(ModelCtor: Function): void {
    mixinDao(ModelCtor as unknown as ModelClass);
  }

  /** Attaches an existing model class: DAO methods, relations from its settings, and this data source. */
  attach(modelClass: Function): ModelClass {
    const Model = modelClass as unknown as ModelClass;
    Object.defineProperty(Model, 'dataSource', {
      value: this,
      writable: true,
      configurable: true,
      enumerable: false,
    });
    this.models[Model.modelName] = Model;
    this.definitions[Model.modelName] = Model.definition;
    const builderModels = this.modelBuilder.models as Record<string, unknown>;
    builderModels[Model.modelName] ??= Model;
    mixinDao(Model);
    defineWaitingForeignKeys();
    return Model;
  }

  /** An attached model by name (UNKNOWN_MODEL with a suggestion otherwise). */
  getModel(modelName: string): ModelClass {
    const Model = this.models[modelName];
    if (!Model) {
      throw new UnknownNameError(
        'UNKNOWN_MODEL',
        `Unknown model \`${modelName}\` on data source \`${this.name}\`${didYouMean(modelName, Object.keys(this.models))}`,
        { model: modelName },
      );
    }
    return Model;
  }

  /** Defines one property on an attached model. */
  defineProperty(modelName: string, propertyName: string, params: unknown): void {
    this.getModel(modelName).defineProperty(propertyName, params);
  }

  /**
   * Defines `key` on `className` unless it exists, typed like the foreign model's `pkName` (its
   * id by default); the relation statics call it for the keys they need.
   */
  defineForeignKey(className: string, key: string, foreignClassName: string, pkName?: string): void {
    defineForeignKeyProperty(this.getModel(className), key, this.models[foreignClassName], pkName);
  }

  private connectorModel(modelName: string): ConnectorModel {
    const Model = this.getModel(modelName);
    if (!this.connector) {
      throw new DiscographError(
        'NOT_CONNECTED',
        `The ${this.connectorName} connector of data source \`${this.name}\` is still loading; await dataSource.ready() first`,
        { details: { connector: this.connectorName } },
      );
    }
    return resolveConnectorModel(Model.definition, this.connector);
  }

  /** The table (or collection) name of a model. */
  tableName(modelName: string): string {
    return this.connectorModel(modelName).table;
  }

  /** The column name of a property, or undefined for an unknown property (as LoopBack). */
  columnName(modelName: string, propertyName: string): string | undefined {
    return this.connectorModel(modelName).propertyByName.get(propertyName)?.column;
  }

  /** The property's column block for this connector (`{columnName, dataType, ...}`), or undefined. */
  columnMetadata(modelName: string, propertyName: string): Record<string, unknown> | undefined {
    const property = this.connectorModel(modelName).propertyByName.get(propertyName);
    if (!property) return undefined;
    const definition = this.getModel(modelName).definition.properties[propertyName]?.definition;
    const block = definition && columnBlockOf(definition, this.connector?.name ?? this.connectorName);
    return { ...block, columnName: property.column };
  }

  /** The column names of a model, in property order. */
  columnNames(modelName: string): string[] {
    return this.connectorModel(modelName).properties.map((property) => property.column);
  }

  /** The column of the (first) id property. */
  idColumnName(modelName: string): string | undefined {
    const id = this.idName(modelName);
    return id === undefined ? undefined : this.columnName(modelName, id);
  }

  /** The (first) id property name. */
  idName(modelName: string): string | undefined {
    return this.idNames(modelName)[0];
  }

  /** The id property names, sorted by id position. */
  idNames(modelName: string): string[] {
    return this.getModel(modelName).definition.idNames();
  }

  /** Whether the connector is a relational database. */
  isRelational(): boolean {
    return this.connector?.capabilities.relational === true;
  }

  /** Lets the connector freeze its state, when it supports that (behaviour depends on the connector). */
  freeze(): void {
    const connector = this.connector as (Connector & { freeze?: () => void }) | undefined;
    connector?.freeze?.();
  }

  /** Marks an operation remotable. */
  enableRemote(operation: string): void {
    this.registry.setRemote(operation, true);
  }

  /** Marks an operation not remotable. */
  disableRemote(operation: string): void {
    this.registry.setRemote(operation, false);
  }

  /** An operation's metadata, or undefined. */
  getOperation(operation: string): OperationMetadata | undefined {
    return this.registry.get(operation);
  }

  /** All operations keyed by name. */
  operations(): Record<string, OperationMetadata> {
    return this.registry.all();
  }

  /** Defines an operation. */
  defineOperation(name: string, options: Record<string, unknown> = {}, fn?: Function): void {
    this.registry.define(name, options, fn);
  }

  /** The ConnectorModels of the named models (all attached models without names). */
  private connectorModels(models: ModelNames): ConnectorModel[] {
    const names = models === undefined ? Object.keys(this.models) : Array.isArray(models) ? models : [models];
    return names.map((name) => this.connectorModel(name));
  }

  /** Runs a migration method of the connector (OPERATION_NOT_SUPPORTED when it has none). */
  async migrate(method: MigrationMethod, models: ModelNames): Promise<unknown> {
    await this.open();
    const connector = this.connector as Connector;
    const run = connector[method] as ((models: readonly ConnectorModel[]) => Promise<unknown>) | undefined;
    if (typeof run !== 'function') throw new OperationNotSupportedError(connector.name, method);
    return run.call(connector, this.connectorModels(models));
  }

  /** Builds and attaches models from discovered definitions; resolves to them keyed by model name. */
  buildModelsFrom(definitions: readonly ModelDefinition[]): Record<string, ModelClass> {
    const built = this.modelBuilder.buildModels(
      definitions as unknown as SchemaInput[],
      (name, properties, settings) => this.define(name, properties, settings) as never,
    );
    return built as unknown as Record<string, ModelClass>;
  }

  /**
   * `buildModelsFrom`, except that each model's class is built when first read (from the result,
   * `dataSource.models` or `modelBuilder.models`) rather than now; every relation is resolved now,
   * and a definition that could fail to build is built now, so bad definitions fail here with the
   * errors `buildModelsFrom` gives. Also returns each model's outline (definition and resolved
   * relations), read without building its class.
   *
   * @example
   * const { models, outlines } = dataSource.defineModelsLazily(definitions);
   * Object.getOwnPropertyDescriptor(dataSource.models, 'Track')?.get; // a function: not built yet
   * await models.Track.find({ limit: 1 }); // builds Track (its relations' targets when first used)
   */
  defineModelsLazily(definitions: readonly ModelDefinition[]): LazyModelsResult {
    return defineModelsLazily(this, definitions);
  }

  /** `discoverAndBuildModelsSync`: discovery from the cached catalog snapshot, then the models. */
  declare discoverAndBuildModelsSync: (
    table?: string,
    options?: DiscoverSchemasOptions,
  ) => Record<string, ModelClass>;
  /** `discoverModelDefinitionsSync`, from the cached catalog snapshot. */
  declare discoverModelDefinitionsSync: (options?: DiscoveryOptions) => ModelDefinitionRow[];
  /** `discoverModelPropertiesSync`, from the cached catalog snapshot. */
  declare discoverModelPropertiesSync: (table: string, options?: DiscoveryOptions) => PropertyRow[];
  /** `discoverPrimaryKeysSync`, from the cached catalog snapshot. */
  declare discoverPrimaryKeysSync: (table: string, options?: DiscoveryOptions) => PrimaryKeyRow[];
  /** `discoverForeignKeysSync`, from the cached catalog snapshot. */
  declare discoverForeignKeysSync: (table: string, options?: DiscoveryOptions) => ForeignKeyRow[];
  /** `discoverExportedForeignKeysSync`, from the cached catalog snapshot. */
  declare discoverExportedForeignKeysSync: (table: string, options?: DiscoveryOptions) => ForeignKeyRow[];
  /** `discoverSchemasSync`, from the cached catalog snapshot. */
  declare discoverSchemasSync: (
    table?: string,
    options?: DiscoverSchemasOptions,
  ) => Record<string, ModelDefinition>;
  /** `discoverSchemaSync`, from the cached catalog snapshot. */
  declare discoverSchemaSync: (table: string, options?: DiscoverSchemasOptions) => ModelDefinition;

  /** Connects (LoopBack's `connect([cb])`). */
  declare connect: CallbackifiedFunction<DataSource, [], void>;
  /** Closes the connection (`disconnect([cb])`). */
  declare disconnect: CallbackifiedFunction<DataSource, [], void>;
  /** Drops and re-creates the tables of the models (all attached ones without names). */
  declare automigrate: CallbackifiedFunction<DataSource, [models?: ModelNames], void>;
  /** Creates missing tables and columns of the models, keeping data. */
  declare autoupdate: CallbackifiedFunction<DataSource, [models?: ModelNames], void>;
  /** Whether the database already matches the models. */
  declare isActual: CallbackifiedFunction<DataSource, [models?: ModelNames], boolean>;
  /** Lists tables (and views with `views: true`): `{type, name, owner}`. */
  declare discoverModelDefinitions: CallbackifiedFunction<
    DataSource,
    [options?: DiscoveryOptions],
    ModelDefinitionRow[]
  >;
  /** Lists the columns of a table. */
  declare discoverModelProperties: CallbackifiedFunction<
    DataSource,
    [table: string, options?: DiscoveryOptions],
    PropertyRow[]
  >;
  /** Lists the primary key columns of a table. */
  declare discoverPrimaryKeys: CallbackifiedFunction<
    DataSource,
    [table: string, options?: DiscoveryOptions],
    PrimaryKeyRow[]
  >;
  /** Lists the foreign keys of a table. */
  declare discoverForeignKeys: CallbackifiedFunction<
    DataSource,
    [table: string, options?: DiscoveryOptions],
    ForeignKeyRow[]
  >;
  /** Lists the foreign keys that reference a table. */
  declare discoverExportedForeignKeys: CallbackifiedFunction<
    DataSource,
    [table: string, options?: DiscoveryOptions],
    ForeignKeyRow[]
  >;
  /** Discovers one table's model definition, relations not followed. */
  declare discoverSchema: CallbackifiedFunction<
    DataSource,
    [table: string, options?: DiscoverSchemasOptions],
    ModelDefinition
  >;
  /** Discovers model definitions keyed `owner.table`, following relations as asked. */
  declare discoverSchemas: CallbackifiedFunction<
    DataSource,
    [table?: string, options?: DiscoverSchemasOptions],
    Record<string, ModelDefinition>
  >;
  /** Discovers definitions, builds and attaches the models (relations wired); resolves to them keyed by model name. */
  declare discoverAndBuildModels: CallbackifiedFunction<
    DataSource,
    [table?: string, options?: DiscoverSchemasOptions],
    Record<string, ModelClass>
  >;
}

installAsyncMethods(DataSource.prototype);
installSyncDiscoveryMethods(DataSource.prototype);
