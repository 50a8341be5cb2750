/**
 * Raw rows of the PostgreSQL catalog statements (postgresql-catalog-queries.ts) → the neutral
 * discovery rows of discovery-types.ts. Pure functions: no SQL runs here.
 *
 * How the spec fields are filled:
 * - `dataType`: the SQL name a user recognises (`integer`, `bigint`, `numeric`,
 *   `character varying`, `character`, `text`, `timestamp with time zone`, `date`, `jsonb`...);
 *   `ARRAY` for arrays (element type in `arrayElementType`); an enum's or extension type's own
 *   name (`mood`, `citext`); for a domain, its base type (the domain in `domainName`).
 * - `dataLength`: the declared length of `varchar(n)`, `char(n)`, `bit(n)`; otherwise null.
 * - `dataPrecision`/`dataScale`: as information_schema reports them: `numeric(p,s)` → p, s;
 *   `smallint`/`integer`/`bigint` → 16/32/64 (binary digits), scale 0; `real`/`double
 *   precision` → 24/53, scale null; anything else (and unconstrained `numeric`) → null.
 * - `nullable`: false when the column or its domain is NOT NULL.
 * - `udtName`: the type's internal name (`int4`, `varchar`, `_text`, `mood`).
 */
import type {
  CheckConstraintRow,
  ForeignKeyRow,
  ModelDefinitionRow,
  PrimaryKeyRow,
  PropertyRow,
  UniqueConstraintRow,
} from '../../juggler/discovery/discovery-types.js';
import { DatabaseError } from '../../juggler/errors.js';

/** A row as the driver returns it. */
export type RawRow = Record<string, unknown>;

/** A constraint row of CONSTRAINTS_SQL after reading. */
export interface RawConstraint {
  owner: string;
  tableName: string;
  name: string;
  /** 'p' primary key, 'f' foreign key, 'u' unique constraint, 'c' check, 'i' unique index. */
  type: 'p' | 'f' | 'u' | 'c' | 'i';
  columns: string[];
  refOwner: string | null;
  refTable: string | null;
  refColumns: string[];
  refKeyName: string | null;
  expression: string | null;
  /** A foreign key added `NOT VALID`, or to a table with row-level security. */
  notEnforced: boolean;
}

const KINDS: Readonly<Record<string, NonNullable<ModelDefinitionRow['kind']>>> = {
  r: 'table',
  v: 'view',
  m: 'materialized_view',
  p: 'partitioned_table',
  f: 'foreign_table',
};

const OID = { int2: 21, int4: 23, int8: 20, float4: 700, float8: 701, numeric: 1700 } as const;
const LENGTH_OIDS = new Set([1042, 1043, 1560, 1562]);
const BIT_OIDS = new Set([1560, 1562]);

function unexpected(field: string, row: RawRow): DatabaseError {
  return new DatabaseError('DATABASE_ERROR', `Unexpected PostgreSQL catalog row: \`${field}\` is missing`, {
    details: { field, row },
  });
}

function text(row: RawRow, field: string): string {
  const value = row[field];
  if (typeof value !== 'string') throw unexpected(field, row);
  return value;
}

function optionalText(row: RawRow, field: string): string | null {
  const value = row[field];
  return typeof value === 'string' ? value : null;
}

function integer(row: RawRow, field: string): number {
  const value = row[field];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  throw unexpected(field, row);
}

function textArray(row: RawRow, field: string): string[] {
  const value = row[field];
  return Array.isArray(value) ? value.map(String) : [];
}

/** The precise kind of a relation from its `relkind`. */
export function relationKind(relkind: string): NonNullable<ModelDefinitionRow['kind']> {
  const kind = KINDS[relkind];
  if (!kind) throw new DatabaseError('DATABASE_ERROR', `Unexpected PostgreSQL relkind \`${relkind}\``);
  return kind;
}

/** A RELATIONS_SQL row → a `discoverModelDefinitions` row (materialized views are views). */
export function toModelDefinitionRow(row: RawRow): ModelDefinitionRow {
  const kind = relationKind(text(row, 'relkind'));
  return {
    type: kind === 'view' || kind === 'materialized_view' ? 'view' : 'table',
    name: text(row, 'name'),
    owner: text(row, 'owner'),
    kind,
    description: optionalText(row, 'description'),
  };
}

/** Length, precision and scale from a type and its modifier, as information_schema computes them. */
function sizes(typeOid: number, typeMod: number, isArray: boolean) {
  const none = { dataLength: null, dataPrecision: null, dataScale: null };
  if (isArray) return none;
  if (LENGTH_OIDS.has(typeOid)) {
    const length = BIT_OIDS.has(typeOid) ? typeMod : typeMod - 4;
    return { ...none, dataLength: typeMod >= 0 && length > 0 ? length : null };
  }
  switch (typeOid) {
    case OID.int2:
      return { ...none, dataPrecision: 16, dataScale: 0 };
    case OID.int4:
      return { ...none, dataPrecision: 32, dataScale: 0 };
    case OID.int8:
      return { ...none, dataPrecision: 64, dataScale: 0 };
    case OID.float4:
      return { ...none, dataPrecision: 24 };
    case OID.float8:
      return { ...none, dataPrecision: 53 };
    case OID.numeric: {
      if (typeMod < 4) return none;
      const packed = typeMod - 4;
      // The scale is an 11-bit signed field since PostgreSQL 15 (negative scales round left).
      return { ...none, dataPrecision: (packed >> 16) & 0xffff, dataScale: ((packed & 0x7ff) ^ 1024) - 1024 };
    }
    default:
      return none;
  }
}

function generatedKind(row: RawRow, columnDefault: string | null): PropertyRow['generated'] {
  const identity = optionalText(row, 'identity');
  if (identity === 'a' || identity === 'd') return 'identity';
  if (optionalText(row, 'generated') === 's') return 'stored';
  if (columnDefault?.startsWith('nextval(')) return 'serial';
  return null;
}

/** The named enum type of a column (of the type, or of an array of it), as `{enumType}`, or nothing. */
function enumTypeOf(row: RawRow): Pick<PropertyRow, 'enumType'> {
  const owner = optionalText(row, 'enum_owner');
  const name = optionalText(row, 'enum_name');
  return owner !== null && name !== null ? { enumType: { owner, name } } : {};
}

/** A COLUMNS_SQL row → a `discoverModelProperties` row with Discograph's extensions. */
export function toPropertyRow(row: RawRow): PropertyRow {
  const isArray = row.is_array === true;
  const columnDefault = optionalText(row, 'column_default');
  const generated = generatedKind(row, columnDefault);
  const kind = relationKind(text(row, 'relkind'));
  const enumValues =
    row.enum_values === null || row.enum_values === undefined ? null : textArray(row, 'enum_values');
  return {
    owner: text(row, 'owner'),
    tableName: text(row, 'table_name'),
    columnName: text(row, 'column_name'),
    dataType: text(row, 'data_type'),
    ...sizes(integer(row, 'base_type_oid'), integer(row, 'type_mod'), isArray),
    nullable: row.not_null !== true,
    position: integer(row, 'position'),
    columnDefault,
    generated,
    description: optionalText(row, 'description'),
    udtName: optionalText(row, 'udt_name'),
    enumValues,
    ...enumTypeOf(row),
    arrayElementType: isArray ? optionalText(row, 'element_type') : null,
    domainName: optionalText(row, 'domain_name'),
    checks: textArray(row, 'checks'),
    ...(row.filled_by_trigger === true ? { filledByTrigger: true } : {}),
    updatable:
      (kind === 'table' || kind === 'partitioned_table' || kind === 'foreign_table') &&
      generated !== 'stored',
  };
}

/** A CONSTRAINTS_SQL row, read. */
export function toRawConstraint(row: RawRow): RawConstraint {
  const type = text(row, 'type');
  if (type !== 'p' && type !== 'f' && type !== 'u' && type !== 'c' && type !== 'i')
    throw unexpected('type', row);
  return {
    owner: text(row, 'owner'),
    tableName: text(row, 'table_name'),
    name: text(row, 'name'),
    type,
    columns: textArray(row, 'columns'),
    refOwner: optionalText(row, 'ref_owner'),
    refTable: optionalText(row, 'ref_table'),
    refColumns: textArray(row, 'ref_columns'),
    refKeyName: optionalText(row, 'ref_key_name'),
    expression: optionalText(row, 'expression'),
    notEnforced: row.not_enforced === true,
  };
}

/** A primary key constraint → `discoverPrimaryKeys` rows (keySeq from 1). */
export function toPrimaryKeyRows(constraint: RawConstraint): PrimaryKeyRow[] {
  return constraint.columns.map((columnName, index) => ({
    owner: constraint.owner,
    tableName: constraint.tableName,
    columnName,
    keySeq: index + 1,
    pkName: constraint.name,
  }));
}

/** A foreign key constraint → `discoverForeignKeys` rows, one per column pair (keySeq from 1). */
export function toForeignKeyRows(constraint: RawConstraint): ForeignKeyRow[] {
  return constraint.columns.map((fkColumnName, index) => ({
    fkOwner: constraint.owner,
    fkName: constraint.name,
    fkTableName: constraint.tableName,
    fkColumnName,
    keySeq: index + 1,
    pkOwner: constraint.refOwner ?? constraint.owner,
    pkName: constraint.refKeyName,
    pkTableName: constraint.refTable ?? '',
    pkColumnName: constraint.refColumns[index] ?? '',
    ...(constraint.notEnforced ? { enforced: false as const } : {}),
  }));
}

/** A unique constraint or unique index → its neutral row. */
export function toUniqueConstraintRow(constraint: RawConstraint): UniqueConstraintRow {
  return {
    owner: constraint.owner,
    tableName: constraint.tableName,
    name: constraint.name,
    columns: constraint.columns,
  };
}

/** A check constraint → its neutral row. */
export function toCheckConstraintRow(constraint: RawConstraint): CheckConstraintRow {
  return {
    owner: constraint.owner,
    tableName: constraint.tableName,
    name: constraint.name,
    expression: constraint.expression ?? '',
    columns: constraint.columns,
  };
}
