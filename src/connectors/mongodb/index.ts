/**
 * The MongoDB connector: `new DataSource('mongodb', {url: 'mongodb://host/db'})`, or
 * `DATABASE_URL=mongodb://…` for the gateway.
 */
import type { ConnectorFactory, ConnectorSettings } from '../../juggler/connector/connector-settings.js';
import { MongoConnector } from './mongodb-connector.js';

export { MONGODB_CAPABILITIES, MongoConnector } from './mongodb-connector.js';
export type { MongoCommandEvent } from './mongodb-monitoring.js';
export type { MongoSettings } from './mongodb-settings.js';

/** Creates MongoDB connectors. */
export const connectorFactory: ConnectorFactory = {
  name: 'mongodb',
  create(settings: ConnectorSettings) {
    return new MongoConnector(settings);
  },
};
