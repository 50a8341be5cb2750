/**
 * Values of a compiled statement that are known only when a prepared read runs: a `BoundValue`
 * stands in the fragment where a constant would (`sql\`${column} = ${bound}\``), renders as a
 * placeholder, and `bindValues` computes it from the run's bindings. A variant's statement is
 * rendered once; a run maps its bound values and nothing else (one values array per run, none
 * when the statement has no bound value).
 *
 * Several bound values may pick from one `BoundSource`, computed once per run: the items of a
 * MySQL IN list (one placeholder each) come from one filtered list, not from a filter per item.
 *
 * @example
 * const price = BoundValue.of((bindings) => bindings[0]);
 * renderStatement(sql`SELECT ... WHERE ${sql.id('unit_price')} > ${price}`, postgresDialect);
 * // {text: 'SELECT ... WHERE "unit_price" > $1', values: [price], bound: [{position: 0, ...}]}
 * bindValues(statement, ['0.99']); // ['0.99']
 */
import type { RenderedStatement } from './sql-template.js';

/** A value computed once per run from the bindings, picked from by several bound values. */
export class BoundSource {
  constructor(
    /** Computes the value from the run's bindings. */
    readonly read: (bindings: readonly unknown[]) => unknown,
  ) {}
}

/** A statement value computed from the bindings of each run. */
export class BoundValue {
  private constructor(
    /** Computes the value from the bindings, or from its source's value when it has a source. */
    readonly read: (input: unknown) => unknown,
    readonly source: BoundSource | undefined,
  ) {}

  /** A value read from the bindings. */
  static of(read: (bindings: readonly unknown[]) => unknown): BoundValue {
    return new BoundValue(read as (input: unknown) => unknown, undefined);
  }

  /** A value picked from what `source` computed for the run. */
  static from(source: BoundSource, pick: (sourceValue: unknown) => unknown): BoundValue {
    return new BoundValue(pick, source);
  }

  /** The same value converted by `convert` (on the run's value). */
  map(convert: (value: unknown) => unknown): BoundValue {
    const { read } = this;
    return new BoundValue((input) => convert(read(input)), this.source);
  }
}

/** `convert(value)` for a constant; a bound value converting its run's value for a bound one. */
export function mapValue(value: unknown, convert: (value: unknown) => unknown): unknown {
  return value instanceof BoundValue ? value.map(convert) : convert(value);
}

/** The value of a constant or bound value for one run (bound values from bindings alone). */
function resolve(value: unknown, bindings: readonly unknown[]): unknown {
  if (!(value instanceof BoundValue)) return value;
  return value.read(value.source ? value.source.read(bindings) : bindings);
}

/** `combine(a, b)`, at once for two constants, at each run when either is bound. */
export function combineValues(a: unknown, b: unknown, combine: (a: unknown, b: unknown) => unknown): unknown {
  if (!(a instanceof BoundValue) && !(b instanceof BoundValue)) return combine(a, b);
  return BoundValue.of((bindings) => combine(resolve(a, bindings), resolve(b, bindings)));
}

/** Where a bound value goes in a statement's values. */
export interface BoundSlot {
  readonly position: number;
  readonly value: BoundValue;
  /** Index of its source in the statement's `sources` (-1: read from the bindings). */
  readonly source: number;
}

const NO_SOURCES: readonly unknown[] = [];

/**
 * The values to send with a statement for one run: its own values array when it has no bound
 * value (shared: callers must not change it), else a copy with every bound value computed. A
 * bound value's error (a like pattern ending in a lone backslash) is thrown here, at each run.
 */
export function bindValues(statement: RenderedStatement, bindings: readonly unknown[]): unknown[] {
  const { bound, sources } = statement;
  if (bound.length === 0) return statement.values;
  const values = statement.values.slice();
  const computed = sources.length === 0 ? NO_SOURCES : sources.map((source) => source.read(bindings));
  for (const slot of bound) {
    values[slot.position] = slot.value.read(slot.source < 0 ? bindings : computed[slot.source]);
  }
  return values;
}

/**
 * The non-null values of an IN list (at least one), for a dialect to write as it needs: one
 * statement value per item (MySQL) or one array value (PostgreSQL's `= ANY($1)`). For a bound
 * list, `length` is the length its shape keeps (see `SqlDialect.listLengthShape`).
 */
export interface SqlList {
  readonly length: number;
  /** The statement value of item `index` (a constant or a bound value). */
  item(index: number): unknown;
  /** The whole list as one statement value (an array, or a bound value giving one). */
  array(): unknown;
}

/** A list of values known when compiling (converted for the driver). */
export function constantList(values: readonly unknown[]): SqlList {
  return { length: values.length, item: (index) => values[index], array: () => [...values] };
}

/** A list computed at each run by `read` (converted for the driver), of the length its shape says. */
export function boundList(read: (bindings: readonly unknown[]) => unknown[], length: number): SqlList {
  const source = new BoundSource(read);
  return {
    length,
    item: (index) => BoundValue.from(source, (items) => (items as unknown[])[index]),
    array: () => BoundValue.of(read),
  };
}
