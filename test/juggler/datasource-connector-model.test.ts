import { describe, expect, it } from 'vitest';
import type { Connector, ModelTypeName } from '../../src/connectors/connector.js';
import { resolveConnectorModel } from '../../src/connectors/connector-model.js';
import { MemoryConnector } from '../../src/connectors/memory/index.js';
import type { PropertyDefinition } from '../../src/juggler/model-definition.js';
import type { ModelRuntimeDefinition, ResolvedProperty } from '../../src/juggler/model-types.js';

function definition(
  name: string,
  properties: Record<string, PropertyDefinition & { typeName: ModelTypeName }>,
  settings: Record<string, unknown> = {},
): ModelRuntimeDefinition {
  const resolved: Record<string, ResolvedProperty> = {};
  for (const [key, { typeName, ...rest }] of Object.entries(properties)) {
    resolved[key] = { name: key, typeName, type: Object, definition: rest };
  }
  return {
    name,
    settings,
    properties: resolved,
    relations: {},
    idNames: () =>
      Object.values(resolved)
        .filter((property) => property.definition.id)
        .sort((a, b) => Number(a.definition.id) - Number(b.definition.id))
        .map((property) => property.name),
    toJSON: () => ({ name, properties: {} }),
  };
}

/** A connector whose default naming lower-cases names, as LoopBack's PostgreSQL connector does. */
function lowerCasing(): Connector {
  const connector = new MemoryConnector();
  return Object.assign(Object.create(connector) as Connector, {
    name: 'postgresql',
    defaultTableName: (model: string) => model.toLowerCase(),
    defaultColumnName: (property: string) => property.toLowerCase(),
  });
}

describe('resolveConnectorModel', () => {
  const invoiceLine = definition(
    'InvoiceLine',
    {
      invoiceLineId: {
        type: 'Number',
        typeName: 'Number',
        id: 1,
        generated: true,
        postgresql: {
          columnName: 'invoice_line_id',
          dataType: 'integer',
          nullable: 'NO',
          generated: 'identity',
        },
      },
      unitPrice: {
        type: 'Decimal',
        typeName: 'Decimal',
        required: true,
        postgresql: { columnName: 'unit_price', dataType: 'numeric', nullable: 'NO' },
      },
      quantity: { type: 'Number', typeName: 'Number' },
      total: {
        type: 'Decimal',
        typeName: 'Decimal',
        postgresql: { columnName: 'total', generated: 'stored' },
      },
    },
    { postgresql: { schema: 'public', table: 'invoice_line' }, readOnly: false },
  );

  it('takes table, schema and columns from the connector blocks, else the default naming', () => {
    const model = resolveConnectorModel(invoiceLine, lowerCasing());
    expect(model.table).toBe('invoice_line');
    expect(model.schema).toBe('public');
    expect(model.idProperties).toEqual(['invoiceLineId']);
    expect(model.propertyByName.get('unitPrice')).toEqual({
      name: 'unitPrice',
      column: 'unit_price',
      type: 'Decimal',
      dataType: 'numeric',
      generated: false,
      nullable: false,
    });
    expect(model.propertyByName.get('quantity')).toMatchObject({ column: 'quantity', nullable: true });
    expect(model.propertyByName.get('invoiceLineId')).toMatchObject({
      idIndex: 1,
      generated: true,
      nullable: false,
    });
    expect(model.propertyByName.get('total')).toMatchObject({ generated: true, readOnly: true });
  });

  it('uses the default table name of the connector when the model has no block for it', () => {
    const model = resolveConnectorModel(invoiceLine, new MemoryConnector());
    expect(model.table).toBe('InvoiceLine');
    expect(model.schema).toBeUndefined();
    expect(model.propertyByName.get('unitPrice')?.column).toBe('unitPrice');
  });

  it('caches per connector and rebuilds when a property is added', () => {
    const connector = new MemoryConnector();
    const album = definition('Album', { albumId: { type: 'Number', typeName: 'Number', id: true } });
    const first = resolveConnectorModel(album, connector);
    expect(resolveConnectorModel(album, connector)).toBe(first);
    album.properties.title = {
      name: 'title',
      typeName: 'String',
      type: String,
      definition: { type: 'String' },
    };
    const second = resolveConnectorModel(album, connector);
    expect(second).not.toBe(first);
    expect(second.propertyByName.has('title')).toBe(true);
  });
});
