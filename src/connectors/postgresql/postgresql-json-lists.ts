/**
 * hasMany lists read inside their parents' statement, as one JSON array per parent row
 * (`json_agg(json_build_array(...))`): what lets a query like "20 albums with their tracks" be one
 * statement, and what node-postgres decodes far faster than the rows of a second statement
 * (one string and `JSON.parse` per parent instead of one message and one string per cell).
 *
 * Every value must come back exactly as a plain row would carry it (see postgresql-type-map.ts):
 * JSON values are read with the same text parsers as the wire text of a plain row, and the types
 * JSON would change (int8/numeric digits, DateStyle dates) are cast to text first (see READINGS).
 * Arrays are cast to text (array_out, the wire text) and parsed like a plain row's arrays. Types
 * whose exact reading is not known here (arrays of user-defined types, undeclared arrays) are
 * refused, and their list is read by a statement of its own. test/postgresql/types.test.ts
 * compares every type nested and plain.
 */
import type { ConnectorProperty } from '../../juggler/connector/connector-model.js';
import type { JsonListColumn, JsonListDialect } from '../sql/sql-dialect.js';
import { type SqlFragment, sql } from '../sql/sql-template.js';
import { postgresColumnType } from './postgresql-column-types.js';
import { parseDateText, parseInstantText, parseLocalDateTimeText } from './postgresql-date-time.js';
import {
  arrayParser,
  identity,
  parseBoolean,
  parseBytea,
  parseFloatValue,
  parseInteger,
  parseJson,
  parsePoint,
  readCast,
  type TextParser,
} from './postgresql-type-map.js';

/** How one base type travels in JSON: as itself, or as text read by a parser (identity when absent). */
type JsonReading = { as: 'json'; reader?: (value: unknown) => unknown } | { as: 'text'; parser?: TextParser };

/** float8 in JSON: a number, or the strings "NaN", "Infinity", "-Infinity". */
const readFloat = (value: unknown): unknown => (typeof value === 'string' ? Number.parseFloat(value) : value);

const NATIVE: JsonReading = { as: 'json' };
const FLOAT: JsonReading = { as: 'json', reader: readFloat };
const TEXT: JsonReading = { as: 'text' };

/** JSON carries the output text of types it does not special-case: read it as the wire text. */
const asWireText = (parser: TextParser): JsonReading => ({
  as: 'json',
  reader: (value) => parser(value as string),
});

/**
 * By `format_type()` base name (no modifiers, no `[]`). JSON special-cases numbers (int8 and
 * numeric would lose digits as JSON numbers), booleans, json and dates/timestamps (always ISO,
 * while the wire follows DateStyle): those that must keep their wire text are cast to text. Every
 * other type reaches JSON as its output function's text — the wire text itself (note that a
 * `::text` cast is not always that: `inet::text` adds the netmask).
 */
const READINGS: Readonly<Record<string, JsonReading>> = {
  smallint: NATIVE,
  integer: NATIVE,
  oid: NATIVE,
  real: FLOAT,
  'double precision': FLOAT,
  boolean: NATIVE,
  // A JSON number a double would change must be read from its text (juggler/types/json-number.ts).
  json: { as: 'text', parser: parseJson },
  jsonb: { as: 'text', parser: parseJson },
  text: NATIVE,
  'character varying': NATIVE,
  character: NATIVE,
  '"char"': NATIVE,
  name: NATIVE,
  uuid: NATIVE,
  money: NATIVE,
  'time without time zone': NATIVE,
  'time with time zone': NATIVE,
  interval: NATIVE,
  inet: NATIVE,
  cidr: NATIVE,
  macaddr: NATIVE,
  tsvector: NATIVE,
  bit: NATIVE,
  'bit varying': NATIVE,
  xml: NATIVE,
  bytea: asWireText(parseBytea),
  point: asWireText(parsePoint),
  bigint: TEXT,
  numeric: TEXT,
  date: { as: 'text', parser: parseDateText },
  'timestamp without time zone': { as: 'text', parser: parseLocalDateTimeText },
  'timestamp with time zone': { as: 'text', parser: parseInstantText },
};

/** The element parser of an array of a base type (what the plain row's array parser applies). */
function elementParser(reading: JsonReading, base: string): TextParser {
  if (reading.as === 'text') return reading.parser ?? identity;
  switch (base) {
    case 'bytea':
      return parseBytea;
    case 'point':
      return parsePoint;
    case 'smallint':
    case 'integer':
    case 'oid':
      return parseInteger;
    case 'real':
    case 'double precision':
      return parseFloatValue;
    case 'boolean':
      return parseBoolean;
    case 'json':
    case 'jsonb':
      return parseJson;
    default:
      return identity;
  }
}

function asText(expression: SqlFragment, parser: TextParser | undefined): JsonListColumn {
  const cast = sql`(${expression})::text`;
  return parser ? { expression: cast, reader: (value) => parser(value as string) } : { expression: cast };
}

/** The JSON form of one column (see the file comment), or undefined when it cannot be read back exactly. */
export function postgresJsonColumn(
  expression: SqlFragment,
  property: ConnectorProperty,
): JsonListColumn | undefined {
  switch (readCast(property)) {
    case 'float8':
    case 'numeric_float8':
      return { expression, reader: readFloat };
    case 'text':
    case 'numeric_text':
      return { expression };
  }
  const declared = property.dataType?.trim().toLowerCase();
  if (declared === 'array' || declared === 'user-defined') return undefined;
  const type = postgresColumnType(property);
  if (type.userDefined) return type.array ? undefined : asText(expression, undefined);
  const isArray = type.text.endsWith('[]');
  const base = type.text
    .replace(/(\[\])+$/, '')
    .replace(/\(.*\)/, '')
    .trim();
  const reading = READINGS[base];
  if (!reading) return undefined;
  if (isArray) {
    const element = elementParser(reading, base);
    return asText(expression, arrayParser(element));
  }
  if (reading.as === 'text') return asText(expression, reading.parser);
  return reading.reader ? { expression, reader: reading.reader } : { expression };
}

/** PostgreSQL's JSON lists. */
export const postgresJsonLists: JsonListDialect = {
  // json_build_array takes at most 100 arguments (FUNC_MAX_ARGS).
  maxColumns: 100,
  column: postgresJsonColumn,
  aggregate(items: readonly SqlFragment[], order: SqlFragment): SqlFragment {
    const orderBy = order.parts.length > 0 ? sql` ORDER BY ${order}` : sql.empty;
    return sql`coalesce(json_agg(json_build_array(${sql.join(items)})${orderBy}), '[]'::json)`;
  },
};
