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
 * // {columns: [trackId, name], nested: [{as: 'genre', nullWhen: 'j1_0', shape: {columns: [genreId←j1_0, name←j1_1]}}]}
 * // compiles to:
 * // (r) => ({"trackId": r["trackId"], "name": r["name"], "genre": r["j1_0"] == null ? null : {"genreId": r["j1_0"], "name": r["j1_1"]}})
 */
import type { Row } from '../connector.js';

/** A value converter applied to non-null values (the dialect's `valueReader`). */
export type ValueReader = (value: unknown) => unknown;

/** One property of a shaped object: its key, the result column it comes from, its reader. */
export interface ShapeColumn {
  key: string;
  alias: string;
  reader?: ValueReader;
}

/** The layout of one (possibly nested) object of a shaped row. */
export interface RowShape {
  columns: readonly ShapeColumn[];
  nested: readonly NestedShape[];
}

/** A nested object: null when the result column `nullWhen` (a key column of the target) is null. */
export interface NestedShape {
  as: string;
  nullWhen: string;
  shape: RowShape;
}

/** A compiled shaper: flat driver row in, nested row out. */
export type RowShaper = (row: Row) => Row;

function literal(text: string): string {
  return JSON.stringify(text);
}

function objectCode(shape: RowShape, readers: ValueReader[]): string {
  const entries = shape.columns.map((column) => {
    const value = `r[${literal(column.alias)}]`;
    if (!column.reader) return `${literal(column.key)}: ${value}`;
    readers.push(column.reader);
    return `${literal(column.key)}: (v = ${value}) == null ? v : R[${readers.length - 1}](v)`;
  });
  for (const nested of shape.nested) {
    const inner = objectCode(nested.shape, readers);
    entries.push(`${literal(nested.as)}: r[${literal(nested.nullWhen)}] == null ? null : ${inner}`);
  }
  return `{${entries.join(', ')}}`;
}

/** Compiles the shaper of a row layout (once per shape; callers cache it). */
export function compileRowShaper(shape: RowShape): RowShaper {
  const readers: ValueReader[] = [];
  const body = `return function shapeRow(r) { let v; return ${objectCode(shape, readers)}; };`;
  // The generated text holds only string literals of keys and aliases (see the file comment).
  const factory = new Function('R', body) as (readers: readonly ValueReader[]) => RowShaper;
  return factory(readers);
}
