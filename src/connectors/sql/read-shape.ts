/**
 * The shapes of a prepared read's bindings: what about a parameter's value the statement text
 * depends on. A compiled read keeps one statement per shape (see read-variants.ts), so a run
 * only measures its bindings and binds their values.
 *
 * Each use of a parameter has a shape code (a small integer, -1 for a value the use cannot take):
 * - `nullable` (eq, neq): 0 for null or undefined (IS NULL / IS NOT NULL), 1 otherwise;
 * - `list` (inq, nin): the count of non-null values as the dialect's text depends on it
 *   (`SqlDialect.listLengthShape`: 0 / 1 / many for PostgreSQL, exact for MySQL) and whether a
 *   null is in it (`listShape`);
 * - `pair` (between): 1 for an array of two;
 * - `pattern` (like family): 1 for a string;
 * - `regexp`: 1 for a string, 2 for a RegExp, 3 for a RegExp with the `i` flag;
 * - `limit`: 0 when null or undefined (no limit), 1 otherwise; `skip`: 1 when > 0, else 0;
 * - `keys` (a `keys` node): the count of tuples, as the dialect's IN lists keep it for one
 *   property, exact for several; `partition` (the keys of a partition): the same count of the
 *   tuples that can match (complete, without null; distinct values for one property).
 * Uses without shape (gt, gte, lt, lte) only make a read parameterized.
 */
import {
  isReadParameter,
  type ReadParameter,
  type ReadRequest,
} from '../../juggler/connector/prepared-read.js';
import type { WhereNode } from '../../juggler/filter/filter-types.js';
import type { SqlDialect } from './sql-dialect.js';

/** How a parameter is used, as far as its shape matters. */
export type ShapeUse =
  | 'nullable'
  | 'list'
  | 'pair'
  | 'pattern'
  | 'regexp'
  | 'limit'
  | 'skip'
  | 'keys'
  | 'partition';

/** One use of a parameter whose shape a read's statements depend on. */
export interface ShapeProbe {
  readonly index: number;
  readonly use: ShapeUse;
  /** For `keys` and `partition`: the number of properties of a tuple (1 otherwise). */
  readonly arity: number;
}

/** The shape of a value its use cannot take (the compiler reports it, at each run). */
export const INVALID_SHAPE = -1;

/** The shape code of a list: its (dialect-kept) count of non-null values and whether a null is in it. */
export function listShape(length: number, hasNull: boolean): number {
  return length * 2 + (hasNull ? 1 : 0);
}

/** The count of non-null values of a list shape. */
export function listShapeLength(code: number): number {
  return code >> 1;
}

/** Whether a list shape holds a null. */
export function listShapeHasNull(code: number): boolean {
  return (code & 1) === 1;
}

/** The regexp shape of a string pattern (case-sensitive). */
export const REGEXP_STRING = 1;
/** The regexp shape of a RegExp without the `i` flag. */
export const REGEXP_OBJECT = 2;
/** The regexp shape of a RegExp with the `i` flag. */
export const REGEXP_IGNORE_CASE = 3;

/** What the compilers ask about the parameters of the shape they compile. */
export interface ReadShape {
  /** The shape code of a parameter's value for a use: the compiled statement depends on nothing else about it. */
  shape(parameter: ReadParameter, use: ShapeUse, arity?: number): number;
  /** The parameter's value in the run being compiled, for error details (undefined when explaining). */
  value(parameter: ReadParameter): unknown;
}

/**
 * The shape of a parameter met while compiling; a parameter outside a prepared read (no shape
 * given: a write's where, a join list's filter) is a caller's bug.
 */
export function parameterShape(
  shape: ReadShape | undefined,
  parameter: ReadParameter,
  use: ShapeUse,
  arity = 1,
): number {
  if (!shape) throw new TypeError(`read parameter ${parameter.label} outside a prepared read`);
  return shape.shape(parameter, use, arity);
}

/** The distinct values of one-property keys that can match (tuples of one non-null value). */
export function singleKeyValues(tuples: readonly (readonly unknown[])[]): unknown[] {
  const values = new Set<unknown>();
  for (const tuple of tuples) {
    const value = tuple[0];
    if (tuple.length === 1 && value !== null && value !== undefined) values.add(value);
  }
  return [...values];
}

function isCompleteTuple(tuple: readonly unknown[], arity: number): boolean {
  return tuple.length === arity && tuple.every((value) => value !== null && value !== undefined);
}

/** The key tuples that can match: `arity` values, none null. */
export function completeTuples(
  tuples: readonly (readonly unknown[])[],
  arity: number,
): (readonly unknown[])[] {
  return tuples.filter((tuple) => isCompleteTuple(tuple, arity));
}

function nonNullCount(list: readonly unknown[]): number {
  let count = 0;
  for (const item of list) if (item !== null && item !== undefined) count++;
  return count;
}

function partitionShape(tuples: unknown, arity: number, dialect: SqlDialect): number {
  if (!Array.isArray(tuples)) return INVALID_SHAPE;
  if (arity === 1) {
    const values = new Set<unknown>();
    for (const tuple of tuples) {
      const value = Array.isArray(tuple) && tuple.length === 1 ? tuple[0] : undefined;
      if (value !== null && value !== undefined) values.add(value);
    }
    return dialect.listLengthShape(values.size);
  }
  let count = 0;
  for (const tuple of tuples) if (Array.isArray(tuple) && isCompleteTuple(tuple, arity)) count++;
  return count;
}

/** The shape code of a value for one use (see the file comment). */
export function shapeOf(probe: ShapeProbe, value: unknown, dialect: SqlDialect): number {
  switch (probe.use) {
    case 'nullable':
    case 'limit':
      return value === null || value === undefined ? 0 : 1;
    case 'skip':
      return value ? 1 : 0;
    case 'list': {
      if (!Array.isArray(value)) return INVALID_SHAPE;
      const count = nonNullCount(value);
      return listShape(dialect.listLengthShape(count), count < value.length);
    }
    case 'pair':
      return Array.isArray(value) && value.length === 2 ? 1 : INVALID_SHAPE;
    case 'pattern':
      return typeof value === 'string' ? 1 : INVALID_SHAPE;
    case 'regexp':
      if (value instanceof RegExp) return value.flags.includes('i') ? REGEXP_IGNORE_CASE : REGEXP_OBJECT;
      return typeof value === 'string' ? REGEXP_STRING : INVALID_SHAPE;
    case 'keys':
      if (!Array.isArray(value)) return INVALID_SHAPE;
      return probe.arity === 1 ? dialect.listLengthShape(value.length) : value.length;
    case 'partition':
      return partitionShape(value, probe.arity, dialect);
  }
}

/**
 * The shape a read is explained with before it ran: values present, lists and keys of two
 * (many, on PostgreSQL), a skip, string patterns.
 */
export function nominalShape(probe: ShapeProbe, dialect: SqlDialect): number {
  switch (probe.use) {
    case 'list':
      return listShape(dialect.listLengthShape(2), false);
    case 'keys':
    case 'partition':
      return probe.arity === 1 ? dialect.listLengthShape(2) : 2;
    default:
      return 1;
  }
}

/** The parameters of a read: the uses its statements depend on, and whether it has any parameter. */
export interface ReadParameters {
  readonly probes: readonly ShapeProbe[];
  readonly any: boolean;
}

const COMPARE_USES: Partial<Record<string, ShapeUse>> = {
  eq: 'nullable',
  neq: 'nullable',
  between: 'pair',
  inq: 'list',
  nin: 'list',
  like: 'pattern',
  nlike: 'pattern',
  ilike: 'pattern',
  nilike: 'pattern',
  regexp: 'regexp',
};

class ParameterCollector {
  readonly probes: ShapeProbe[] = [];
  any = false;

  add(value: unknown, use: ShapeUse | undefined, arity = 1): void {
    if (!isReadParameter(value)) return;
    this.any = true;
    if (!use) return;
    const known = this.probes.some(
      (probe) => probe.index === value.index && probe.use === use && probe.arity === arity,
    );
    if (!known) this.probes.push({ index: value.index, use, arity });
  }

  where(node: WhereNode | undefined): void {
    if (!node) return;
    switch (node.kind) {
      case 'and':
      case 'or':
        for (const child of node.nodes) this.where(child);
        return;
      case 'compare':
        this.add(node.value, COMPARE_USES[node.op]);
        return;
      case 'keys':
        this.add(node.value, 'keys', node.properties.length);
        return;
      case 'constant':
        return;
    }
  }
}

/** The parameters of a read request (its filter and partition keys; join lists carry none). */
export function readParameters(request: Pick<ReadRequest, 'filter' | 'partition'>): ReadParameters {
  const collector = new ParameterCollector();
  collector.where(request.filter.where);
  collector.add(request.filter.limit, 'limit');
  collector.add(request.filter.skip, 'skip');
  if (request.partition) collector.add(request.partition.keys, 'partition', request.partition.by.length);
  return { probes: collector.probes, any: collector.any };
}

/** The parameters of a count's where tree. */
export function whereParameters(where: WhereNode | undefined): ReadParameters {
  const collector = new ParameterCollector();
  collector.where(where);
  return { probes: collector.probes, any: collector.any };
}

/** A shape given by its codes, one per probe (from a run's bindings, or nominal). */
export class ShapeCodes implements ReadShape {
  constructor(
    private readonly probes: readonly ShapeProbe[],
    private readonly codes: ArrayLike<number>,
    private readonly bindings: readonly unknown[] | undefined,
  ) {}

  shape(parameter: ReadParameter, use: ShapeUse, arity = 1): number {
    const position = this.probes.findIndex(
      (probe) => probe.index === parameter.index && probe.use === use && probe.arity === arity,
    );
    const code = this.codes[position];
    // The compilers ask only for uses readParameters found: anything else is a bug of theirs.
    if (code === undefined) throw new Error(`parameter ${parameter.label} has no ${use} shape`);
    return code;
  }

  value(parameter: ReadParameter): unknown {
    return this.bindings?.[parameter.index];
  }
}
