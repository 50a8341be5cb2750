/**
 * Exact numbers inside JSON values (json/jsonb columns, `JSON` inputs). `JSON.parse` reads every
 * number as a double, so `{"big": 12345678901234567890}` would come back as
 * `12345678901234567000`. A number a double cannot hold exactly is kept as a `JsonNumber` (its
 * source text); every other number stays a plain JS number, so values without such numbers are
 * exactly what `JSON.parse` gives.
 *
 * Writing: Node 20 has no `JSON.rawJSON`, so `JSON.stringify` cannot write a raw number. A
 * `JsonNumber` turns into a marker string (a per-process random tag, never seen by a client)
 * that `stringifyExactly` replaces with the digits after one native `JSON.stringify`: the
 * replacement only runs when a `JsonNumber` was written (a counter tells), so answers without one
 * cost one integer comparison more. Every writer of JSON text that may hold one (the HTTP answers
 * of both paths, the SQL parameters of json columns) goes through `stringifyExactly`.
 *
 * Reading: `parseJsonExactly` runs the native `JSON.parse` unless the text has a run of 16 digits
 * or a three-digit exponent (the only numbers a double may not hold: ≥ 16 significant digits, or
 * beyond its range); only then is it parsed by `lossless-json` (a maintained lossless parser).
 *
 * @example
 * const value = parseJsonExactly('{"big": 12345678901234567890, "small": 1.5}');
 * // { big: JsonNumber('12345678901234567890'), small: 1.5 }
 * stringifyExactly(value); // '{"big":12345678901234567890,"small":1.5}'
 */
import { randomBytes } from 'node:crypto';
import { parse as parseLossless } from 'lossless-json';

/** How many JsonNumbers were written by JSON.stringify so far (see the file comment). */
let written = 0;
const NONCE = randomBytes(9).toString('base64url');
const TAG = `\u0000json-number:${NONCE}:`;
/** The marker as JSON.stringify writes it (NUL escaped), followed by the number text, in quotes. */
const MARKER = new RegExp(`"\\\\u0000json-number:${NONCE}:(-?[0-9][0-9.eE+-]*)"`, 'g');
/**
 * A number a double may not hold exactly: 16+ digits, or a 3-digit exponent, where a JSON number
 * may start (so a string of digits such as a bigint's `"12345678901234567890"` does not match; a
 * match inside a string only costs the slower parse).
 */
const RISKY = /(?:^|[[:,\s])-?[0-9](?:[0-9.]{15}|[0-9.]*[eE][+-]?[0-9]{3})/;
const INTEGER_TEXT = /^-?[0-9]+$/;
const NUMBER_TEXT = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/** A JSON number kept as its exact text, because a JS number would change it. */
export class JsonNumber {
  /** The number's JSON text, e.g. `12345678901234567890`. */
  readonly value: string;

  constructor(value: string) {
    if (!NUMBER_TEXT.test(value)) throw new TypeError(`not a JSON number: ${JSON.stringify(value)}`);
    this.value = value;
  }

  /** The marker `stringifyExactly` replaces with the digits. */
  toJSON(): string {
    written += 1;
    return `${TAG}${this.value}`;
  }

  toString(): string {
    return this.value;
  }

  /** The nearest JS number (for arithmetic and comparisons that accept an approximation). */
  valueOf(): number {
    return Number(this.value);
  }
}

/** Whether `value` is a `JsonNumber`. */
export function isJsonNumber(value: unknown): value is JsonNumber {
  return value instanceof JsonNumber;
}

/** The significant digits of a number text (no sign, dot, exponent, leading or trailing zeros). */
function significantDigits(text: string): string {
  const mantissa = text
    .replace(/^-/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '');
  return mantissa.replace(/^0+/, '').replace(/0+$/, '');
}

/**
 * The JS value of a JSON number text: a number when the double writes back the same digits
 * (`1.5`, `1.5e+300`, `0.30000000000000004`), a `JsonNumber` otherwise (`12345678901234567890`,
 * `0.1000000000000000055511151231257827`, `1e400`).
 */
export function jsonNumberOf(text: string): number | JsonNumber {
  const number = Number(text);
  if (!Number.isFinite(number)) return new JsonNumber(text);
  if (INTEGER_TEXT.test(text)) return Number.isSafeInteger(number) ? number : new JsonNumber(text);
  if (number === 0) return /[1-9]/.test(text.replace(/[eE].*$/, '')) ? new JsonNumber(text) : number;
  return significantDigits(String(number)) === significantDigits(text) ? number : new JsonNumber(text);
}

/** Whether `text` may hold a number that `JSON.parse` would change (cheap; false positives are fine). */
export function mayHoldInexactNumbers(text: string): boolean {
  return RISKY.test(text);
}

/** Parses JSON text keeping every number exact (see the file comment); throws SyntaxError as JSON.parse does. */
export function parseJsonExactly(text: string): unknown {
  if (!RISKY.test(text)) return JSON.parse(text);
  return parseLossless(text, null, jsonNumberOf);
}

/** `JSON.stringify(value)` with every `JsonNumber` written as its digits. */
export function stringifyExactly(value: unknown): string {
  const before = written;
  const text = JSON.stringify(value);
  return written === before ? text : writeJsonNumbers(text);
}

/** How many JsonNumbers have been written so far: a writer compares it before and after its own stringify. */
export function jsonNumbersWritten(): number {
  return written;
}

/** Replaces the markers JsonNumbers left in JSON text by their digits. */
export function writeJsonNumbers(text: string): string {
  return text.replace(MARKER, '$1');
}

/**
 * Request bodies are parsed by `JSON.parse` for everything but JSON inputs (a `Float` variable
 * must stay a number); the exact reading of a JSON value is kept beside it: each object or array
 * of the plain reading that holds an inexact number is paired with its exact reading, which the
 * `JSON` scalar takes (`exactJsonOf`). A WeakMap: the pairs go with the request's values.
 */
const exactTwins = new WeakMap<object, unknown>();

function pairTwins(plain: unknown, exact: unknown): boolean {
  if (exact instanceof JsonNumber) return true;
  if (plain === null || typeof plain !== 'object' || exact === null || typeof exact !== 'object')
    return false;
  let holds = false;
  if (Array.isArray(plain)) {
    if (!Array.isArray(exact)) return false;
    for (let i = 0; i < plain.length; i++) if (pairTwins(plain[i], exact[i])) holds = true;
  } else {
    const exactObject = exact as Record<string, unknown>;
    for (const [key, item] of Object.entries(plain)) {
      if (Object.hasOwn(exactObject, key) && pairTwins(item, exactObject[key])) holds = true;
    }
  }
  if (holds) exactTwins.set(plain, exact);
  return holds;
}

/**
 * Pairs the objects of `plain` (what `JSON.parse(text)` gave) with their exact readings when
 * `text` holds numbers a double changes; returns `plain`. Text lossless-json refuses (duplicate
 * keys, which JSON.parse accepts) pairs nothing.
 */
export function pairExactNumbers<T>(plain: T, text: string): T {
  if (!RISKY.test(text)) return plain;
  let exact: unknown;
  try {
    exact = parseLossless(text, null, jsonNumberOf);
  } catch {
    return plain;
  }
  pairTwins(plain, exact);
  return plain;
}

/** The exact reading of a value `pairExactNumbers` paired, or the value itself. */
export function exactJsonOf(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return exactTwins.get(value) ?? value;
}

/**
 * `value` with the markers a `JsonNumber` left in it (after a `JSON.stringify` and a parse outside
 * `stringifyExactly`) turned back into `JsonNumber`s; values without any come back as they are.
 * graphql-jit does that to literal arguments: it inlines their value into the code it compiles
 * as `JSON.stringify` wrote it, so a JSON literal's exact numbers reach the resolver as markers.
 */
export function reviveJsonNumbers(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.charCodeAt(0) === 0 && value.startsWith(TAG)
      ? new JsonNumber(value.slice(TAG.length))
      : value;
  }
  if (value === null || typeof value !== 'object' || value instanceof JsonNumber) return value;
  if (Array.isArray(value)) {
    let revived: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = reviveJsonNumbers(value[i]);
      if (item === value[i]) continue;
      revived ??= [...value];
      revived[i] = item;
    }
    return revived ?? value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null)
    return value;
  let revived: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const next = reviveJsonNumbers(item);
    if (next === item) continue;
    revived ??= { ...value };
    revived[key] = next;
  }
  return revived ?? value;
}
