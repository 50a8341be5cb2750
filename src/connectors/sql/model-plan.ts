/**
 * Per-model facts a SQL connector needs on every call, computed once: the quoted table name,
 * quoted columns, the aliased select list (`"unit_price" AS "unitPrice"`, so rows come back keyed
 * by property name with no per-row copy), the value writers and, for dialects that need them,
 * the value readers.
 */

import type { ConnectorModel, ConnectorProperty } from '../../juggler/connector/connector-model.js';
import type { Row } from '../../juggler/connector/model-type-name.js';
import { ReadOnlyModelError, UnknownNameError } from '../../juggler/errors.js';
import type { ComparisonCast, SqlDialect } from './sql-dialect.js';
import { renderStatic, type SqlFragment, sql } from './sql-template.js';

/** Everything about one model that does not change between calls. */
export interface SqlModelPlan {
  readonly model: ConnectorModel;
  readonly dialect: SqlDialect;
  /** `"schema"."table"` (or just `"table"`). */
  readonly table: SqlFragment;
  /** Properties with their id position, in id order. */
  readonly idProperties: readonly ConnectorProperty[];
  /** The quoted column of a property; throws UNKNOWN_PROPERTY for a name the model lacks. */
  column(propertyName: string): SqlFragment;
  /** The property of a name; throws UNKNOWN_PROPERTY for a name the model lacks. */
  property(propertyName: string): ConnectorProperty;
  /** The aliased select list of `fields` (all properties when undefined), cached per field set. */
  selectList(fields?: readonly string[]): SqlFragment;
  /** Converts a juggler value to the driver's value for a property. */
  toDatabase(property: ConnectorProperty, value: unknown): unknown;
  /**
   * The SQL of a value already converted by `toDatabase`: its placeholder, wrapped when the
   * dialect asks (`ST_GeomFromText(?)` for a MySQL point).
   */
  valueSql(property: ConnectorProperty, driverValue: unknown): SqlFragment;
  /**
   * The SQL of a value a filter compares with the property's column: its placeholder, cast when
   * the dialect asks (`$1::int8` against a smallint column; see `SqlDialect.comparisonCast`).
   */
  comparedSql(property: ConnectorProperty, driverValue: unknown): SqlFragment;
  /** The dialect's comparison cast of a property, if it has one. */
  comparisonCast(property: ConnectorProperty): ComparisonCast | undefined;
  /** Converts rows keyed by property name to the juggler's representation, in place (no-op without readers). */
  readRows(rows: Row[]): Row[];
  /** The dialect's read converter of a property (see `SqlDialect.valueReader`), if it has one. */
  readerOf(propertyName: string): ((value: unknown) => unknown) | undefined;
  /**
   * The same plan with every column qualified by a table alias (`"t0"."unit_price"`), cached
   * per alias: what the filter compiler and select lists use when a statement joins tables.
   */
  qualified(alias: string): SqlModelPlan;
  /** Throws when the model cannot be written (a view). */
  assertWritable(): void;
}

class ModelPlan implements SqlModelPlan {
  readonly table: SqlFragment;
  readonly idProperties: readonly ConnectorProperty[];
  private readonly columns = new Map<string, SqlFragment>();
  private readonly writers = new Map<string, (value: unknown) => unknown>();
  private readonly readers: [property: string, reader: (value: unknown) => unknown][] = [];
  private readonly readerByName = new Map<string, (value: unknown) => unknown>();
  private readonly qualifiedPlans = new Map<string, SqlModelPlan>();
  private readonly wrappers = new Map<string, (value: SqlFragment) => SqlFragment>();
  private readonly casts = new Map<string, ComparisonCast>();
  private readonly selectLists = new Map<string, SqlFragment>();
  private readonly fullSelectList: SqlFragment;

  constructor(
    readonly model: ConnectorModel,
    readonly dialect: SqlDialect,
    private readonly defaultSchema: string | undefined,
    alias?: string,
  ) {
    const schema = model.schema ?? defaultSchema;
    const tableId = schema ? sql.id(schema, model.table) : sql.id(model.table);
    this.table = renderStatic(tableId, dialect).fragment;
    for (const property of model.properties) {
      const columnId = alias === undefined ? sql.id(property.column) : sql.id(alias, property.column);
      this.columns.set(property.name, renderStatic(columnId, dialect).fragment);
      const writer = dialect.valueWriter(property);
      if (writer) this.writers.set(property.name, writer);
      const reader = dialect.valueReader?.(property);
      if (reader) {
        this.readers.push([property.name, reader]);
        this.readerByName.set(property.name, reader);
      }
      const wrapper = dialect.writeExpression?.(property);
      if (wrapper) this.wrappers.set(property.name, wrapper);
      const cast = dialect.comparisonCast?.(property);
      if (cast) this.casts.set(property.name, cast);
    }
    this.idProperties = model.idProperties.map((name) => this.property(name));
    this.fullSelectList = this.buildSelectList(model.properties);
  }

  column(propertyName: string): SqlFragment {
    const column = this.columns.get(propertyName);
    if (!column) throw this.unknownProperty(propertyName);
    return column;
  }

  property(propertyName: string): ConnectorProperty {
    const property = this.model.propertyByName.get(propertyName);
    if (!property) throw this.unknownProperty(propertyName);
    return property;
  }

  selectList(fields?: readonly string[]): SqlFragment {
    if (!fields) return this.fullSelectList;
    const key = fields.join('\u0000');
    let list = this.selectLists.get(key);
    if (!list) {
      list = this.buildSelectList(fields.map((name) => this.property(name)));
      this.selectLists.set(key, list);
    }
    return list;
  }

  toDatabase(property: ConnectorProperty, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    const writer = this.writers.get(property.name);
    return writer ? writer(value) : value;
  }

  valueSql(property: ConnectorProperty, driverValue: unknown): SqlFragment {
    const placeholder = sql.value(driverValue);
    const wrapper = driverValue === null ? undefined : this.wrappers.get(property.name);
    return wrapper ? wrapper(placeholder) : placeholder;
  }

  comparedSql(property: ConnectorProperty, driverValue: unknown): SqlFragment {
    const cast = this.casts.get(property.name);
    return cast ? cast.value(sql.value(driverValue)) : sql.value(driverValue);
  }

  comparisonCast(property: ConnectorProperty): ComparisonCast | undefined {
    return this.casts.get(property.name);
  }

  readRows(rows: Row[]): Row[] {
    if (this.readers.length === 0) return rows;
    for (const row of rows) {
      for (const [name, reader] of this.readers) {
        const value = row[name];
        if (value !== null && value !== undefined) row[name] = reader(value);
      }
    }
    return rows;
  }

  readerOf(propertyName: string): ((value: unknown) => unknown) | undefined {
    return this.readerByName.get(propertyName);
  }

  qualified(alias: string): SqlModelPlan {
    let plan = this.qualifiedPlans.get(alias);
    if (!plan) {
      plan = new ModelPlan(this.model, this.dialect, this.defaultSchema, alias);
      this.qualifiedPlans.set(alias, plan);
    }
    return plan;
  }

  assertWritable(): void {
    if (this.model.readOnly) throw new ReadOnlyModelError(this.model.name);
  }

  private buildSelectList(properties: readonly ConnectorProperty[]): SqlFragment {
    const items = properties.map((property) => {
      const column = this.column(property.name);
      const expression = this.dialect.readExpression(column, property);
      // A bare (possibly qualified) column already comes back under its column name.
      if (property.column === property.name && expression === column) return expression;
      return sql`${expression} AS ${sql.id(property.name)}`;
    });
    return renderStatic(sql.join(items), this.dialect).fragment;
  }

  private unknownProperty(name: string): UnknownNameError {
    return new UnknownNameError('UNKNOWN_PROPERTY', `Model ${this.model.name} has no property \`${name}\``, {
      model: this.model.name,
      property: name,
    });
  }
}

/** Builds and caches plans per model object (a changed model is a new object, hence a new plan). */
export class ModelPlanCache {
  private readonly plans = new WeakMap<ConnectorModel, SqlModelPlan>();

  constructor(
    private readonly dialect: SqlDialect,
    private readonly defaultSchema?: string,
  ) {}

  /** The plan of a model, built on first use. */
  get(model: ConnectorModel): SqlModelPlan {
    let plan = this.plans.get(model);
    if (!plan) {
      plan = new ModelPlan(model, this.dialect, this.defaultSchema);
      this.plans.set(model, plan);
    }
    return plan;
  }
}
