/**
 * Key tuples of relations (single or composite keys): reading them from objects, collecting the
 * distinct ones and turning a set of tuples into one where filter (`inq` for one property, `or` of
 * `and`s for composite keys), so a relation level always costs one query.
 */
import type { Where } from '../filter/filter-types.js';
import { tupleKey } from '../filter/value-key.js';

/** Reads a property of an instance or a raw row. */
export function readValue(object: unknown, property: string): unknown {
  const record = object as { __data?: Record<string, unknown> } & Record<string, unknown>;
  if (record.__data && typeof record.__data === 'object' && property in record.__data)
    return record.__data[property];
  return record[property];
}

/**
 * Every value a (possibly dotted) path reaches in an object, through embedded documents and arrays
 * of them, arrays flattened: `valuesAt(invoice, 'lines.trackId')` is the track of each line,
 * `valuesAt(playlist, 'trackIds')` the array's elements. Nulls and missing values are left out.
 */
export function valuesAt(object: unknown, path: string): unknown[] {
  const [head = '', ...rest] = path.split('.');
  let values: unknown[] = [readValue(object, head)];
  for (const segment of rest) {
    values = values
      .flatMap((value) => (Array.isArray(value) ? value : [value]))
      .filter((value) => value !== null && typeof value === 'object')
      .map((value) => (value as Record<string, unknown>)[segment]);
  }
  return values
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .filter((value) => value !== null && value !== undefined);
}

/** The first segment of a key path: the model property holding it (`lines.trackId` → `lines`). */
export function headProperty(path: string): string {
  const dot = path.indexOf('.');
  return dot < 0 ? path : path.slice(0, dot);
}

/** The tuple of key values of an object, or undefined when any part is null. */
export function keyTuple(object: unknown, properties: readonly string[]): unknown[] | undefined {
  const tuple: unknown[] = [];
  for (const property of properties) {
    const value = readValue(object, property);
    if (value === null || value === undefined) return undefined;
    tuple.push(value);
  }
  return tuple;
}

/** A stable string for a key tuple (numbers and numeric strings of one key compare equal). */
export function tupleId(tuple: readonly unknown[]): string {
  return tupleKey(tuple);
}

/** Distinct non-null key tuples of a list of objects, in first-seen order. */
export function distinctTuples(objects: readonly unknown[], properties: readonly string[]): unknown[][] {
  const seen = new Map<string, unknown[]>();
  for (const object of objects) {
    const tuple = keyTuple(object, properties);
    if (!tuple) continue;
    const id = tupleId(tuple);
    if (!seen.has(id)) seen.set(id, tuple);
  }
  return [...seen.values()];
}

/**
 * A where filter matching any of the tuples: `{albumId: {inq: [1, 2]}}`, `{albumId: 1}` or, for
 * composite keys, `{or: [{a: 1, b: 2}, {a: 1, b: 3}]}`.
 */
export function tuplesWhere(properties: readonly string[], tuples: readonly (readonly unknown[])[]): Where {
  if (properties.length === 1) {
    const property = properties[0] as string;
    const values = tuples.map((tuple) => tuple[0]);
    return values.length === 1 ? { [property]: values[0] } : { [property]: { inq: values } };
  }
  const conditions = tuples.map((tuple) => {
    const condition: Where = {};
    properties.forEach((property, index) => {
      condition[property] = tuple[index];
    });
    return condition;
  });
  return conditions.length === 1 ? (conditions[0] as Where) : { or: conditions };
}
