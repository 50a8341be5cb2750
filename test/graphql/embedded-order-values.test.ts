/**
 * Order values of embedded documents' fields (graphql/order-value-names.ts): a single embedded
 * document's fields by dotted path, named after the property and the field (`ADDRESS_CITY_ASC`),
 * claimed in the order enum's scope like every value, so a clash with a model field is renamed
 * and reported; a list of embedded documents gets none.
 */
import { describe, expect, it } from 'vitest';
import { defaultInflection } from '../../src/graphql/inflection.js';
import { fromModelDefinitions } from '../../src/graphql/model-source.js';
import { planSchemaNames } from '../../src/graphql/schema-names.js';
import type { ModelDefinition } from '../../src/juggler/model-definition.js';

const CUSTOMER: ModelDefinition = {
  name: 'Customer',
  properties: {
    id: { type: 'String', id: 1 },
    addressCity: { type: 'String' },
    address: {
      type: 'Object',
      embedded: {
        properties: {
          city: { type: 'String' },
          geo: { type: 'Object', embedded: { properties: { zone: { type: 'String' } } } },
        },
      },
    },
    visits: { type: ['Object'], embedded: { properties: { day: { type: 'String' } } } },
  },
};

function orderValuesOf(definition: ModelDefinition): {
  values: Record<string, string>;
  collisions: ReturnType<typeof planSchemaNames>['collisions'];
} {
  const names = planSchemaNames(fromModelDefinitions([definition]), defaultInflection);
  const model = names.models.get(definition.name);
  const values = Object.fromEntries(
    [...(model?.orderValues ?? new Map())].map(([value, { property, direction }]) => [
      value,
      `${property} ${direction}`,
    ]),
  );
  return { values, collisions: names.collisions };
}

describe('order values of embedded documents', () => {
  it('names the fields of a single embedded document (nested ones too) by property and field', () => {
    const { values } = orderValuesOf(CUSTOMER);
    expect(values).toMatchObject({
      ADDRESS_CITY_DESC2: 'address.city DESC',
      ADDRESS_GEO_ZONE_ASC: 'address.geo.zone ASC',
      ADDRESS_GEO_ZONE_DESC: 'address.geo.zone DESC',
    });
  });

  it('renames a value that clashes with a model field and reports it', () => {
    const { values, collisions } = orderValuesOf(CUSTOMER);
    expect(values.ADDRESS_CITY_ASC).toBe('addressCity ASC');
    expect(values.ADDRESS_CITY_ASC2).toBe('address.city ASC');
    expect(collisions).toContainEqual(
      expect.objectContaining({
        scope: 'value of CustomerOrder',
        wanted: 'ADDRESS_CITY_ASC',
        given: 'ADDRESS_CITY_ASC2',
      }),
    );
  });

  it('gives the fields of a list of embedded documents no order value', () => {
    const { values } = orderValuesOf(CUSTOMER);
    expect(Object.values(values).filter((order) => order.startsWith('visits'))).toEqual([]);
  });
});
