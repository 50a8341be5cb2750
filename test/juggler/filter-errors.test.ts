import { describe, expect, it } from 'vitest';
import { FilterError } from '../../src/juggler/errors.js';
import { normalizeFilter, normalizeWhere } from '../../src/juggler/filter/index.js';
import { Track } from '../memory/connector-models.js';

function errorOf(run: () => unknown): FilterError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FilterError);
    return error as FilterError;
  }
  throw new Error('expected a FilterError');
}

describe('filter errors', () => {
  it('reject an unknown property with a did-you-mean suggestion and details', () => {
    const error = errorOf(() => normalizeWhere(Track, { unitPrise: { gt: 1 } }));
    expect(error.code).toBe('INVALID_FILTER');
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain('did you mean `unitPrice`?');
    expect(error.details).toMatchObject({ model: 'Track', property: 'unitPrise', received: 'unitPrise' });
  });

  it('reject an unknown property nested in or', () => {
    const error = errorOf(() => normalizeWhere(Track, { or: [{ name: 'x' }, { nmae: 'y' }] }));
    expect(error.message).toContain('did you mean `name`?');
  });

  it('reject an unknown operator with a suggestion', () => {
    const error = errorOf(() => normalizeWhere(Track, { milliseconds: { gtt: 3 } }));
    expect(error.message).toContain('Unknown operator `gtt`');
    expect(error.message).toContain('did you mean `gt`?');
    expect(error.details).toMatchObject({ model: 'Track', property: 'milliseconds', operator: 'gtt' });
  });

  it("reject 'abc' for a Number property with expected and received", () => {
    const error = errorOf(() => normalizeWhere(Track, { milliseconds: 'abc' }));
    expect(error.details).toMatchObject({
      model: 'Track',
      property: 'milliseconds',
      operator: 'eq',
      expected: 'a Number',
      received: 'string "abc"',
    });
  });

  it('reject a non-numeric Decimal and an invalid Date', () => {
    expect(errorOf(() => normalizeWhere(Track, { unitPrice: { gt: '1.2.3' } })).details.property).toBe(
      'unitPrice',
    );
    expect(errorOf(() => normalizeWhere(Track, { addedAt: 'yesterday' })).details.property).toBe('addedAt');
    expect(errorOf(() => normalizeWhere(Track, { releasedOn: '29/02/2024' })).details.property).toBe(
      'releasedOn',
    );
  });

  it('reject between without exactly 2 values', () => {
    const error = errorOf(() => normalizeWhere(Track, { milliseconds: { between: [1] } }));
    expect(error.details).toMatchObject({
      operator: 'between',
      expected: 'an array of 2 values [low, high]',
    });
    errorOf(() => normalizeWhere(Track, { milliseconds: { between: [1, null] } }));
  });

  it('reject inq and nin that are not arrays', () => {
    expect(errorOf(() => normalizeWhere(Track, { genreId: { inq: 3 } })).details.operator).toBe('inq');
    expect(errorOf(() => normalizeWhere(Track, { genreId: { nin: 'x' } })).details.operator).toBe('nin');
  });

  it('reject like on a non-string property and a non-string pattern', () => {
    expect(errorOf(() => normalizeWhere(Track, { milliseconds: { like: '1%' } })).details.expected).toBe(
      'a String or Text property',
    );
    errorOf(() => normalizeWhere(Track, { name: { like: 3 } }));
  });

  it('reject gt null, and/or that are not lists, and an invalid regexp', () => {
    errorOf(() => normalizeWhere(Track, { milliseconds: { gt: null } }));
    errorOf(() => normalizeWhere(Track, { or: { name: 'x' } as never }));
    errorOf(() => normalizeWhere(Track, { name: { regexp: '/(/' } }));
  });

  it('reject an unknown order property, a bad direction, negative limits and unknown fields', () => {
    expect(errorOf(() => normalizeFilter(Track, { order: 'nam DESC' })).message).toContain(
      'did you mean `name`?',
    );
    errorOf(() => normalizeFilter(Track, { order: 'name SIDEWAYS' }));
    expect(errorOf(() => normalizeFilter(Track, { limit: -1 })).details).toMatchObject({
      operator: 'limit',
      expected: 'a non-negative integer',
    });
    errorOf(() => normalizeFilter(Track, { skip: 1.5 }));
    expect(errorOf(() => normalizeFilter(Track, { fields: ['nme'] })).message).toContain(
      'did you mean `name`?',
    );
  });

  it('reject an unknown filter key with a suggestion', () => {
    expect(errorOf(() => normalizeFilter(Track, { wher: { name: 'x' } } as never)).message).toContain(
      'did you mean `where`?',
    );
  });
});
