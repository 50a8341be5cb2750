/**
 * The query GraphiQL opens with: a real query over the discovered schema (a list with a few
 * fields, a to-one relation and a to-many relation), so a newcomer sees data on the first click.
 */
import {
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';

function unwrap(type: GraphQLOutputType): { named: GraphQLNamedType; list: boolean } {
  let current = type;
  if (isNonNullType(current)) current = current.ofType;
  const list = isListType(current);
  return { named: getNamedType(type), list };
}

function leafFields(type: GraphQLObjectType, count: number): string[] {
  return Object.values(type.getFields())
    .filter(
      (field) => isLeafType(getNamedType(field.type)) && field.args.every((arg) => !isNonNullType(arg.type)),
    )
    .slice(0, count)
    .map((field) => field.name);
}

function relationFields(type: GraphQLObjectType): {
  toOne: GraphQLField<unknown, unknown>[];
  toMany: GraphQLField<unknown, unknown>[];
} {
  const toOne: GraphQLField<unknown, unknown>[] = [];
  const toMany: GraphQLField<unknown, unknown>[] = [];
  for (const field of Object.values(type.getFields())) {
    const { named, list } = unwrap(field.type);
    if (!isObjectType(named) || named.name.endsWith('Connection')) continue;
    (list ? toMany : toOne).push(field);
  }
  return { toOne, toMany };
}

function hasLimit(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.some((arg) => arg.name === 'limit');
}

/** Picks the list query whose type has the most relations and writes an example query for it. */
export function exampleQuery(schema: GraphQLSchema): string {
  const query = schema.getQueryType();
  if (!query) return '{ __typename }';
  let best: { field: GraphQLField<unknown, unknown>; type: GraphQLObjectType; score: number } | undefined;
  for (const field of Object.values(query.getFields())) {
    const { named, list } = unwrap(field.type);
    if (!list || !isObjectType(named) || !hasLimit(field)) continue;
    const { toOne, toMany } = relationFields(named);
    const score =
      (toOne.length > 0 ? 2 : 0) + (toMany.length > 0 ? 2 : 0) + Math.min(toOne.length + toMany.length, 3);
    if (!best || score > best.score) best = { field, type: named, score };
  }
  if (!best) return '{ __typename }';
  const { toOne, toMany } = relationFields(best.type);
  const lines = leafFields(best.type, 3).map((name) => `    ${name}`);
  const one = toOne[0];
  if (one) {
    const inner = leafFields(getNamedType(one.type) as GraphQLObjectType, 2).join(' ');
    if (inner) lines.push(`    ${one.name} { ${inner} }`);
  }
  const many = toMany[0];
  if (many) {
    const inner = leafFields(getNamedType(many.type) as GraphQLObjectType, 2).join(' ');
    if (inner) lines.push(`    ${many.name}${hasLimit(many) ? '(limit: 3)' : ''} { ${inner} }`);
  }
  return [
    '# Discograph generated this API from your database.',
    '# Run this query with ▶; the docs panel lists every type.',
    '{',
    `  ${best.field.name}(limit: 5) {`,
    ...lines,
    '  }',
    '}',
    '',
  ].join('\n');
}
