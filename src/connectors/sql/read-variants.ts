/**
 * The statements of one compiled read, one per shape of its bindings (see read-shape.ts): a run
 * measures its bindings into a scratch array (allocating nothing but the set that counts the
 * distinct keys of a one-property partition), finds the variant compiled for that shape or
 * compiles it. At most `MAX_VARIANTS` are kept: past that, a variant is compiled for its
 * run and dropped, so a client sending ever-new list lengths to MySQL costs compile time, not memory.
 */

import { nominalShape, type ReadShape, ShapeCodes, type ShapeProbe, shapeOf } from './read-shape.js';
import type { SqlDialect } from './sql-dialect.js';

/** Variants one compiled read keeps. */
export const MAX_VARIANTS = 32;

interface KeptVariant<V> {
  readonly codes: Int32Array;
  readonly variant: V;
}

/** The variants of one compiled read, compiled on demand by `compile`. */
export class ReadVariants<V> {
  private readonly kept: KeptVariant<V>[] = [];
  private readonly scratch: Int32Array;

  constructor(
    private readonly probes: readonly ShapeProbe[],
    private readonly dialect: SqlDialect,
    private readonly compile: (shape: ReadShape) => V,
  ) {
    this.scratch = new Int32Array(probes.length);
  }

  /** The variant for a run's bindings: a kept one, or one compiled now (kept while there is room). */
  get(bindings: readonly unknown[]): V {
    const { probes, scratch, kept } = this;
    for (let position = 0; position < probes.length; position++) {
      const probe = probes[position] as ShapeProbe;
      scratch[position] = shapeOf(probe, bindings[probe.index], this.dialect);
    }
    for (const entry of kept) if (sameCodes(entry.codes, scratch)) return entry.variant;
    const codes = scratch.slice();
    const variant = this.compile(new ShapeCodes(probes, codes, bindings));
    if (kept.length < MAX_VARIANTS) kept.push({ codes, variant });
    return variant;
  }

  /**
   * The kept variants in the order they were compiled; when there is none yet, the variant of
   * the nominal shape (see `nominalShape`), kept only when `keep` says the connector is ready.
   */
  explain(keep: boolean): V[] {
    if (this.kept.length > 0) return this.kept.map((entry) => entry.variant);
    const codes = Int32Array.from(this.probes, (probe) => nominalShape(probe, this.dialect));
    const variant = this.compile(new ShapeCodes(this.probes, codes, undefined));
    if (keep) this.kept.push({ codes, variant });
    return [variant];
  }
}

function sameCodes(a: Int32Array, b: Int32Array): boolean {
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}
