/**
 * Discograph's public surface: the LoopBack DataSource API (the juggler), its model types, the
 * connector interface, the GraphQL layer and the gateway. Re-exports, and one call: the built-in
 * connectors are registered on import, so that `new DataSource()` and `new DataSource('memory')`
 * (or `'postgresql'`, `'mysql'`) work as they do in LoopBack.
 */
import { registerBuiltInConnectors } from './connectors/index.js';

registerBuiltInConnectors();

export { registerBuiltInConnectors } from './connectors/index.js';
export {
  buildGraphQLSchema,
  buildGraphQLSchemaWithNames,
  createGraphQLContext,
  createInflection,
  printSortedSchema,
} from './graphql/index.js';
export { callbackify, withCallback } from './juggler/compat/callback.js';
export type * from './juggler/connector/connector.js';
export type * from './juggler/connector/connector-model.js';
export type * from './juggler/connector/connector-naming.js';
export {
  type ConnectorLoader,
  createConnector,
  registerConnector,
} from './juggler/connector/connector-registry.js';
export type * from './juggler/connector/connector-settings.js';
export type * from './juggler/connector/join-request.js';
export type * from './juggler/connector/model-type-name.js';
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
  RolledBackError,
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
