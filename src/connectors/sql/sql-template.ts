/**
 * The `sql` template: the only way SQL text is built in Discograph. Literal text comes from
 * template strings written in source code; every interpolated value becomes a placeholder
 * parameter; identifiers enter only through `sql.id`, quoted by the dialect when rendered.
 * Injection is impossible by construction: there is no function that turns a runtime string
 * into SQL text. (`renderSqlWithConstants` writes values into the text only through the
 * dialect's `inlineConstant`, which accepts numbers and booleans alone.)
 *
 * @example
 * const q = sql`select ${sql.id('name')} from ${sql.id('public', 'track')} where ${sql.id('track_id')} = ${7}`;
 * renderSql(q, postgresDialect); // {text: 'select "name" from "public"."track" where "track_id" = $1', values: [7]}
 */
import type { SqlDialect } from './sql-dialect.js';

/** One piece of a fragment: trusted text, a parameter value, or a (possibly qualified) identifier. */
export type SqlPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'identifier'; readonly names: readonly string[] };

/** A rendered statement: text with placeholders, and the values they stand for. */
export interface CompiledSql {
  text: string;
  values: unknown[];
}

/** Secret that only this module holds, so that trusted text cannot be forged from outside. */
const TRUSTED = Symbol('trusted-sql-text');

/** A piece of SQL built from trusted text, parameters and quoted identifiers. */
export class SqlFragment {
  readonly parts: readonly SqlPart[];

  /** Use the `sql` template (or its helpers) instead; the constructor is module-internal. */
  constructor(token: symbol, parts: readonly SqlPart[]) {
    if (token !== TRUSTED) throw new TypeError('SqlFragment is built with the sql`...` template only');
    this.parts = parts;
  }

  /** True when the fragment carries no parameter (its rendered text can be cached). */
  get isStatic(): boolean {
    return this.parts.every((part) => part.kind !== 'value');
  }
}

function isTemplateStrings(strings: unknown): strings is TemplateStringsArray {
  return (
    Array.isArray(strings) &&
    Object.isFrozen(strings) &&
    Array.isArray((strings as unknown as { raw?: unknown }).raw)
  );
}

function pushPart(parts: SqlPart[], part: SqlPart): void {
  if (part.kind === 'text') {
    if (part.text === '') return;
    const last = parts[parts.length - 1];
    if (last?.kind === 'text') {
      parts[parts.length - 1] = { kind: 'text', text: last.text + part.text };
      return;
    }
  }
  parts.push(part);
}

function appendValue(parts: SqlPart[], value: unknown): void {
  if (value instanceof SqlFragment) {
    for (const part of value.parts) pushPart(parts, part);
  } else {
    parts.push({ kind: 'value', value });
  }
}

/**
 * Tags a template literal: text is trusted, `${fragment}` nests, any other `${value}` becomes a
 * parameter. Refuses to be called with anything but a real template literal.
 */
function sqlTag(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  if (!isTemplateStrings(strings)) {
    throw new TypeError('sql must be used as a template tag: sql`...`');
  }
  const parts: SqlPart[] = [];
  strings.forEach((text, index) => {
    pushPart(parts, { kind: 'text', text });
    if (index < values.length) appendValue(parts, values[index]);
  });
  return new SqlFragment(TRUSTED, parts);
}

/** An identifier, optionally qualified (`sql.id('public', 'track')` → `"public"."track"`). */
function identifier(...names: string[]): SqlFragment {
  if (names.length === 0) throw new TypeError('sql.id needs at least one name');
  for (const name of names) {
    if (typeof name !== 'string' || name.length === 0) {
      throw new TypeError('sql.id names must be non-empty strings');
    }
  }
  return new SqlFragment(TRUSTED, [{ kind: 'identifier', names }]);
}

/** One parameter, explicitly (the same as interpolating a non-fragment value). */
function parameter(value: unknown): SqlFragment {
  return new SqlFragment(TRUSTED, [{ kind: 'value', value }]);
}

/** Joins fragments with a separator fragment (`, ` by default). */
function join(fragments: readonly SqlFragment[], separator: SqlFragment = COMMA): SqlFragment {
  const parts: SqlPart[] = [];
  fragments.forEach((fragment, index) => {
    if (index > 0) for (const part of separator.parts) pushPart(parts, part);
    for (const part of fragment.parts) pushPart(parts, part);
  });
  return new SqlFragment(TRUSTED, parts);
}

const TYPE_NAME = /^[a-z][a-z0-9_ ]*(\(\d+(,\s?\d+)?\))?( with(out)? time zone)?(\[\])*$/i;

/**
 * A column type name from code (`'numeric(10,2)'`, `'character varying(20)'`, `'text[]'`).
 * Anything but letters, digits, spaces, a precision list and `[]` is refused; user-defined type
 * names go through `sql.id` instead.
 */
function typeName(name: string): SqlFragment {
  if (!TYPE_NAME.test(name)) throw new TypeError(`not a valid SQL type name: ${JSON.stringify(name)}`);
  return new SqlFragment(TRUSTED, [{ kind: 'text', text: name }]);
}

const COMMA = sqlTag`, `;
const EMPTY = sqlTag``;

/** The `sql` template tag with its helpers. */
export const sql = Object.assign(sqlTag, {
  id: identifier,
  value: parameter,
  join,
  typeName,
  empty: EMPTY,
  comma: COMMA,
});

/** A parameter-free fragment rendered once for one dialect; reusable without re-rendering. */
export interface StaticSql {
  readonly text: string;
  readonly fragment: SqlFragment;
}

/** Renders a parameter-free fragment once (for per-model caches of column lists and table names). */
export function renderStatic(fragment: SqlFragment, dialect: SqlDialect): StaticSql {
  if (!fragment.isStatic) throw new TypeError('renderStatic needs a fragment without parameters');
  const { text } = renderSql(fragment, dialect);
  return { text, fragment: new SqlFragment(TRUSTED, [{ kind: 'text', text }]) };
}

/**
 * The text of a fragment for a dialect: trusted text as it is, identifiers quoted, each value as
 * `valueText` writes it; undefined as soon as `valueText` refuses one.
 */
function renderText(
  fragment: SqlFragment,
  dialect: SqlDialect,
  valueText: (value: unknown) => string | undefined,
): string | undefined {
  let text = '';
  for (const part of fragment.parts) {
    if (part.kind === 'text') {
      text += part.text;
    } else if (part.kind === 'value') {
      const written = valueText(part.value);
      if (written === undefined) return undefined;
      text += written;
    } else {
      text += part.names.map((name) => dialect.quoteIdentifier(name)).join('.');
    }
  }
  return text;
}

/** Renders a fragment for a dialect: quoted identifiers, numbered placeholders, the values in order. */
export function renderSql(fragment: SqlFragment, dialect: SqlDialect): CompiledSql {
  const values: unknown[] = [];
  const text = renderText(fragment, dialect, (value) => {
    values.push(value);
    return dialect.placeholder(values.length);
  });
  // A placeholder is never refused, so there always is a text.
  return { text: text ?? '', values };
}

/**
 * Renders a fragment with every value written into the text by `dialect.inlineConstant`, so the
 * statement has no parameter; undefined when the dialect inlines nothing or refuses any one value
 * (all or nothing: a statement with one parameter left is planned per value all the same).
 */
export function renderSqlWithConstants(fragment: SqlFragment, dialect: SqlDialect): CompiledSql | undefined {
  if (!dialect.inlineConstant) return undefined;
  const text = renderText(fragment, dialect, (value) => dialect.inlineConstant?.(value));
  return text === undefined ? undefined : { text, values: [] };
}
