/**
 * Per-model facts a SQL connector needs on every call, computed once: the quoted table name,
 * quoted columns, the aliased select list (`"unit_price" AS "unitPrice"`, so rows come back keyed
 * by property name with no per-row copy) and the value writers.
 */
import { ReadOnlyModelError, UnknownNameError } from '../../juggler/errors.js';
import type { ConnectorModel, ConnectorProperty } from '../connector.js';
import type { SqlDialect } from './sql-dialect.js';
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
  /** Throws when the model cannot be written (a view). */
  assertWritable(): void;
}

class ModelPlan implements SqlModelPlan {
  readonly table: SqlFragment;
  readonly idProperties: readonly ConnectorProperty[];
  private readonly columns = new Map<string, SqlFragment>();
  private readonly writers = new Map<string, (value: unknown) => unknown>();
  private readonly selectLists = new Map<string, SqlFragment>();
  private readonly fullSelectList: SqlFragment;

  constructor(
    readonly model: ConnectorModel,
    readonly dialect: SqlDialect,
    defaultSchema: string | undefined,
  ) {
    const schema = model.schema ?? defaultSchema;
    const tableId = schema ? sql.id(schema, model.table) : sql.id(model.table);
    this.table = renderStatic(tableId, dialect).fragment;
    for (const property of model.properties) {
      this.columns.set(property.name, renderStatic(sql.id(property.column), dialect).fragment);
      const writer = dialect.valueWriter(property);
      if (writer) this.writers.set(property.name, writer);
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

  assertWritable(): void {
    if (this.model.readOnly) throw new ReadOnlyModelError(this.model.name);
  }

  private buildSelectList(properties: readonly ConnectorProperty[]): SqlFragment {
    const items = properties.map((property) => {
      const column = this.column(property.name);
      const expression = this.dialect.readExpression(column, property);
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
