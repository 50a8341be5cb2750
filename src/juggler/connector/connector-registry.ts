/**
 * Connector names → factories: the mechanism only. The juggler knows no connector; the edge
 * (`connectors/index.ts`, called by the package entry, the server and the CLI) registers the
 * built-in ones, each as a factory or as a lazy loader of its module, so that a driver loads only
 * when a data source first uses it. `new DataSource(name)` resolves names here.
 */
import { DiscographError } from '../errors.js';
import { didYouMean } from '../filter/suggest.js';
import type { Connector } from './connector.js';
import type { ConnectorFactory, ConnectorSettings } from './connector-settings.js';

/** Imports a connector module lazily; it resolves to a module exporting `connectorFactory`. */
export type ConnectorLoader = () => Promise<unknown>;

const loaded = new Map<string, ConnectorFactory>();
const loaders = new Map<string, ConnectorLoader>();
const aliases = new Map<string, string>();

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
    typeof (value as Connector).prepareRead === 'function' &&
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

/**
 * Registers a connector factory (or a lazy loader of a module exporting `connectorFactory`) under a
 * name, and the aliases that name it too.
 *
 * @example
 * registerConnector('mysql', () => import('./mysql/index.js'), ['mariadb']);
 */
export function registerConnector(
  name: string,
  factory: ConnectorFactory | ConnectorLoader,
  aliasNames: readonly string[] = [],
): void {
  const key = canonicalConnectorName(name);
  for (const alias of aliasNames) aliases.set(alias.trim().toLowerCase(), key);
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
  const message =
    known.length === 0
      ? `Unknown connector \`${name}\`: no connector is registered. Import from the package entry ('discograph') or call registerBuiltInConnectors() first`
      : `Unknown connector \`${name}\`${didYouMean(name, known)}. Known connectors: ${known.join(', ')}`;
  return new DiscographError('INVALID_CONFIGURATION', message, {
    details: { connector: name, known },
    statusCode: 500,
  });
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
