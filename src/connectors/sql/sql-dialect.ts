/**
 * What differs between SQL databases, as one interface. The shared compiler and statement
 * builders (this folder) call it; `postgresql/postgresql-query-compiler.ts` and the MySQL
 * connector implement it. Everything not here is shared.
 */
import type { ConnectorProperty } from '../../juggler/connector/connector-model.js';
import type { SqlList } from './bound-values.js';
import type { SqlFragment } from './sql-template.js';

/** Options of a like-family comparison. */
export interface LikeOptions {
  negate: boolean;
  caseInsensitive: boolean;
}

/**
 * A SQL dialect: quoting, placeholders and the constructs whose syntax differs. Values given to
 * the `compile...` methods are statement values: a constant, or a `BoundValue` of a prepared read
 * (computed at each run); dialects interpolate them (or `mapValue` them), never inspect them.
 */
export interface SqlDialect {
  /** Connector name (`'postgresql'`, `'mysql'`). */
  readonly name: string;
  /** `INSERT/UPDATE ... RETURNING` gives back the stored row in the same statement. */
  readonly supportsReturning: boolean;
  /**
   * `INSERT ... RETURNING` (an upsert's too) gives back the stored row in the same statement:
   * PostgreSQL, and MariaDB from 10.5, which has no `UPDATE ... RETURNING`.
   */
  readonly supportsInsertReturning: boolean;
  /** Quotes one identifier (`"a""b"` in PostgreSQL, `` `a``b` `` in MySQL). Never fails. */
  quoteIdentifier(name: string): string;
  /** The placeholder for the 1-based parameter `index` (`$1` or `?`). */
  placeholder(index: number): string;
  /**
   * The SQL text of `value` written into a statement instead of a placeholder, or undefined when
   * it must stay a parameter. Asked only for statements rendered once and run many times with the
   * same values (the literals of a cached GraphQL operation; see `constant-statements.ts`), so the
   * database plans them once for their real values. Only values whose text cannot carry SQL may
   * be inlined: numbers and booleans, never free text. Optional: without it, always parameters.
   */
  inlineConstant?(value: unknown): string | undefined;
  /**
   * `column IN values` (or NOT IN when `negate`) for a non-empty list without nulls.
   * PostgreSQL sends one array parameter (`= ANY($1)`; `= $1` for one value), MySQL a placeholder per value.
   * `cast` is the property's comparison cast (see `comparisonCast`), when it has one.
   */
  compileInList(column: SqlFragment, list: SqlList, negate: boolean, cast?: ComparisonCast): SqlFragment;
  /**
   * For a property whose column type is narrower than the values a filter may compare it with,
   * the cast that gives a compared parameter the value's type instead of the column's: PostgreSQL
   * infers an untyped `$1` in `smallint_col > $1` as smallint, and 40000 then fails where the
   * comparison means "no row" (`$1::int8`). Called once per model; optional.
   */
  comparisonCast?(property: ConnectorProperty): ComparisonCast | undefined;
  /**
   * The length of an IN list as far as the statement text depends on it, so that a prepared read
   * compiles one statement per distinct result: PostgreSQL's text differs for 0, 1 and more
   * values (`= ANY($1)` takes any length: 2 stands for "many"), MySQL's for every length.
   */
  listLengthShape(length: number): number;
  /** `like`/`nlike`/`ilike`/`nilike` (LoopBack: `%`/`_` wildcards, like is case-sensitive); `pattern` a string value. */
  compileLike(column: SqlFragment, pattern: unknown, options: LikeOptions): SqlFragment;
  /** `regexp` with the source of a JavaScript RegExp (a string value); `caseInsensitive` from its `i` flag. */
  compileRegexp(column: SqlFragment, source: unknown, caseInsensitive: boolean): SqlFragment;
  /** The LIMIT/OFFSET tail (empty fragment when neither is given; a skip is given only when > 0 or bound). */
  compileLimit(limit: unknown, skip: unknown): SqlFragment;
  /** What follows `INSERT INTO t` when no column is given (`DEFAULT VALUES` / `() VALUES ()`). */
  compileDefaultValues(): SqlFragment;
  /**
   * The clause after `INSERT ... VALUES (...)` that turns it into an upsert on `conflictColumns`
   * (`ON CONFLICT (...) DO UPDATE SET ...` / `ON DUPLICATE KEY UPDATE ...`).
   */
  compileUpsertClause(
    conflictColumns: readonly SqlFragment[],
    updateColumns: readonly SqlFragment[],
  ): SqlFragment;
  /**
   * The select-list expression of a property's column, with a cast when the column's database
   * type would not produce the model's value representation (`numeric` read as a `Number`).
   */
  readExpression(column: SqlFragment, property: ConnectorProperty): SqlFragment;
  /**
   * The column as the operand of like/ilike/regexp when its database type has no such operators
   * (PostgreSQL's uuid, tsvector, inet ... compared as `col::text`). Optional: the column itself.
   */
  textOperand?(column: SqlFragment, property: ConnectorProperty): SqlFragment;
  /**
   * The column as the operand of `=`, `<`, IN (`purpose: 'filter'`) and ORDER BY (`'order'`) when
   * its database type has no equality or ordering (PostgreSQL's xml, as `col::text`), or, in a
   * filter, cannot hold every character a value may have (MySQL's utf8mb3 column, as
   * `CONVERT(col USING utf8mb4)`). Optional: the column itself.
   */
  comparableOperand?(
    column: SqlFragment,
    property: ConnectorProperty,
    purpose: 'filter' | 'order',
  ): SqlFragment;
  /**
   * A converter from the juggler's value to the driver's for one property (GeoPoint → point
   * text, JSON → text), or undefined when values pass unchanged. Called once per model.
   */
  valueWriter(property: ConnectorProperty): ((value: unknown) => unknown) | undefined;
  /**
   * A converter from the driver's value to the juggler's for one property, applied to every row
   * a statement returns, or undefined when the driver already gives the model's representation.
   * For drivers that type results by column type only (mysql2 cannot tell a `tinyint(1)` Boolean
   * from a number, or MariaDB's JSON from text). Called once per model; optional.
   */
  valueReader?(property: ConnectorProperty): ((value: unknown) => unknown) | undefined;
  /**
   * For a property whose column needs a conversion in SQL when written, the function wrapping the
   * value's placeholder (`ST_GeomFromText(?)` for a MySQL point); undefined otherwise. Called once
   * per model; optional.
   */
  writeExpression?(property: ConnectorProperty): ((value: SqlFragment) => SqlFragment) | undefined;
  /**
   * For dialects that read hasMany lists inside their parents' statement as JSON (PostgreSQL);
   * without it, such lists are read by a statement of their own. Optional.
   */
  readonly jsonLists?: JsonListDialect;
}

/** How a dialect types the parameters compared with one column (see `SqlDialect.comparisonCast`). */
export interface ComparisonCast {
  /** Wraps a compared value's placeholder (`$1::int8`). */
  value(placeholder: SqlFragment): SqlFragment;
  /** Wraps the placeholder of an IN list sent as one array (`$1::int8[]`). */
  array(placeholder: SqlFragment): SqlFragment;
}

/** A column of a row nested in a JSON list: its JSON-ready expression and how to read it back. */
export interface JsonListColumn {
  expression: SqlFragment;
  /** Turns the (non-null) JSON value into exactly the value a plain row would carry; none when equal. */
  reader?: (value: unknown) => unknown;
}

/** How a dialect nests the rows of a hasMany list in one JSON value per parent row. */
export interface JsonListDialect {
  /** Most columns one nested row can have. */
  readonly maxColumns: number;
  /**
   * The JSON form of a property's select expression (`readExpression`'s result), or undefined when
   * its values cannot be read back from JSON exactly (the list then gets its own statement).
   */
  column(expression: SqlFragment, property: ConnectorProperty): JsonListColumn | undefined;
  /** The aggregate of one list: a JSON array of `[item, ...]` rows in `order` (may be empty), `[]` for none. */
  aggregate(items: readonly SqlFragment[], order: SqlFragment): SqlFragment;
}
