/**
 * PostgreSQL's date and time texts ↔ the juggler's exact texts (juggler/types/date-time-text.ts).
 *
 * Reading: `timestamptz` → canonical UTC instant ('2022-06-21T07:41:50.707316Z'), `timestamp` →
 * canonical local text (never read in the process's time zone), `date` → 'YYYY-MM-DD'. The usual
 * wire text (DateStyle ISO, TimeZone UTC: `2022-06-21 07:41:50.707316+00`) takes a cheap path of
 * slices; other offsets, BC, years past 9999 and ±infinity take the full parser. A text neither
 * reads (a non-ISO DateStyle) is kept as it is.
 *
 * Writing: canonical texts are ISO 8601, which PostgreSQL reads, except for years outside
 * 0001–9999: `+010000-…` is written `10000-…` and the astronomical year `-000043` (or `0000`) as
 * `0044-… BC` (or `0001-… BC`).
 */
import {
  canonicalDate,
  canonicalInstant,
  canonicalLocalDateTime,
  joinDateAndClock,
} from '../../juggler/types/date-time-text.js';

/** Whether `text` starts as `YYYY-MM-DD ` (a 4-digit year, the wire text's usual shape). */
function hasPlainDate(text: string): boolean {
  return text.charCodeAt(4) === 45 && text.charCodeAt(10) === 32;
}

/** `timestamptz` wire text → canonical instant text. */
export function parseInstantText(text: string): string {
  if (text.length >= 22 && text.endsWith('+00') && hasPlainDate(text)) {
    return `${joinDateAndClock(text.slice(0, 10), text.slice(11, -3))}Z`;
  }
  return canonicalInstant(text) ?? text;
}

/** `timestamp` wire text → canonical local date-time text. */
export function parseLocalDateTimeText(text: string): string {
  if (
    text.length >= 19 &&
    text.length <= 26 &&
    hasPlainDate(text) &&
    text.charCodeAt(text.length - 1) !== 67
  ) {
    return joinDateAndClock(text.slice(0, 10), text.slice(11));
  }
  return canonicalLocalDateTime(text) ?? text;
}

/** `date` wire text → canonical date text. */
export function parseDateText(text: string): string {
  if (text.length === 10) return text;
  return canonicalDate(text) ?? text;
}

/** A canonical date or date-time text as PostgreSQL reads it (see the file comment). */
export function formatDateTimeText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const first = value.charCodeAt(0);
  if (first === 43 /* + */) return value.slice(1).replace(/^0+(?=\d{4})/, '');
  const bc = first === 45 /* - */ ? value !== '-infinity' : value.startsWith('0000-');
  if (!bc) return value;
  const yearEnd = value.indexOf('-', 1);
  const year = 1 - Number(value.slice(0, yearEnd));
  return `${String(year).padStart(4, '0')}${value.slice(yearEnd)} BC`;
}
