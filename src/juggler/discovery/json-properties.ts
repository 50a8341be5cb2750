/**
 * The discovery report's list of properties left JSON for a reason (a document store's field
 * whose type differs between documents): every property, embedded ones by dotted path, typed JSON
 * and carrying the reason discovery wrote in its description.
 */
import type { ModelDefinition, PropertyDefinition } from '../model-definition.js';

/** A property left JSON, and why. */
export interface JsonPropertyRow {
  model: string;
  /** The property's path (`box.size` inside an embedded document). */
  path: string;
  reason: string;
}

function collect(
  model: string,
  prefix: string,
  properties: Record<string, PropertyDefinition>,
  into: JsonPropertyRow[],
): void {
  for (const [name, property] of Object.entries(properties)) {
    const type = Array.isArray(property.type) ? property.type[0] : property.type;
    if (type === 'JSON' && property.description) {
      into.push({ model, path: `${prefix}${name}`, reason: property.description });
    }
    if (property.embedded) collect(model, `${prefix}${name}.`, property.embedded.properties, into);
  }
}

/**
 * The properties of `definitions` that discovery left JSON, with the reason it gave.
 *
 * @example
 * jsonProperties(definitions) // [{model: 'Parcel', path: 'box.size', reason: 'mixed types in the sample: int (2), string (1)'}]
 */
export function jsonProperties(definitions: readonly ModelDefinition[]): JsonPropertyRow[] {
  const rows: JsonPropertyRow[] = [];
  for (const definition of definitions) collect(definition.name, '', definition.properties, rows);
  return rows;
}
