/**
 * The `DateString` model type: a calendar date without time or time zone ('YYYY-MM-DD'), as
 * PostgreSQL's `date` and MySQL's `DATE` hold it. Property values are plain strings.
 */
import { InvalidArgumentError } from '../errors.js';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}/;

function isCalendarDate(text: string): boolean {
  const match = DATE_ONLY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The 'YYYY-MM-DD' text of a date string, an ISO date-time string (its date part, as written) or a
 * valid Date (its UTC date); undefined otherwise.
 */
export function tryParseDateString(value: unknown): string | undefined {
  if (value instanceof DateString) return value.when;
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const date = DATE_PREFIX.exec(text)?.[1] ?? text;
  return isCalendarDate(date) ? date : undefined;
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
