/**
 * MySQL/MariaDB values ↔ the juggler's value representation (see `Row` in juggler/connector/model-type-name.ts).
 *
 * The pool (mysql-settings.ts) already gives BIGINT/DECIMAL as exact strings, DATE, DATETIME
 * and TIMESTAMP as text, BLOB/BINARY/BIT as Buffers and JSON as text. What needs the model's
 * property type is done here, per property, once per model:
 *
 * - DateTime (TIMESTAMP, read in the session's zone, UTC) → canonical instant text `…Z`;
 *   LocalDateTime (DATETIME) → canonical local text; both written with a space and no zone;
 *   LoopBack's `Date` → a JS Date (UTC); zero dates (`0000-00-00 …`) → null.
 *
 * - Boolean: `tinyint(1)` arrives as 0/1 and `bit(1)` as a one-byte Buffer → true/false.
 * - JSON/Object/Any: the JSON text is parsed (MariaDB's JSON is LONGTEXT with a check, MySQL 8's
 *   is JSON; both arrive as text). A JSON property on a plain text column keeps its string, as
 *   on PostgreSQL.
 * - Array on a `set(...)` column: `'a,b'` ↔ `['a', 'b']`; any other Array is stored as JSON.
 * - GeoPoint ↔ `point`: mysql2 parses a point into `{x, y}`; x is the longitude and y the
 *   latitude (the GIS order of `POINT(lng lat)`, as the PostgreSQL connector stores it).
 *   Written through `ST_GeomFromText('POINT(lng lat)')`.
 * - Other geometries behind a JSON property travel as GeoJSON (`ST_AsGeoJSON` /
 *   `ST_GeomFromGeoJSON`).
 * - Number on a DECIMAL/BIGINT column → number; BigInt/Decimal on an integer or float column →
 *   exact decimal string; String on a numeric column → its text.
 */
import mysql from 'mysql2/promise';
import type { ConnectorProperty } from '../../juggler/connector/connector-model.js';
import { joinDateAndClock } from '../../juggler/types/date-time-text.js';
import { parseJsonExactly, stringifyExactly } from '../../juggler/types/json-number.js';
import { type SqlFragment, sql } from '../sql/sql-template.js';

type Converter = (value: unknown) => unknown;

const GEOMETRY_TYPES = new Set([
  'point',
  'geometry',
  'linestring',
  'polygon',
  'multipoint',
  'multilinestring',
  'multipolygon',
  'geometrycollection',
  'geomcollection',
]);

/** The lower-case base name of a property's declared database type (`'set'` for `set('a','b')`). */
function baseType(property: ConnectorProperty): string | undefined {
  const declared = property.dataType?.trim().toLowerCase();
  return declared ? declared.replace(/\(.*$/s, '').trim() : undefined;
}

/** Whether a JSON-typed property lives in a non-JSON geometry column (read and written as GeoJSON). */
function isGeoJson(property: ConnectorProperty): boolean {
  const base = baseType(property);
  return base !== undefined && base !== 'point' && GEOMETRY_TYPES.has(base);
}

/** Whether a JSON-typed property is kept as JSON text (a json column, or no declared type). */
function isJsonColumn(property: ConnectorProperty): boolean {
  const base = baseType(property);
  return base === undefined || base === 'json' || base === 'longtext' || isGeoJson(property);
}

/** Whether an Array property is a `set(...)` column. */
function isSet(property: ConnectorProperty): boolean {
  return baseType(property) === 'set';
}

/** Parses JSON text; text that is not JSON (a hand-edited longtext) is returned as it is. */
function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return Buffer.isBuffer(value) ? parseJson(value.toString('utf8')) : value;
  try {
    return parseJsonExactly(value);
  } catch {
    return value;
  }
}

const toNumber: Converter = (value) =>
  typeof value === 'string' || typeof value === 'bigint' ? Number(value) : value;

const toDecimalString: Converter = (value) =>
  typeof value === 'number' || typeof value === 'bigint' ? String(value) : value;

const toBoolean: Converter = (value) => {
  if (typeof value === 'number') return value !== 0;
  if (Buffer.isBuffer(value)) return value.some((byte) => byte !== 0);
  if (typeof value === 'string') return value !== '0' && value !== '';
  if (typeof value === 'bigint') return value !== 0n;
  return value;
};

const toText: Converter = (value) =>
  typeof value === 'number' || typeof value === 'bigint' ? String(value) : value;

/** MySQL's zero dates (`0000-00-00`, allowed without NO_ZERO_DATE) are no date: null, as LoopBack's MySQL connector reads them. */
function isZeroDate(text: string): boolean {
  return text.startsWith('0000-00-00');
}

const toDateString: Converter = (value) => {
  if (typeof value === 'string') return isZeroDate(value) ? null : value;
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value;
};

/** DATETIME text `2020-01-01 10:00:00.654321` → canonical local text `2020-01-01T10:00:00.654321`. */
const toLocalDateTime: Converter = (value) => {
  if (typeof value !== 'string') return value;
  return isZeroDate(value) ? null : joinDateAndClock(value.slice(0, 10), value.slice(11));
};

/** TIMESTAMP text (in the session's zone, UTC) → canonical instant text `…Z`. */
const toInstant: Converter = (value) => {
  if (typeof value !== 'string') return value;
  return isZeroDate(value) ? null : `${joinDateAndClock(value.slice(0, 10), value.slice(11))}Z`;
};

/** A LoopBack `Date` property (a JS Date, milliseconds): the text read as UTC. */
const toDate: Converter = (value) => {
  if (typeof value !== 'string') return value;
  if (isZeroDate(value)) return null;
  return new Date(value.length === 10 ? `${value}T00:00:00Z` : `${value.slice(0, 10)}T${value.slice(11)}Z`);
};

/** A canonical date-time text as MySQL reads it: a space for `T`, no `Z` (the session's zone is UTC). */
const toMysqlDateTime: Converter = (value) => {
  if (typeof value !== 'string' || value.length < 19) return value;
  const text = `${value.slice(0, 10)} ${value.slice(11)}`;
  return text.endsWith('Z') ? text.slice(0, -1) : text;
};

const toSetArray: Converter = (value) => {
  if (typeof value !== 'string') return value;
  return value === '' ? [] : value.split(',');
};

/** mysql2's `{x, y}` → `{lat: y, lng: x}` (see the file comment for the x/y choice). */
export function readPoint(value: unknown): unknown {
  if (value && typeof value === 'object' && 'x' in value && 'y' in value) {
    const { x, y } = value as { x: unknown; y: unknown };
    return { lat: Number(y), lng: Number(x) };
  }
  return value;
}

/** `{lat, lng}` → `POINT(lng lat)` well-known text. */
export function formatPoint(value: unknown): unknown {
  if (value && typeof value === 'object' && 'lat' in value && 'lng' in value) {
    const { lat, lng } = value as { lat: unknown; lng: unknown };
    return `POINT(${Number(lng)} ${Number(lat)})`;
  }
  return value;
}

/** The read converter of a property, or undefined when mysql2's value is already right. */
export function mysqlValueReader(property: ConnectorProperty): Converter | undefined {
  switch (property.type) {
    case 'Number':
      return toNumber;
    case 'BigInt':
    case 'Decimal':
      return toDecimalString;
    case 'Boolean':
      return toBoolean;
    case 'String':
    case 'Text':
      return toText;
    case 'DateString':
      return toDateString;
    case 'DateTime':
      return toInstant;
    case 'LocalDateTime':
      return toLocalDateTime;
    case 'Date':
      return toDate;
    case 'JSON':
    case 'Object':
    case 'Any':
      return isJsonColumn(property) ? parseJson : undefined;
    case 'Array':
      return isSet(property) ? toSetArray : parseJson;
    case 'GeoPoint':
      return readPoint;
    default:
      return undefined;
  }
}

const stringifyJson: Converter = (value) => stringifyExactly(value);
const stringifyUnlessString: Converter = (value) =>
  typeof value === 'string' ? value : stringifyExactly(value);
const bigintToString: Converter = (value) => (typeof value === 'bigint' ? value.toString() : value);
const joinSet: Converter = (value) => (Array.isArray(value) ? value.join(',') : value);

/** The write converter of a property (GeoPoint → WKT, JSON → text, set → `'a,b'` ...), if any. */
export function mysqlValueWriter(property: ConnectorProperty): Converter | undefined {
  switch (property.type) {
    case 'GeoPoint':
      return formatPoint;
    case 'JSON':
    case 'Object':
    case 'Any':
      return isJsonColumn(property) ? stringifyJson : stringifyUnlessString;
    case 'Array':
      return isSet(property) ? joinSet : stringifyJson;
    case 'BigInt':
    case 'Decimal':
    case 'Number':
      return bigintToString;
    case 'DateTime':
    case 'LocalDateTime':
      return toMysqlDateTime;
    default:
      return undefined;
  }
}

/** The select-list expression of a column: GeoJSON for non-point geometries, the column otherwise. */
export function mysqlReadExpression(column: SqlFragment, property: ConnectorProperty): SqlFragment {
  if (
    (property.type === 'JSON' || property.type === 'Object' || property.type === 'Any') &&
    isGeoJson(property)
  ) {
    return sql`ST_AsGeoJSON(${column})`;
  }
  return column;
}

/** The placeholder wrapper of a geometry column (WKT for points, GeoJSON for others), if any. */
export function mysqlWriteExpression(
  property: ConnectorProperty,
): ((value: SqlFragment) => SqlFragment) | undefined {
  if (property.type === 'GeoPoint') return (value) => sql`ST_GeomFromText(${value})`;
  if (
    (property.type === 'JSON' || property.type === 'Object' || property.type === 'Any') &&
    isGeoJson(property)
  ) {
    return (value) => sql`ST_GeomFromGeoJSON(${value})`;
  }
  return undefined;
}

/**
 * Makes a value safe for mysql2's client-side formatting: mysql2 would expand a plain object
 * into `key = value` pairs and an array into a list, so any such value left (a JSON value in a
 * raw `execute`) is sent as JSON text. Dates, Buffers and scalars pass unchanged.
 */
export function toDriverParameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value)) {
    return value;
  }
  return stringifyExactly(value);
}

/** `2024-02-29 23:30:00.123`: a Date as MySQL DATETIME text in UTC (the session time zone). */
function utcDateTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * A value as a MySQL literal, for statements bound on the client: strings quoted with
 * backslash escapes (the connector's sessions never run with NO_BACKSLASH_ESCAPES), Buffers as
 * `X'..'`, Dates as UTC text, numbers and booleans as they are, objects as JSON text.
 */
export function mysqlLiteral(value: unknown): string {
  const parameter = toDriverParameter(value);
  if (parameter instanceof Date) {
    return Number.isNaN(parameter.getTime()) ? 'NULL' : mysql.escape(utcDateTime(parameter));
  }
  if (typeof parameter === 'number' && !Number.isFinite(parameter)) return 'NULL';
  // toDriverParameter leaves only scalars, Buffers and Dates: all values escape() accepts.
  return mysql.escape(parameter as Parameters<typeof mysql.escape>[0]);
}
