/**
 * What the data layer needs of a model class and of the DataSource it is attached to, and the
 * small helpers every DAO method shares: reaching the connector, building instances from rows,
 * turning ids into where filters, and picking the writable values of an instance.
 */

import type { Connector } from '../connector/connector.js';
import type { ConnectorModel } from '../connector/connector-model.js';
import type { Row } from '../connector/model-type-name.js';
import { resolveConnectorModel } from '../connector/resolve-connector-model.js';
import { InvalidArgumentError, NotAttachedError, ReadOnlyModelError } from '../errors.js';
import type { Where } from '../filter/filter-types.js';
import { isReadOnlyModel } from '../model/model-facts.js';
import type {
  BuildOptions,
  ModelInstance,
  ModelRuntimeDefinition,
  ResolvedRelation,
} from '../model-types.js';

/** The DataSource as the DAO sees it (the full class is in datasource.ts). */
export interface DataSourceLike {
  /** Resolves once the connector is created and connected. */
  ready(): Promise<void>;
  readonly connector: Connector | undefined;
  readonly models: Record<string, ModelClass>;
}

/**
 * A model class built by ModelBuilder and attached to a DataSource. Statics of the DAO, relations
 * and inclusion are added at attach time, hence the index signature.
 */
export interface ModelClass {
  new (data?: Record<string, unknown>, options?: BuildOptions): ModelInstance;
  readonly modelName: string;
  readonly definition: ModelRuntimeDefinition;
  dataSource?: DataSourceLike;
  relations: Record<string, ResolvedRelation>;
  prototype: ModelInstance;
  // biome-ignore lint/suspicious/noExplicitAny: DAO, relation and user statics are added at run time.
  [key: string]: any;
}

/** A connector and the model resolved against it. */
export interface AttachedModel {
  connector: Connector;
  model: ConnectorModel;
}

/** Waits for the model's DataSource and resolves its connector and ConnectorModel. */
export async function attached(Model: ModelClass): Promise<AttachedModel> {
  const dataSource = Model.dataSource;
  if (!dataSource) throw new NotAttachedError(Model.modelName);
  await dataSource.ready();
  const connector = dataSource.connector;
  if (!connector) throw new NotAttachedError(Model.modelName);
  return { connector, model: resolveConnectorModel(Model.definition, connector) };
}

/** Rejects writes on read-only models (views). */
export function assertWritable(Model: ModelClass): void {
  if (isReadOnlyModel(Model.definition.settings)) throw new ReadOnlyModelError(Model.modelName);
}

/** Builds a persisted instance from a connector row. */
export function fromRow(Model: ModelClass, row: Row): ModelInstance {
  const instance = new Model(row, { persisted: true, applyDefaultValues: false });
  instance.__persisted = true;
  return instance;
}

/** The id property names of a model (at least one, or an INVALID_ARGUMENT error). */
export function idNamesOf(Model: ModelClass): string[] {
  const names = Model.definition.idNames();
  if (names.length === 0) {
    throw new InvalidArgumentError(`Model ${Model.modelName} has no id property`, { model: Model.modelName });
  }
  return names;
}

/**
 * The where filter of an id: a value for a single id; an array (in id order) or an object
 * `{playlistId: 1, trackId: 2}` for composite ids.
 */
export function idWhere(Model: ModelClass, id: unknown): Where {
  const names = idNamesOf(Model);
  const invalid = (): InvalidArgumentError =>
    new InvalidArgumentError(
      `Invalid id for ${Model.modelName}: expected ${names.length === 1 ? `a value of \`${names[0]}\`` : `values of ${names.map((name) => `\`${name}\``).join(', ')} as an array or an object`}`,
      { model: Model.modelName, expected: names, received: id },
    );
  if (id === null || id === undefined) throw invalid();
  if (names.length === 1) {
    const name = names[0] as string;
    if (typeof id === 'object' && !(id instanceof Date) && !Array.isArray(id) && name in id) {
      return { [name]: (id as Record<string, unknown>)[name] };
    }
    if (typeof id === 'object' && !(id instanceof Date)) throw invalid();
    return { [name]: id };
  }
  const where: Where = {};
  if (Array.isArray(id)) {
    if (id.length !== names.length) throw invalid();
    names.forEach((name, index) => {
      where[name] = id[index];
    });
    return where;
  }
  if (typeof id !== 'object') throw invalid();
  for (const name of names) {
    const value = (id as Record<string, unknown>)[name];
    if (value === null || value === undefined) throw invalid();
    where[name] = value;
  }
  return where;
}

/** The id of an instance as `idWhere` accepts it (a value, or an object for composite ids). */
export function instanceId(Model: ModelClass, instance: ModelInstance): unknown {
  const names = idNamesOf(Model);
  if (names.length === 1) return instance.__data[names[0] as string];
  const id: Record<string, unknown> = {};
  for (const name of names) id[name] = instance.__data[name];
  return id;
}

/**
 * The values of an instance a connector may write: known properties only, no undefined values,
 * no read-only columns, and no generated property left empty (the database fills it).
 */
export function writableValues(
  model: ConnectorModel,
  data: Record<string, unknown>,
  only?: Iterable<string>,
): Row {
  const row: Row = {};
  const names = only ? [...only] : model.properties.map((property) => property.name);
  for (const name of names) {
    const property = model.propertyByName.get(name);
    if (!property || property.readOnly) continue;
    const value = data[name];
    if (value === undefined) continue;
    if (property.generated && value === null) continue;
    row[name] = value;
  }
  return row;
}

/** Copies a connector row's values (generated ids, defaults) into an instance, through its coercion. */
export function applyRow(instance: ModelInstance, row: Row): void {
  instance.setAttributes(row);
}

/** Records the instance's current values as saved (the baseline of `propertyChanged`/`reset`). */
export function markSaved(instance: ModelInstance): void {
  instance.__persisted = true;
  if (typeof instance.markClean === 'function') instance.markClean();
}
