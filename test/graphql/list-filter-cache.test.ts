import { type FieldNode, type GraphQLResolveInfo, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { argumentsUseVariables, ListFilterCache } from '../../src/graphql/resolvers/list-filter-cache.js';

function rootField(query: string): FieldNode {
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  return operation.selectionSet.selections[0] as FieldNode;
}

const infoOf = (node: FieldNode) => ({ fieldNodes: [node] }) as unknown as GraphQLResolveInfo;

describe('argumentsUseVariables', () => {
  it('finds a variable at any depth of an argument, and none in literals', () => {
    expect(
      argumentsUseVariables(rootField('{ tracks(limit: 2, where: { name: { eq: "x" } }) { name } }')),
    ).toBe(false);
    expect(argumentsUseVariables(rootField('{ tracks { name } }'))).toBe(false);
    expect(argumentsUseVariables(rootField('query($n: Int) { tracks(limit: $n) { name } }'))).toBe(true);
    expect(
      argumentsUseVariables(
        rootField('query($p: Decimal) { tracks(where: { or: [{ unitPrice: { gt: $p } }] }) { name } }'),
      ),
    ).toBe(true);
  });
});

describe('ListFilterCache', () => {
  it('hands back the frozen filter of a field node with literal arguments for the same selection', () => {
    const cache = new ListFilterCache();
    const info = infoOf(rootField('{ tracks(limit: 2) { name } }'));
    const fields = ['trackId', 'name'];
    expect(cache.filterOf(info, fields)).toBeUndefined();
    const filter = cache.remember(info, fields, { limit: 2 });
    expect(filter).toEqual({ limit: 2, fields });
    expect(Object.isFrozen(filter)).toBe(true);
    expect(cache.filterOf(info, fields)).toBe(filter);
    expect(cache.filterOf(info, ['trackId'])).toBeUndefined();
  });

  it('never keeps the filter of a field node whose arguments use variables', () => {
    const cache = new ListFilterCache();
    const info = infoOf(rootField('query($n: Int) { tracks(limit: $n) { name } }'));
    const fields = ['trackId'];
    const filter = cache.remember(info, fields, { limit: 1 });
    expect(Object.isFrozen(filter)).toBe(false);
    expect(cache.filterOf(info, fields)).toBeUndefined();
    cache.remember(info, fields, { limit: 5 });
    expect(cache.filterOf(info, fields)).toBeUndefined();
  });

  it('never keeps a filter holding values that are not plain data', () => {
    const cache = new ListFilterCache();
    const info = infoOf(rootField('{ invoices(where: { invoiceDate: { gt: "2010-01-01" } }) { total } }'));
    const filter = cache.remember(info, ['invoiceId'], { where: { invoiceDate: { gt: new Date(0) } } });
    expect(Object.isFrozen(filter)).toBe(false);
    expect(cache.filterOf(info, ['invoiceId'])).toBeUndefined();
  });
});
