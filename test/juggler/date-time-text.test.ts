/**
 * The juggler's exact date/time texts (juggler/types/date-time-text.ts) and how the memory
 * connector compares them: one canonical text per value, microseconds kept, rounding that carries
 * correctly, any year, ±infinity ordered first and last.
 */
import { describe, expect, it } from 'vitest';
import { DataSource } from '../../src/juggler/datasource.js';
import {
  canonicalDate,
  canonicalInstant,
  canonicalLocalDateTime,
  compareDateTimeTexts,
} from '../../src/juggler/types/date-time-text.js';

describe('canonical date/time texts', () => {
  it('keep microseconds, with 3 fraction digits for whole milliseconds and 6 otherwise', () => {
    expect(canonicalInstant('2022-06-21 07:41:50.707316+00')).toBe('2022-06-21T07:41:50.707316Z');
    expect(canonicalInstant('2022-06-21T07:41:50.707000Z')).toBe('2022-06-21T07:41:50.707Z');
    expect(canonicalInstant('2022-06-21T07:41:50Z')).toBe('2022-06-21T07:41:50.000Z');
    expect(canonicalLocalDateTime('2020-01-01 10:00:00.654321')).toBe('2020-01-01T10:00:00.654321');
  });

  it('convert offsets to UTC across day, month and year boundaries', () => {
    expect(canonicalInstant('2000-01-01T01:30:00.000001+05:30')).toBe('1999-12-31T20:00:00.000001Z');
    expect(canonicalInstant('1999-12-31T23:00:00-01:00')).toBe('2000-01-01T00:00:00.000Z');
    expect(canonicalInstant('0044-03-15 15:53:28.5+05:53:28 BC')).toBe('-000043-03-15T10:00:00.500Z');
  });

  it('round a seventh fraction digit half up and carry into the next year (no year-off carry bug)', () => {
    expect(canonicalInstant('1999-12-31 23:59:59.9996+00')).toBe('1999-12-31T23:59:59.999600Z');
    expect(canonicalInstant('1999-12-31T23:59:59.9999996Z')).toBe('2000-01-01T00:00:00.000Z');
    expect(canonicalInstant('1999-12-31T23:59:59.9999994Z')).toBe('1999-12-31T23:59:59.999999Z');
  });

  it('take years 1–99 as they are, BC as astronomical years and years past 9999 with a sign', () => {
    expect(canonicalDate('0001-01-01')).toBe('0001-01-01');
    expect(canonicalDate('0099-12-31')).toBe('0099-12-31');
    expect(canonicalDate('0100-02-29')).toBeUndefined();
    expect(canonicalDate('0044-03-15 BC')).toBe('-000043-03-15');
    expect(canonicalDate('0001-01-01 BC')).toBe('0000-01-01');
    expect(canonicalDate('10000-01-01')).toBe('+010000-01-01');
    expect(canonicalDate('+010000-01-01')).toBe('+010000-01-01');
    expect(canonicalDate('infinity')).toBe('infinity');
    expect(canonicalLocalDateTime('-infinity')).toBe('-infinity');
  });

  it('keep instants and local times apart', () => {
    expect(canonicalInstant('2020-01-01T10:00:00')).toBeUndefined();
    expect(canonicalLocalDateTime('2020-01-01T10:00:00Z')).toBeUndefined();
    const yearOne = new Date(0);
    yearOne.setUTCFullYear(1, 0, 1);
    expect(canonicalInstant(yearOne)).toBe('0001-01-01T00:00:00.000Z');
  });

  it('order -infinity, BC, years 1–9999 by microsecond, years past 9999, infinity', () => {
    const texts = [
      'infinity',
      '+010000-01-01T00:00:00.000Z',
      '2022-06-21T07:41:50.707Z',
      '2022-06-21T07:41:50.707316Z',
      '0001-01-01T00:00:00.000Z',
      '-000043-03-15T10:00:00.000Z',
      '-infinity',
    ];
    expect([...texts].sort(compareDateTimeTexts)).toEqual([
      '-infinity',
      '-000043-03-15T10:00:00.000Z',
      '0001-01-01T00:00:00.000Z',
      '2022-06-21T07:41:50.707Z',
      '2022-06-21T07:41:50.707316Z',
      '+010000-01-01T00:00:00.000Z',
      'infinity',
    ]);
  });
});

/** The id of a found instance. */
function paymentIdOf(row: { paymentId?: unknown }): unknown {
  return row.paymentId;
}

describe('exact date/time properties on the memory connector', () => {
  const dataSource = new DataSource('memory');
  const Payment = dataSource.define(
    'Payment',
    {
      paymentId: { type: Number, id: 2 },
      paymentDate: { type: 'DateTime', id: 1 },
      localAt: { type: 'LocalDateTime' },
      day: { type: 'DateString' },
    },
    {},
  );

  it('stores canonical texts, finds a row by its microsecond key and filters in time order', async () => {
    await Payment.create([
      {
        paymentId: 1,
        paymentDate: '2022-06-21T09:41:50.707316+02:00',
        localAt: '2020-01-01 10:00:00.654321',
        day: '0001-01-01',
      },
      {
        paymentId: 2,
        paymentDate: '2022-06-21T07:41:50.707Z',
        localAt: '+010000-01-01T00:00:00',
        day: '0044-03-15 BC',
      },
      { paymentId: 3, paymentDate: 'infinity', localAt: '-infinity', day: 'infinity' },
    ]);
    const first = await Payment.findOne({ where: { paymentId: 1 } });
    expect(first?.toJSON()).toEqual({
      paymentId: 1,
      paymentDate: '2022-06-21T07:41:50.707316Z',
      localAt: '2020-01-01T10:00:00.654321',
      day: '0001-01-01',
    });
    const byKey = await Payment.find({
      where: { paymentDate: '2022-06-21T07:41:50.707316Z', paymentId: 1 },
    });
    expect(byKey.map(paymentIdOf)).toEqual([1]);
    const later = await Payment.find({
      where: { paymentDate: { gt: '2022-06-21T07:41:50.707Z' } },
      order: 'paymentId',
    });
    expect(later.map(paymentIdOf)).toEqual([1, 3]);
    const ordered = await Payment.find({ order: 'localAt ASC' });
    expect(ordered.map(paymentIdOf)).toEqual([3, 1, 2]);
    const days = await Payment.find({ where: { day: { lt: '0001-01-01' } } });
    expect(days.map(paymentIdOf)).toEqual([2]);
  });
});
