/**
 * The check makeExecutableSchema made for us: every resolver given belongs to a field (and every
 * enum value to an enum value) of the schema, so a renamed field cannot leave a resolver behind.
 */
import { type GraphQLSchema, isEnumType, isObjectType } from 'graphql';
import { InvalidArgumentError } from '../../juggler/errors.js';
import type { SchemaResolvers } from './model-types.js';

function mismatch(what: string, typeName: string, name: string): InvalidArgumentError {
  return new InvalidArgumentError(
    `A resolver was given for ${what} ${typeName}.${name}, which the schema does not have`,
    { type: typeName, name },
  );
}

/** Throws INVALID_ARGUMENT when a resolver or enum value names something `schema` lacks. */
export function assertResolversMatch(schema: GraphQLSchema, resolvers: SchemaResolvers): void {
  for (const [typeName, fields] of Object.entries(resolvers.fields ?? {})) {
    const keys = Object.keys(fields);
    if (keys.length === 0) continue;
    const type = schema.getType(typeName);
    const known = isObjectType(type) ? type.getFields() : {};
    for (const name of keys) if (!Object.hasOwn(known, name)) throw mismatch('field', typeName, name);
  }
  for (const [typeName, values] of Object.entries(resolvers.enumValues ?? {})) {
    const type = schema.getType(typeName);
    for (const name of Object.keys(values)) {
      if (!isEnumType(type) || type.getValue(name) === undefined)
        throw mismatch('enum value', typeName, name);
    }
  }
}
