import { describe, expect, it } from 'vitest';
import {
  isJsonNumber,
  JsonNumber,
  parseJsonExactly,
  stringifyExactly,
} from '../../src/juggler/types/json-number.js';

describe('exact JSON numbers', () => {
  it('keeps integers past 2^53, long decimals and out-of-range numbers as their text, others as numbers', () => {
    const text =
      '{"big":12345678901234567890,"neg":-9007199254740993,"small":1.5,"decimal":0.1000000000000000055511151231257827,"huge":1e400,"safe":9007199254740991,"text":"12345678901234567890"}';
    const value = parseJsonExactly(text) as Record<string, unknown>;
    expect(isJsonNumber(value.big)).toBe(true);
    expect(String(value.big)).toBe('12345678901234567890');
    expect(value.small).toBe(1.5);
    expect(value.safe).toBe(9007199254740991);
    expect(value.text).toBe('12345678901234567890');
    expect(stringifyExactly(value)).toBe(text);
  });

  it('keeps a number as a number when the double writes back its digits', () => {
    const value = parseJsonExactly('[1.5e+300, 0.30000000000000004, 1e-7, 9007199254740991, 1e20]');
    expect(value).toEqual([1.5e300, 0.30000000000000004, 1e-7, 9007199254740991, 1e20]);
    expect(isJsonNumber((parseJsonExactly('[1e-400]') as unknown[])[0])).toBe(true);
  });

  it('reads text without long numbers with JSON.parse, unchanged', () => {
    expect(parseJsonExactly('{"a":[1,2.5,"x",null,true]}')).toEqual({ a: [1, 2.5, 'x', null, true] });
  });

  it('writes a string that looks like the marker as a string', () => {
    const forged = '\u0000json-number:guess:1';
    expect(JSON.parse(stringifyExactly({ forged, n: new JsonNumber('1') }))).toEqual({ forged, n: 1 });
  });

  it('refuses a text that is not a JSON number', () => {
    expect(() => new JsonNumber('1; drop')).toThrow(TypeError);
  });
});
