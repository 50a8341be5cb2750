/**
 * Which PostgreSQL column types the text operators and comparisons work on as they are, and which
 * are compared through their text (`col::text`). Discovery serves many non-text types as `String`
 * (tsvector, uuid, interval, money, inet, xml, bit, ...): the GraphQL API offers them the text
 * operators like every string, and this is where the fact that PostgreSQL has no `LIKE` or `~`
 * for them (and no `=` or ordering for xml) is kept, so the statement compares their text.
 *
 * @example
 * textOperand(sql.id('uid'), {type: 'String', dataType: 'uuid', ...}) // "uid"::text
 * comparableOperand(sql.id('body'), {type: 'String', dataType: 'xml', ...}) // "body"::text
 */
import type { ConnectorProperty } from '../../juggler/connector/connector-model.js';
import { type SqlFragment, sql } from '../sql/sql-template.js';

/** Types LIKE, ILIKE and `~` take as they are (their own or text's operators). */
const TEXT_TYPES: ReadonlySet<string> = new Set([
  'text',
  'character varying',
  'varchar',
  'character',
  'char',
  'bpchar',
  'name',
  'citext',
  '"char"',
]);

/** Types without an equality or ordering operator: compared and sorted by their text. */
const UNORDERED_TYPES: ReadonlySet<string> = new Set(['xml']);

function baseType(property: ConnectorProperty): string | undefined {
  const type = property.dataType
    ?.toLowerCase()
    .replace(/\(.*\)$/, '')
    .trim();
  return type === 'user-defined' ? property.udtName?.toLowerCase() : type;
}

/**
 * The column as the operand of a text operator (like, ilike, regexp): itself for text types and
 * for properties whose database type is unknown, else its text.
 */
export function textOperand(column: SqlFragment, property: ConnectorProperty): SqlFragment {
  if (property.type !== 'String' && property.type !== 'Text') return column;
  const type = baseType(property);
  if (type === undefined || TEXT_TYPES.has(type)) return column;
  // Enum columns keep their own operators (an index on them may serve `=`), but LIKE needs text.
  return sql`${column}::text`;
}

/** The column as the operand of `=`, `<`, IN and ORDER BY: its text for types without those operators. */
export function comparableOperand(column: SqlFragment, property: ConnectorProperty): SqlFragment {
  const type = baseType(property);
  return type !== undefined && UNORDERED_TYPES.has(type) ? sql`${column}::text` : column;
}
