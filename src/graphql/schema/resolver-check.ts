/**
 * The check makeExecutableSchema made for us: every resolver given belongs to a field (and every
 * enum value to an enum value) of the schema, so a renamed field cannot leave a resolver behind.
 * The types are checked when the schema is built; the fields of a type when graphql-js first
 * defines them (deferred types, see deferred-types.ts; resolvers given as a function are made
 * then), so the check never defines fields early.
 */
import { type GraphQLNamedType, isEnumType, isObjectType } from 'graphql';
import { InvalidArgumentError } from '../../juggler/errors.js';
import type { SchemaResolvers } from './model-types.js';

function mismatch(what: string, typeName: string, name: string): InvalidArgumentError {
  return new InvalidArgumentError(
    `A resolver was given for ${what} ${typeName}.${name}, which the schema does not have`,
    { type: typeName, name },
  );
}

/**
 * Throws INVALID_ARGUMENT when resolvers are given for a type that is not an object type (enum
 * values: not an enum) of the schema. Resolvers given as a function (made when the type's fields
 * are first defined) name no field yet: their type must be an object type of the schema.
 */
export function assertResolverTypes(
  typeNamed: (name: string) => GraphQLNamedType | undefined,
  resolvers: SchemaResolvers,
): void {
  for (const [typeName, fields] of Object.entries(resolvers.fields ?? {})) {
    if (typeof fields === 'function') {
      if (!isObjectType(typeNamed(typeName))) {
        throw new InvalidArgumentError(
          `Resolvers were given for the fields of ${typeName}, which is not an object type of the schema`,
          { type: typeName },
        );
      }
      continue;
    }
    const [first] = Object.keys(fields);
    if (first !== undefined && !isObjectType(typeNamed(typeName))) throw mismatch('field', typeName, first);
  }
  for (const [typeName, values] of Object.entries(resolvers.enumValues ?? {})) {
    const [first] = Object.keys(values);
    if (first !== undefined && !isEnumType(typeNamed(typeName)))
      throw mismatch('enum value', typeName, first);
  }
}

/** Throws INVALID_ARGUMENT when a resolver given for `typeName` names none of its `fields`. */
export function assertFieldResolvers(
  typeName: string,
  fields: Readonly<Record<string, unknown>>,
  resolvers: Readonly<Record<string, unknown>>,
): void {
  for (const name of Object.keys(resolvers))
    if (!Object.hasOwn(fields, name)) throw mismatch('field', typeName, name);
}

/** Throws INVALID_ARGUMENT when an internal value given for enum `typeName` names none of its `valueNames`. */
export function assertEnumValueResolvers(
  typeName: string,
  valueNames: readonly string[],
  internal: Readonly<Record<string, unknown>> | undefined,
): void {
  if (internal === undefined) return;
  for (const name of Object.keys(internal))
    if (!valueNames.includes(name)) throw mismatch('enum value', typeName, name);
}
