/**
 * Stable string keys for values and key tuples, so rows can be grouped by (possibly composite)
 * keys in Maps: `1` and `'1'` of one property give the same key on purpose (a Decimal or BigInt
 * key arrives as a string, a Number key as a number).
 */

/** A stable string for one key value. */
export function keyPart(value: unknown): string {
  if (value instanceof Date) return `d:${value.toISOString()}`;
  if (Buffer.isBuffer(value)) return `b:${value.toString('hex')}`;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return `o:${JSON.stringify(value)}`;
  return `v:${String(value)}`;
}

/** The key of a tuple of values. */
export function tupleKey(values: readonly unknown[]): string {
  return values.length === 1 ? keyPart(values[0]) : values.map(keyPart).join('\u0000');
}
