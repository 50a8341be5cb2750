/**
 * The view of a model that filter normalization needs: property names, their canonical types and
 * the id properties. Built from a `ConnectorModel` (what the DAO passes) or from a model's
 * `ModelRuntimeDefinition` (what callers without a connector have).
 */
import type { ConnectorModel } from '../connector/connector-model.js';
import type { ModelTypeName } from '../connector/model-type-name.js';
import type { EmbeddedModelDefinition } from '../model-definition.js';
import type { ModelRuntimeDefinition } from '../model-types.js';
import { resolveTypeReference } from '../types/type-registry.js';

/** One property as filters see it. */
export interface FilterProperty {
  name: string;
  type: ModelTypeName;
  itemType?: ModelTypeName;
  /** The properties of the embedded documents it holds: a dotted path (`lines.quantity`) names one. */
  embedded?: ReadonlyMap<string, FilterProperty>;
}

/** The model as filters see it. */
export interface FilterSchema {
  model: string;
  properties: ReadonlyMap<string, FilterProperty>;
  idProperties: readonly string[];
}

/** Anything a filter can be normalized against. */
export type FilterModel = ConnectorModel | ModelRuntimeDefinition | FilterSchema;

const connectorModelSchemas = new WeakMap<ConnectorModel, FilterSchema>();

function isConnectorModel(model: FilterModel): model is ConnectorModel {
  return 'propertyByName' in model;
}

function isRuntimeDefinition(model: FilterModel): model is ModelRuntimeDefinition {
  return typeof (model as ModelRuntimeDefinition).idNames === 'function';
}

function fromConnectorProperty(property: ConnectorModel['properties'][number]): FilterProperty {
  const filter: FilterProperty = { name: property.name, type: property.type };
  if (property.itemType) filter.itemType = property.itemType;
  if (property.embedded) {
    filter.embedded = new Map(
      [...property.embedded.values()].map((inner) => [inner.name, fromConnectorProperty(inner)]),
    );
  }
  return filter;
}

function fromEmbeddedDefinition(embedded: EmbeddedModelDefinition): ReadonlyMap<string, FilterProperty> {
  const properties = new Map<string, FilterProperty>();
  for (const [name, definition] of Object.entries(embedded.properties)) {
    const type = resolveTypeReference(definition.type);
    const property: FilterProperty = { name, type: type?.typeName ?? 'Any' };
    if (type?.itemTypeName) property.itemType = type.itemTypeName;
    if (definition.embedded) property.embedded = fromEmbeddedDefinition(definition.embedded);
    properties.set(name, property);
  }
  return properties;
}

/**
 * The property a (possibly dotted) path names: a model property, or a property of the embedded
 * model type it holds (`lines.unitPrice`), named by its whole path; undefined when none is.
 *
 * @example
 * lookupFilterProperty(Invoice, 'lines.unitPrice') // {name: 'lines.unitPrice', type: 'Decimal'}
 */
export function lookupFilterProperty(schema: FilterSchema, path: string): FilterProperty | undefined {
  const direct = schema.properties.get(path);
  if (direct || !path.includes('.')) return direct;
  const [head, ...rest] = path.split('.');
  let property = schema.properties.get(head as string);
  for (const segment of rest) property = property?.embedded?.get(segment);
  return property && { ...property, name: path };
}

/** Returns the filter view of a connector model, a runtime definition or an existing schema. */
export function toFilterSchema(model: FilterModel): FilterSchema {
  if (isConnectorModel(model)) {
    let schema = connectorModelSchemas.get(model);
    if (!schema) {
      const properties = new Map<string, FilterProperty>();
      for (const property of model.properties) properties.set(property.name, fromConnectorProperty(property));
      schema = { model: model.name, properties, idProperties: model.idProperties };
      connectorModelSchemas.set(model, schema);
    }
    return schema;
  }
  if (isRuntimeDefinition(model)) {
    const properties = new Map<string, FilterProperty>();
    for (const property of Object.values(model.properties)) {
      const embedded = property.definition.embedded;
      properties.set(property.name, {
        name: property.name,
        type: property.typeName,
        ...(property.itemTypeName ? { itemType: property.itemTypeName } : {}),
        ...(embedded ? { embedded: fromEmbeddedDefinition(embedded) } : {}),
      });
    }
    return { model: model.name, properties, idProperties: model.idNames() };
  }
  return model;
}
