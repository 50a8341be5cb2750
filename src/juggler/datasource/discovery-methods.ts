/**
 * The DataSource's discovery calls. The per-table calls go to the connector's DiscoveryConnector
 * methods; `discoverSchema(s)` go through the shared discovery module (catalog snapshot → model
 * definitions); the `...Sync` variants answer from the cached snapshot
 * (`<schemaCacheDir>/catalog.<connector>.json`). A connector without discovery (memory) gives
 * DISCOVERY_NOT_SUPPORTED.
 */
import type { Connector, DiscoveryConnector } from '../connector/connector.js';
import type {
  CatalogSnapshot,
  DiscoverSchemasOptions,
  DiscoveryOptions,
  ForeignKeyRow,
  ModelDefinitionRow,
  PrimaryKeyRow,
  PropertyRow,
} from '../discovery/discovery-types.js';
import {
  discoverSchema,
  discoverSchemas,
  exportedForeignKeysFromSnapshot,
  foreignKeysFromSnapshot,
  loadCatalogSnapshotSync,
  modelDefinitionsFromSnapshot,
  primaryKeysFromSnapshot,
  propertiesFromSnapshot,
  schemaFromSnapshot,
  schemasFromSnapshot,
} from '../discovery/index.js';
import { DiscographError, OperationNotSupportedError } from '../errors.js';
import type { ModelDefinition } from '../model-definition.js';

/** What discovery needs of a DataSource. */
export interface DiscoveryHost {
  readonly connectorName: string;
  readonly connector: Connector | undefined;
  readonly settings: { schemaCacheDir?: string };
  ready(): Promise<void>;
}

const DISCOVERY_METHODS = [
  'discoverModelDefinitions',
  'discoverModelProperties',
  'discoverPrimaryKeys',
  'discoverForeignKeys',
  'discoverExportedForeignKeys',
  'discoverCatalog',
  'mapPropertyType',
] as const;

function asDiscovery(connector: Connector, operation: string): DiscoveryConnector {
  const candidate = connector as Partial<DiscoveryConnector>;
  const complete = DISCOVERY_METHODS.every((name) => typeof candidate[name] === 'function');
  if (!complete) throw new OperationNotSupportedError(connector.name, operation, 'DISCOVERY_NOT_SUPPORTED');
  return connector as unknown as DiscoveryConnector;
}

/** The connector's discovery half, once connected; DISCOVERY_NOT_SUPPORTED when it has none. */
export async function discoveryConnector(
  host: DiscoveryHost,
  operation: string,
): Promise<DiscoveryConnector> {
  await host.ready();
  if (!host.connector)
    throw new OperationNotSupportedError(host.connectorName, operation, 'DISCOVERY_NOT_SUPPORTED');
  return asDiscovery(host.connector, operation);
}

function syncConnector(host: DiscoveryHost, operation: string): DiscoveryConnector {
  if (!host.connector) {
    throw new DiscographError(
      'NOT_CONNECTED',
      `${operation} needs the ${host.connectorName} connector, which is still loading; await dataSource.ready() first`,
      { details: { connector: host.connectorName, operation } },
    );
  }
  return asDiscovery(host.connector, operation);
}

function snapshotOf(host: DiscoveryHost): CatalogSnapshot {
  return loadCatalogSnapshotSync(host.settings.schemaCacheDir ?? 'schema-cache', host.connectorName);
}

/** `discoverModelDefinitions(options)`. */
export async function modelDefinitions(
  host: DiscoveryHost,
  options: DiscoveryOptions = {},
): Promise<ModelDefinitionRow[]> {
  return (await discoveryConnector(host, 'discoverModelDefinitions')).discoverModelDefinitions(options);
}

/** `discoverModelProperties(table, options)`. */
export async function modelProperties(
  host: DiscoveryHost,
  table: string,
  options: DiscoveryOptions = {},
): Promise<PropertyRow[]> {
  return (await discoveryConnector(host, 'discoverModelProperties')).discoverModelProperties(table, options);
}

/** `discoverPrimaryKeys(table, options)`. */
export async function primaryKeys(
  host: DiscoveryHost,
  table: string,
  options: DiscoveryOptions = {},
): Promise<PrimaryKeyRow[]> {
  return (await discoveryConnector(host, 'discoverPrimaryKeys')).discoverPrimaryKeys(table, options);
}

/** `discoverForeignKeys(table, options)`. */
export async function foreignKeys(
  host: DiscoveryHost,
  table: string,
  options: DiscoveryOptions = {},
): Promise<ForeignKeyRow[]> {
  return (await discoveryConnector(host, 'discoverForeignKeys')).discoverForeignKeys(table, options);
}

/** `discoverExportedForeignKeys(table, options)`. */
export async function exportedForeignKeys(
  host: DiscoveryHost,
  table: string,
  options: DiscoveryOptions = {},
): Promise<ForeignKeyRow[]> {
  return (await discoveryConnector(host, 'discoverExportedForeignKeys')).discoverExportedForeignKeys(
    table,
    options,
  );
}

/** `discoverSchemas(table, options)`: definitions keyed `owner.table`. */
export async function schemas(
  host: DiscoveryHost,
  table: string | undefined,
  options: DiscoverSchemasOptions = {},
): Promise<Record<string, ModelDefinition>> {
  return discoverSchemas(await discoveryConnector(host, 'discoverSchemas'), table, options);
}

/** `discoverSchema(table, options)`: one definition, relations not followed. */
export async function schema(
  host: DiscoveryHost,
  table: string,
  options: DiscoverSchemasOptions = {},
): Promise<ModelDefinition> {
  return discoverSchema(await discoveryConnector(host, 'discoverSchema'), table, options);
}

/** The `...Sync` variants, answered from the cached catalog snapshot. */
export const syncDiscovery = {
  modelDefinitions(host: DiscoveryHost, options: DiscoveryOptions = {}): ModelDefinitionRow[] {
    return modelDefinitionsFromSnapshot(snapshotOf(host), options);
  },
  modelProperties(host: DiscoveryHost, table: string, options: DiscoveryOptions = {}): PropertyRow[] {
    return propertiesFromSnapshot(snapshotOf(host), table, options);
  },
  primaryKeys(host: DiscoveryHost, table: string, options: DiscoveryOptions = {}): PrimaryKeyRow[] {
    return primaryKeysFromSnapshot(snapshotOf(host), table, options);
  },
  foreignKeys(host: DiscoveryHost, table: string, options: DiscoveryOptions = {}): ForeignKeyRow[] {
    return foreignKeysFromSnapshot(snapshotOf(host), table, options);
  },
  exportedForeignKeys(host: DiscoveryHost, table: string, options: DiscoveryOptions = {}): ForeignKeyRow[] {
    return exportedForeignKeysFromSnapshot(snapshotOf(host), table, options);
  },
  schemas(
    host: DiscoveryHost,
    table: string | undefined,
    options: DiscoverSchemasOptions = {},
  ): Record<string, ModelDefinition> {
    const connector = syncConnector(host, 'discoverSchemasSync');
    const mapPropertyType = (column: PropertyRow) => connector.mapPropertyType(column);
    return schemasFromSnapshot(snapshotOf(host), table, { ...options, mapPropertyType });
  },
  schema(host: DiscoveryHost, table: string, options: DiscoverSchemasOptions = {}): ModelDefinition {
    const connector = syncConnector(host, 'discoverSchemaSync');
    const mapPropertyType = (column: PropertyRow) => connector.mapPropertyType(column);
    return schemaFromSnapshot(snapshotOf(host), table, { ...options, mapPropertyType });
  },
};
