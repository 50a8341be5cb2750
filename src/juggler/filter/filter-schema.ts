/**
 * The view of a model that filter normalization needs: property names, their canonical types and
 * the id properties. Built from a `ConnectorModel` (what the DAO passes) or from a model's
 * `ModelRuntimeDefinition` (what callers without a connector have).
 */
import type { ConnectorModel } from '../connector/connector-model.js';
import type { ModelTypeName } from '../connector/model-type-name.js';
import type { ModelRuntimeDefinition } from '../model-types.js';

/** One property as filters see it. */
export interface FilterProperty {
  name: string;
  type: ModelTypeName;
  itemType?: ModelTypeName;
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

/** Returns the filter view of a connector model, a runtime definition or an existing schema. */
export function toFilterSchema(model: FilterModel): FilterSchema {
  if (isConnectorModel(model)) {
    let schema = connectorModelSchemas.get(model);
    if (!schema) {
      const properties = new Map<string, FilterProperty>();
      for (const property of model.properties) {
        properties.set(property.name, {
          name: property.name,
          type: property.type,
          ...(property.itemType ? { itemType: property.itemType } : {}),
        });
      }
      schema = { model: model.name, properties, idProperties: model.idProperties };
      connectorModelSchemas.set(model, schema);
    }
    return schema;
  }
  if (isRuntimeDefinition(model)) {
    const properties = new Map<string, FilterProperty>();
    for (const property of Object.values(model.properties)) {
      properties.set(property.name, {
        name: property.name,
        type: property.typeName,
        ...(property.itemTypeName ? { itemType: property.itemTypeName } : {}),
      });
    }
    return { model: model.name, properties, idProperties: model.idNames() };
  }
  return model;
}
