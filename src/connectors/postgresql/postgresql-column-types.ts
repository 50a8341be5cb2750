/**
 * The PostgreSQL column type of a model property, spelled exactly as `format_type()` prints it
 * (`character varying(20)`, `timestamp with time zone`, `integer[]`) so that migration can
 * compare the wanted type with the catalog's by string equality.
 */
import type { ConnectorProperty } from '../../juggler/connector/connector-model.js';
import type { ModelTypeName } from '../../juggler/connector/model-type-name.js';
import { arrayStorage } from './postgresql-type-map.js';

/** A column type: its canonical text, and whether that text is a user-defined type name to quote. */
export interface ColumnType {
  /** `format_type()` spelling, e.g. `numeric(10,2)`. */
  text: string;
  /** A user-defined type (an enum, say): `name` is emitted as a quoted identifier. */
  userDefined: boolean;
  /** The user-defined type's name (without `[]`). */
  name?: string;
  /** An array of the user-defined type. */
  array?: boolean;
}

const CANONICAL: Readonly<Record<string, string>> = {
  int2: 'smallint',
  smallint: 'smallint',
  int4: 'integer',
  int: 'integer',
  integer: 'integer',
  serial: 'integer',
  serial4: 'integer',
  int8: 'bigint',
  bigint: 'bigint',
  bigserial: 'bigint',
  serial8: 'bigint',
  numeric: 'numeric',
  decimal: 'numeric',
  float4: 'real',
  real: 'real',
  float8: 'double precision',
  float: 'double precision',
  'double precision': 'double precision',
  bool: 'boolean',
  boolean: 'boolean',
  varchar: 'character varying',
  'character varying': 'character varying',
  char: 'character',
  character: 'character',
  bpchar: 'character',
  text: 'text',
  date: 'date',
  timestamp: 'timestamp without time zone',
  'timestamp without time zone': 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  'timestamp with time zone': 'timestamp with time zone',
  time: 'time without time zone',
  'time without time zone': 'time without time zone',
  timetz: 'time with time zone',
  'time with time zone': 'time with time zone',
  interval: 'interval',
  json: 'json',
  jsonb: 'jsonb',
  bytea: 'bytea',
  uuid: 'uuid',
  inet: 'inet',
  cidr: 'cidr',
  macaddr: 'macaddr',
  money: 'money',
  point: 'point',
  tsvector: 'tsvector',
  xml: 'xml',
};

function positive(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function withModifiers(base: string, property: ConnectorProperty): string {
  if (base === 'numeric') {
    const precision = positive(property.precision);
    if (!precision) return base;
    const scale = typeof property.scale === 'number' && property.scale >= 0 ? property.scale : 0;
    return `numeric(${precision},${Math.floor(scale)})`;
  }
  if (base === 'character varying') {
    const length = positive(property.length);
    return length ? `${base}(${length})` : base;
  }
  if (base === 'character') return `character(${positive(property.length) ?? 1})`;
  return base;
}

function fromModelType(type: ModelTypeName, property: ConnectorProperty): string | undefined {
  switch (type) {
    case 'String':
      return positive(property.length) ? withModifiers('character varying', property) : 'text';
    case 'Text':
      return 'text';
    case 'Number':
      if (positive(property.precision)) return withModifiers('numeric', property);
      return property.idIndex !== undefined || property.generated ? 'integer' : 'double precision';
    case 'BigInt':
      return 'bigint';
    case 'Decimal':
      return withModifiers('numeric', property);
    case 'Boolean':
      return 'boolean';
    case 'Date':
    case 'DateTime':
      return 'timestamp with time zone';
    case 'LocalDateTime':
      return 'timestamp without time zone';
    case 'DateString':
      return 'date';
    case 'JSON':
    case 'Object':
    case 'Any':
      return 'jsonb';
    case 'Buffer':
      return 'bytea';
    case 'GeoPoint':
      return 'point';
    case 'Array':
      return undefined;
  }
}

/** The column type of a property: its declared `dataType` when given, else derived from the model type. */
export function postgresColumnType(property: ConnectorProperty): ColumnType {
  const declared = property.dataType?.trim().toLowerCase();
  if (declared && declared !== 'array' && declared !== 'user-defined') {
    const isArray = declared.endsWith('[]') || declared.startsWith('_');
    const element = declared.replace(/\[\]$/, '').replace(/^_/, '');
    const base = element.replace(/\(.*\)$/, '').trim();
    const canonical = CANONICAL[base];
    if (!canonical) {
      const name = property.dataType!.trim().replace(/\[\]$/, '').replace(/^_/, '');
      return { text: isArray ? `${name}[]` : name, userDefined: true, name, array: isArray };
    }
    const text = withModifiers(canonical, property);
    return { text: isArray ? `${text}[]` : text, userDefined: false };
  }
  if (property.type === 'Array') {
    if (arrayStorage(property) === 'json' || !property.itemType) return { text: 'jsonb', userDefined: false };
    const element = fromModelType(property.itemType, { ...property, idIndex: undefined, generated: false });
    return { text: `${element ?? 'text'}[]`, userDefined: false };
  }
  return { text: fromModelType(property.type, property) ?? 'jsonb', userDefined: false };
}

/** Whether a generated id of this type becomes an identity column. */
export function isIdentityType(type: ColumnType): boolean {
  return type.text === 'integer' || type.text === 'bigint' || type.text === 'smallint';
}
