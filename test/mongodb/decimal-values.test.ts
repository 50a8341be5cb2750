/** Decimals travel as SQL's numeric does: read in plain notation, written with their declared scale. */
import { Decimal128 } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { fromBson, plainDecimal, toBson } from '../../src/connectors/mongodb/mongodb-values.js';

describe('MongoDB decimal values', () => {
  it('reads a Decimal128 the driver prints in scientific notation as a plain decimal', () => {
    expect(plainDecimal('-1E-9')).toBe('-0.000000001');
    expect(plainDecimal('1.2E+3')).toBe('1200');
    expect(plainDecimal('1.25E-7')).toBe('0.000000125');
    expect(plainDecimal('0E+3')).toBe('0');
    expect(plainDecimal('12.50')).toBe('12.50');
    expect(fromBson({ type: 'Decimal' }, Decimal128.fromString('-0.000000001'))).toBe('-0.000000001');
  });

  it('writes a decimal with fewer fraction digits than its scale padded to the scale, never rounded', () => {
    const price = { type: 'Decimal', scale: 2, dataType: undefined, itemType: undefined } as const;
    expect(String(toBson(price, 2))).toBe('2.00');
    expect(String(toBson(price, '1.5'))).toBe('1.50');
    expect(String(toBson(price, '1.255'))).toBe('1.255');
    expect(String(toBson({ type: 'Decimal' }, '2'))).toBe('2');
  });
});
