/**
 * The PostgreSQL dialect of the shared SQL compiler: `"quoted"` identifiers, `$n` placeholders,
 * one array parameter for IN lists (`= ANY($1)`: the statement text does not depend on the list
 * length, so one prepared statement serves every length) and plain `= $1` for a list of one value
 * (see `compileInList`), native ILIKE and `~`/`~*`,
 * parameterized LIMIT/OFFSET (constants inlined for the statements of cached operations), `ON CONFLICT ... DO UPDATE`, RETURNING, and hasMany lists nested as JSON
 * (postgresql-json-lists.ts).
 */
import type { ConnectorProperty } from '../../juggler/connector/connector-model.js';
import type { SqlList } from '../sql/bound-values.js';
import type { ComparisonCast, LikeOptions, SqlDialect } from '../sql/sql-dialect.js';
import { type SqlFragment, sql } from '../sql/sql-template.js';
import { postgresJsonLists } from './postgresql-json-lists.js';
import { comparableOperand, textOperand } from './postgresql-text-operands.js';
import {
  numericTypeName,
  postgresValueReader,
  postgresValueWriter,
  readCast,
} from './postgresql-type-map.js';

/** A decimal number as JavaScript writes one (`-12`, `0.99`, `1e+21`): nothing else is ever inlined. */
const NUMBER_TEXT = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** Quotes a PostgreSQL identifier: wrapped in double quotes, inner quotes doubled. */
export function quotePostgresIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const TO_INT8: ComparisonCast = {
  value: (placeholder) => sql`${placeholder}::int8`,
  array: (placeholder) => sql`${placeholder}::int8[]`,
};
const TO_FLOAT8: ComparisonCast = {
  value: (placeholder) => sql`${placeholder}::float8`,
  array: (placeholder) => sql`${placeholder}::float8[]`,
};

/**
 * The cast of a value compared with a `Number` property's column when the column is narrower
 * than the values its GraphQL field takes: PostgreSQL types an untyped parameter as the column's
 * type, so `smallint_col > $1` fails for the Int 40000 instead of matching no row. `smallint`
 * compares with `int8`, `real` with `float8`: cross-type comparisons of one operator family, so an
 * index on the column still serves them. (`integer` holds every Int and keeps its plain `$1`.)
 */
export function postgresComparisonCast(property: ConnectorProperty): ComparisonCast | undefined {
  if (property.type !== 'Number' || !property.dataType) return undefined;
  switch (numericTypeName(property.dataType)) {
    case 'int2':
      return TO_INT8;
    case 'float4':
      return TO_FLOAT8;
    default:
      return undefined;
  }
}

/** The PostgreSQL SQL dialect. */
export const postgresDialect: SqlDialect = {
  name: 'postgresql',
  supportsReturning: true,
  supportsInsertReturning: true,

  quoteIdentifier: quotePostgresIdentifier,

  placeholder(index: number): string {
    return `$${index}`;
  },

  /**
   * A number (or a string holding one: Decimal values arrive as text) or a boolean, as a quoted
   * literal of unknown type: `'0.99'`. PostgreSQL types it from its context exactly as it types
   * an untyped `$1` parameter (the column's type, `bigint` after LIMIT), and its text is the one
   * `pg` would have sent for the parameter, so the statement means the same. Anything else stays
   * a parameter.
   */
  inlineConstant(value: unknown): string | undefined {
    let text: string;
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string') {
      text = String(value);
      if (!NUMBER_TEXT.test(text)) return undefined;
    } else if (typeof value === 'boolean') {
      text = value ? 'true' : 'false';
    } else {
      return undefined;
    }
    return `'${text}'`;
  },

  /**
   * A list of one value (a by-key read of one row, e.g. `customer(customerId: 1)`) compiles to
   * `= $1`: PostgreSQL's plan cache then settles on the generic plan of the prepared statement, as
   * its estimate equals the custom one. With `= ANY($1)` the generic plan is costed for an array of
   * unknown length (10 elements), so every execution was planned again at Bind — for a statement
   * with joined relations and nested lists that planning cost more than running it (Chinook Q3:
   * 0.63 ms Bind against 0.31 ms Execute; 2,254 against 4,114 statements/s).
   */
  compileInList(column: SqlFragment, list: SqlList, negate: boolean, cast?: ComparisonCast): SqlFragment {
    if (list.length === 1) {
      const placeholder = sql.value(list.item(0));
      const value = cast ? cast.value(placeholder) : placeholder;
      return negate ? sql`${column} <> ${value}` : sql`${column} = ${value}`;
    }
    const placeholder = sql.value(list.array());
    const values = cast ? cast.array(placeholder) : placeholder;
    return negate ? sql`${column} <> ALL(${values})` : sql`${column} = ANY(${values})`;
  },

  comparisonCast: postgresComparisonCast,

  listLengthShape(length: number): number {
    return length > 2 ? 2 : length;
  },

  compileLike(column: SqlFragment, pattern: unknown, options: LikeOptions): SqlFragment {
    if (options.caseInsensitive) {
      return options.negate ? sql`${column} NOT ILIKE ${pattern}` : sql`${column} ILIKE ${pattern}`;
    }
    return options.negate ? sql`${column} NOT LIKE ${pattern}` : sql`${column} LIKE ${pattern}`;
  },

  compileRegexp(column: SqlFragment, source: unknown, caseInsensitive: boolean): SqlFragment {
    return caseInsensitive ? sql`${column} ~* ${source}` : sql`${column} ~ ${source}`;
  },

  compileLimit(limit: unknown, skip: unknown): SqlFragment {
    const limitSql = limit === undefined ? sql.empty : sql` LIMIT ${limit}`;
    const offsetSql = skip ? sql` OFFSET ${skip}` : sql.empty;
    return sql`${limitSql}${offsetSql}`;
  },

  compileDefaultValues(): SqlFragment {
    return sql`DEFAULT VALUES`;
  },

  compileUpsertClause(
    conflictColumns: readonly SqlFragment[],
    updateColumns: readonly SqlFragment[],
  ): SqlFragment {
    const sets = updateColumns.map((column) => sql`${column} = EXCLUDED.${column}`);
    return sql`ON CONFLICT (${sql.join(conflictColumns)}) DO UPDATE SET ${sql.join(sets)}`;
  },

  readExpression(column: SqlFragment, property: ConnectorProperty): SqlFragment {
    switch (readCast(property)) {
      case 'float8':
        return sql`${column}::float8`;
      case 'numeric_float8':
        return sql`${column}::numeric::float8`;
      case 'text':
        return sql`${column}::text`;
      case 'numeric_text':
        return sql`${column}::numeric::text`;
      default:
        return column;
    }
  },

  textOperand,
  comparableOperand,

  valueWriter: postgresValueWriter,
  valueReader: postgresValueReader,

  jsonLists: postgresJsonLists,
};
