/**
 * The slots of a filter being prepared: each slot met while normalizing becomes a connector
 * `ReadParameter`, remembered with the coercion (and checks) its value gets at every run — the
 * same a literal in its place gets once, when the filter is normalized. `bind` turns a run's slot
 * values into the connector's bindings.
 *
 * @example
 * const slots = new SlotParameters();
 * const where = normalizeWhere(Track, { unitPrice: { gt: slot('price') } }, slots);
 * // where: {kind: 'compare', property: 'unitPrice', op: 'gt', value: ReadParameter(0, '$price')}
 * slots.bind({ price: 0.99 }); // ['0.99'] (a Decimal travels as an exact string)
 */
import { ReadParameter } from '../connector/prepared-read.js';
import type { FilterSlot } from './filter-slot.js';

/** The slot values of one run, by slot name. */
export type SlotValueMap = Readonly<Record<string, unknown>>;

interface SlotUse {
  name: string;
  coerce: (value: unknown) => unknown;
}

const NO_BINDINGS: readonly unknown[] = Object.freeze([]);

/** The parameters a prepared filter's slots became, and how each is bound. */
export class SlotParameters {
  private readonly uses: SlotUse[] = [];

  /** How many parameters there are. */
  get size(): number {
    return this.uses.length;
  }

  /** A new parameter for `slot`, whose value is coerced (and checked) by `coerce` at each run. */
  add(slot: FilterSlot | string, coerce: (value: unknown) => unknown): ReadParameter {
    const name = typeof slot === 'string' ? slot : slot.name;
    this.uses.push({ name, coerce });
    return new ReadParameter(this.uses.length - 1, `$${name}`);
  }

  /** The connector's bindings for one run's slot values (a missing value is null). */
  bind(values: SlotValueMap): readonly unknown[] {
    if (this.uses.length === 0) return NO_BINDINGS;
    const bindings = new Array<unknown>(this.uses.length);
    for (let index = 0; index < this.uses.length; index += 1) {
      const use = this.uses[index] as SlotUse;
      bindings[index] = use.coerce(values[use.name] ?? null);
    }
    return bindings;
  }
}
