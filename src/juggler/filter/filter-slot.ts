/**
 * Slots: values of a prepared filter supplied each time it runs. A filter with slots is
 * validated, normalized and compiled once (`Model.prepareFind`), then run with the slots' values
 * — a GraphQL operation's variables, a DataLoader's keys — as a SQL statement runs with its
 * parameters.
 *
 * @example
 * const cheap = Track.prepareFind({ where: { unitPrice: { lt: slot('price') } }, limit: slot('first') });
 * await cheap.run({ price: '0.99', first: 20 });
 */

/** A value of a prepared filter named `name`, supplied when the prepared read runs. */
export class FilterSlot {
  constructor(readonly name: string) {}

  toJSON(): string {
    return `$${this.name}`;
  }
}

/** A slot named `name` (`slot('price')` stands for the value given as `price` at each run). */
export function slot(name: string): FilterSlot {
  return new FilterSlot(name);
}

/** Whether a value is a slot. */
export function isSlot(value: unknown): value is FilterSlot {
  return value instanceof FilterSlot;
}

/**
 * `value` (a filter or part of one) with every slot replaced by its value in `values` (a missing
 * value is null): the concrete filter a prepared read stands for in one run, as `access` listeners
 * see it.
 */
export function fillSlots(value: unknown, values: Readonly<Record<string, unknown>>): unknown {
  if (value instanceof FilterSlot) return values[value.name] ?? null;
  if (Array.isArray(value)) return value.map((item) => fillSlots(item, values));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = fillSlots(item, values);
    return copy;
  }
  return value;
}
