/**
 * The discovery round trip: models defined in code, migrated with automigrate, then discovered
 * from the same database, give back the definitions they came from.
 */
import { describe, expect, it } from 'vitest';
import { DataSource } from '../../../src/juggler/datasource.js';
import type { ModelDefinition, PropertyDefinition } from '../../../src/juggler/model-definition.js';
import { shopModels } from '../fixtures/shop.js';
import type { ConnectorHarness } from '../harness/connector-harness.js';
import { useDataSource } from '../harness/suite-data-source.js';

/** What a round trip must keep of a property. */
interface PropertyShape {
  column: unknown;
  type: unknown;
  id: number | undefined;
  generated: boolean;
  nullable: boolean;
  length: unknown;
  precision: unknown;
  scale: unknown;
}

/**
 * Types a column type does not tell apart, and what discovery may give back for each: PostgreSQL's
 * `text` serves String and Text (MySQL's `longtext` is Text), one JSON column type serves Object
 * and Any, an array is a native array column where the database has them and JSON elsewhere, and
 * a Number with a precision is stored in an exact numeric column, which discovery calls Decimal.
 */
function typesDiscoveredFor(property: PropertyDefinition): unknown[] {
  const type = property.type;
  if (Array.isArray(type)) return [type, 'JSON'];
  if (type === 'Text') return ['Text', 'String'];
  if (type === 'Object' || type === 'Any') return ['JSON'];
  if (type === 'Number' && typeof property.precision === 'number') return ['Decimal'];
  // LoopBack's Date (milliseconds) is stored as timestamptz (PostgreSQL) or datetime(3) (MySQL), which
  // discovery reads back as the exact types: DateTime (an instant) and LocalDateTime (no zone).
  if (type === 'Date') return ['DateTime', 'LocalDateTime'];
  return [type];
}

function definedShape(property: PropertyDefinition, connector: string): PropertyShape {
  return {
    column: (property[connector] as { columnName?: string } | undefined)?.columnName,
    type: expect.toBeOneOf(typesDiscoveredFor(property)),
    id: typeof property.id === 'number' ? property.id : property.id ? 1 : undefined,
    generated: property.generated === true,
    nullable: !property.required && property.id === undefined,
    length: property.length ?? null,
    precision: property.precision ?? null,
    scale: property.scale ?? null,
  };
}

function discoveredShape(property: PropertyDefinition, connector: string): PropertyShape {
  const block = property[connector] as { columnName?: string; nullable?: string } | undefined;
  return {
    column: block?.columnName,
    type: property.type,
    id: typeof property.id === 'number' ? property.id : undefined,
    generated: property.generated === true,
    nullable: block?.nullable === 'YES',
    length: property.length ?? null,
    precision: property.precision ?? null,
    scale: property.scale ?? null,
  };
}

function shapes(
  definition: ModelDefinition | undefined,
  connector: string,
  shape: typeof definedShape,
): Record<string, PropertyShape> {
  return Object.fromEntries(
    Object.entries(definition?.properties ?? {}).map(([name, property]) => [
      name,
      shape(property, connector),
    ]),
  );
}

/** Runs the discovery round-trip suite on a connector. */
export function discoveryRoundTripSuite(harness: ConnectorHarness): void {
  describe('discovery round trip', () => {
    if (!harness.capabilities.discovery || !harness.capabilities.migration) {
      const db = useDataSource(harness, 'suite_discovery', []);
      it('is not offered: the connector has no catalog to discover models from', async () => {
        await expect(db.dataSource.discoverSchemas()).rejects.toMatchObject({
          code: 'DISCOVERY_NOT_SUPPORTED',
        });
      });
      return;
    }
    if (!harness.capabilities.relational) {
      const db = useDataSource(harness, 'suite_discovery', shopModels(harness));
      it('discovers from documents, not from a catalog: a migrated, empty collection gives no properties back', async () => {
        expect(await db.dataSource.discoverModelProperties('customer')).toEqual([]);
      });
      return;
    }
    const defined = shopModels(harness);
    const db = useDataSource(harness, 'suite_discovery', defined);
    const discover = async () => {
      const discovered = await db.dataSource.discoverSchemas(undefined, { associations: true });
      return new Map(Object.values(discovered).map((definition) => [definition.name, definition]));
    };

    it('discovers every migrated model under its own name and table', async () => {
      const discovered = await discover();
      expect([...discovered.keys()].sort()).toEqual(defined.map((definition) => definition.name).sort());
      for (const definition of defined) {
        const table = (definition.options?.[harness.name] as { table?: string } | undefined)?.table;
        expect(discovered.get(definition.name)?.options?.[harness.name]).toMatchObject({ table });
      }
    });

    it('discovers the same properties with their columns, types, ids, nullability, lengths and precisions', async () => {
      const discovered = await discover();
      for (const definition of defined) {
        const want = shapes(definition, harness.name, definedShape);
        const got = shapes(discovered.get(definition.name), harness.name, discoveredShape);
        expect({ model: definition.name, properties: got }).toEqual({
          model: definition.name,
          properties: want,
        });
        expect(Object.keys(got)).toEqual(Object.keys(want));
      }
    });

    it('turns required properties into presence validations and declared lengths into length validations', async () => {
      const customer = (await discover()).get('Customer');
      expect(customer?.options?.validations).toEqual(
        expect.arrayContaining([
          { kind: 'presence', property: 'firstName' },
          {
            kind: 'length',
            property: 'firstName',
            options: {
              max: 40,
              allowNull: true,
              allowBlank: true,
              message: { max: 'too long (at most 40 characters)' },
            },
          },
        ]),
      );
    });

    it('finds no relations, as automigrate creates no foreign keys for belongsTo relations', async () => {
      const discovered = await discover();
      expect(defined.find((definition) => definition.name === 'Purchase')?.options?.relations).toHaveProperty(
        'customer',
      );
      expect(discovered.get('Purchase')?.options?.relations).toBeUndefined();
      expect(await db.dataSource.discoverForeignKeys(db.dataSource.tableName('Purchase'))).toEqual([]);
    });

    it('answers the catalog questions: tables, columns, and a composite primary key in key order', async () => {
      const tables = await db.dataSource.discoverModelDefinitions();
      expect(tables.map((table) => table.name).sort()).toEqual(['customer', 'purchase', 'purchase_line']);
      const columns = await db.dataSource.discoverModelProperties('customer');
      expect(columns.find((column) => column.columnName === 'balance')).toMatchObject({
        dataPrecision: 12,
        dataScale: 2,
        nullable: false,
      });
      const keys = await db.dataSource.discoverPrimaryKeys('purchase_line');
      expect(keys.map((key) => [key.columnName, key.keySeq])).toEqual([
        ['purchase_id', 1],
        ['line_no', 2],
      ]);
    });

    it('builds models from the discovered definitions that read and write the rows of the defined ones', async () => {
      await db.model('Customer').create({ firstName: 'Ada', balance: '10.50', vip: true, tags: ['x'] });
      const other = new DataSource(db.dataSource.connectorName, db.dataSource.settings);
      try {
        const models = await other.discoverAndBuildModels('customer');
        const Customer = models.Customer!;
        expect(await Customer.findOne({ where: { firstName: 'Ada' } }, { raw: true })).toMatchObject({
          customerId: 1,
          balance: '10.50',
          vip: true,
        });
        await Customer.create({ firstName: 'Grace', balance: '1.00', vip: false });
        expect(await db.model('Customer').count()).toBe(2);
        await expect(
          Customer.create({ firstName: 'x'.repeat(41), balance: '1.00', vip: false }),
        ).rejects.toMatchObject({
          code: 'VALIDATION_FAILED',
        });
      } finally {
        await other.disconnect();
      }
    });
  });
}
