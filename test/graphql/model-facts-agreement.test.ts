import { buildSchema, type GraphQLInputObjectType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MemoryConnector } from '../../src/connectors/memory/index.js';
import { fromDefinedModels, fromModelDefinitions } from '../../src/graphql/model-source.js';
import { buildTypeDefs } from '../../src/graphql/type-defs.js';
import { resolveConnectorModel } from '../../src/juggler/connector/resolve-connector-model.js';
import { DataSource } from '../../src/juggler/datasource.js';
import type { ModelDefinition } from '../../src/juggler/model-definition.js';

/** A shipment keyed by `region` (`id: true`, position 1 for LoopBack) and `code` (`id: 2`). */
const shipment: ModelDefinition = {
  name: 'Shipment',
  options: { idInjection: false },
  properties: {
    code: { type: 'String', id: 2, required: true },
    region: { type: 'String', id: true, required: true, memory: { columnName: 'region', nullable: 'YES' } },
    label: { type: 'String', required: true, readOnly: true },
    note: { type: 'String' },
  },
};

/** A carrier whose vans point back with LoopBack's default key name: its foreign key is left empty. */
const carrier: ModelDefinition = {
  name: 'Carrier',
  options: { idInjection: false, relations: { vans: { type: 'hasMany', model: 'Van', foreignKey: '' } } },
  properties: { carrierId: { type: 'Number', id: 1, generated: true } },
};

const van: ModelDefinition = {
  name: 'Van',
  options: { idInjection: false },
  properties: { vanId: { type: 'Number', id: 1, generated: true }, carrierId: { type: 'Number' } },
};

const definitions = [shipment, carrier, van];

function classes() {
  const models = new DataSource('memory').buildModelsFrom(definitions);
  return { Shipment: models.Shipment!, Carrier: models.Carrier! };
}

describe('the juggler, the connectors and the GraphQL layer read the same model facts', () => {
  it("put a composite id of `id: 2` and `id: true` in one order, LoopBack's", () => {
    const { Shipment } = classes();
    const { outlines } = new DataSource('memory').defineModelsLazily(definitions);
    const expected = ['region', 'code'];
    expect(Shipment.definition.idNames()).toEqual(expected);
    expect(resolveConnectorModel(Shipment.definition, new MemoryConnector()).idProperties).toEqual(expected);
    expect(fromModelDefinitions(definitions)[0]?.idProperties).toEqual(expected);
    expect(fromDefinedModels(outlines, definitions)[0]?.idProperties).toEqual(expected);
    const schema = buildSchema(buildTypeDefs(fromModelDefinitions(definitions)).typeDefs);
    expect(
      schema
        .getQueryType()
        ?.getFields()
        .shipment?.args.map((arg) => arg.name),
    ).toEqual(expected);
  });

  it('never make an id nullable, even when its column block says so', () => {
    const { Shipment } = classes();
    const model = resolveConnectorModel(Shipment.definition, new MemoryConnector());
    expect(model.propertyByName.get('region')?.nullable).toBe(false);
    const source = fromModelDefinitions(definitions)[0];
    expect(source?.properties.find((property) => property.name === 'region')?.nullable).toBe(false);
  });

  it('resolve a relation with an empty foreign key to the same keys', () => {
    const { Carrier } = classes();
    const graphql = fromModelDefinitions(definitions)[1]?.relations.find(
      (relation) => relation.name === 'vans',
    );
    expect(graphql).toEqual(Carrier.relations?.vans);
    expect(graphql?.keyTo).toEqual(['carrierId']);
  });

  it('ask a create for what the validations demand: not a required read-only property', () => {
    const { Shipment } = classes();
    const schema = buildSchema(buildTypeDefs(fromModelDefinitions(definitions)).typeDefs);
    const createInput = schema.getType('ShipmentCreateInput') as GraphQLInputObjectType;
    expect(Object.keys(createInput.getFields())).not.toContain('label');
    expect((schema.getType('Shipment') as GraphQLObjectType).getFields().label).toBeDefined();
    const instance = new Shipment({ code: 'A1', region: 'EU' });
    expect(instance.isValid()).toBe(true);
  });
});
