/**
 * MySQL/MariaDB column type → model type: the only dialect-specific step of turning a catalog
 * snapshot into model definitions. Pure and synchronous (it also serves cached snapshots).
 *
 * Decisions worth knowing:
 * - `tinyint(1)` (what `BOOLEAN` creates) is Boolean; every other integer width, signed or
 *   unsigned, is Number, except `bigint` (signed and unsigned), which is BigInt and travels as an
 *   exact decimal string: 2^64 - 1 does not fit a double. Integer columns carry their width
 *   (`integer: {bits, signed}`, recorded in the definition): `int unsigned` reaches 4,294,967,295,
 *   past GraphQL's `Int`. `year` (1901 to 2155, and 0) is recorded as an unsigned 16-bit integer,
 *   the narrowest standard width holding those values.
 * - `tinytext`/`text` are String; `mediumtext`/`longtext` are Text (same values, a hint that the
 *   column holds long documents). Only `char`/`varchar` carry a `length`: text lengths are bytes,
 *   not characters, and would make a wrong length validation.
 * - `bit(1)` is Boolean; a wider `bit(n)` is Buffer, because mysql2 returns BIT as a Buffer and
 *   `bit(64)` does not fit a Number.
 * - `point` is GeoPoint; every other geometry (`polygon`, `linestring`, `geometry` ...) is JSON,
 *   meaning its GeoJSON form (`ST_AsGeoJSON`), which is what API clients can use.
 * - MariaDB's `uuid`, `inet4` and `inet6`, `time`, and any type not listed are String: their
 *   text form is exact.
 * - `json` is JSON: MariaDB stores it as `longtext` with a `json_valid` check, which
 *   mysql-catalog-rows.ts recognises and reports as dataType `json`.
 */

import type { DiscoveredPropertyType } from '../../juggler/connector/connector.js';
import type { PropertyRow } from '../../juggler/discovery/discovery-types.js';
import type { IntegerWidth } from '../../juggler/model-definition.js';

/** Bits of the integer types (`year` as the narrowest standard width holding its values). */
const INTEGER_BITS: ReadonlyMap<string, number> = new Map([
  ['tinyint', 8],
  ['smallint', 16],
  ['mediumint', 24],
  ['int', 32],
  ['integer', 32],
  ['bigint', 64],
  ['year', 16],
]);
const DECIMAL_TYPES = new Set(['decimal', 'numeric', 'dec', 'fixed']);
const FLOAT_TYPES = new Set(['float', 'double', 'double precision', 'real']);
const CHAR_TYPES = new Set(['char', 'varchar', 'nchar', 'nvarchar', 'character', 'character varying']);
const LONG_TEXT_TYPES = new Set(['mediumtext', 'longtext']);
const BINARY_TYPES = new Set(['binary', 'varbinary', 'tinyblob', 'blob', 'mediumblob', 'longblob']);
const GEOMETRY_TYPES = new Set([
  'geometry',
  'linestring',
  'polygon',
  'multipoint',
  'multilinestring',
  'multipolygon',
  'geometrycollection',
  'geomcollection',
]);

/** The width of an integer column: its bits, signed unless the column type says `unsigned` (`year` never is). */
function integerWidth(dataType: string, column: PropertyRow): IntegerWidth | undefined {
  const bits = INTEGER_BITS.get(dataType);
  if (bits === undefined) return undefined;
  const signed = dataType !== 'year' && !/\bunsigned\b/i.test(column.udtName ?? '');
  return { bits, signed };
}

/** The width of a `bit(n)` column, from the column type or, failing that, the numeric precision. */
function bitWidth(column: PropertyRow): number {
  const match = /^bit\((\d+)\)/i.exec(column.udtName ?? '');
  if (match?.[1]) return Number(match[1]);
  return column.dataPrecision ?? 1;
}

/**
 * Maps a discovered MySQL/MariaDB column to its model type.
 *
 * @example
 * mapMysqlPropertyType({ dataType: 'tinyint', udtName: 'tinyint(1)', ... }) // { type: 'Boolean' }
 * mapMysqlPropertyType({ dataType: 'decimal', dataPrecision: 10, dataScale: 2, ... })
 * // { type: 'Decimal', precision: 10, scale: 2 }
 * mapMysqlPropertyType({ dataType: 'int', udtName: 'int(10) unsigned', ... })
 * // { type: 'Number', integer: { bits: 32, signed: false } }
 */
export function mapMysqlPropertyType(column: PropertyRow): DiscoveredPropertyType {
  const dataType = column.dataType.toLowerCase();
  if (dataType === 'tinyint' && /^tinyint\(1\)/i.test(column.udtName ?? '')) return { type: 'Boolean' };
  if (dataType === 'bool' || dataType === 'boolean') return { type: 'Boolean' };
  const integer = integerWidth(dataType, column);
  if (integer) return { type: dataType === 'bigint' ? 'BigInt' : 'Number', integer };
  if (FLOAT_TYPES.has(dataType)) return { type: 'Number' };
  if (DECIMAL_TYPES.has(dataType)) {
    return { type: 'Decimal', precision: column.dataPrecision, scale: column.dataScale };
  }
  if (CHAR_TYPES.has(dataType)) return { type: 'String', length: column.dataLength };
  if (LONG_TEXT_TYPES.has(dataType)) return { type: 'Text' };
  if (dataType === 'set') return { type: 'Array', itemType: 'String' };
  if (dataType === 'date') return { type: 'DateString' };
  // TIMESTAMP is an instant (stored in UTC, read in the session's zone, UTC here); DATETIME a
  // wall-clock date and time with no zone.
  if (dataType === 'timestamp') return { type: 'DateTime' };
  if (dataType === 'datetime') return { type: 'LocalDateTime' };
  if (dataType === 'json') return { type: 'JSON' };
  if (BINARY_TYPES.has(dataType)) return { type: 'Buffer' };
  if (dataType === 'bit') return bitWidth(column) === 1 ? { type: 'Boolean' } : { type: 'Buffer' };
  if (dataType === 'point') return { type: 'GeoPoint' };
  if (GEOMETRY_TYPES.has(dataType)) return { type: 'JSON' };
  // enum, tinytext, text, time, uuid, inet4, inet6 and anything unknown: the text form is exact.
  return { type: 'String' };
}
