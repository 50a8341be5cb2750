/**
 * PostgreSQL values ↔ the juggler's value representation (see `Row` in juggler/connector/model-type-name.ts).
 *
 * Reads use PER-CONNECTION type parsers (the pool's `types` option), never pg's global
 * `pg.types`, so that other code in the process is unaffected:
 * int8/numeric/money → exact decimal string; date → 'YYYY-MM-DD' (no time-zone shift);
 * timestamptz → exact UTC text, timestamp → exact local text (postgresql-date-time.ts; a
 * LoopBack `Date` property turns the text into a Date); time/timetz/interval → string; json/jsonb → value;
 * bytea → Buffer; point → {lat, lng}; uuid/inet/cidr/tsvector/enums → string; arrays of each.
 *
 * GeoPoint ↔ point: PostgreSQL's point is (x, y). We store x = longitude, y = latitude, the GIS
 * convention (PostGIS's ST_MakePoint(lng, lat), GeoJSON's [lng, lat]), so that the column works
 * with geometric operators the way spatial tools expect.
 */
import type { CustomTypesConfig } from 'pg';
import type { ConnectorProperty } from '../../juggler/connector/connector-model.js';
import type { ModelTypeName } from '../../juggler/connector/model-type-name.js';
import { parseJsonExactly, stringifyExactly } from '../../juggler/types/json-number.js';
import { parseArrayLiteral } from './postgresql-array-literal.js';
import {
  formatDateTimeText,
  parseDateText,
  parseInstantText,
  parseLocalDateTimeText,
} from './postgresql-date-time.js';

/** Reads one value's wire text. */
export type TextParser = (text: string) => unknown;

export const identity: TextParser = (text) => text;
export const parseInteger: TextParser = (text) => Number.parseInt(text, 10);
export const parseFloatValue: TextParser = (text) => Number.parseFloat(text);
export const parseBoolean: TextParser = (text) => text === 't' || text === 'true';
/** json/jsonb: numbers a double would change stay exact (juggler/types/json-number.ts). */
export const parseJson: TextParser = (text) => parseJsonExactly(text);

/** `(x,y)` → `{lat: y, lng: x}` (see the file comment for the x/y choice). */
export function parsePoint(text: string): { lat: number; lng: number } {
  const comma = text.indexOf(',');
  return {
    lng: Number.parseFloat(text.slice(1, comma)),
    lat: Number.parseFloat(text.slice(comma + 1, text.length - 1)),
  };
}

/** bytea in hex (`\x0102`) or escape format → Buffer. */
export function parseBytea(text: string): Buffer {
  if (text.startsWith('\\x')) return Buffer.from(text.slice(2), 'hex');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\\') {
      bytes.push(text.charCodeAt(i));
    } else if (text[i + 1] === '\\') {
      bytes.push(92);
      i++;
    } else {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 4), 8));
      i += 3;
    }
  }
  return Buffer.from(bytes);
}

/** Type OIDs of the built-in types we parse, with their array types. */
const SCALAR_PARSERS: ReadonlyArray<[oid: number, arrayOid: number, parser: TextParser]> = [
  [16, 1000, parseBoolean], // bool
  [17, 1001, parseBytea], // bytea
  [20, 1016, identity], // int8: exact decimal string
  [21, 1005, parseInteger], // int2
  [23, 1007, parseInteger], // int4
  [26, 1028, parseInteger], // oid
  [700, 1021, parseFloatValue], // float4
  [701, 1022, parseFloatValue], // float8
  [1700, 1231, identity], // numeric: exact string
  [790, 791, identity], // money
  [1082, 1182, parseDateText], // date: 'YYYY-MM-DD', never a shifted Date
  [1114, 1115, parseLocalDateTimeText], // timestamp: local text, never read in the process's zone
  [1184, 1185, parseInstantText], // timestamptz: exact UTC text with microseconds
  [1083, 1183, identity], // time
  [1266, 1270, identity], // timetz
  [1186, 1187, identity], // interval
  [114, 199, parseJson], // json
  [3802, 3807, parseJson], // jsonb
  [600, 1017, parsePoint], // point
  [25, 1009, identity], // text
  [1043, 1015, identity], // varchar
  [1042, 1014, identity], // bpchar
  [18, 1002, identity], // char
  [19, 1003, identity], // name
  [2950, 2951, identity], // uuid
  [869, 1041, identity], // inet
  [650, 651, identity], // cidr
  [829, 1040, identity], // macaddr
  [3614, 3643, identity], // tsvector
  [1560, 1561, identity], // bit
  [1562, 1563, identity], // varbit
  [142, 143, identity], // xml
];

/** The parser of an array's wire text whose elements `element` reads. */
export function arrayParser(element: TextParser): TextParser {
  return (text) => parseArrayLiteral(text, element);
}

/**
 * The type parsers of one pool. Unknown types (enums, extension types) read as strings;
 * `registerArrayTypes` adds arrays of enums and domains once their OIDs are known.
 */
export class PostgresTypeParsers implements CustomTypesConfig {
  private readonly parsers = new Map<number, TextParser>();
  /** Type OIDs already looked up in the catalog (known or not): never looked up twice. */
  private readonly looked = new Set<number>();

  constructor() {
    for (const [oid, arrayOid, parser] of SCALAR_PARSERS) {
      this.parsers.set(oid, parser);
      this.parsers.set(arrayOid, arrayParser(parser));
    }
  }

  /** Registers array types found in the catalog: `elementOid` is the (base) type of their elements. */
  registerArrayTypes(arrays: readonly { arrayOid: number; elementOid: number }[]): void {
    for (const { arrayOid, elementOid } of arrays) {
      if (SCALAR_PARSERS.some(([, builtinArray]) => builtinArray === arrayOid)) continue;
      this.parsers.set(arrayOid, arrayParser(this.parsers.get(elementOid) ?? identity));
    }
  }

  /** Whether a result has a column of a type that has not been looked up yet (an enum or domain array, say). */
  hasUnlooked(fields: readonly { dataTypeID: number }[]): boolean {
    for (const field of fields) {
      if (!this.parsers.has(field.dataTypeID) && !this.looked.has(field.dataTypeID)) return true;
    }
    return false;
  }

  /** Records that these OIDs were looked up, so a later result with them needs no lookup. */
  markLooked(oids: Iterable<number>): void {
    for (const oid of oids) this.looked.add(oid);
  }

  /** The parser registered for an OID, if any (not the identity fallback). */
  parserFor(oid: number): TextParser | undefined {
    return this.parsers.get(oid);
  }

  /** pg's hook: the parser of a result column's type. Binary format is never requested. */
  getTypeParser = ((oid: number, format?: string) => {
    if (format === 'binary') return (value: unknown) => value;
    return this.parsers.get(oid) ?? identity;
  }) as CustomTypesConfig['getTypeParser'];
}

/** Model types that map to a scalar PostgreSQL column type, so that `Array` of them is a typed array. */
const SCALAR_ITEM_TYPES: ReadonlySet<ModelTypeName> = new Set([
  'String',
  'Text',
  'Number',
  'BigInt',
  'Decimal',
  'Boolean',
  'Date',
  'DateTime',
  'LocalDateTime',
  'DateString',
]);

/** Whether an `Array` property is stored as a typed PostgreSQL array or as jsonb. */
export function arrayStorage(property: ConnectorProperty): 'array' | 'json' {
  const dataType = property.dataType?.toLowerCase();
  if (dataType) {
    if (dataType === 'json' || dataType === 'jsonb') return 'json';
    if (dataType.endsWith('[]') || dataType.startsWith('_') || dataType === 'array') return 'array';
  }
  return property.itemType && SCALAR_ITEM_TYPES.has(property.itemType) ? 'array' : 'json';
}

/** `{lat, lng}` → point text `(lng,lat)`. */
export function formatPoint(value: unknown): unknown {
  if (value && typeof value === 'object' && 'lat' in value && 'lng' in value) {
    const { lat, lng } = value as { lat: unknown; lng: unknown };
    return `(${Number(lng)},${Number(lat)})`;
  }
  return value;
}

const stringifyJson = (value: unknown): unknown => stringifyExactly(value);
const stringifyUnlessString = (value: unknown): unknown =>
  typeof value === 'string' ? value : stringifyExactly(value);
const bigintToString = (value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

/** The write converter of a property (GeoPoint → point text, JSON → text, ...), if any. */
export function postgresValueWriter(property: ConnectorProperty): ((value: unknown) => unknown) | undefined {
  switch (property.type) {
    case 'GeoPoint':
      return formatPoint;
    case 'JSON':
    case 'Object':
    case 'Any':
      // A JSON value kept in a text column: strings are stored as they are, not JSON-quoted.
      return property.dataType && !/json/i.test(property.dataType) ? stringifyUnlessString : stringifyJson;
    case 'Array':
      if (arrayStorage(property) === 'json') return stringifyJson;
      if (property.itemType === 'GeoPoint') return (value) => (value as unknown[]).map(formatPoint);
      return property.itemType === 'DateTime' ||
        property.itemType === 'LocalDateTime' ||
        property.itemType === 'DateString'
        ? (value) => (Array.isArray(value) ? value.map(formatDateTimeText) : formatDateTimeText(value))
        : undefined;
    case 'BigInt':
    case 'Decimal':
      return bigintToString;
    case 'DateTime':
    case 'LocalDateTime':
    case 'DateString':
      return formatDateTimeText;
    default:
      return undefined;
  }
}

const toDate = (value: unknown): unknown => (typeof value === 'string' ? new Date(value) : value);

/**
 * The read converter of a property, if any: a LoopBack `Date` property (milliseconds, a JS Date)
 * turns the exact text of its column into a Date; every other type reads as the parsers give it.
 */
export function postgresValueReader(property: ConnectorProperty): ((value: unknown) => unknown) | undefined {
  if (property.type === 'Date') return toDate;
  if (property.type === 'Array' && property.itemType === 'Date' && arrayStorage(property) === 'array') {
    return (value) =>
      Array.isArray(value) ? value.map((item) => (item === null ? null : toDate(item))) : value;
  }
  return undefined;
}

const TYPE_ALIASES: Readonly<Record<string, string>> = {
  smallint: 'int2',
  int2: 'int2',
  integer: 'int4',
  int: 'int4',
  int4: 'int4',
  serial: 'int4',
  bigint: 'int8',
  int8: 'int8',
  bigserial: 'int8',
  numeric: 'numeric',
  decimal: 'numeric',
  real: 'float4',
  float4: 'float4',
  'double precision': 'float8',
  float8: 'float8',
  money: 'money',
  oid: 'oid',
};

/** The short name of a numeric database type (`'integer'` → `'int4'`), or undefined for other types. */
export function numericTypeName(dataType: string | undefined): string | undefined {
  if (!dataType) return undefined;
  const base = dataType
    .toLowerCase()
    .replace(/\(.*\)$/, '')
    .trim();
  return TYPE_ALIASES[base];
}

/**
 * The cast a column needs so that its value reads in the model type's representation, or
 * undefined: a `numeric`/`int8` column behind a `Number` property reads as float8, an
 * `integer` column behind a `BigInt`/`Decimal` property as text, `money` through numeric.
 */
export function readCast(
  property: ConnectorProperty,
): 'float8' | 'numeric_float8' | 'text' | 'numeric_text' | undefined {
  // Without a declared type, a Number with a precision is a numeric column (see postgresql-column-types.ts).
  const declared =
    property.dataType ??
    (property.type === 'Number' && (property.precision ?? 0) > 0 ? 'numeric' : undefined);
  const numeric = numericTypeName(declared);
  if (!numeric) return undefined;
  const exact = numeric === 'int8' || numeric === 'numeric' || numeric === 'money';
  switch (property.type) {
    case 'Number':
      if (numeric === 'money') return 'numeric_float8';
      return exact ? 'float8' : undefined;
    case 'BigInt':
    case 'Decimal':
      if (numeric === 'money') return 'numeric_text';
      return exact ? undefined : 'text';
    case 'String':
    case 'Text':
      return exact ? undefined : 'text';
    default:
      return undefined;
  }
}
