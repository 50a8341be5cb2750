/**
 * Discograph's public surface: the LoopBack DataSource API (juggler) and its types.
 * Only re-exports live here.
 */
export type {
  Connector,
  ConnectorCapabilities,
  ConnectorFactory,
  ConnectorModel,
  ConnectorProperty,
  ConnectorSettings,
  DataAccessConnector,
  DiscoveryConnector,
  GroupedFindRequest,
  MigrationConnector,
  ModelTypeName,
  Row,
  SqlExecutor,
  StatementEvent,
} from './connectors/connector.js';
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
export type * from './juggler/model-definition.js';
export type * from './juggler/model-types.js';
