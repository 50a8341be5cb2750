import { describe, expect, it } from 'vitest';
import { fromModelDefinitions, propertySource, sortByName } from '../../src/graphql/model-source.js';
import type { ModelDefinition, PropertyDefinition } from '../../src/juggler/model-definition.js';

/** Whether a `Number` property with this definition becomes GraphQL `Int`. */
function isInt(definition: Omit<PropertyDefinition, 'type'>): boolean {
  return propertySource('n', { type: 'Number', ...definition }).integer;
}

describe('property sources', () => {
  it('make a Number Int when its recorded integer width fits 32 signed bits, and Float otherwise', () => {
    const integer = (bits: number, signed: boolean) => isInt({ discograph: { integer: { bits, signed } } });
    expect(integer(32, true)).toBe(true);
    expect(integer(16, true)).toBe(true);
    expect(integer(24, false)).toBe(true);
    expect(integer(32, false)).toBe(false);
    expect(integer(64, true)).toBe(false);
  });

  it('never read SQL type names: an integer column without a recorded width is Float', () => {
    expect(isInt({ mysql: { columnName: 'n', dataType: 'int', udtName: 'int(11)' } })).toBe(false);
    expect(
      isInt({ postgresql: { columnName: 'n', dataType: 'integer', dataPrecision: 32, dataScale: 0 } }),
    ).toBe(false);
  });

  it("take LoopBack's precision and scale when no width is recorded, and the graphql type override first", () => {
    expect(isInt({ precision: 9, scale: 0 })).toBe(true);
    expect(isInt({ precision: 10, scale: 0 })).toBe(false);
    expect(isInt({ graphql: { type: 'Int' } })).toBe(true);
    expect(isInt({ graphql: { type: 'Float' }, discograph: { integer: { bits: 16, signed: true } } })).toBe(
      false,
    );
    expect(
      propertySource('n', { type: 'BigInt', discograph: { integer: { bits: 32, signed: true } } }).integer,
    ).toBe(false);
  });

  it('read the column block of whichever connector discovered it, and the table comment', () => {
    const [source] = fromModelDefinitions([
      {
        name: 'Gauge',
        options: { mysql: { table: 'gauge', description: 'Readings.' } },
        properties: {
          id: {
            type: 'Number',
            id: 1,
            discograph: { integer: { bits: 32, signed: true } },
            mysql: { columnName: 'id', dataType: 'int', nullable: 'NO' },
          },
          secret: { type: 'String', hidden: true },
          value: { type: 'Number', mysql: { columnName: 'value', dataType: 'double', nullable: 'YES' } },
        },
      } as ModelDefinition,
    ]);
    expect(source?.description).toBe('Readings.');
    expect(
      source?.properties.map((property) => [property.name, property.integer, property.nullable]),
    ).toEqual([
      ['id', true, false],
      ['value', false, true],
    ]);
  });

  it('keep hidden id properties as ids, in id order', () => {
    const [source] = fromModelDefinitions([
      {
        name: 'Pair',
        options: { hidden: ['left'] },
        properties: {
          right: { type: 'Number', id: 2 },
          left: { type: 'Number', id: 1 },
          note: { type: 'String' },
        },
      },
    ]);
    expect(source?.idProperties).toEqual(['left', 'right']);
    expect(source?.properties.map((property) => property.name)).toEqual(['right', 'note']);
  });
});

describe('sortByName', () => {
  it('sorts by code unit order only what is out of order, in place', () => {
    const sorted = [{ name: 'B' }, { name: 'a' }];
    expect(sortByName(sorted)).toBe(sorted);
    expect(sorted.map((item) => item.name)).toEqual(['B', 'a']);
    const unsorted = [{ name: 'b' }, { name: 'a' }, { name: 'B' }];
    expect(sortByName(unsorted).map((item) => item.name)).toEqual(['B', 'a', 'b']);
  });
});
