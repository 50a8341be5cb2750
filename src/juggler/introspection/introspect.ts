/**
 * Instance introspection (LoopBack's lib/introspection.js): infers property definitions from a
 * sample JSON document, for `buildModelFromInstance` and document stores.
 *
 * Inference: string → String, except ISO 8601 dates and date-times → Date; number → Number;
 * boolean → Boolean; bigint → BigInt; Date → Date; Buffer → Buffer; GeoPoint → GeoPoint; arrays
 * → `[T]` from the first non-null element (`['Any']` when there is none); null/undefined → Any.
 * Nested objects become `Object` (not nested anonymous models as in LoopBack: every property
 * keeps a canonical type, and a GraphQL layer can expose the object as JSON). MongoDB BSON
 * values map by `_bsontype`: ObjectId → String, Decimal128 → Decimal, Long → BigInt. A `_id`
 * field is marked as the id when the document has no `id`.
 */
import type { PropertyDefinition, PropertyType } from '../model-definition.js';
import { GeoPoint } from '../types/geo-point.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const BSON_TYPES: Record<string, string> = {
  ObjectId: 'String',
  ObjectID: 'String',
  Decimal128: 'Decimal',
  Long: 'BigInt',
  Int32: 'Number',
  Double: 'Number',
};

function isIsoDate(text: string): boolean {
  return ISO_DATE.test(text) && !Number.isNaN(Date.parse(text));
}

/**
 * The type of one sample value.
 *
 * @example
 * inferPropertyType('2024-01-31T10:00:00Z') // 'Date'
 * inferPropertyType([1, 2]) // ['Number']
 * inferPropertyType({a: 1}) // 'Object'
 */
export function inferPropertyType(value: unknown): PropertyType {
  if (value === null || value === undefined) return 'Any';
  switch (typeof value) {
    case 'string':
      return isIsoDate(value) ? 'Date' : 'String';
    case 'number':
      return 'Number';
    case 'boolean':
      return 'Boolean';
    case 'bigint':
      return 'BigInt';
    default:
      break;
  }
  if (value instanceof Date) return 'Date';
  if (Buffer.isBuffer(value)) return 'Buffer';
  if (value instanceof GeoPoint) return 'GeoPoint';
  if (Array.isArray(value)) {
    const sample = value.find((item) => item !== null && item !== undefined);
    return [sample === undefined ? 'Any' : inferPropertyType(sample)];
  }
  const bsonType = (value as { _bsontype?: unknown })._bsontype;
  if (typeof bsonType === 'string' && BSON_TYPES[bsonType]) return BSON_TYPES[bsonType];
  return 'Object';
}

/**
 * Property definitions (long form) for every field of a sample document.
 *
 * @example
 * introspectJson({name: 'Joe', age: 30, tags: ['a']})
 * // {name: {type: 'String'}, age: {type: 'Number'}, tags: {type: ['String']}}
 */
export function introspectJson(json: Record<string, unknown>): Record<string, PropertyDefinition> {
  const properties: Record<string, PropertyDefinition> = {};
  for (const [name, value] of Object.entries(json)) {
    if (typeof value === 'function') continue;
    properties[name] = { type: inferPropertyType(value) };
  }
  const id = properties._id;
  if (id && !properties.id) id.id = true;
  return properties;
}

/** A property type as text, to compare the types of one field across instances. */
function typeKey(type: PropertyType): string {
  return JSON.stringify(type);
}

/**
 * Property definitions merged over several sample documents, as `introspectJson` reads one:
 * a field's type is the type of its non-null values in every document that holds it (`Any` when
 * none does); a field whose values differ in type becomes `JSON`, its description naming the
 * types seen. Fields keep the order of their first appearance.
 *
 * @example
 * introspectInstances([{code: 'A1', n: 1}, {code: 7, n: 2, late: true}])
 * // {code: {type: 'JSON', description: 'mixed types in the sample: String (1), Number (1)'},
 * //  n: {type: 'Number'}, late: {type: 'Boolean'}}
 */
export function introspectInstances(
  instances: readonly Record<string, unknown>[],
): Record<string, PropertyDefinition> {
  const seen = new Map<string, Map<string, { type: PropertyType; count: number }>>();
  for (const instance of instances) {
    for (const [name, value] of Object.entries(instance)) {
      if (typeof value === 'function') continue;
      let types = seen.get(name);
      if (!types) {
        types = new Map();
        seen.set(name, types);
      }
      if (value === null || value === undefined) continue;
      const type = inferPropertyType(value);
      const entry = types.get(typeKey(type));
      if (entry) entry.count++;
      else types.set(typeKey(type), { type, count: 1 });
    }
  }
  const properties: Record<string, PropertyDefinition> = {};
  for (const [name, types] of seen) {
    const [only, ...others] = [...types.values()];
    if (!only) properties[name] = { type: 'Any' };
    else if (others.length === 0) properties[name] = { type: only.type };
    else {
      const counts = [...types.values()].map(
        ({ type, count }) => `${typeKey(type).replace(/"/g, '')} (${count})`,
      );
      properties[name] = { type: 'JSON', description: `mixed types in the sample: ${counts.join(', ')}` };
    }
  }
  const id = properties._id;
  if (id && !properties.id) id.id = true;
  return properties;
}
