/**
 * Turns the flat rows a driver returns for a statement with joins into rows with nested objects,
 * with one function compiled per join shape.
 *
 * Why compiled: a generic loop (`for (column of columns) out[column.key] = row[column.alias]`)
 * builds every object through dynamic keyed stores, about 0.5 µs per row for a two-level shape;
 * an object literal compiled once per shape gives V8 one fixed object layout and costs almost
 * nothing (measured: 200 rows of Q3's shape, 114 µs with the loop, 15 µs compiled, 26 µs for
 * merely allocating the driver rows). Only keys and aliases enter the generated code, each as a
 * `JSON.stringify`d string literal; values never do, so the code is fixed by the schema.
 *
 * @example
 * // {columns: [trackId, name], nested: [{kind: 'object', as: 'genre', nullWhen: 'j1_0', shape: {columns: [genreId←j1_0, name←j1_1]}}]}
 * // compiles to:
 * // (r) => ({"trackId": r["trackId"], "name": r["name"], "genre": r["j1_0"] == null ? null : {"genreId": r["j1_0"], "name": r["j1_1"]}})
 * // A hasMany list read as JSON ({kind: 'list', as: 'tracks', from: 'j2'}) becomes
 * // "tracks": (v = r["j2"]) == null ? [] : v.map(S[0]), where S[0] shapes the positional rows ([1, "Balls to the Wall"]).
 */
import type { Row } from '../../juggler/connector/model-type-name.js';

/** A value converter applied to non-null values (the dialect's `valueReader`). */
export type ValueReader = (value: unknown) => unknown;

/**
 * Where a value is in a driver row: a column alias for the rows of a statement, a position for
 * the rows of a nested JSON list (each an array).
 */
export type ColumnKey = string | number;

/** One property of a shaped object: its key, the result column it comes from, its reader. */
export interface ShapeColumn {
  key: string;
  alias: ColumnKey;
  reader?: ValueReader;
}

/** The layout of one (possibly nested) object of a shaped row. */
export interface RowShape {
  columns: readonly ShapeColumn[];
  nested: readonly NestedShape[];
}

/** A nested belongsTo object: null when the result column `nullWhen` (a key column of the target) is null. */
export interface NestedObjectShape {
  kind: 'object';
  as: string;
  nullWhen: ColumnKey;
  shape: RowShape;
}

/** A nested hasMany list: the JSON array in column `from`, each element an array shaped by `shape`. */
export interface NestedListShape {
  kind: 'list';
  as: string;
  from: ColumnKey;
  shape: RowShape;
}

/** A nested object or list. */
export type NestedShape = NestedObjectShape | NestedListShape;

/** A compiled shaper: flat driver row in, nested row out. */
export type RowShaper = (row: Row) => Row;

function literal(text: ColumnKey): string {
  return JSON.stringify(text);
}

/** What generated code refers to: value readers (`R`) and the shapers of nested list rows (`S`). */
interface CodeRefs {
  readers: ValueReader[];
  shapers: RowShaper[];
}

function objectCode(shape: RowShape, refs: CodeRefs): string {
  const entries = shape.columns.map((column) => {
    const value = `r[${literal(column.alias)}]`;
    if (!column.reader) return `${literal(column.key)}: ${value}`;
    refs.readers.push(column.reader);
    return `${literal(column.key)}: (v = ${value}) == null ? v : R[${refs.readers.length - 1}](v)`;
  });
  for (const nested of shape.nested) {
    if (nested.kind === 'list') {
      refs.shapers.push(compileRowShaper(nested.shape));
      entries.push(
        `${literal(nested.as)}: (v = r[${literal(nested.from)}]) == null ? [] : v.map(S[${refs.shapers.length - 1}])`,
      );
      continue;
    }
    const inner = objectCode(nested.shape, refs);
    entries.push(`${literal(nested.as)}: r[${literal(nested.nullWhen)}] == null ? null : ${inner}`);
  }
  return `{${entries.join(', ')}}`;
}

/** Compiles the shaper of a row layout (once per shape; callers cache it). */
export function compileRowShaper(shape: RowShape): RowShaper {
  const refs: CodeRefs = { readers: [], shapers: [] };
  const body = `return function shapeRow(r) { let v; return ${objectCode(shape, refs)}; };`;
  // The generated text holds only string literals of keys and aliases (see the file comment).
  const factory = new Function('R', 'S', body) as (
    readers: readonly ValueReader[],
    shapers: readonly RowShaper[],
  ) => RowShaper;
  return factory(refs.readers, refs.shapers);
}
