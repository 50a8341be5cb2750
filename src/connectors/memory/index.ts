/**
 * The memory connector: `new DataSource('memory')` or `new DataSource({connector: 'memory'})`.
 */
import type { ConnectorFactory, ConnectorSettings } from '../../juggler/connector/connector-settings.js';
import { MemoryConnector } from './memory-connector.js';

export { MEMORY_CAPABILITIES, MemoryConnector } from './memory-connector.js';

/** Creates memory connectors (each with its own tables). */
export const connectorFactory: ConnectorFactory = {
  name: 'memory',
  create(settings: ConnectorSettings) {
    return new MemoryConnector(settings);
  },
};
