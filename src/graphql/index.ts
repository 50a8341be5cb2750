/**
 * The GraphQL layer's public surface: schema generation from models, the per-request context,
 * naming, scalars and the error boundary.
 */
export { GraphQLAtomicDirective, isAtomicOperation } from './atomic-mutation.js';
export {
  type BuildGraphQLSchemaOptions,
  buildGraphQLSchema,
  buildGraphQLSchemaWithNames,
  type GraphQLSchemaBuild,
  printSortedSchema,
} from './build-schema.js';
export { type ConnectionArguments, decodeCursor, encodeCursor } from './connection.js';
export { createGraphQLContext, type GraphQLContext } from './context.js';
export { type ErrorLogger, guardResolver, toGraphQLError } from './errors.js';
export { createInflection, defaultInflection, type Inflection } from './inflection.js';
export { LoaderRegistry } from './loaders.js';
export {
  asGraphQLModelClass,
  fromModelClasses,
  type GraphQLModelClass,
  type ModelClassLike,
} from './model-class.js';
export {
  fromModelDefinitions,
  type GraphQLModelSource,
  type GraphQLPropertySource,
} from './model-source.js';
export * from './scalars.js';
export type { ModelNames, NameCollision, SchemaNames } from './schema-names.js';
export { buildTypeDefs, type TypeDefsOptions, type TypeDefsResult } from './type-defs.js';
