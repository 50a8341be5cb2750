/**
 * Discograph's public surface: the LoopBack DataSource API (the juggler), its model types, the
 * connector interface, the GraphQL layer and the gateway. Only re-exports live here.
 */

export type * from './connectors/connector.js';
export { createConnector, registerConnector } from './connectors/registry.js';
export {
  buildGraphQLSchema,
  buildGraphQLSchemaWithNames,
  createGraphQLContext,
  createInflection,
  printSortedSchema,
} from './graphql/index.js';
export { callbackify, withCallback } from './juggler/compat/callback.js';
export { DataSource, type DataSourceSettings } from './juggler/datasource.js';
export type * from './juggler/discovery/discovery-types.js';
export {
  DatabaseError,
  DiscographError,
  type ErrorCode,
  FilterError,
  InvalidArgumentError,
  NotAttachedError,
  NotFoundError,
  OperationNotSupportedError,
  ReadOnlyModelError,
  UnknownNameError,
  ValidationError,
  type ValidationErrorDetails,
} from './juggler/errors.js';
export type * from './juggler/filter/filter-types.js';
export { WHERE_OPERATORS } from './juggler/filter/filter-types.js';
export { ModelBaseClass } from './juggler/model.js';
export { ModelBuilder, type ModelClass } from './juggler/model-builder.js';
export type * from './juggler/model-definition.js';
export type * from './juggler/model-types.js';
export {
  AnyType,
  BigIntType,
  DateString,
  Decimal,
  GeoPoint,
  JsonType,
  resolveType,
  Text,
  Types,
} from './juggler/types/index.js';
export { validationErrorFor } from './juggler/validation/index.js';
export { type GatewayConfig, loadConfig } from './server/config.js';
export { type RunningGateway, startGateway } from './server/gateway.js';
