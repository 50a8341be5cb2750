/**
 * The MySQL/MariaDB connector module, loaded lazily by the connector registry (names `mysql`
 * and `mariadb`).
 */
import type { Connector } from '../../juggler/connector/connector.js';
import type { ConnectorFactory, ConnectorSettings } from '../../juggler/connector/connector-settings.js';
import { MysqlConnector } from './mysql-connector.js';
import type { MysqlSettings } from './mysql-settings.js';

/** Creates MySQL connectors: settings `url` (mysql://) or host/port/user/password/database, `schema`, `max`. */
export const connectorFactory: ConnectorFactory = {
  name: 'mysql',
  create(settings: ConnectorSettings): Connector {
    return new MysqlConnector(settings as MysqlSettings);
  },
};

export { MysqlConnector } from './mysql-connector.js';
export { createMysqlDiscovery, type MysqlDiscovery } from './mysql-discovery.js';
export { type MysqlErrorContext, mapMysqlError } from './mysql-errors.js';
export {
  createMysqlDialect,
  type MysqlDialect,
  type MysqlFlavour,
  quoteMysqlIdentifier,
} from './mysql-query-compiler.js';
export type { MysqlSettings } from './mysql-settings.js';
export { MysqlTransaction } from './mysql-transaction.js';
