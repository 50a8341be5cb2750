/**
 * The `DateString` model type: a calendar date without time or time zone ('YYYY-MM-DD'), as
 * PostgreSQL's `date` and MySQL's `DATE` hold it. Property values are plain canonical strings
 * (see date-time-text.ts).
 */
import { InvalidArgumentError } from '../errors.js';
import { canonicalDate } from './date-time-text.js';

/**
 * The canonical 'YYYY-MM-DD' text (see date-time-text.ts: years 1–99, BC and past 9999, and
 * ±infinity included) of a date string, an ISO date-time string (its date part, as written) or a
 * valid Date (its UTC date); undefined otherwise.
 */
export function tryParseDateString(value: unknown): string | undefined {
  if (value instanceof DateString) return value.when;
  return canonicalDate(value);
}

/**
 * A calendar date ('YYYY-MM-DD').
 *
 * @example
 * new DateString('2024-02-29').when // '2024-02-29'
 * new DateString('2023-02-29') // throws InvalidArgumentError
 */
export class DateString {
  /** The date as 'YYYY-MM-DD'. */
  readonly when: string;

  constructor(value: unknown) {
    const parsed = tryParseDateString(value);
    if (parsed === undefined) {
      throw new InvalidArgumentError(
        `Expected a calendar date 'YYYY-MM-DD' (or a Date), received ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`,
        { expected: 'DateString', received: String(value) },
      );
    }
    this.when = parsed;
  }

  /** The date at UTC midnight. */
  get date(): Date {
    return new Date(`${this.when}T00:00:00.000Z`);
  }

  toString(): string {
    return this.when;
  }

  toJSON(): string {
    return this.when;
  }
}
