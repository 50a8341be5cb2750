/**
 * The `sql` template: the only way SQL text is built in Discograph. Literal text comes from
 * template strings written in source code; every interpolated value becomes a placeholder
 * parameter; identifiers enter only through `sql.id`, quoted by the dialect when rendered.
 * Injection is impossible by construction: there is no function that turns a runtime string
 * into SQL text. (`renderSqlWithConstants` writes values into the text only through the
 * dialect's `inlineConstant`, which accepts numbers and booleans alone.) A `BoundValue`
 * interpolated like a value is a placeholder whose value a prepared read computes at each run
 * (see bound-values.ts).
 *
 * @example
 * const q = sql`select ${sql.id('name')} from ${sql.id('public', 'track')} where ${sql.id('track_id')} = ${7}`;
 * renderSql(q, postgresDialect); // {text: 'select "name" from "public"."track" where "track_id" = $1', values: [7]}
 */
import { type BoundSlot, type BoundSource, BoundValue } from './bound-values.js';
import type { SqlDialect } from './sql-dialect.js';

/**
 * One piece of a fragment: trusted text, a parameter value, a parameter bound at each run of a
 * prepared read, or a (possibly qualified) identifier.
 */
export type SqlPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'bound'; readonly bound: BoundValue }
  | { readonly kind: 'identifier'; readonly names: readonly string[] };

/** A rendered statement: text with placeholders, and the values they stand for. */
export interface CompiledSql {
  text: string;
  values: unknown[];
}

/**
 * A statement rendered once and run many times: its values are constants, except the bound ones
 * (`bound`, computed per run by `bindValues`; their places in `values` hold the BoundValue).
 */
export interface RenderedStatement extends CompiledSql {
  /**
   * The text around the placeholders (one more piece than values), for drivers that write the
   * values into the text on the client and must not search it for placeholders: a `?` inside a
   * quoted identifier is not one.
   */
  readonly pieces: readonly string[];
  readonly bound: readonly BoundSlot[];
  /** The sources the bound values pick from, each computed once per run. */
  readonly sources: readonly BoundSource[];
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
    return this.parts.every((part) => part.kind === 'text' || part.kind === 'identifier');
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

function valuePart(value: unknown): SqlPart {
  return value instanceof BoundValue ? { kind: 'bound', bound: value } : { kind: 'value', value };
}

function appendValue(parts: SqlPart[], value: unknown): void {
  if (value instanceof SqlFragment) {
    for (const part of value.parts) pushPart(parts, part);
  } else {
    parts.push(valuePart(value));
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
  return new SqlFragment(TRUSTED, [valuePart(value)]);
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

/**
 * A non-negative whole number written into the text (a page size): the planner then plans for it,
 * where a parameter leaves it guessing (a generic plan of `LIMIT $1` inside a nested list read a
 * whole index in key order, 13x slower than the plan for 100).
 */
function integer(value: number): SqlFragment {
  if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`not a non-negative integer: ${value}`);
  return new SqlFragment(TRUSTED, [{ kind: 'text', text: String(value) }]);
}

const COMMA = sqlTag`, `;
const EMPTY = sqlTag``;

/** The `sql` template tag with its helpers. */
export const sql = Object.assign(sqlTag, {
  id: identifier,
  value: parameter,
  join,
  typeName,
  integer,
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

/** A value or bound part. */
type ValuePart = Extract<SqlPart, { kind: 'value' | 'bound' }>;

/**
 * The text of a fragment around its values, for a dialect: trusted text as it is, identifiers
 * quoted, cut at every value (one more piece than values). `accept` sees each value in order;
 * undefined as soon as it refuses one.
 */
function renderPieces(
  fragment: SqlFragment,
  dialect: SqlDialect,
  accept: (part: ValuePart) => boolean,
): string[] | undefined {
  const pieces: string[] = [];
  let piece = '';
  for (const part of fragment.parts) {
    if (part.kind === 'text') {
      piece += part.text;
    } else if (part.kind === 'identifier') {
      piece += part.names.map((name) => dialect.quoteIdentifier(name)).join('.');
    } else {
      if (!accept(part)) return undefined;
      pieces.push(piece);
      piece = '';
    }
  }
  pieces.push(piece);
  return pieces;
}

/** The pieces joined by the value texts (`written[i]` after `pieces[i]`). */
function interleave(pieces: readonly string[], written: (index: number) => string): string {
  let text = pieces[0] ?? '';
  for (let index = 1; index < pieces.length; index++) text += written(index - 1) + pieces[index];
  return text;
}

/**
 * Renders a fragment for a dialect, to be run as often as wanted: quoted identifiers, numbered
 * placeholders, the values in order (bound values also listed in `bound`), the text around them.
 */
export function renderStatement(fragment: SqlFragment, dialect: SqlDialect): RenderedStatement {
  const values: unknown[] = [];
  const bound: BoundSlot[] = [];
  const sources: BoundSource[] = [];
  // A value is never refused, so there always are pieces.
  const pieces =
    renderPieces(fragment, dialect, (part) => {
      if (part.kind === 'value') {
        values.push(part.value);
        return true;
      }
      const { source } = part.bound;
      let index = source ? sources.indexOf(source) : -1;
      if (source && index < 0) index = sources.push(source) - 1;
      bound.push({ position: values.length, value: part.bound, source: index });
      values.push(part.bound);
      return true;
    }) ?? [];
  const text = interleave(pieces, (index) => dialect.placeholder(index + 1));
  return { text, values, pieces, bound, sources };
}

/** Renders a fragment for a dialect: quoted identifiers, numbered placeholders, the values in order. */
export function renderSql(fragment: SqlFragment, dialect: SqlDialect): CompiledSql {
  const { text, values } = renderStatement(fragment, dialect);
  return { text, values };
}

/**
 * Renders a fragment with every value written into the text by `dialect.inlineConstant`, so the
 * statement has no parameter; undefined when the dialect inlines nothing, or the fragment has a
 * bound value, or `inlineConstant` refuses any one value (all or nothing: a statement with one
 * parameter left is planned per value all the same).
 */
export function renderSqlWithConstants(fragment: SqlFragment, dialect: SqlDialect): CompiledSql | undefined {
  if (!dialect.inlineConstant) return undefined;
  const written: string[] = [];
  const pieces = renderPieces(fragment, dialect, (part) => {
    const text = part.kind === 'value' ? dialect.inlineConstant?.(part.value) : undefined;
    if (text !== undefined) written.push(text);
    return text !== undefined;
  });
  if (!pieces) return undefined;
  return { text: interleave(pieces, (index) => written[index] ?? ''), values: [] };
}
