import { describe, expect, it } from 'vitest';
import { fromModelDefinitions, propertySource, sortByName } from '../../src/graphql/model-source.js';
import type { ModelDefinition, PropertyDefinition } from '../../src/juggler/model-definition.js';

/** Whether a `Number` column of this MySQL type becomes GraphQL `Int`. */
function isInt(
  dataType: string,
  udtName?: string,
  sizes: Partial<PropertyDefinition['mysql']> = {},
): boolean {
  const mysql = { columnName: 'n', dataType, ...(udtName ? { udtName } : {}), ...sizes };
  return propertySource('n', { type: 'Number', mysql } as PropertyDefinition).integer;
}

describe('property sources', () => {
  it('make 32-bit integer columns Int, and unsigned int columns Float, asked again and again', () => {
    for (let round = 0; round < 2; round += 1) {
      expect(isInt('int')).toBe(true);
      expect(isInt('int', 'int(10) unsigned')).toBe(false);
      expect(isInt('INT UNSIGNED')).toBe(false);
      expect(isInt('mediumint', 'mediumint(8) unsigned')).toBe(true);
      expect(isInt('tinyint', 'tinyint(3) unsigned')).toBe(true);
      expect(isInt('bigint')).toBe(false);
      expect(isInt('decimal', 'decimal(9,0)', { dataPrecision: 9, dataScale: 0 })).toBe(true);
      expect(isInt('decimal', 'decimal(10,0)', { dataPrecision: 10, dataScale: 0 })).toBe(false);
    }
  });

  it('read the column block of whichever connector discovered it, and the table comment', () => {
    const [source] = fromModelDefinitions([
      {
        name: 'Gauge',
        options: { mysql: { table: 'gauge', description: 'Readings.' } },
        properties: {
          id: { type: 'Number', id: 1, mysql: { columnName: 'id', dataType: 'int', nullable: 'NO' } },
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
