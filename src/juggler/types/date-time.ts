/**
 * The exact date-time model types: `DateTime` (an instant, as PostgreSQL's `timestamptz` and
 * MySQL's `TIMESTAMP` hold it) and `LocalDateTime` (a date and wall-clock time without a zone, as
 * `timestamp without time zone` and MySQL's `DATETIME` hold it). Property values are plain
 * canonical strings (see date-time-text.ts), never JS Dates: a Date drops microseconds, and a
 * zone-less time read into a Date depends on the process's time zone.
 */
import { InvalidArgumentError } from '../errors.js';
import { canonicalInstant, canonicalLocalDateTime } from './date-time-text.js';

function invalid(type: string, expected: string, value: unknown): InvalidArgumentError {
  const received = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new InvalidArgumentError(`Expected ${expected}, received ${received}`, {
    expected: type,
    received: String(value),
  });
}

/**
 * An instant with microseconds, as canonical UTC text.
 *
 * @example
 * new DateTime('2022-06-21 09:41:50.707316+02').when // '2022-06-21T07:41:50.707316Z'
 */
export class DateTime {
  /** The canonical text, e.g. '2022-06-21T07:41:50.707316Z'. */
  readonly when: string;

  constructor(value: unknown) {
    const parsed = value instanceof DateTime ? value.when : canonicalInstant(value);
    if (parsed === undefined) {
      throw invalid('DateTime', "an ISO 8601 date-time with an offset (or a Date, 'infinity')", value);
    }
    this.when = parsed;
  }

  toString(): string {
    return this.when;
  }

  toJSON(): string {
    return this.when;
  }
}

/**
 * A date and wall-clock time without a time zone, with microseconds, as canonical text.
 *
 * @example
 * new LocalDateTime('2020-01-01 10:00:00.654321').when // '2020-01-01T10:00:00.654321'
 */
export class LocalDateTime {
  /** The canonical text, e.g. '2020-01-01T10:00:00.654321'. */
  readonly when: string;

  constructor(value: unknown) {
    const parsed = value instanceof LocalDateTime ? value.when : canonicalLocalDateTime(value);
    if (parsed === undefined) {
      throw invalid('LocalDateTime', "an ISO 8601 date-time without an offset ('infinity' too)", value);
    }
    this.when = parsed;
  }

  toString(): string {
    return this.when;
  }

  toJSON(): string {
    return this.when;
  }
}
