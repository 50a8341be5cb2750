/**
 * The one error an answer too large to send is replaced with, on every path (the fast path's
 * writer and yoga's `useResponseSizeLimit`), and the measure of an answer against the limit.
 */
import { GraphQLError } from 'graphql';
import { stringifyExactly } from '../juggler/types/json-number.js';

/** The error replacing an answer over `limit` bytes (or over what V8 can hold in one string). */
export function responseTooLarge(limit: number): GraphQLError {
  return new GraphQLError(
    `The answer is larger than the limit of ${limit} bytes: ask for fewer rows or fields (limit, first), or split the operation`,
    { extensions: { code: 'RESPONSE_TOO_LARGE', maxResponseBytes: limit, http: { status: 500 } } },
  );
}

/**
 * The JSON text of `value` (exact JSON numbers written as their digits, see
 * juggler/types/json-number.ts) and its UTF-8 bytes, or undefined when over `limit` bytes or V8
 * cannot make it.
 */
export function stringifyWithin(value: unknown, limit: number): { text: string; bytes: number } | undefined {
  let text: string;
  try {
    text = stringifyExactly(value);
  } catch (error) {
    // `RangeError: Invalid string length`: the answer passed V8's string limit (~512 MiB).
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  // A UTF-8 byte is at least one character: only a long text needs its bytes counted.
  if (text.length * 3 <= limit) return { text, bytes: Buffer.byteLength(text) };
  const bytes = Buffer.byteLength(text);
  return bytes > limit ? undefined : { text, bytes };
}
