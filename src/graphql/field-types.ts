/**
 * How a model property's type becomes a GraphQL type: one table for outputs, inputs and where
 * operator inputs, so the three never disagree. The schema builder (schema/model-types.ts) adds
 * the list and non-null wrappers: `!` unless the column is nullable (outputs) or the input
 * requires it, GeoPoint as GeoPointInput in inputs.
 */
import type { ModelTypeName } from '../juggler/connector/model-type-name.js';
import type { GraphQLPropertySource } from './model-source.js';
import type { ModelNames } from './schema-names.js';

/**
 * The named GraphQL type (no list or non-null wrapper) of a scalar model type; a `Number` is `Int`
 * when its values fit 32 signed bits (`integer`), `BigInt` when they are whole but wider
 * (`wideInteger`: MySQL `int unsigned`), `Float` otherwise.
 */
export function scalarTypeName(typeName: ModelTypeName, integer: boolean, wideInteger = false): string {
  switch (typeName) {
    case 'String':
    case 'Text':
      return 'String';
    case 'Number':
      return integer ? 'Int' : wideInteger ? 'BigInt' : 'Float';
    case 'BigInt':
      return 'BigInt';
    case 'Decimal':
      return 'Decimal';
    case 'Boolean':
      return 'Boolean';
    case 'Date':
    case 'DateTime':
      return 'DateTime';
    case 'LocalDateTime':
      return 'LocalDateTime';
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

/** The named type of a property (element type for arrays), for output: `Int`, `TrackMood`, `ID`. */
export function namedTypeOf(property: GraphQLPropertySource, model: ModelNames): string {
  if (property.graphqlType) return property.graphqlType;
  // Only properties with enum values get an enum (see schema-names.ts): the others skip the lookup.
  const enumNames = property.enumValues ? model.enums.get(property.name) : undefined;
  if (enumNames) return enumNames.type;
  if (isTextId(property, model)) return 'ID';
  if (property.typeName === 'Array') {
    // An array of unknown elements is any JSON array; a typed array lists its elements.
    if (!property.itemTypeName || ['Any', 'Object', 'JSON', 'Array'].includes(property.itemTypeName))
      return 'JSON';
    // A list of integers (`integer[]`) is `[Int]`: discovery records the elements' width.
    return scalarTypeName(property.itemTypeName, property.integer, property.wideInteger);
  }
  return scalarTypeName(property.typeName, property.integer, property.wideInteger);
}

/** Whether a property's GraphQL type is a list (a typed array: `[String]`). */
export function isListProperty(property: GraphQLPropertySource): boolean {
  return (
    property.typeName === 'Array' &&
    !property.graphqlType &&
    property.itemTypeName !== undefined &&
    !['Any', 'Object', 'JSON', 'Array'].includes(property.itemTypeName)
  );
}

/**
 * The named type of a property of an embedded model type when it holds no embedded documents of
 * its own (those get their embedded type): embedded properties are never ids nor enums.
 */
export function embeddedNamedTypeOf(property: GraphQLPropertySource): string {
  if (property.typeName === 'Array') {
    if (!property.itemTypeName || ['Any', 'Object', 'JSON', 'Array'].includes(property.itemTypeName))
      return 'JSON';
    return scalarTypeName(property.itemTypeName, property.integer);
  }
  return scalarTypeName(property.typeName, property.integer);
}

/** The scalar whose operator input filters a property of an embedded model type, or undefined. */
export function embeddedFilterScalarOf(property: GraphQLPropertySource): string | undefined {
  if (property.typeName === 'Array' || property.embedded) return undefined;
  const named = scalarTypeName(property.typeName, property.integer);
  return FILTER_KINDS[named] ? named : undefined;
}

/** Operator families of where inputs. */
export type FilterKind = 'string' | 'comparable' | 'boolean' | 'enum';

/**
 * The scalar whose shared operator input filters a property that is not an enum (`String` for a
 * text id, `Int`, `Decimal`...), or undefined when none does.
 */
export function filterScalarOf(property: GraphQLPropertySource, model: ModelNames): string | undefined {
  if (property.graphqlType || property.typeName === 'Array') return undefined;
  const named = isTextId(property, model)
    ? 'String'
    : scalarTypeName(property.typeName, property.integer, property.wideInteger);
  return FILTER_KINDS[named] ? named : undefined;
}

/** Which scalar types get a shared operator input, and which operators it has. */
export const FILTER_KINDS: Record<string, FilterKind> = {
  String: 'string',
  Int: 'comparable',
  Float: 'comparable',
  BigInt: 'comparable',
  Decimal: 'comparable',
  DateTime: 'comparable',
  LocalDateTime: 'comparable',
  Date: 'comparable',
  Boolean: 'boolean',
};
