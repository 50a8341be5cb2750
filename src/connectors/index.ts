/**
 * The connectors' edge: registers the built-in connectors by name with the juggler's registry.
 * `memory` is registered as a factory; `postgresql` (aliases `postgres`, `pg`,
 * `loopback-connector-postgresql`) and `mysql` (aliases `mariadb`, `loopback-connector-mysql`) and `mongodb` (aliases `mongo`,
 * `loopback-connector-mongodb`) as lazy loaders, so that a driver loads only when a data source first uses it. The module paths are
 * literal, so that the CLI bundle (scripts/bundle-cli.mjs) carries each connector as a chunk.
 */
import { registerConnector } from '../juggler/connector/connector-registry.js';
import { connectorFactory as memoryFactory } from './memory/index.js';

let registered = false;

/**
 * Registers the built-in connectors (once; later calls do nothing). The package entry, the server
 * and the CLI call it before they resolve a connector name.
 *
 * @example
 * registerBuiltInConnectors();
 * const ds = new DataSource('pg', {url}); // the PostgreSQL connector, imported on first use
 */
export function registerBuiltInConnectors(): void {
  if (registered) return;
  registered = true;
  registerConnector('memory', memoryFactory);
  registerConnector('postgresql', () => import('./postgresql/index.js'), [
    'postgres',
    'pg',
    'loopback-connector-postgresql',
  ]);
  registerConnector('mysql', () => import('./mysql/index.js'), ['mariadb', 'loopback-connector-mysql']);
  registerConnector('mongodb', () => import('./mongodb/index.js'), ['mongo', 'loopback-connector-mongodb']);
}
