/**
 * Raw information_schema values → the neutral discovery rows, with the places where MySQL 8 and
 * MariaDB disagree smoothed over so that the same table gives the same rows on both:
 *
 * - COLUMN_DEFAULT: MariaDB (≥ 10.2.7) gives SQL text (`'new'` quoted, `42`, `current_timestamp()`)
 *   and the string `NULL` for "defaults to null"; MySQL 8 gives the bare value (`new`) and flags
 *   expressions with `DEFAULT_GENERATED` in EXTRA. Both become SQL text, null for no default.
 * - GENERATION_EXPRESSION: MySQL 8 says `''` for ordinary columns, MariaDB NULL; EXTRA says
 *   `VIRTUAL GENERATED`/`STORED GENERATED` on both (`PERSISTENT` on old MariaDB).
 * - JSON: MySQL 8 has a `json` type; MariaDB's JSON is `longtext` plus a check
 *   `json_valid(`col`)`. Such a column is reported as dataType/udtName `json`, and its
 *   json_valid check is dropped (it is the type, not a rule), so both servers agree.
 * - CHECK_CLAUSE: MySQL 8 wraps the expression in parentheses, MariaDB does not; both quote
 *   identifiers with backticks, which is how the columns a check involves are found.
 */
import type { PropertyRow } from '../../juggler/discovery/discovery-types.js';
import type { MysqlServerInfo } from './mysql-catalog-queries.js';

/** A row as a `run` function returns it. */
export type RawRow = Record<string, unknown>;

/** A value as text (Buffers decoded as UTF-8), or null. */
export function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return String(value);
}

/** A value as a number (drivers may return bigint columns as strings), or null. */
export function numberOf(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(textOf(value));
  return Number.isFinite(n) ? n : null;
}

const UNQUOTED_DEFAULT_TYPES = new Set([
  'tinyint',
  'smallint',
  'mediumint',
  'int',
  'integer',
  'bigint',
  'decimal',
  'numeric',
  'float',
  'double',
  'real',
  'year',
  'bit',
]);

/** Quotes a string as a MySQL literal (backslash is an escape character in the default SQL mode). */
function quoteLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * The column default as SQL text, or null when there is none (or it is NULL).
 *
 * @example
 * normalizeColumnDefault("'new'", 'mariadb', 'varchar', '') // "'new'"
 * normalizeColumnDefault('new', 'mysql', 'varchar', '')     // "'new'"
 * normalizeColumnDefault('NULL', 'mariadb', 'int', '')      // null
 * normalizeColumnDefault('CURRENT_TIMESTAMP', 'mysql', 'timestamp', 'DEFAULT_GENERATED') // 'CURRENT_TIMESTAMP'
 */
export function normalizeColumnDefault(
  raw: string | null,
  flavour: MysqlServerInfo['flavour'],
  dataType: string,
  extra: string,
): string | null {
  if (raw === null) return null;
  if (flavour === 'mariadb') return raw === 'NULL' ? null : raw;
  if (/DEFAULT_GENERATED/i.test(extra)) return raw;
  if (UNQUOTED_DEFAULT_TYPES.has(dataType)) return raw;
  if (/^(datetime|timestamp)$/.test(dataType) && /^current_timestamp(\(\d*\))?$/i.test(raw)) return raw;
  return quoteLiteral(raw);
}

/** How the database fills the column, from COLUMN.EXTRA. */
export function generatedKind(extra: string): PropertyRow['generated'] {
  if (/auto_increment/i.test(extra)) return 'auto_increment';
  if (/\bVIRTUAL\b/i.test(extra)) return 'virtual';
  if (/\b(STORED|PERSISTENT)\b/i.test(extra)) return 'stored';
  return null;
}

/**
 * The values of an `enum(...)` or `set(...)` column type, unescaped (`''` → `'`, `\\` → `\`).
 *
 * @example
 * parseEnumValues("enum('it''s','b')") // ["it's", 'b']
 */
export function parseEnumValues(columnType: string): string[] | null {
  const list = /^(?:enum|set)\((.*)\)$/is.exec(columnType)?.[1];
  if (list === undefined) return null;
  const values: string[] = [];
  for (const match of list.matchAll(/'((?:[^'\\]|''|\\.)*)'/gs)) {
    values.push((match[1] ?? '').replace(/''/g, "'").replace(/\\(.)/gs, '$1'));
  }
  return values;
}

/**
 * The backtick-quoted identifiers of an expression, skipping string literals.
 *
 * @example
 * identifiersIn("(`qty` > 0 and `note` <> 'a`b')") // ['qty', 'note']
 */
export function identifiersIn(expression: string): string[] {
  const found: string[] = [];
  const tokens = /'(?:[^'\\]|''|\\.)*'|"(?:[^"\\]|""|\\.)*"|`((?:[^`]|``)*)`/gs;
  for (const match of expression.matchAll(tokens)) {
    const identifier = match[1];
    if (identifier !== undefined) found.push(identifier.replace(/``/g, '`'));
  }
  return [...new Set(found)];
}

/** True when the check is MariaDB's JSON type marker `json_valid(`column`)` for that column. */
export function isJsonValidCheck(expression: string, columnName: string): boolean {
  const body = expression.trim().replace(/^\((.*)\)$/s, '$1');
  const match = /^json_valid\(`((?:[^`]|``)*)`\)$/i.exec(body.trim());
  return match?.[1]?.replace(/``/g, '`') === columnName;
}

/** Facts about a column that come from other catalog rows than its own. */
export interface ColumnContext {
  server: MysqlServerInfo;
  /** The column belongs to a view. */
  inView: boolean;
  /** For view columns: the view accepts writes. */
  viewUpdatable: boolean;
  /** A `json_valid` check marks this MariaDB longtext as JSON. */
  isJson: boolean;
  /** Check expressions that involve only this column. */
  checks: string[];
}

/**
 * The character set of a text column when it cannot hold every character (utf8mb3, latin1 ...):
 * a filter value with a character outside it must then match nothing rather than fail. utf8mb4,
 * binary and non-text columns record none.
 */
function narrowCharacterSet(characterSet: string | null | undefined): { characterSet?: string } {
  if (!characterSet || characterSet === 'utf8mb4' || characterSet === 'binary') return {};
  return { characterSet };
}

/** Builds the discovery row of one information_schema.COLUMNS row. */
export function toPropertyRow(raw: RawRow, context: ColumnContext): PropertyRow {
  const dataType = (textOf(raw.dataType) ?? '').toLowerCase();
  const columnType = textOf(raw.columnType) ?? dataType;
  const extra = textOf(raw.extra) ?? '';
  const generated = context.inView ? null : generatedKind(extra);
  const computed = generated === 'stored' || generated === 'virtual';
  const expression = textOf(raw.generationExpression);
  return {
    owner: textOf(raw.owner) ?? '',
    tableName: textOf(raw.tableName) ?? '',
    columnName: textOf(raw.columnName) ?? '',
    dataType: context.isJson ? 'json' : dataType,
    dataLength: context.isJson ? null : numberOf(raw.dataLength),
    dataPrecision: numberOf(raw.dataPrecision),
    dataScale: numberOf(raw.dataScale),
    nullable: textOf(raw.isNullable) === 'YES',
    position: numberOf(raw.position) ?? 0,
    // A view column has no default of its own (MariaDB reports junk such as `0` for view ids).
    columnDefault:
      context.inView || computed
        ? null
        : normalizeColumnDefault(textOf(raw.columnDefault), context.server.flavour, dataType, extra),
    generated,
    generationExpression: computed && expression ? expression : null,
    description: textOf(raw.comment) || null,
    udtName: context.isJson ? 'json' : columnType,
    enumValues: dataType === 'enum' || dataType === 'set' ? parseEnumValues(columnType) : null,
    // A SET holds several values of its list: an array whose elements are enum values.
    arrayElementType: dataType === 'set' ? 'enum' : null,
    domainName: null,
    checks: context.checks,
    ...narrowCharacterSet(textOf(raw.characterSet)),
    updatable: context.inView ? context.viewUpdatable : !computed,
  };
}
