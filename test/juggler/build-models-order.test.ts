import { describe, expect, it } from 'vitest';
import { DataSource } from '../../src/juggler/datasource.js';
import { ModelBuilder } from '../../src/juggler/model-builder.js';

describe('modelBuilder.buildModels with models used as property types', () => {
  it('uses a model defined later in the same array as a property type', () => {
    const builder = new ModelBuilder();
    const models = builder.buildModels([
      { name: 'Customer', properties: { name: String, address: 'Address' } },
      { name: 'Address', properties: { street: String, city: String } },
    ]);
    expect(Object.keys(models)).toEqual(['Customer', 'Address']);
    const Customer = models.Customer as NonNullable<typeof models.Customer>;
    const Address = models.Address;
    const customer = new Customer({ name: 'Ann', address: { street: 'Main St', city: 'Oslo' } });
    expect(customer.address).toBeInstanceOf(Address);
    expect(customer.address.city).toBe('Oslo');
  });

  it('works with the long form {type: "Address"} and through a data source (buildModelsFrom)', () => {
    const ds = new DataSource('memory');
    const models = ds.buildModelsFrom([
      { name: 'Order', properties: { note: { type: 'String' }, shipTo: { type: 'Address' } } },
      { name: 'Address', properties: { city: { type: 'String' } } },
    ]);
    const order = new (models.Order as NonNullable<typeof models.Order>)({ shipTo: { city: 'Rome' } });
    expect(order.shipTo).toBeInstanceOf(models.Address);
  });
});
