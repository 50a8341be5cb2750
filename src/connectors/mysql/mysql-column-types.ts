/**
 * The MySQL/MariaDB column type of a model property, spelled as `information_schema.COLUMNS.
 * COLUMN_TYPE` prints it (after `normalizeColumnType`), so that migration can compare the wanted
 * type with the catalog's by string equality on both servers.
 *
 * Defaults for models defined in code: String → `varchar(length)`, or `text` without a length
 * (`varchar(255)` for an id, which must be indexable); Text → `longtext`; Number → `int` for
 * ids and generated values, `decimal(p,s)` with a precision, else `double`; BigInt → `bigint`;
 * Decimal → `decimal(p,s)` (`decimal(65,30)` without a precision: MySQL's bare `decimal` would
 * be `decimal(10,0)` and drop every fraction); Boolean → `tinyint(1)`; Date → `datetime(3)`
 * (milliseconds, stored in UTC); DateTime → `timestamp(6)`; LocalDateTime → `datetime(6)`;
 * DateString → `date`; JSON/Object/Any/Array → `json`; Buffer →
 * `longblob`; GeoPoint → `point`.
 */
import type { ConnectorProperty } from '../../juggler/connector/connector-model.js';

const ALIASES: Readonly<Record<string, string>> = {
  integer: 'int',
  int4: 'int',
  int8: 'bigint',
  int2: 'smallint',
  bool: 'tinyint(1)',
  boolean: 'tinyint(1)',
  numeric: 'decimal',
  dec: 'decimal',
  fixed: 'decimal',
  real: 'double',
  'double precision': 'double',
  float8: 'double',
  'character varying': 'varchar',
  character: 'char',
  timestamptz: 'timestamp',
  bytea: 'longblob',
  jsonb: 'json',
};

const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'bigint']);

function positive(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function decimalType(property: ConnectorProperty): string {
  const precision = positive(property.precision);
  if (!precision) return 'decimal(65,30)';
  const scale = typeof property.scale === 'number' && property.scale >= 0 ? Math.floor(property.scale) : 0;
  return `decimal(${precision},${scale})`;
}

/**
 * The canonical spelling of a column type: lower case, integer display widths dropped (MariaDB
 * prints `int(11)`, MySQL 8 `int`) except `tinyint(1)`, and MariaDB's `longtext` JSON read as
 * `json` when `json` is what is compared against.
 */
export function normalizeColumnType(columnType: string): string {
  const text = columnType.trim().toLowerCase().replace(/\s+/g, ' ');
  return text.replace(
    /^(tinyint|smallint|mediumint|int|bigint)\((\d+)\)/,
    (whole, base: string, width: string) => (base === 'tinyint' && width === '1' ? whole : base),
  );
}

/** Whether the catalog's type matches the wanted one (MariaDB's JSON is a checked `longtext`). */
export function sameColumnType(existing: string, wanted: string): boolean {
  const normalized = normalizeColumnType(existing);
  return normalized === wanted || (wanted === 'json' && normalized === 'longtext');
}

function fromDeclared(property: ConnectorProperty): string | undefined {
  const declared = property.dataType?.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!declared || declared === 'array' || declared === 'user-defined') return undefined;
  // enum(...) and set(...) need their value lists, which a ConnectorProperty does not carry.
  if (/^(enum|set)\b/.test(declared) || !/^[a-z][a-z0-9_ ]*(\(\d+(,\s?\d+)?\))?$/.test(declared)) {
    return undefined;
  }
  const base = declared.replace(/\(.*\)$/, '').trim();
  const canonical = ALIASES[base] ?? base;
  const modifiers = declared.slice(base.length);
  if (canonical === 'decimal')
    return modifiers ? `decimal${modifiers.replace(/\s/g, '')}` : decimalType(property);
  if (canonical === 'varchar')
    return modifiers ? declared.replace(base, 'varchar') : `varchar(${positive(property.length) ?? 255})`;
  if (canonical === 'char')
    return modifiers ? declared.replace(base, 'char') : `char(${positive(property.length) ?? 1})`;
  if (canonical === 'tinyint' && property.type === 'Boolean') return 'tinyint(1)';
  if (INTEGER_TYPES.has(canonical)) return normalizeColumnType(`${canonical}${modifiers}`);
  if (canonical === 'datetime' && !modifiers) return 'datetime(3)';
  return `${canonical}${modifiers}`;
}

function fromModelType(property: ConnectorProperty): string {
  switch (property.type) {
    case 'String': {
      const length = positive(property.length);
      if (length) return `varchar(${length})`;
      return property.idIndex !== undefined ? 'varchar(255)' : 'text';
    }
    case 'Text':
      return 'longtext';
    case 'Number':
      if (positive(property.precision)) return decimalType(property);
      return property.idIndex !== undefined || property.generated ? 'int' : 'double';
    case 'BigInt':
      return 'bigint';
    case 'Decimal':
      return decimalType(property);
    case 'Boolean':
      return 'tinyint(1)';
    case 'Date':
      return 'datetime(3)';
    case 'DateTime':
      return 'timestamp(6)';
    case 'LocalDateTime':
      return 'datetime(6)';
    case 'DateString':
      return 'date';
    case 'Buffer':
      return 'longblob';
    case 'GeoPoint':
      return 'point';
    case 'JSON':
    case 'Object':
    case 'Any':
    case 'Array':
      return 'json';
  }
}

/** The column type of a property: its declared `dataType` when usable, else derived from the model type. */
export function mysqlColumnType(property: ConnectorProperty): string {
  return fromDeclared(property) ?? fromModelType(property);
}

/** Whether a generated id of this type becomes an AUTO_INCREMENT column. */
export function isAutoIncrementType(type: string): boolean {
  return INTEGER_TYPES.has(type.replace(/\(.*$/, '').replace(/ unsigned$/, ''));
}
