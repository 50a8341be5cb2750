import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromModelClasses } from '../../src/graphql/model-class.js';
import { fromModelDefinitions } from '../../src/graphql/model-source.js';
import { buildTypeDefs, type TypeDefsResult } from '../../src/graphql/type-defs.js';
import { DataSource } from '../../src/juggler/datasource.js';
import type { ModelDefinition } from '../../src/juggler/model-definition.js';
import { CHINOOK_PG_URL } from '../support/databases.js';

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/chinook-definitions.json', import.meta.url), 'utf8'),
) as ModelDefinition[];

describe('the SDL generated from the Chinook models discovered on PostgreSQL', () => {
  // Discovery only reads the catalog: the shared read-only Chinook database is enough.
  const dataSource = new DataSource('postgresql', { url: CHINOOK_PG_URL });
  let generated: TypeDefsResult;
  let typeDefs: string;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    const models = await dataSource.discoverAndBuildModels('track', { associations: true });
    generated = buildTypeDefs(fromModelClasses(models));
    typeDefs = generated.typeDefs;
    schema = buildSchema(typeDefs);
  });

  afterAll(async () => {
    await dataSource.disconnect();
  });

  it('matches the saved snapshot', async () => {
    await expect(typeDefs).toMatchFileSnapshot('./__snapshots__/chinook-sdl.graphql.snap');
  });

  it('is the SDL of the JSON fixture the unit tests use (so the fixture stays true to discovery)', () => {
    expect(buildTypeDefs(fromModelDefinitions(fixture)).typeDefs).toBe(typeDefs);
  });

  it('has no name collisions', () => {
    expect(generated.names.collisions).toEqual([]);
  });

  it('offers the queries of the issue with the argument types it names', () => {
    const query = schema.getQueryType()!.getFields();
    expect(query.tracks?.args.map((arg) => `${arg.name}: ${arg.type}`)).toEqual([
      'where: TrackWhere',
      'order: [TrackOrder!]',
      'limit: Int',
      'skip: Int',
    ]);
    expect(String(query.tracks?.type)).toBe('[Track!]!');
    expect(query.track?.args.map((arg) => `${arg.name}: ${arg.type}`)).toEqual(['trackId: Int!']);
    expect(String(query.tracksCount?.type)).toBe('Int!');
    expect(String(query.tracksConnection?.type)).toBe('TrackConnection!');
    expect(query.playlistTrack?.args.map((arg) => arg.name)).toEqual(['playlistId', 'trackId']);
  });

  it('offers the mutations of the issue', () => {
    const mutation = schema.getMutationType()!.getFields();
    expect(mutation.createTrack?.args.map((arg) => `${arg.name}: ${arg.type}`)).toEqual([
      'data: TrackCreateInput!',
    ]);
    expect(mutation.updateTrack?.args.map((arg) => `${arg.name}: ${arg.type}`)).toEqual([
      'trackId: Int!',
      'data: TrackUpdateInput!',
    ]);
    expect(mutation.upsertTrack?.args.map((arg) => `${arg.name}: ${arg.type}`)).toEqual([
      'data: TrackCreateInput!',
    ]);
    expect(String(mutation.deleteTrack?.type)).toBe('Track');
  });

  it('has the relation fields the issue queries walk', () => {
    const fieldsOf = (type: string) => (schema.getType(type) as GraphQLObjectType).getFields();
    expect(String(fieldsOf('Track').album?.type)).toBe('Album');
    expect(String(fieldsOf('Album').artist?.type)).toBe('Artist!'); // NOT NULL, enforced by a foreign key
    expect(String(fieldsOf('Artist').albums?.type)).toBe('[Album!]!');
    expect(String(fieldsOf('Playlist').tracks?.type)).toBe('[Track!]!');
    expect(String(fieldsOf('Customer').invoices?.type)).toBe('[Invoice!]!');
    expect(String(fieldsOf('Invoice').invoiceLines?.type)).toBe('[InvoiceLine!]!');
    expect(String(fieldsOf('Track').unitPrice?.type)).toBe('Decimal!');
  });

  it('validates the issue documents', async () => {
    const { validate, parse } = await import('graphql');
    const documents = [
      '{ tracks(limit: 50) { trackId name unitPrice milliseconds } }',
      '{ albums(limit: 20) { title artist { name } tracks { name genre { name } } } }',
      '{ customer(customerId: 1) { firstName invoices { total invoiceLines { quantity track { name album { title artist { name } } } } } } }',
      '{ tracks(where: {unitPrice: {gt: 0.99}}, order: [NAME_ASC], limit: 20) { name unitPrice } }',
      '{ artists { albums(limit: 5) { title } } }',
    ];
    for (const document of documents) expect(validate(schema, parse(document)), document).toEqual([]);
  });

  it('rejects a bad where (wrong type, unknown field) in GraphQL validation', async () => {
    const { validate, parse } = await import('graphql');
    const wrongType = validate(schema, parse('{ tracks(where: {milliseconds: {gt: "long"}}) { name } }'));
    expect(wrongType[0]?.message).toMatch(/Int cannot represent non-integer value: "long"/);
    const unknown = validate(schema, parse('{ tracks(where: {unitPrize: {gt: 1}}) { name } }'));
    expect(unknown[0]?.message).toMatch(
      /Field "unitPrize" is not defined by type "TrackWhere". Did you mean "unitPrice"\?/,
    );
    const stringOperatorOnNumber = validate(
      schema,
      parse('{ tracks(where: {milliseconds: {like: "1%"}}) { name } }'),
    );
    expect(stringOperatorOnNumber[0]?.message).toMatch(/Field "like" is not defined by type "IntFilter"/);
  });
});
