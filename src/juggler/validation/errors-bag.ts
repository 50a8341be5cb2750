/**
 * LoopBack's `Errors` object: `errors[property]` lists the messages, `errors.codes[property]` the
 * codes, in the same order.
 */
import type { ValidationErrorsBag } from '../model-types.js';

/** The per-property validation errors of an instance (`user.errors`). */
export class ValidationErrors implements ValidationErrorsBag {
  declare readonly codes: Record<string, string[]>;
  [property: string]: unknown;

  constructor() {
    Object.defineProperty(this, 'codes', { value: {}, enumerable: false, configurable: true });
  }

  /** Records one failure of a property. */
  add(property: string, message: string, code = 'invalid'): void {
    const existing = Object.hasOwn(this, property) ? this[property] : undefined;
    const messages = Array.isArray(existing) ? (existing as string[]) : [];
    this[property] = messages;
    messages.push(message);
    const codes = this.codes[property] ?? [];
    this.codes[property] = codes;
    codes.push(code);
  }

  /** The messages keyed by property, as a plain object. */
  toMessages(): Record<string, string[]> {
    const messages: Record<string, string[]> = {};
    for (const [property, list] of Object.entries(this)) {
      if (Array.isArray(list)) messages[property] = [...(list as string[])];
    }
    return messages;
  }
}
