/**
 * Connector names → factories. `memory` is built in; `postgresql` (aliases `postgres`, `pg`) and
 * `mysql` (alias `mariadb`) are imported lazily so that their drivers load only when used.
 * Others can be registered with `registerConnector`.
 */
import { DiscographError } from '../juggler/errors.js';
import { didYouMean } from '../juggler/filter/suggest.js';
import type { Connector, ConnectorFactory, ConnectorSettings } from './connector.js';
import { connectorFactory as memoryFactory } from './memory/index.js';

type FactoryLoader = () => Promise<unknown>;

const loaded = new Map<string, ConnectorFactory>([['memory', memoryFactory]]);

// Module paths are held in variables on purpose: a connector folder may not exist in every build,
// and its absence must be a clear configuration error at run time, not a compile error here.
const POSTGRESQL_MODULE = './postgresql/index.js';
const MYSQL_MODULE = './mysql/index.js';

const loaders = new Map<string, FactoryLoader>([
  ['postgresql', () => import(POSTGRESQL_MODULE)],
  ['mysql', () => import(MYSQL_MODULE)],
]);

const aliases = new Map<string, string>([
  ['postgres', 'postgresql'],
  ['pg', 'postgresql'],
  ['mariadb', 'mysql'],
  ['loopback-connector-postgresql', 'postgresql'],
  ['loopback-connector-mysql', 'mysql'],
]);

/** Whether a value is a ConnectorFactory. */
export function isConnectorFactory(value: unknown): value is ConnectorFactory {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ConnectorFactory).create === 'function' &&
    typeof (value as ConnectorFactory).name === 'string'
  );
}

/** Whether a value is a connector object (has the data access methods). */
export function isConnector(value: unknown): value is Connector {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Connector).find === 'function' &&
    typeof (value as Connector).create === 'function' &&
    typeof (value as Connector).observeStatements === 'function'
  );
}

/** The canonical name of a connector (`'pg'` → `'postgresql'`, `'MariaDB'` → `'mysql'`). */
export function canonicalConnectorName(name: string): string {
  const lower = name.trim().toLowerCase();
  return aliases.get(lower) ?? lower;
}

/** Names accepted by `getConnectorFactory`, aliases included. */
export function knownConnectorNames(): string[] {
  return [...new Set([...loaded.keys(), ...loaders.keys(), ...aliases.keys()])].sort();
}

/** Registers a connector factory (or a lazy loader of a module exporting `connectorFactory`) under a name. */
export function registerConnector(name: string, factory: ConnectorFactory | FactoryLoader): void {
  const key = canonicalConnectorName(name);
  if (isConnectorFactory(factory)) {
    loaded.set(key, factory);
    loaders.delete(key);
  } else {
    loaded.delete(key);
    loaders.set(key, factory);
  }
}

function unknownConnector(name: string): DiscographError {
  const known = knownConnectorNames();
  return new DiscographError(
    'INVALID_CONFIGURATION',
    `Unknown connector \`${name}\`${didYouMean(name, known)}. Known connectors: ${known.join(', ')}`,
    { details: { connector: name, known }, statusCode: 500 },
  );
}

/** The factory of a connector if it is already available without importing anything. */
export function getLoadedConnectorFactory(name: string): ConnectorFactory | undefined {
  return loaded.get(canonicalConnectorName(name));
}

/** Resolves a connector name to its factory, importing the connector module on first use. */
export async function getConnectorFactory(name: string): Promise<ConnectorFactory> {
  const key = canonicalConnectorName(name);
  const ready = loaded.get(key);
  if (ready) return ready;
  const loader = loaders.get(key);
  if (!loader) throw unknownConnector(name);
  let module: unknown;
  try {
    module = await loader();
  } catch (error) {
    throw new DiscographError(
      'INVALID_CONFIGURATION',
      `The ${key} connector could not be loaded; is its module present in this build?`,
      { details: { connector: key }, cause: error },
    );
  }
  const factory = (module as { connectorFactory?: unknown }).connectorFactory;
  if (!isConnectorFactory(factory)) {
    throw new DiscographError(
      'INVALID_CONFIGURATION',
      `The ${key} connector module exports no \`connectorFactory\``,
      {
        details: { connector: key },
      },
    );
  }
  loaded.set(key, factory);
  return factory;
}

/** Creates a connector from a name, a factory or an existing connector object. */
export async function createConnector(
  spec: string | ConnectorFactory | Connector,
  settings: ConnectorSettings = {},
): Promise<Connector> {
  if (isConnector(spec)) return spec;
  const factory = typeof spec === 'string' ? await getConnectorFactory(spec) : spec;
  return factory.create(settings);
}
