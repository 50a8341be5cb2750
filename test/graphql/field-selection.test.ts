import { readFileSync } from 'node:fs';
import {
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { defaultInflection } from '../../src/graphql/inflection.js';
import { fromModelDefinitions } from '../../src/graphql/model-source.js';
import { selectedProperties } from '../../src/graphql/plan/selection.js';
import { type ModelNames, planSchemaNames } from '../../src/graphql/schema-names.js';
import type { ModelDefinition } from '../../src/juggler/model-definition.js';

const chinook = JSON.parse(
  readFileSync(new URL('./fixtures/chinook-definitions.json', import.meta.url), 'utf8'),
) as ModelDefinition[];
const names = planSchemaNames(fromModelDefinitions(chinook), defaultInflection);
const track = names.models.get('Track') as ModelNames;
const customer = names.models.get('Customer') as ModelNames;

function rootField(document: string): {
  nodes: FieldNode[];
  fragments: Record<string, FragmentDefinitionNode>;
} {
  const parsed = parse(document);
  const operation = parsed.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return { nodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

describe('selectedProperties', () => {
  it('selects the asked columns plus the ids, in definition order', () => {
    const { nodes, fragments } = rootField('{ tracks(limit: 50) { unitPrice name milliseconds } }');
    expect(selectedProperties(nodes, fragments, track)).toEqual([
      'trackId',
      'name',
      'milliseconds',
      'unitPrice',
    ]);
  });

  it('adds the keys that selected relations join on', () => {
    const { nodes, fragments } = rootField(
      '{ tracks { name album { title } genre { name } invoiceLines { quantity } } }',
    );
    expect(selectedProperties(nodes, fragments, track)).toEqual(['trackId', 'name', 'albumId', 'genreId']);
    const customerQuery = rootField('{ customer(customerId: 1) { firstName supportRep { lastName } } }');
    expect(selectedProperties(customerQuery.nodes, customerQuery.fragments, customer)).toEqual([
      'customerId',
      'firstName',
      'supportRepId',
    ]);
  });

  it('expands fragments and inline fragments, and keeps fields under @skip (variables never change the result)', () => {
    const { nodes, fragments } = rootField(
      'query($no: Boolean!) { tracks { ...T ... on Track { bytes } composer @skip(if: $no) } } fragment T on Track { name }',
    );
    expect(selectedProperties(nodes, fragments, track)).toEqual(['trackId', 'name', 'composer', 'bytes']);
  });

  it('reads the row selection of a connection under edges.node and nodes', () => {
    const { nodes, fragments } = rootField(
      '{ tracksConnection(first: 2) { totalCount edges { cursor node { name } } nodes { unitPrice } } }',
    );
    expect(selectedProperties(nodes, fragments, track, 'connection')).toEqual([
      'trackId',
      'name',
      'unitPrice',
    ]);
  });
});
