/**
 * Resolves a model's runtime definition against one connector: table (or collection) and schema
 * from the connector's block in the model settings, columns (or fields) from each property's
 * block, read through the connector's own `naming` (`postgresql: {schema, table}` and
 * `{columnName}` for SQL, `mongodb: {collection}` and `{fieldName}` for a document store), else
 * its default names. Ids, nullability, generated and read-only columns are the model facts
 * (model/model-facts.ts), read from the connector's own blocks. The result is cached per
 * definition and connector, and rebuilt when the model gains or changes properties.
 */
import { columnBlockOf, isReadOnlyModel, propertyFacts, tableBlockOf } from '../model/model-facts.js';
import type {
  ColumnMetadata,
  EmbeddedModelDefinition,
  ModelSettings,
  TableMetadata,
} from '../model-definition.js';
import type { ModelRuntimeDefinition, ResolvedProperty } from '../model-types.js';
import { resolveTypeReference } from '../types/type-registry.js';
import type { Connector } from './connector.js';
import type { ConnectorModel, ConnectorProperty } from './connector-model.js';
import type { ModelTypeName } from './model-type-name.js';

interface CacheEntry {
  model: ConnectorModel;
  properties: ResolvedProperty[];
  settings: ModelSettings;
  tableBlock: unknown;
}

const cache = new WeakMap<ModelRuntimeDefinition, Map<Connector, CacheEntry>>();

/** The first of `fields` holding a string in `block`. */
function nameIn(
  block: ColumnMetadata | TableMetadata | undefined,
  fields: readonly string[],
): string | undefined {
  if (block === undefined) return undefined;
  for (const field of fields) {
    const value = block[field];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/** A length, precision or scale: the definition's own, else the column block's; integers only. */
function sizeOf(declared: unknown, fromBlock: unknown): number | undefined {
  const value = declared ?? fromBlock;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function resolveProperty(
  property: ResolvedProperty,
  connector: Connector,
  idNames: readonly string[],
): ConnectorProperty {
  const definition = property.definition;
  const block = columnBlockOf(definition, connector.name);
  const naming = connector.naming;
  const column = nameIn(block, naming.columnFields) ?? naming.defaultColumnName(property.name);
  const facts = propertyFacts(definition, connector.name);
  const resolved: ConnectorProperty = {
    name: property.name,
    column,
    type: property.typeName,
    generated: facts.generated,
    nullable: facts.nullable,
  };
  if (property.itemTypeName) resolved.itemType = property.itemTypeName as ModelTypeName;
  if (typeof block?.dataType === 'string') resolved.dataType = block.dataType;
  if (typeof block?.udtName === 'string') resolved.udtName = block.udtName;
  if (typeof block?.characterSet === 'string') resolved.characterSet = block.characterSet;
  const idPosition = idNames.indexOf(property.name);
  if (idPosition >= 0) resolved.idIndex = idPosition + 1;
  const length = sizeOf(definition.length ?? definition.limit, block?.dataLength);
  const precision = sizeOf(definition.precision, block?.dataPrecision);
  const scale = sizeOf(definition.scale, block?.dataScale);
  if (length !== undefined) resolved.length = length;
  if (precision !== undefined) resolved.precision = precision;
  if (scale !== undefined) resolved.scale = scale;
  if (facts.readOnly) resolved.readOnly = true;
  if (definition.embedded) resolved.embedded = embeddedProperties(definition.embedded, connector);
  return resolved;
}

/** The properties of an embedded model type, resolved as a model's are (unknown types as Any). */
function embeddedProperties(
  embedded: EmbeddedModelDefinition,
  connector: Connector,
): ReadonlyMap<string, ConnectorProperty> {
  const properties = new Map<string, ConnectorProperty>();
  for (const [name, definition] of Object.entries(embedded.properties)) {
    const type = resolveTypeReference(definition.type);
    const property: ResolvedProperty = {
      name,
      typeName: type?.typeName ?? 'Any',
      type: type?.type ?? Object,
      definition,
    };
    if (type?.itemTypeName) property.itemTypeName = type.itemTypeName;
    properties.set(name, resolveProperty(property, connector, []));
  }
  return properties;
}

function build(definition: ModelRuntimeDefinition, connector: Connector): ConnectorModel {
  const idNames = definition.idNames();
  const tableBlock = tableBlockOf(definition.settings, connector.name);
  const naming = connector.naming;
  const properties = Object.values(definition.properties).map((property) =>
    resolveProperty(property, connector, idNames),
  );
  const model: ConnectorModel = {
    name: definition.name,
    table: nameIn(tableBlock, naming.tableFields) ?? naming.defaultTableName(definition.name),
    properties,
    propertyByName: new Map(properties.map((property) => [property.name, property])),
    idProperties: idNames,
    readOnly: isReadOnlyModel(definition.settings),
    settings: definition.settings,
  };
  const schema = naming.schemaField === undefined ? undefined : nameIn(tableBlock, [naming.schemaField]);
  if (schema !== undefined) model.schema = schema;
  return model;
}

function isFresh(entry: CacheEntry, definition: ModelRuntimeDefinition, connector: Connector): boolean {
  if (entry.settings !== definition.settings || entry.tableBlock !== definition.settings[connector.name])
    return false;
  const current = definition.properties;
  let index = 0;
  for (const key in current) {
    if (entry.properties[index] !== current[key]) return false;
    index++;
  }
  return index === entry.properties.length;
}

/**
 * The ConnectorModel of a model definition for one connector (cached; rebuilt when the
 * definition's properties or settings object change).
 *
 * @example
 * resolveConnectorModel(InvoiceLine.definition, pgConnector)
 * // {name: 'InvoiceLine', schema: 'public', table: 'invoice_line', idProperties: ['invoiceLineId'],
 * //  properties: [{name: 'unitPrice', column: 'unit_price', type: 'Decimal', ...}, ...]}
 */
export function resolveConnectorModel(
  definition: ModelRuntimeDefinition,
  connector: Connector,
): ConnectorModel {
  let perConnector = cache.get(definition);
  if (!perConnector) {
    perConnector = new Map();
    cache.set(definition, perConnector);
  }
  const entry = perConnector.get(connector);
  if (entry && isFresh(entry, definition, connector)) return entry.model;
  const model = build(definition, connector);
  perConnector.set(connector, {
    model,
    properties: Object.values(definition.properties),
    settings: definition.settings,
    tableBlock: definition.settings[connector.name],
  });
  return model;
}

/** Drops the cached ConnectorModels of a definition (after changes the cache cannot see). */
export function invalidateConnectorModel(definition: ModelRuntimeDefinition): void {
  cache.delete(definition);
}
