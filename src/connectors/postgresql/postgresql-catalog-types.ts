/**
 * PostgreSQL column types → juggler model types: the one dialect-specific step of turning a
 * catalog snapshot into model definitions (`DiscoveryConnector.mapPropertyType`).
 *
 * It reads `dataType` as discovery reports it (see postgresql-catalog-rows.ts): the SQL name a
 * user recognises (`integer`, `character varying`, `timestamp with time zone`), `ARRAY` with
 * `arrayElementType` for arrays, the type's own name for enums and extension types, and the
 * base type for domains (so a domain maps like its base type).
 */

import type { DiscoveredPropertyType } from '../../juggler/connector/connector.js';
import type { ModelTypeName } from '../../juggler/connector/model-type-name.js';
import type { PropertyRow } from '../../juggler/discovery/discovery-types.js';
import type { IntegerWidth } from '../../juggler/model-definition.js';

/**
 * Scalar types by the name discovery reports. Choices worth a word:
 * - `bigint` is BigInt (exact beyond 2^53), `numeric` is Decimal (exact, as a string).
 * - `date` is DateString ('YYYY-MM-DD', no time zone shift), `timestamp with time zone` DateTime
 *   (an instant), `timestamp without time zone` LocalDateTime (no zone): exact texts, never Dates.
 * - time, interval, uuid, network, money, text-search and bit types have no model type of their
 *   own and travel as their PostgreSQL text form (String).
 * - json and jsonb are JSON (any JSON value, not only objects).
 * - `point` is GeoPoint; the other geometric types are text (String).
 */
const SCALAR_TYPES: ReadonlyMap<string, ModelTypeName> = new Map<string, ModelTypeName>([
  ['smallint', 'Number'],
  ['integer', 'Number'],
  ['bigint', 'BigInt'],
  ['numeric', 'Decimal'],
  ['real', 'Number'],
  ['double precision', 'Number'],
  ['oid', 'Number'],
  ['boolean', 'Boolean'],
  ['text', 'String'],
  ['character varying', 'String'],
  ['character', 'String'],
  ['name', 'String'],
  ['"char"', 'String'],
  ['citext', 'String'],
  ['date', 'DateString'],
  ['timestamp without time zone', 'LocalDateTime'],
  ['timestamp with time zone', 'DateTime'],
  ['time without time zone', 'String'],
  ['time with time zone', 'String'],
  ['interval', 'String'],
  ['uuid', 'String'],
  ['inet', 'String'],
  ['cidr', 'String'],
  ['macaddr', 'String'],
  ['macaddr8', 'String'],
  ['tsvector', 'String'],
  ['tsquery', 'String'],
  ['money', 'String'],
  ['bit', 'String'],
  ['bit varying', 'String'],
  ['xml', 'String'],
  ['json', 'JSON'],
  ['jsonb', 'JSON'],
  ['bytea', 'Buffer'],
  ['point', 'GeoPoint'],
]);

/**
 * The integer types and their widths, recorded in the definition (`discograph: {integer}`) so the
 * GraphQL layer knows `integer` is an `Int` without reading type names. `oid` is unsigned: its
 * values reach 4,294,967,295, past GraphQL's `Int`.
 */
const INTEGER_WIDTHS: ReadonlyMap<string, IntegerWidth> = new Map([
  ['smallint', { bits: 16, signed: true }],
  ['integer', { bits: 32, signed: true }],
  ['bigint', { bits: 64, signed: true }],
  ['oid', { bits: 32, signed: false }],
]);

/** Types whose `dataLength` is a maximum string length worth validating. */
const LENGTH_TYPES = new Set(['character varying', 'character']);

/** The model type of one scalar PostgreSQL type name; unknown and user-defined types are String. */
export function postgresScalarType(dataType: string): ModelTypeName {
  return SCALAR_TYPES.get(dataType) ?? 'String';
}

/**
 * The model type of a discovered PostgreSQL column.
 *
 * @example
 * mapPostgresPropertyType({dataType: 'numeric', dataPrecision: 10, dataScale: 2, ...})
 * // → {type: 'Decimal', precision: 10, scale: 2}
 * mapPostgresPropertyType({dataType: 'ARRAY', arrayElementType: 'text', ...})
 * // → {type: 'Array', itemType: 'String'}
 * mapPostgresPropertyType({dataType: 'integer', ...})
 * // → {type: 'Number', integer: {bits: 32, signed: true}}
 */
export function mapPostgresPropertyType(column: PropertyRow): DiscoveredPropertyType {
  // Enum values travel as strings whatever the enum is called (an enum may be named `date`).
  if (column.dataType === 'ARRAY') {
    const itemType = column.enumValues ? 'String' : postgresScalarType(column.arrayElementType ?? 'text');
    // The width of the elements of an integer array (`integer[]` → `[Int]` in GraphQL).
    const integer = INTEGER_WIDTHS.get(column.arrayElementType ?? '');
    return integer ? { type: 'Array', itemType, integer: { ...integer } } : { type: 'Array', itemType };
  }
  if (column.enumValues) return { type: 'String' };
  const type = postgresScalarType(column.dataType);
  if (type === 'Decimal') return { type, precision: column.dataPrecision, scale: column.dataScale };
  if (LENGTH_TYPES.has(column.dataType)) return { type, length: column.dataLength };
  const integer = INTEGER_WIDTHS.get(column.dataType);
  return integer ? { type, integer: { ...integer } } : { type };
}
