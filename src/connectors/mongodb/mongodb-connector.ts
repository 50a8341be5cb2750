/**
 * The MongoDB connector on the official driver: every DataAccessConnector operation as one
 * command (a `find`, an `aggregate`, a `countDocuments`, an `insert`/`update`/`delete`), the
 * LoopBack filter compiled to query documents (mongodb-query-compiler.ts), a per-parent read as
 * one aggregation (mongodb-grouped-read.ts), and discovery by sampling (mongodb-discovery.ts).
 *
 * A request's commands stop when its client hangs up (mongodb-cancel.ts): none is sent after, and
 * reads in flight are abandoned. Reads carry `maxTimeMS` (the statement timeout, which the server
 * enforces) and every command the client-side `socketTimeoutMS`; a command waits at most
 * `waitQueueTimeoutMS` for a pooled connection (mongodb-settings.ts).
 *
 * Statement events come from the driver's command monitoring: every command the driver sends
 * (`find Track {...}`) is one event, so tests count round trips as they do on SQL. Reads ask for
 * their whole result in the first batch (`batchSize`), so a read is one round trip unless it
 * exceeds a 16 MB reply.
 */
import { type ClientSession, type Db, MongoClient } from 'mongodb';
import type {
  Connector,
  ConnectorCapabilities,
  CountResult,
  DiscoveredPropertyType,
  OperationOptions,
  PoolStatistics,
  StatementEvent,
  TableRowEstimate,
} from '../../juggler/connector/connector.js';
import type { ConnectorModel } from '../../juggler/connector/connector-model.js';
import type { Row } from '../../juggler/connector/model-type-name.js';
import {
  bindFilter,
  bindWhere,
  type CompiledCount,
  type CompiledRead,
  isReadParameter,
  PARTITION_KEY,
  type ReadRequest,
} from '../../juggler/connector/prepared-read.js';
import { RequestCancelledError } from '../../juggler/connector/request-cancellation.js';
import type {
  CatalogSnapshot,
  DiscoveryOptions,
  ForeignKeyRow,
  ModelDefinitionRow,
  PrimaryKeyRow,
  PropertyRow,
} from '../../juggler/discovery/discovery-types.js';
import { InvalidArgumentError, ReadOnlyModelError } from '../../juggler/errors.js';
import type { NormalizedFilter, WhereNode } from '../../juggler/filter/filter-types.js';
import { cancelledFailure, type MongoCall, mongoCall } from './mongodb-cancel.js';
import { MongoDiscovery } from './mongodb-discovery.js';
import { fromDocument, toDocument, toUpdate } from './mongodb-documents.js';
import { toDatabaseError } from './mongodb-errors.js';
import { MONGODB_NAMING } from './mongodb-fields.js';
import { ARRAY_KEY, groupedReadPipeline } from './mongodb-grouped-read.js';
import { DRIVER_MAX_POOL_SIZE, type MongoCommandEvent, MongoMonitoring } from './mongodb-monitoring.js';
import { compileFind, compileWhere } from './mongodb-query-compiler.js';
import { type MongoSettings, type ResolvedMongoSettings, resolveMongoSettings } from './mongodb-settings.js';
import { type TransactionSupport, transactionSupport } from './mongodb-transactions.js';
import { mapMongoPropertyType } from './mongodb-type-map.js';
import { bsonToJson } from './mongodb-values.js';

/** The MongoDB connector's capabilities. */
export const MONGODB_CAPABILITIES: ConnectorCapabilities = Object.freeze({
  relational: false,
  discovery: true,
  migration: true,
  returning: true,
  groupedFind: true,
  ilike: true,
  regexp: true,
  nestedLists: false,
  joins: false,
  throughReads: false,
  mutationTransactions: true,
});

/** Documents a read asks for in its first reply (one round trip per read). */
const FIRST_BATCH = 1_000_000;

/** Commands of the driver's own housekeeping, not sent for a read or a write. */
/** A connector for MongoDB (and wire-compatible servers). */
export class MongoConnector implements Connector {
  readonly name = 'mongodb';
  readonly capabilities = MONGODB_CAPABILITIES;
  readonly naming = MONGODB_NAMING;
  readonly settings: MongoSettings;
  readonly resolved: ResolvedMongoSettings;
  private readonly monitoring: MongoMonitoring;
  private client: MongoClient | undefined;
  /** Whether the server runs transactions (from its `hello` at connect), and why not. */
  private transactions: TransactionSupport = { supported: false, reason: 'not connected yet' };
  private connecting: Promise<MongoClient> | undefined;
  private discovery: MongoDiscovery | undefined;

  constructor(settings: MongoSettings = {}) {
    this.settings = settings;
    this.resolved = resolveMongoSettings(settings);
    this.monitoring = new MongoMonitoring(this.name, this.resolved.maxPoolSize ?? DRIVER_MAX_POOL_SIZE);
  }

  /** Connects the driver (once); CONNECTION_FAILED when no server answers in time. */
  async connect(): Promise<void> {
    await this.connected();
  }

  private async connected(): Promise<MongoClient> {
    if (this.client) return this.client;
    this.connecting ??= (async () => {
      const client = new MongoClient(this.resolved.url, {
        monitorCommands: true,
        promoteLongs: false,
        serverSelectionTimeoutMS: this.resolved.connectTimeoutMs,
        ...(this.resolved.maxPoolSize ? { maxPoolSize: this.resolved.maxPoolSize } : {}),
        connectTimeoutMS: this.resolved.connectTimeoutMs,
        ...(this.resolved.queryTimeoutMs ? { socketTimeoutMS: this.resolved.queryTimeoutMs } : {}),
        ...(this.resolved.acquireTimeoutMs ? { waitQueueTimeoutMS: this.resolved.acquireTimeoutMs } : {}),
      });
      this.monitoring.attach(client);
      try {
        await client.connect();
      } catch (error) {
        this.connecting = undefined;
        await client.close().catch(() => undefined);
        throw toDatabaseError(error, this.errorContext());
      }
      this.transactions = await transactionSupport(client);
      this.client = client;
      return client;
    })();
    return this.connecting;
  }

  /** Whether the server runs transactions, and why not (connects first). */
  async transactionSupport(): Promise<TransactionSupport> {
    await this.connected();
    return this.transactions;
  }

  /**
   * Runs `work` in one transaction on a session of its own (the session is the handle `work`
   * passes on as `options.transaction`): committed when `work` resolves, aborted when it throws.
   * On a server without transactions (a standalone server, CongoDB) `work` runs without one
   * (handle undefined): each of its commands is atomic on its own document only.
   */
  async transaction<T>(work: (transaction: ClientSession | undefined) => Promise<T>): Promise<T> {
    const client = await this.connected();
    if (!this.transactions.supported) return work(undefined);
    const session = client.startSession();
    try {
      session.startTransaction();
      let result: T;
      try {
        result = await work(session);
      } catch (error) {
        await session.abortTransaction().catch(() => undefined);
        throw error;
      }
      try {
        await session.commitTransaction();
      } catch (error) {
        throw toDatabaseError(error, this.errorContext());
      }
      return result;
    } finally {
      await session.endSession().catch(() => undefined);
    }
  }

  /** The database of the settings (connects first). */
  async database(): Promise<Db> {
    return (await this.connected()).db(this.resolved.database);
  }

  /** Closes the driver's connections. */
  async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.connecting = undefined;
    await client?.close();
  }

  /** Resolves when the server answers `ping`. */
  async ping(): Promise<void> {
    try {
      await (await this.database()).command({ ping: 1 });
    } catch (error) {
      throw toDatabaseError(error, this.errorContext());
    }
  }

  /** Subscribes to every command the driver sends for this connector. */
  observeStatements(listener: (event: StatementEvent) => void): () => void {
    return this.monitoring.observeStatements(listener);
  }

  /**
   * Subscribes to the driver's command monitoring events, started and answered, in the order the
   * driver emits them (round-trip counting: a command started after another was answered may
   * have waited for it); returns the unsubscribe function.
   */
  observeCommands(listener: (event: MongoCommandEvent) => void): () => void {
    return this.monitoring.observeCommands(listener);
  }

  /** The driver's connection pool now (from its connection monitoring events). */
  poolStatistics(): PoolStatistics | undefined {
    return this.client ? this.monitoring.poolStatistics() : undefined;
  }

  private errorContext(model?: ConnectorModel) {
    const { server, database, queryTimeoutMs, statementTimeoutMs, acquireTimeoutMs } = this.resolved;
    const limits = { queryTimeoutMs, statementTimeoutMs, acquireTimeoutMs };
    return { server, database, ...limits, ...(model ? { model } : {}) };
  }

  /**
   * Runs a connector call's commands (`action`) with their options (mongodb-cancel.ts): refused
   * once the call's request is cancelled, before connecting and after; a failure is a
   * DatabaseError, or CLIENT_CLOSED_REQUEST when the request was cancelled meanwhile.
   */
  private async run<T>(
    model: ConnectorModel,
    options: OperationOptions | undefined,
    action: (db: Db, call: MongoCall) => Promise<T>,
  ): Promise<T> {
    const call = mongoCall(options, this.resolved.statementTimeoutMs);
    try {
      const db = await this.database();
      if (call.cancellation?.cancelled === true) throw new RequestCancelledError();
      return await action(db, call);
    } catch (error) {
      throw cancelledFailure(error, call.cancellation) ?? toDatabaseError(error, this.errorContext(model));
    }
  }

  /** Inserts one document; resolves to its row (a generated `_id` included). */
  async create(model: ConnectorModel, data: Row, options?: OperationOptions): Promise<Row> {
    if (model.readOnly) throw new ReadOnlyModelError(model.name);
    const document = toDocument(model, data);
    return this.run(model, options, async (db, call) => {
      await db.collection(model.table).insertOne(document, call.write);
      return fromDocument(model, document);
    });
  }

  /** Updates the document with the row's id (only the given properties) or inserts it. */
  async upsert(model: ConnectorModel, data: Row, options?: OperationOptions): Promise<Row> {
    if (model.readOnly) throw new ReadOnlyModelError(model.name);
    const idName = model.idProperties.length === 1 ? model.idProperties[0] : undefined;
    if (idName === undefined || data[idName] === undefined || data[idName] === null) {
      return this.create(model, data, options);
    }
    const document = toDocument(model, data);
    const { _id: id, ...fields } = document;
    return this.run(model, options, async (db, call) => {
      const stored = await db
        .collection(model.table)
        .findOneAndUpdate(
          { _id: { $eq: id } },
          Object.keys(fields).length > 0 ? { $set: fields } : { $setOnInsert: { _id: id } },
          { upsert: true, returnDocument: 'after', ...call.write },
        );
      return fromDocument(model, stored ?? document);
    });
  }

  /** A read compiled once: a `find` per run, or one aggregation for a per-parent read. */
  prepareRead(request: ReadRequest): CompiledRead {
    const { model, filter, partition, joins } = request;
    if (joins && joins.length > 0) {
      throw new InvalidArgumentError(
        'The MongoDB connector does not read joins: read related documents apart',
        {
          connector: this.name,
          model: model.name,
        },
      );
    }
    if (partition?.through) {
      throw new InvalidArgumentError(
        'The MongoDB connector does not read through a join model: read the join documents apart',
        { connector: this.name, model: model.name },
      );
    }
    if (!partition) {
      return {
        run: (bindings, options) => this.readAll(model, bindFilter(filter, bindings), options),
        explain: () => [`find ${model.table}`],
      };
    }
    return {
      run: (bindings, options) => {
        const keys = isReadParameter(partition.keys) ? bindings[partition.keys.index] : partition.keys;
        return this.readGrouped(
          model,
          partition.by,
          keys as readonly (readonly unknown[])[],
          bindFilter(filter, bindings),
          options,
        );
      },
      explain: () => [`aggregate ${model.table}`],
    };
  }

  private readAll(
    model: ConnectorModel,
    filter: NormalizedFilter,
    options?: OperationOptions,
  ): Promise<Row[]> {
    const find = compileFind(model, filter);
    if (find.limit === 0) return Promise.resolve([]);
    return this.run(model, options, async (db, call) => {
      const cursor = db.collection(model.table).find(find.query, {
        batchSize: find.limit ?? FIRST_BATCH,
        ...call.read,
        ...(find.sort ? { sort: find.sort } : {}),
        ...(find.projection ? { projection: find.projection } : {}),
        ...(find.skip ? { skip: find.skip } : {}),
        ...(find.limit !== undefined ? { limit: find.limit } : {}),
      });
      const documents = await cursor.toArray();
      return documents.map((document) => fromDocument(model, document, filter.fields));
    });
  }

  private readGrouped(
    model: ConnectorModel,
    partitionBy: readonly string[],
    keys: readonly (readonly unknown[])[],
    filter: NormalizedFilter,
    options?: OperationOptions,
  ): Promise<Row[]> {
    // A key with a null part matches no document (as in SQL): no command when no key can match.
    const usable = keys.filter((key) => key.every((value) => value !== null && value !== undefined));
    if (usable.length === 0 || filter.limit === 0) return Promise.resolve([]);
    const pipeline = groupedReadPipeline(model, partitionBy, usable, filter);
    const fields = filter.fields ? [...new Set([...filter.fields, ...partitionBy])] : undefined;
    return this.run(model, options, async (db, call) => {
      const documents = await db
        .collection(model.table)
        .aggregate(pipeline, { cursor: { batchSize: FIRST_BATCH }, ...call.read })
        .toArray();
      return documents.map((document) => {
        const row = fromDocument(model, document, fields);
        // A document read for one of the several keys it holds says which (mongodb-grouped-read.ts).
        if (document[ARRAY_KEY] !== undefined) {
          Object.defineProperty(row, PARTITION_KEY, { value: bsonToJson(document[ARRAY_KEY]) });
        }
        return row;
      });
    });
  }

  /** A count compiled once (`countDocuments` per run). */
  prepareCount(model: ConnectorModel, where: WhereNode | undefined): CompiledCount {
    return {
      run: (bindings, options) => {
        const query = compileWhere(model, where && bindWhere(where, bindings));
        return this.run(model, options, (db, call) =>
          db.collection(model.table).countDocuments(query, call.read),
        );
      },
      explain: () => [`aggregate ${model.table} (count)`],
    };
  }

  /** `$set`s the given properties (`$unset` for nulls) on every matching document. */
  async updateAll(
    model: ConnectorModel,
    where: WhereNode | undefined,
    data: Row,
    options?: OperationOptions,
  ): Promise<CountResult> {
    if (model.readOnly) throw new ReadOnlyModelError(model.name);
    const query = compileWhere(model, where);
    const update = toUpdate(model, data);
    return this.run(model, options, async (db, call) => {
      const collection = db.collection(model.table);
      if (!update) return { count: await collection.countDocuments(query, call.read) };
      const result = await collection.updateMany(query, update, call.write);
      return { count: result.matchedCount };
    });
  }

  /** Deletes every matching document. */
  async destroyAll(
    model: ConnectorModel,
    where: WhereNode | undefined,
    options?: OperationOptions,
  ): Promise<CountResult> {
    if (model.readOnly) throw new ReadOnlyModelError(model.name);
    const query = compileWhere(model, where);
    return this.run(model, options, async (db, call) => {
      const result = await db.collection(model.table).deleteMany(query, call.write);
      return { count: result.deletedCount };
    });
  }

  /**
   * A composite id is kept in fields of its own (only a single id is `_id`): a unique index on
   * them makes a duplicate a UNIQUE_VIOLATION, as a composite primary key does on SQL.
   */
  private async indexCompositeId(db: Db, model: ConnectorModel): Promise<void> {
    if (model.idProperties.length < 2) return;
    const key = Object.fromEntries(
      model.idProperties.map((name) => [model.propertyByName.get(name)?.column ?? name, 1]),
    );
    await db.collection(model.table).createIndex(key, { unique: true });
  }

  /** Drops and re-creates the collections of the models (with a unique index on a composite id). */
  async automigrate(models: readonly ConnectorModel[]): Promise<void> {
    for (const model of models) if (model.readOnly) throw new ReadOnlyModelError(model.name);
    const db = await this.database();
    for (const model of models) {
      await this.run(model, undefined, async () => {
        await db
          .collection(model.table)
          .drop()
          .catch(() => false);
        await db.createCollection(model.table);
        await this.indexCompositeId(db, model);
      });
    }
  }

  /** Creates missing collections (and composite-id indexes); documents are kept. */
  async autoupdate(models: readonly ConnectorModel[]): Promise<void> {
    for (const model of models) if (model.readOnly) throw new ReadOnlyModelError(model.name);
    const db = await this.database();
    const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
    for (const model of models) {
      await this.run(model, undefined, async () => {
        if (!existing.has(model.table)) await db.createCollection(model.table);
        await this.indexCompositeId(db, model);
      });
    }
  }

  /** Documents have no fixed shape: a model always matches its collection. */
  async isActual(_models: readonly ConnectorModel[]): Promise<boolean> {
    return true;
  }

  private discoverer(): MongoDiscovery {
    this.discovery ??= new MongoDiscovery(() => this.database(), this.resolved);
    return this.discovery;
  }

  /** Collections (and, with `views`, views) of the database. */
  discoverModelDefinitions(options: DiscoveryOptions): Promise<ModelDefinitionRow[]> {
    return this.discoverer().modelDefinitions(options);
  }

  /** The fields of a collection, inferred from a sample of its documents. */
  async discoverModelProperties(table: string, options: DiscoveryOptions): Promise<PropertyRow[]> {
    const snapshot = await this.discoverCatalog({ ...options, tables: [table] });
    return snapshot.tables.find((candidate) => candidate.name === table)?.columns ?? [];
  }

  /** `_id`, the id of every collection. */
  async discoverPrimaryKeys(table: string, options: DiscoveryOptions): Promise<PrimaryKeyRow[]> {
    const owner = options.owner ?? options.schema ?? this.resolved.database;
    return [{ owner, tableName: table, columnName: '_id', keySeq: 1, pkName: '_id_' }];
  }

  /** The references of a collection inferred from its data (and the configuration). */
  async discoverForeignKeys(table: string, options: DiscoveryOptions): Promise<ForeignKeyRow[]> {
    const snapshot = await this.discoverCatalog({ ...options });
    return snapshot.tables.find((candidate) => candidate.name === table)?.foreignKeys ?? [];
  }

  /** The references to a collection from the others. */
  async discoverExportedForeignKeys(table: string, options: DiscoveryOptions): Promise<ForeignKeyRow[]> {
    const snapshot = await this.discoverCatalog({ ...options });
    return snapshot.tables
      .flatMap((candidate) => candidate.foreignKeys)
      .filter((key) => key.pkTableName === table);
  }

  /** Every collection sampled and merged into a catalog snapshot (see mongodb-discovery.ts). */
  discoverCatalog(options: DiscoveryOptions & { tables?: string[] }): Promise<CatalogSnapshot> {
    return this.discoverer().catalog(options);
  }

  /**
   * Document counts from each collection's metadata (`count` without a query: no scan), one
   * command per collection, for the cost of operation plans. Views are left out.
   */
  async tableStatistics(owners: readonly string[]): Promise<TableRowEstimate[]> {
    const client = await this.connected();
    const estimates: TableRowEstimate[] = [];
    for (const owner of owners) {
      const db = client.db(owner);
      const collections = await db.listCollections({}, { nameOnly: false }).toArray();
      for (const info of collections) {
        if (info.type === 'view' || info.name.startsWith('system.')) continue;
        estimates.push({
          owner,
          table: info.name,
          rows: await db.collection(info.name).estimatedDocumentCount(),
        });
      }
    }
    return estimates;
  }

  /** The database of the settings. */
  async defaultOwner(): Promise<string> {
    return this.resolved.database;
  }

  /** The model type of a sampled field (mongodb-type-map.ts). */
  mapPropertyType(column: PropertyRow): DiscoveredPropertyType {
    return mapMongoPropertyType(column);
  }
}
