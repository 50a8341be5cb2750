/**
 * The argument forms of `new DataSource(...)`, as LoopBack accepts them, reduced to one shape:
 * `('memory')`, `('postgresql', settings)`, `({connector: 'postgresql', ...settings})`,
 * `('db', {connector: 'memory'})`, `(connectorFactory, settings)` or `(connectorObject)`.
 */
import type { Connector } from '../connector/connector.js';
import { canonicalConnectorName, isConnector, isConnectorFactory } from '../connector/connector-registry.js';
import type { ConnectorFactory, ConnectorSettings } from '../connector/connector-settings.js';
import { InvalidArgumentError } from '../errors.js';

/** What identifies a connector: a registered name, a factory or a connector object. */
export type ConnectorSpec = string | ConnectorFactory | Connector;

/** Settings of a DataSource: connector settings, plus `connector` and an optional `name`. */
export interface DataSourceSettings extends ConnectorSettings {
  connector?: ConnectorSpec;
  /** The data source's name (defaults to the connector name). */
  name?: string;
  /** Where `...Sync` discovery reads `catalog.<connector>.json` (default `schema-cache`). */
  schemaCacheDir?: string;
}

/** The normalized constructor arguments. */
export interface ParsedDataSourceArgs {
  name: string;
  connectorName: string;
  spec: ConnectorSpec;
  settings: DataSourceSettings;
}

function specName(spec: ConnectorSpec): string {
  if (typeof spec === 'string') return canonicalConnectorName(spec);
  return spec.name;
}

function isSpec(value: unknown): value is ConnectorSpec {
  return typeof value === 'string' || isConnectorFactory(value) || isConnector(value);
}

/** Normalizes the argument forms of `new DataSource(...)`. */
export function parseDataSourceArgs(first?: unknown, second?: unknown): ParsedDataSourceArgs {
  let settings: DataSourceSettings = {};
  let spec: ConnectorSpec | undefined;
  let name: string | undefined;
  if (typeof first === 'object' && first !== null && !isConnector(first) && !isConnectorFactory(first)) {
    settings = { ...(first as DataSourceSettings) };
  } else if (isSpec(first)) {
    settings = { ...((second as DataSourceSettings | undefined) ?? {}) };
    if (typeof first === 'string' && settings.connector !== undefined) name = first;
    else spec = first;
  } else if (first !== undefined) {
    throw new InvalidArgumentError(
      'new DataSource(...) expects a connector name, a connector factory, a connector, or settings with `connector`',
      { received: typeof first },
    );
  }
  spec ??= settings.connector ?? 'memory';
  if (!isSpec(spec)) {
    throw new InvalidArgumentError(
      'settings.connector must be a connector name, a factory or a connector object',
      {
        received: typeof spec,
      },
    );
  }
  const connectorName = specName(spec);
  return { name: settings.name ?? name ?? connectorName, connectorName, spec, settings };
}
