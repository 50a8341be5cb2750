/**
 * The MySQL/MariaDB dialect of the shared SQL compiler: `` `quoted` `` identifiers, `?`
 * placeholders, one placeholder per IN-list value (mysql2 sends no arrays), `LIMIT ? OFFSET ?` (with
 * an offset alone, MySQL's "no limit" `LIMIT 18446744073709551615`),
 * `INSERT ... () VALUES ()`, `ON DUPLICATE KEY UPDATE`, and no `UPDATE ... RETURNING`. An insert
 * answers its row with `INSERT ... RETURNING` on MariaDB ≥ 10.5; on MySQL, which has no RETURNING,
 * the shared connector inserts, takes `insertId`, then re-reads the row for its defaults.
 *
 * Text matching, chosen to give LoopBack's semantics whatever the column's collation (the
 * default `_ci` collations would make a plain LIKE case-INsensitive and accent-insensitive):
 * - `like`/`nlike` are case-sensitive and accent-sensitive, `_` matching one character:
 *   `CONVERT(col USING utf8mb4) COLLATE utf8mb4_bin LIKE ?`.
 * - `ilike`/`nilike` ignore case only (like PostgreSQL's ILIKE, not accents):
 *   `LOWER(CONVERT(col USING utf8mb4)) COLLATE utf8mb4_bin LIKE LOWER(?)`.
 *   Both convert the column, so an index on it is not used for the match.
 * - `regexp` is case-sensitive unless the RegExp has the `i` flag. MariaDB (PCRE) gets the flag
 *   as a `(?-i)`/`(?i)` prefix of the pattern: `CONVERT(col USING utf8mb4) REGEXP ?`. MySQL 8
 *   (ICU) gets it as the match type: `REGEXP_LIKE(CONVERT(col USING utf8mb4), ?, 'c')` / `'i'`.
 *   Like the like family, the column is matched as utf8mb4, so a pattern with characters a
 *   utf8mb3 or latin1 column cannot hold matches nothing instead of failing. The connector detects the flavour once, when
 *   its pool opens, before any statement is compiled.
 *
 * `upsert` uses `ON DUPLICATE KEY UPDATE c = VALUES(c)`, which both servers accept (MySQL 8.0.20+
 * deprecates VALUES() there but keeps it; MariaDB has no row alias). Unlike PostgreSQL's
 * `ON CONFLICT (id)`, it also fires on a clash with any other unique key of the table.
 */
import type { ConnectorProperty } from '../../juggler/connector/connector-model.js';
import { mapValue, type SqlList } from '../sql/bound-values.js';
import type { LikeOptions, SqlDialect } from '../sql/sql-dialect.js';
import { renderStatement, type SqlFragment, sql } from '../sql/sql-template.js';
import {
  mysqlLiteral,
  mysqlReadExpression,
  mysqlValueReader,
  mysqlValueWriter,
  mysqlWriteExpression,
} from './mysql-type-map.js';

/**
 * Renders a fragment with its values as escaped literals, for mysql2's text protocol. The
 * connector sends generated statements this way instead of `?` plus values, so that no parser
 * has to find the placeholders again in the text (where a `?` may also sit inside a quoted
 * identifier, a column named `a?b`): they are known by construction.
 *
 * @example
 * renderMysqlInline(sql`SELECT * FROM ${sql.id('a?b')} WHERE ${sql.id('x')} = ${"it's"}`)
 * // "SELECT * FROM `a?b` WHERE `x` = 'it\'s'"
 */
export function renderMysqlInline(fragment: SqlFragment): string {
  const statement = renderStatement(fragment, inlineDialect);
  if (statement.bound.length > 0) throw new TypeError('a statement with bound values is bound per run');
  return inlineMysqlValues(statement.pieces, statement.values);
}

/**
 * A rendered statement's text with its values written in as literals (`renderMysqlInline` for a
 * statement rendered once: the pieces around its placeholders and the values of one run).
 */
export function inlineMysqlValues(pieces: readonly string[], values: readonly unknown[]): string {
  let text = pieces[0] ?? '';
  for (let index = 1; index < pieces.length; index++) text += mysqlLiteral(values[index - 1]) + pieces[index];
  return text;
}

/** The server family, which decides the regexp syntax. */
export type MysqlFlavour = 'mysql' | 'mariadb';

/**
 * Whether the server of `version()` answers `INSERT ... RETURNING`: MariaDB from 10.5 (its
 * version says MariaDB), never MySQL.
 */
export function hasInsertReturning(version: string): boolean {
  if (!/mariadb/i.test(version)) return false;
  const [major = 0, minor = 0] = (/^(\d+)\.(\d+)/.exec(version)?.slice(1) ?? []).map(Number);
  return major > 10 || (major === 10 && minor >= 5);
}

/** Quotes a MySQL identifier: wrapped in backticks, inner backticks doubled. */
export function quoteMysqlIdentifier(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

/** The MySQL dialect, with the regexp flavour that can be set once the server is known. */
export interface MysqlDialect extends SqlDialect {
  flavour: MysqlFlavour;
  /** MariaDB ≥ 10.5: `INSERT ... RETURNING` (set with the flavour, once the server is known). */
  supportsInsertReturning: boolean;
}

function caseSensitiveText(column: SqlFragment): SqlFragment {
  return sql`CONVERT(${column} USING utf8mb4) COLLATE utf8mb4_bin`;
}

/** Creates the dialect for one connector (MariaDB regexp syntax until told otherwise). */
export function createMysqlDialect(flavour: MysqlFlavour = 'mariadb'): MysqlDialect {
  const dialect: MysqlDialect = {
    name: 'mysql',
    supportsReturning: false,
    supportsInsertReturning: false,
    flavour,

    quoteIdentifier: quoteMysqlIdentifier,

    placeholder(): string {
      return '?';
    },

    compileInList(column: SqlFragment, list: SqlList, negate: boolean): SqlFragment {
      const items: SqlFragment[] = [];
      for (let index = 0; index < list.length; index++) items.push(sql.value(list.item(index)));
      const values = sql.join(items);
      return negate ? sql`${column} NOT IN (${values})` : sql`${column} IN (${values})`;
    },

    listLengthShape(length: number): number {
      return length;
    },

    comparableOperand(
      column: SqlFragment,
      property: ConnectorProperty,
      purpose: 'filter' | 'order',
    ): SqlFragment {
      // A value with a character a utf8mb3/latin1 column cannot hold (an emoji) then matches
      // nothing, as no stored value can equal it, instead of "Illegal mix of collations". The
      // conversion keeps an index on the column from serving the filter: only such columns get it.
      return purpose === 'filter' && property.characterSet !== undefined
        ? sql`CONVERT(${column} USING utf8mb4)`
        : column;
    },

    compileLike(column: SqlFragment, pattern: unknown, options: LikeOptions): SqlFragment {
      const not = options.negate ? sql`NOT ` : sql.empty;
      if (options.caseInsensitive) {
        return sql`LOWER(CONVERT(${column} USING utf8mb4)) COLLATE utf8mb4_bin ${not}LIKE LOWER(${pattern})`;
      }
      return sql`${caseSensitiveText(column)} ${not}LIKE ${pattern}`;
    },

    compileRegexp(column: SqlFragment, source: unknown, caseInsensitive: boolean): SqlFragment {
      // In utf8mb4 (a regexp uses no index anyway): a pattern with characters a utf8mb3 or latin1
      // column lacks (an emoji) then matches nothing instead of an "Illegal mix of collations".
      const text = sql`CONVERT(${column} USING utf8mb4)`;
      if (dialect.flavour === 'mysql') {
        return sql`REGEXP_LIKE(${text}, ${source}, ${caseInsensitive ? 'i' : 'c'})`;
      }
      const flag = caseInsensitive ? '(?i)' : '(?-i)';
      return sql`${text} REGEXP ${mapValue(source, (pattern) => `${flag}${pattern as string}`)}`;
    },

    compileLimit(limit: unknown, skip: unknown): SqlFragment {
      if (limit === undefined && !skip) return sql.empty;
      // The "no limit" constant is literal text: as a parameter it would be quoted or rounded.
      const limitSql = limit === undefined ? sql` LIMIT 18446744073709551615` : sql` LIMIT ${limit}`;
      return skip ? sql`${limitSql} OFFSET ${skip}` : limitSql;
    },

    compileDefaultValues(): SqlFragment {
      return sql`() VALUES ()`;
    },

    compileUpsertClause(
      _conflictColumns: readonly SqlFragment[],
      updateColumns: readonly SqlFragment[],
    ): SqlFragment {
      const sets = updateColumns.map((column) => sql`${column} = VALUES(${column})`);
      return sql`ON DUPLICATE KEY UPDATE ${sql.join(sets)}`;
    },

    readExpression(column: SqlFragment, property: ConnectorProperty): SqlFragment {
      return mysqlReadExpression(column, property);
    },

    valueWriter: mysqlValueWriter,
    valueReader: mysqlValueReader,
    writeExpression: mysqlWriteExpression,
  };
  return dialect;
}

/** The dialect `renderMysqlInline` renders with (its quoting; values never reach a placeholder). */
const inlineDialect = createMysqlDialect();
