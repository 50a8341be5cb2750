/**
 * The document GraphiQL opens with: a real query over the discovered schema (a list with a few
 * fields, a to-one relation and a to-many relation), so a newcomer sees data on the first click,
 * and, when the schema has mutations, an example mutation (the create with the fewest required
 * fields, with example values) to run from ▶'s menu.
 */
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
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
  const mutation = exampleMutation(schema);
  return [
    '# Discograph generated this API from your database.',
    mutation
      ? '# Run an operation with ▶ (it asks which); build others by clicking in the GraphiQL Explorer.'
      : '# Run this query with ▶; build others by clicking in the GraphiQL Explorer.',
    '# The docs panel lists every type.',
    `query ${operationName(best.field.name)} {`,
    `  ${best.field.name}(limit: 5) {`,
    ...lines,
    '  }',
    '}',
    ...(mutation ? ['', mutation] : []),
    '',
  ].join('\n');
}

/** `books` → `Books`: an operation name for a root field. */
function operationName(fieldName: string): string {
  return fieldName.charAt(0).toUpperCase() + fieldName.slice(1);
}

/** An example value of a required input of type `type`, as GraphQL literal text. */
function exampleValue(type: GraphQLInputType, fieldName: string): string | undefined {
  const named = getNamedType(type);
  let value: string | undefined;
  if (isEnumType(named)) value = named.getValues()[0]?.name;
  else if (isInputObjectType(named)) value = undefined;
  else {
    const examples: Record<string, string> = {
      String: JSON.stringify(`Example ${fieldName}`),
      ID: '"1"',
      Int: '1',
      Float: '1.5',
      Boolean: 'false',
      BigInt: '"1"',
      Decimal: '"9.99"',
      Date: '"2026-01-31"',
      DateTime: '"2026-01-31T12:00:00Z"',
      JSON: '{}',
      Base64: '"AAEC"',
    };
    value = examples[named.name];
  }
  if (value === undefined) return undefined;
  return isListType(isNonNullType(type) ? type.ofType : type) ? `[${value}]` : value;
}

/**
 * An example mutation: the `create…` field whose input needs the fewest values (fewest foreign
 * keys to get wrong), with an example value for each required field, returning its leaf fields.
 */
function exampleMutation(schema: GraphQLSchema): string | undefined {
  const mutation = schema.getMutationType();
  if (!mutation) return undefined;
  let best: { field: GraphQLField<unknown, unknown>; values: string[] } | undefined;
  for (const field of Object.values(mutation.getFields())) {
    if (!field.name.startsWith('create')) continue;
    const data = field.args.find((arg) => arg.name === 'data');
    const input = data && getNamedType(data.type);
    if (!input || !isInputObjectType(input)) continue;
    const values: string[] = [];
    let writable = true;
    for (const inputField of Object.values(input.getFields())) {
      if (!isNonNullType(inputField.type) || inputField.defaultValue !== undefined) continue;
      const value = exampleValue(inputField.type, inputField.name);
      if (value === undefined) writable = false;
      else values.push(`${inputField.name}: ${value}`);
    }
    if (writable && (!best || values.length < best.values.length)) best = { field, values };
  }
  if (!best) return undefined;
  const returned = getNamedType(best.field.type);
  const fields = isObjectType(returned) ? leafFields(returned, 3) : [];
  if (fields.length === 0) return undefined;
  return [
    `mutation ${operationName(best.field.name)} {`,
    `  ${best.field.name}(data: { ${best.values.join(', ')} }) {`,
    ...fields.map((name) => `    ${name}`),
    '  }',
    '}',
  ].join('\n');
}
