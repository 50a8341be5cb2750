/**
 * Hand-built ConnectorModels for filter and memory connector tests (no model layer needed).
 */
import type { ConnectorModel, ConnectorProperty } from '../../src/juggler/connector/connector-model.js';
import type { ModelTypeName } from '../../src/juggler/connector/model-type-name.js';

/** A property spec: a type name, or the type plus key facts. */
export type PropertySpec =
  | ModelTypeName
  | { type: ModelTypeName; itemType?: ModelTypeName; id?: number; generated?: boolean; nullable?: boolean };

/** Builds a ConnectorModel whose table and columns are the model and property names. */
export function connectorModel(name: string, properties: Record<string, PropertySpec>): ConnectorModel {
  const list: ConnectorProperty[] = Object.entries(properties).map(([property, spec]) => {
    const full = typeof spec === 'string' ? { type: spec } : spec;
    const resolved: ConnectorProperty = {
      name: property,
      column: property,
      type: full.type,
      generated: full.generated ?? false,
      nullable: full.nullable ?? full.id === undefined,
    };
    if (full.itemType) resolved.itemType = full.itemType;
    if (full.id !== undefined) resolved.idIndex = full.id;
    return resolved;
  });
  return {
    name,
    table: name,
    properties: list,
    propertyByName: new Map(list.map((property) => [property.name, property])),
    idProperties: list
      .filter((property) => property.idIndex !== undefined)
      .sort((a, b) => (a.idIndex ?? 0) - (b.idIndex ?? 0))
      .map((property) => property.name),
    readOnly: false,
    settings: {},
  };
}

/** Chinook's track, the running example of the filter tests. */
export const Track = connectorModel('Track', {
  trackId: { type: 'Number', id: 1, generated: true },
  name: { type: 'String', nullable: false },
  albumId: 'Number',
  genreId: 'Number',
  composer: 'String',
  milliseconds: 'Number',
  bytes: 'BigInt',
  unitPrice: 'Decimal',
  releasedOn: 'DateString',
  addedAt: 'Date',
  explicit: 'Boolean',
  tags: { type: 'Array', itemType: 'String' },
  meta: 'JSON',
});
