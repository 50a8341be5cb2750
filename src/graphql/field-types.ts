/**
 * How a model property's type becomes a GraphQL type: one table for outputs, inputs and where
 * operator inputs, so the three never disagree.
 */
import type { ModelTypeName } from '../connectors/connector.js';
import type { Inflection } from './inflection.js';
import type { GraphQLPropertySource } from './model-source.js';
import type { ModelNames } from './schema-names.js';

/** The named GraphQL type (no list or non-null wrapper) of a scalar model type. */
export function scalarTypeName(typeName: ModelTypeName, integer: boolean): string {
  switch (typeName) {
    case 'String':
    case 'Text':
      return 'String';
    case 'Number':
      return integer ? 'Int' : 'Float';
    case 'BigInt':
      return 'BigInt';
    case 'Decimal':
      return 'Decimal';
    case 'Boolean':
      return 'Boolean';
    case 'Date':
      return 'DateTime';
    case 'DateString':
      return 'Date';
    case 'Buffer':
      return 'Base64';
    case 'GeoPoint':
      return 'GeoPoint';
    case 'Array':
    case 'Object':
    case 'JSON':
    case 'Any':
      return 'JSON';
  }
}

/** Whether the property is its model's only id and holds text: GraphQL `ID` fits it. */
function isTextId(property: GraphQLPropertySource, model: ModelNames): boolean {
  return (
    property.idIndex !== undefined &&
    model.source.idProperties.length === 1 &&
    (property.typeName === 'String' || property.typeName === 'Text')
  );
}

/** The named type of a property (element type for arrays), for output. */
function namedOutputType(property: GraphQLPropertySource, model: ModelNames): string {
  if (property.graphqlType) return property.graphqlType;
  const enumNames = model.enums.get(property.name);
  if (enumNames) return enumNames.type;
  if (isTextId(property, model)) return 'ID';
  if (property.typeName === 'Array') {
    // An array of unknown elements is any JSON array; a typed array lists its elements.
    if (!property.itemTypeName || ['Any', 'Object', 'JSON', 'Array'].includes(property.itemTypeName))
      return 'JSON';
    return scalarTypeName(property.itemTypeName, false);
  }
  return scalarTypeName(property.typeName, property.integer);
}

function isList(property: GraphQLPropertySource): boolean {
  return (
    property.typeName === 'Array' &&
    !property.graphqlType &&
    property.itemTypeName !== undefined &&
    !['Any', 'Object', 'JSON', 'Array'].includes(property.itemTypeName)
  );
}

/** Output type of a property: `Int!`, `String`, `[String]`, `TrackMood!`. */
export function outputTypeOf(property: GraphQLPropertySource, model: ModelNames): string {
  const named = namedOutputType(property, model);
  const type = isList(property) ? `[${named}]` : named;
  return property.nullable ? type : `${type}!`;
}

/** Input type of a property (GeoPoint becomes GeoPointInput); `required` adds `!`. */
export function inputTypeOf(property: GraphQLPropertySource, model: ModelNames, required: boolean): string {
  const named = namedOutputType(property, model);
  const input = named === 'GeoPoint' ? 'GeoPointInput' : named;
  const type = isList(property) ? `[${input}]` : input;
  return required ? `${type}!` : type;
}

/** Input type of an id argument (`trackId: Int!`). */
export function idArgumentTypeOf(property: GraphQLPropertySource, model: ModelNames): string {
  return inputTypeOf(property, model, true);
}

/** Operator families of where inputs. */
export type FilterKind = 'string' | 'comparable' | 'boolean' | 'enum';

/** The where operator input of a property (`StringFilter`, `DecimalFilter`, `TrackMoodFilter`), or undefined when it cannot be filtered. */
export function filterTypeOf(
  property: GraphQLPropertySource,
  model: ModelNames,
  inflection: Inflection,
): string | undefined {
  if (property.graphqlType || property.typeName === 'Array') return undefined;
  const enumNames = model.enums.get(property.name);
  if (enumNames) return enumNames.filter;
  const named = isTextId(property, model) ? 'String' : scalarTypeName(property.typeName, property.integer);
  return FILTER_KINDS[named] ? inflection.filterType(named) : undefined;
}

/** Which scalar types get a shared operator input, and which operators it has. */
export const FILTER_KINDS: Record<string, FilterKind> = {
  String: 'string',
  Int: 'comparable',
  Float: 'comparable',
  BigInt: 'comparable',
  Decimal: 'comparable',
  DateTime: 'comparable',
  Date: 'comparable',
  Boolean: 'boolean',
};
