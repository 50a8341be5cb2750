/**
 * LoopBack's memory connector: every DataAccessConnector operation over in-process tables,
 * evaluated with the juggler's own filter evaluator. Each operation emits one pseudo statement
 * (`find Track`, `create Album` ...) to observers, so tests count round trips exactly as they do
 * on SQL connectors. A prepared read compiles nothing: each run substitutes its bindings into the
 * filter (`bindFilter`) and evaluates it; it does not join (`capabilities.joins` is false).
 */

import type {
  Connector,
  ConnectorCapabilities,
  CountResult,
  StatementEvent,
} from '../../juggler/connector/connector.js';
import type { ConnectorModel } from '../../juggler/connector/connector-model.js';
import type { ConnectorNaming } from '../../juggler/connector/connector-naming.js';
import type { ConnectorSettings } from '../../juggler/connector/connector-settings.js';
import type { Row } from '../../juggler/connector/model-type-name.js';
import {
  bindFilter,
  bindWhere,
  type CompiledCount,
  type CompiledRead,
  isReadParameter,
  type ReadRequest,
} from '../../juggler/connector/prepared-read.js';
import { InvalidArgumentError, ReadOnlyModelError } from '../../juggler/errors.js';
import type { NormalizedFilter, OrderClause, WhereNode } from '../../juggler/filter/filter-types.js';
import { matchesWhere, type PropertyTypes } from '../../juggler/filter/match-where.js';
import { paginateRows, projectRow, sortRows } from '../../juggler/filter/sort-rows.js';
import { tupleKey } from '../../juggler/filter/value-key.js';
import { StatementObservers } from '../sql/statement-observers.js';
import { cloneValue, duplicateKey, MemoryTable, storedValue } from './memory-table.js';

/** The memory connector's capabilities. */
export const MEMORY_CAPABILITIES: ConnectorCapabilities = Object.freeze({
  relational: false,
  discovery: false,
  migration: true,
  returning: true,
  groupedFind: true,
  ilike: true,
  regexp: true,
  nestedLists: false,
  joins: false,
  throughReads: false,
});

/**
 * The memory connector's naming. It stands in for any database (in tests, in examples), so it reads
 * both vocabularies from its `memory` blocks: the SQL one (`{table}`, `{columnName}`) and the
 * document store's (`{collection}`, as LoopBack's memory connector reads it, and `{fieldName}`),
 * plus `{schema}`, which keeps same-named tables of different schemas apart. Names without a block
 * are the model and property names unchanged.
 */
export const MEMORY_NAMING: ConnectorNaming = Object.freeze({
  tableFields: Object.freeze(['table', 'collection']),
  schemaField: 'schema',
  columnFields: Object.freeze(['columnName', 'fieldName']),
  defaultTableName: (modelName: string) => modelName,
  defaultColumnName: (propertyName: string) => propertyName,
});

/** A partitioned read with its bindings bound (also what its pseudo statement reports). */
interface PartitionRead {
  partitionBy: readonly string[];
  keys: readonly (readonly unknown[])[];
  filter: NormalizedFilter;
}

function typesOf(model: ConnectorModel): PropertyTypes {
  return model.propertyByName as PropertyTypes;
}

/** The filter's order, or LoopBack's memory connector default: by the ids, ascending. */
function orderOf(model: ConnectorModel, filter: NormalizedFilter): readonly OrderClause[] | undefined {
  if (filter.order && filter.order.length > 0) return filter.order;
  if (model.idProperties.length === 0) return undefined;
  return model.idProperties.map((property) => ({ property, direction: 'ASC' as const }));
}

/** Migration never touches the table behind a read-only model (a view, in SQL). */
function assertWritable(models: readonly ConnectorModel[]): void {
  for (const model of models) if (model.readOnly) throw new ReadOnlyModelError(model.name);
}

/** An in-process connector holding rows in Maps; the juggler's reference implementation. */
export class MemoryConnector implements Connector {
  readonly name = 'memory';
  readonly capabilities = MEMORY_CAPABILITIES;
  readonly naming = MEMORY_NAMING;
  readonly settings: ConnectorSettings;
  private readonly tables = new Map<string, MemoryTable>();
  private readonly observers = new StatementObservers();

  constructor(settings: ConnectorSettings = {}) {
    this.settings = settings;
  }

  /** Nothing to open: resolves at once. */
  async connect(): Promise<void> {}

  /** Nothing to close: the data stays until the connector is dropped. */
  async disconnect(): Promise<void> {}

  /** Always reachable. */
  async ping(): Promise<void> {}

  /** Subscribes to the pseudo statements of every operation (a throwing listener breaks none). */
  observeStatements(listener: (event: StatementEvent) => void): () => void {
    return this.observers.add(listener);
  }

  private table(model: ConnectorModel): MemoryTable {
    const key = model.schema ? `${model.schema}.${model.table}` : model.table;
    let table = this.tables.get(key);
    if (!table) {
      table = new MemoryTable();
      this.tables.set(key, table);
    }
    return table;
  }

  private emit(
    operation: string,
    model: ConnectorModel,
    params: unknown[],
    started: number,
    rowCount: number,
  ): void {
    if (!this.observers.active) return;
    this.observers.emit({
      connector: this.name,
      sql: `${operation} ${model.table}`,
      params,
      durationMs: performance.now() - started,
      rowCount,
    });
  }

  private toStoredRow(model: ConnectorModel, data: Row): Row {
    const row: Row = {};
    for (const property of model.properties) row[property.name] = storedValue(property, data[property.name]);
    return row;
  }

  /** A copy of `row` with the properties `data` gives set, as the database would store them. */
  private updatedRow(model: ConnectorModel, row: Row, data: Row): Row {
    const updated = { ...row };
    for (const property of model.properties) {
      if (data[property.name] !== undefined)
        updated[property.name] = storedValue(property, data[property.name]);
    }
    return updated;
  }

  private insert(model: ConnectorModel, table: MemoryTable, data: Row): Row {
    const row = this.toStoredRow(model, data);
    table.assignIds(model, row);
    table.checkNotNull(model, row);
    const key = table.keyOf(model, row);
    if (table.rows.has(key)) throw duplicateKey(model);
    table.observeIds(model, row);
    table.rows.set(key, row);
    return cloneValue(row) as Row;
  }

  /** Inserts a row, generating missing numeric ids; a duplicate id is a UNIQUE_VIOLATION. */
  async create(model: ConnectorModel, data: Row): Promise<Row> {
    const started = performance.now();
    const row = this.insert(model, this.table(model), data);
    this.emit('create', model, [data], started, 1);
    return row;
  }

  /** Updates the row with the same id (only the given properties) or inserts a new one. */
  async upsert(model: ConnectorModel, data: Row): Promise<Row> {
    const started = performance.now();
    const table = this.table(model);
    const hasIds = model.idProperties.length > 0 && model.idProperties.every((name) => data[name] != null);
    const key = hasIds ? table.keyOf(model, data) : undefined;
    const existing = key === undefined ? undefined : table.rows.get(key);
    let result: Row;
    if (existing && key !== undefined) {
      const updated = this.updatedRow(model, existing, data);
      table.checkNotNull(model, updated);
      table.rows.set(key, updated);
      result = cloneValue(updated) as Row;
    } else {
      result = this.insert(model, table, data);
    }
    this.emit('upsert', model, [data], started, 1);
    return result;
  }

  private select(model: ConnectorModel, where: WhereNode | undefined): Row[] {
    const types = typesOf(model);
    const rows: Row[] = [];
    for (const row of this.table(model).rows.values()) if (matchesWhere(row, where, types)) rows.push(row);
    return rows;
  }

  /**
   * A read that binds its parameters into the filter at each run and evaluates it; a partition
   * orders and pages the rows of each parent key apart. Joins are not read here (`capabilities.joins`).
   */
  prepareRead(request: ReadRequest): CompiledRead {
    const { model, filter, partition, joins } = request;
    if (joins && joins.length > 0) {
      throw new InvalidArgumentError('The memory connector does not read joins: read related rows apart', {
        connector: this.name,
        model: model.name,
      });
    }
    if (partition?.through) {
      throw new InvalidArgumentError(
        'The memory connector does not read through a join model: read the join rows apart',
        { connector: this.name, model: model.name },
      );
    }
    if (!partition) {
      return {
        run: async (bindings) => this.readAll(model, bindFilter(filter, bindings)),
        explain: () => [`find ${model.table}`],
      };
    }
    return {
      run: async (bindings) => {
        const keys = isReadParameter(partition.keys) ? bindings[partition.keys.index] : partition.keys;
        return this.readGrouped(model, {
          partitionBy: partition.by,
          keys: keys as readonly (readonly unknown[])[],
          filter: bindFilter(filter, bindings),
        });
      },
      explain: () => [`findGrouped ${model.table}`],
    };
  }

  /** A count that binds its parameters into the where tree at each run. */
  prepareCount(model: ConnectorModel, where: WhereNode | undefined): CompiledCount {
    return {
      run: async (bindings) => this.countRows(model, where && bindWhere(where, bindings)),
      explain: () => [`count ${model.table}`],
    };
  }

  private readAll(model: ConnectorModel, filter: NormalizedFilter): Row[] {
    const started = performance.now();
    const matched = sortRows(this.select(model, filter.where), orderOf(model, filter), typesOf(model));
    const page = paginateRows(matched, filter.skip, filter.limit);
    const rows = page.map((row) => cloneValue(projectRow(row, filter.fields)) as Row);
    this.emit('find', model, [filter], started, rows.length);
    return rows;
  }

  private readGrouped(model: ConnectorModel, request: PartitionRead): Row[] {
    const started = performance.now();
    const { partitionBy, filter } = request;
    // A null never equals anything, a null key included (as in SQL): such tuples match no row.
    const keys = request.keys.filter((tuple) =>
      tuple.every((value) => value !== null && value !== undefined),
    );
    if (keys.length === 0) return [];
    const buckets = new Map<string, Row[]>();
    for (const tuple of keys) buckets.set(tupleKey(tuple), []);
    for (const row of this.select(model, filter.where)) {
      const bucket = buckets.get(tupleKey(partitionBy.map((name) => row[name])));
      if (bucket) bucket.push(row);
    }
    const fields = filter.fields ? [...new Set([...filter.fields, ...partitionBy])] : undefined;
    const rows: Row[] = [];
    for (const bucket of buckets.values()) {
      const page = paginateRows(
        sortRows(bucket, orderOf(model, filter), typesOf(model)),
        filter.skip,
        filter.limit,
      );
      for (const row of page) rows.push(cloneValue(projectRow(row, fields)) as Row);
    }
    this.emit('findGrouped', model, [request], started, rows.length);
    return rows;
  }

  private countRows(model: ConnectorModel, where: WhereNode | undefined): number {
    const started = performance.now();
    const count = this.select(model, where).length;
    this.emit('count', model, [where], started, 1);
    return count;
  }

  /**
   * Sets the given properties on every matching row. A row keeps its place (the table's order);
   * a row whose id changes is re-keyed. Every change is checked before any is made: an id that
   * another row keeps is a UNIQUE_VIOLATION and leaves the table as it was.
   */
  async updateAll(model: ConnectorModel, where: WhereNode | undefined, data: Row): Promise<CountResult> {
    const started = performance.now();
    const count = this.updateMatching(model, where, data).length;
    this.emit('updateAll', model, [where, data], started, count);
    return { count };
  }

  /** Updates every matching row with `data` (all or none: keys checked first); answers the stored rows. */
  private updateMatching(model: ConnectorModel, where: WhereNode | undefined, data: Row): Row[] {
    const table = this.table(model);
    const types = typesOf(model);
    const changes: { key: string; newKey: string; row: Row }[] = [];
    for (const [key, row] of table.rows) {
      if (!matchesWhere(row, where, types)) continue;
      const updated = this.updatedRow(model, row, data);
      table.checkNotNull(model, updated);
      changes.push({ key, newKey: table.keyOf(model, updated), row: updated });
    }
    const vacated = new Set(
      changes.filter((change) => change.newKey !== change.key).map((change) => change.key),
    );
    const taken = new Set<string>();
    for (const { key, newKey } of changes) {
      const keptByOther = newKey !== key && table.rows.has(newKey) && !vacated.has(newKey);
      if (keptByOther || taken.has(newKey)) throw duplicateKey(model);
      taken.add(newKey);
    }
    for (const key of vacated) table.rows.delete(key);
    for (const { newKey, row } of changes) table.rows.set(newKey, row);
    return changes.map((change) => change.row);
  }

  /** Updates the row an id's where selects and answers it as stored (a copy), or undefined. */
  async updateRow(model: ConnectorModel, where: WhereNode, data: Row): Promise<Row | undefined> {
    const started = performance.now();
    const [updated] = this.updateMatching(model, where, data);
    this.emit('updateAll', model, [where, data], started, updated ? 1 : 0);
    return updated === undefined ? undefined : (cloneValue(updated) as Row);
  }

  /** Deletes every matching row. */
  async destroyAll(model: ConnectorModel, where: WhereNode | undefined): Promise<CountResult> {
    const started = performance.now();
    const table = this.table(model);
    const types = typesOf(model);
    let count = 0;
    for (const [key, row] of table.rows) {
      if (matchesWhere(row, where, types)) {
        table.rows.delete(key);
        count++;
      }
    }
    this.emit('destroyAll', model, [where], started, count);
    return { count };
  }

  /** Empties the tables of the given models (LoopBack's memory automigrate); read-only models are refused. */
  async automigrate(models: readonly ConnectorModel[]): Promise<void> {
    assertWritable(models);
    for (const model of models) this.table(model).clear();
  }

  /**
   * Creates the tables of the given models when missing; rows are kept, and read back with null
   * for properties added since they were stored. Read-only models are refused.
   */
  async autoupdate(models: readonly ConnectorModel[]): Promise<void> {
    assertWritable(models);
    for (const model of models) {
      for (const row of this.table(model).rows.values()) {
        for (const property of model.properties) row[property.name] ??= null;
      }
    }
  }

  /** Memory tables take any shape: always up to date. */
  async isActual(_models: readonly ConnectorModel[]): Promise<boolean> {
    return true;
  }
}
