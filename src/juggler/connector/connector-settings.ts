/**
 * What creates a connector: the settings given to `new DataSource(name, settings)` and the
 * factory a connector module exports as `connectorFactory`.
 */
import type { Connector } from './connector.js';

/** Connector settings given to `new DataSource(name, settings)`. */
export interface ConnectorSettings {
  url?: string;
  host?: string;
  port?: number;
  user?: string;
  username?: string;
  password?: string;
  database?: string;
  /** Default schema/owner for discovery and unqualified tables. */
  schema?: string;
  /** Pool size. */
  max?: number;
  debug?: boolean;
  [key: string]: unknown;
}

/** A module that creates connectors, registered by name (`'postgresql'`, `'mysql'`). */
export interface ConnectorFactory {
  readonly name: string;
  create(settings: ConnectorSettings): Connector;
}
