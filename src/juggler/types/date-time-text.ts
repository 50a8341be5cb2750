/**
 * Exact date and time values as canonical text: what `DateTime` (an instant), `LocalDateTime` (a
 * wall-clock date and time, no zone) and `DateString` (a calendar date) properties hold. A JS
 * `Date` keeps milliseconds and maps years 0–99 to 1900–1999; these texts keep what PostgreSQL
 * and MySQL store (microseconds, years 1–99, BC, years past 9999, ±infinity) and one value has
 * one text, so a key read from the database finds its row again and equal values are equal
 * strings.
 *
 * Canonical forms (see the README's table):
 * - instant `2022-06-21T07:41:50.707316Z`: UTC, `T`, seconds, 3 fraction digits, or 6 when the
 *   microseconds are not zero (so millisecond values read as `Date#toISOString` writes them);
 * - local `2020-01-01T10:00:00.654321`: the same without a zone;
 * - date `2020-01-01`;
 * - years outside 0000–9999 as ECMAScript writes them (a sign and at least 6 digits:
 *   `+010000-01-01`, `-000043-03-15` for 44 BC: astronomical numbering, year 0 is 1 BC);
 * - `infinity` and `-infinity` (PostgreSQL's values after and before every other).
 *
 * Inputs are read leniently: `T`, `t` or a space; no seconds; 1–9 fraction digits (rounded to
 * microseconds, half up, carrying into the seconds up to the year); an offset `Z`, `±hh`,
 * `±hh:mm`, `±hhmm`, `±hh:mm:ss` (instants are converted to UTC); PostgreSQL's ` BC` suffix and
 * unsigned years of 5 digits or more.
 */

/** What kind of value a text is: an instant, a local date-time or a calendar date. */
export type DateTimeKind = 'instant' | 'local' | 'date';

/** PostgreSQL's special values, kept as they are in every kind. */
export const INFINITY = 'infinity';
/** The value before every other. */
export const NEGATIVE_INFINITY = '-infinity';

const INPUT =
  /^([+-]\d{4,}|\d{4,})-(\d\d)-(\d\d)(?:[Tt ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?)? ?(Z|z|[+-]\d\d(?::?\d\d(?::?\d\d)?)?)?( BC)?$/;

const MICROS_PER_SECOND = 1_000_000;
const MICROS_PER_DAY = 86_400 * MICROS_PER_SECOND;

function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month of a (proleptic Gregorian, astronomical) year. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether year/month/day is a real calendar date (any year: no `Date.UTC` mapping of 0–99). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's algorithm; exact for any year). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yoe = y - era * 400;
  const doy = floorDiv(153 * (month + (month > 2 ? -3 : 9)) + 2, 5) + day - 1;
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The civil date of a day number (inverse of `daysFromCivil`). */
function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719_468;
  const era = floorDiv(z, 146_097);
  const doe = z - era * 146_097;
  const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36_524) - floorDiv(doe, 146_096), 365);
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
  const mp = floorDiv(5 * doy + 2, 153);
  const day = doy - floorDiv(153 * mp + 2, 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (month <= 2 ? 1 : 0), month, day];
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** A year as canonical text: 4 digits for 0–9999, else a sign and at least 6 digits. */
export function formatYear(year: number): string {
  if (year >= 0 && year <= 9999) return pad(year, 4);
  return `${year < 0 ? '-' : '+'}${pad(Math.abs(year), 6)}`;
}

/** The canonical fraction of microseconds: 3 digits, or 6 when they are not whole milliseconds. */
function formatFraction(micros: number): string {
  return micros % 1000 === 0 ? pad(micros / 1000, 3) : pad(micros, 6);
}

/** A parsed date or date-time, before any offset is applied. */
interface Parts {
  year: number;
  month: number;
  day: number;
  hasTime: boolean;
  hour: number;
  minute: number;
  second: number;
  /** Microseconds, after rounding (may be 1,000,000 when rounding carried). */
  micros: number;
  /** Offset east of UTC in seconds, or undefined when the text has none. */
  offsetSeconds: number | undefined;
}

function parseOffset(text: string): number {
  if (text === 'Z' || text === 'z') return 0;
  const digits = text.slice(1).replaceAll(':', '');
  const seconds =
    Number(digits.slice(0, 2)) * 3600 +
    Number(digits.slice(2, 4) || 0) * 60 +
    Number(digits.slice(4, 6) || 0);
  return text[0] === '-' ? -seconds : seconds;
}

function roundMicros(fraction: string | undefined): number {
  if (!fraction) return 0;
  if (fraction.length <= 6) return Number(fraction.padEnd(6, '0'));
  const micros = Number(fraction.slice(0, 6));
  return fraction.charCodeAt(6) >= 53 /* '5' */ ? micros + 1 : micros;
}

function parseParts(text: string): Parts | undefined {
  const match = INPUT.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, offset, bc] = match;
  let year = Number(y);
  if (bc) {
    if (y?.startsWith('-') || y?.startsWith('+') || year === 0) return undefined;
    year = 1 - year;
  }
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  return {
    year,
    month,
    day,
    hasTime: h !== undefined,
    hour,
    minute,
    second,
    micros: roundMicros(fraction),
    offsetSeconds: offset === undefined ? undefined : parseOffset(offset),
  };
}

function formatDate(year: number, month: number, day: number): string {
  return `${formatYear(year)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The date and time of parts shifted by `shiftSeconds` (an offset, a rounding carry), as text. */
function formatDateTime(parts: Parts, shiftSeconds: number): string {
  const { year, month, day, hour, minute, second, micros } = parts;
  if (shiftSeconds === 0 && micros < MICROS_PER_SECOND) {
    return `${formatDate(year, month, day)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${formatFraction(micros)}`;
  }
  const timeMicros = (hour * 3600 + minute * 60 + second - shiftSeconds) * MICROS_PER_SECOND + micros;
  const days = daysFromCivil(year, month, day) + floorDiv(timeMicros, MICROS_PER_DAY);
  const ofDay = timeMicros - floorDiv(timeMicros, MICROS_PER_DAY) * MICROS_PER_DAY;
  const [y, mo, d] = civilFromDays(days);
  const seconds = Math.floor(ofDay / MICROS_PER_SECOND);
  return `${formatDate(y, mo, d)}T${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}.${formatFraction(ofDay % MICROS_PER_SECOND)}`;
}

/**
 * The canonical instant text of a date-time text with an offset (`Z` when `assumeUtc` and it has
 * none), a Date, or ±infinity; undefined when the value is none of these.
 *
 * @example
 * canonicalInstant('2022-06-21 09:41:50.7073164+02') // '2022-06-21T07:41:50.707316Z'
 * canonicalInstant('1999-12-31 23:59:59.9999996+00') // '2000-01-01T00:00:00.000Z'
 */
export function canonicalInstant(value: unknown, assumeUtc = false): string | undefined {
  if (value instanceof Date) return instantOfDate(value);
  if (typeof value !== 'string') return undefined;
  if (value === INFINITY || value === NEGATIVE_INFINITY) return value;
  const parts = parseParts(value.trim());
  if (!parts || (parts.offsetSeconds === undefined && !assumeUtc)) return undefined;
  return `${formatDateTime(parts, parts.offsetSeconds ?? 0)}Z`;
}

/**
 * The canonical local date-time text of a date-time text without an offset (a date alone is its
 * midnight), or ±infinity; undefined otherwise. A Date gives its UTC wall-clock time.
 *
 * @example
 * canonicalLocalDateTime('2020-01-01 10:00:00.654321') // '2020-01-01T10:00:00.654321'
 * canonicalLocalDateTime('0044-03-15 10:00:00 BC') // '-000043-03-15T10:00:00.000'
 */
export function canonicalLocalDateTime(value: unknown): string | undefined {
  if (value instanceof Date) return instantOfDate(value)?.slice(0, -1);
  if (typeof value !== 'string') return undefined;
  if (value === INFINITY || value === NEGATIVE_INFINITY) return value;
  const parts = parseParts(value.trim());
  if (!parts || parts.offsetSeconds !== undefined) return undefined;
  return formatDateTime(parts, 0);
}

/**
 * The canonical calendar date text of a date text (or of a date-time text's date, as written),
 * a Date (its UTC date), or ±infinity; undefined otherwise.
 *
 * @example
 * canonicalDate('0001-01-01') // '0001-01-01'
 * canonicalDate('10000-01-01') // '+010000-01-01'
 */
export function canonicalDate(value: unknown): string | undefined {
  if (value instanceof Date) return instantOfDate(value)?.replace(/T.*$/, '');
  if (typeof value !== 'string') return undefined;
  if (value === INFINITY || value === NEGATIVE_INFINITY) return value;
  const parts = parseParts(value.trim());
  return parts ? formatDate(parts.year, parts.month, parts.day) : undefined;
}

function instantOfDate(date: Date): string | undefined {
  const time = date.getTime();
  if (Number.isNaN(time)) return undefined;
  const days = floorDiv(time, 86_400_000);
  const [year, month, day] = civilFromDays(days);
  const ms = time - days * 86_400_000;
  const seconds = Math.floor(ms / 1000);
  return `${formatDate(year, month, day)}T${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}.${pad(ms % 1000, 3)}Z`;
}

/** The canonical text of a value of one kind, or undefined when it is not one. */
export function canonicalDateTimeText(value: unknown, kind: DateTimeKind): string | undefined {
  switch (kind) {
    case 'instant':
      return canonicalInstant(value);
    case 'local':
      return canonicalLocalDateTime(value);
    case 'date':
      return canonicalDate(value);
  }
}

/** The year of a canonical text and the rest with its fraction padded to 6 digits, for ordering. */
function sortParts(text: string): [rank: number, year: number, rest: string] {
  if (text === INFINITY) return [1, 0, ''];
  if (text === NEGATIVE_INFINITY) return [-1, 0, ''];
  const yearEnd = text.indexOf('-', 1);
  const rest = text.slice(yearEnd);
  const dot = rest.indexOf('.');
  if (dot < 0) return [0, Number(text.slice(0, yearEnd)), rest];
  let end = dot + 1;
  while (end < rest.length && rest.charCodeAt(end) >= 48 && rest.charCodeAt(end) <= 57) end++;
  const fraction = rest.slice(dot + 1, end).padEnd(6, '0');
  return [0, Number(text.slice(0, yearEnd)), `${rest.slice(0, dot + 1)}${fraction}${rest.slice(end)}`];
}

/**
 * Orders two canonical texts of one kind (negative, zero, positive): -infinity first, then by
 * year (any sign or width), date, time and microseconds, infinity last.
 */
export function compareDateTimeTexts(a: string, b: string): number {
  if (a === b) return 0;
  const [rankA, yearA, restA] = sortParts(a);
  const [rankB, yearB, restB] = sortParts(b);
  if (rankA !== rankB) return rankA - rankB;
  if (yearA !== yearB) return yearA - yearB;
  return restA < restB ? -1 : restA > restB ? 1 : 0;
}

/**
 * `date` 'YYYY-MM-DD' and `clock` 'HH:MM:SS[.f…]' (up to 6 digits, as databases print them) as
 * canonical local text: the cheap path of connectors' readers, no parsing beyond the fraction.
 *
 * @example
 * joinDateAndClock('2020-01-01', '10:00:00.654000') // '2020-01-01T10:00:00.654'
 */
export function joinDateAndClock(date: string, clock: string): string {
  if (clock.length <= 9) return `${date}T${clock.slice(0, 8)}.000`;
  let digits = clock.length - 9;
  if (digits > 3) {
    let zeros = true;
    for (let index = 12; index < clock.length; index++) zeros &&= clock.charCodeAt(index) === 48;
    if (zeros) digits = 3;
  }
  return `${date}T${clock.slice(0, 9)}${clock.slice(9, 9 + digits).padEnd(digits <= 3 ? 3 : 6, '0')}`;
}
