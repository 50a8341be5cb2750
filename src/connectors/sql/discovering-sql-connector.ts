/**
 * A SQL connector whose discovery calls are answered by its dialect's catalog reader
 * (`createPostgresDiscovery`, `createMysqlDiscovery`): the delegation lives here once.
 */

import type { DiscoveredPropertyType, DiscoveryConnector } from '../../juggler/connector/connector.js';
import type {
  CatalogSnapshot,
  DiscoveryOptions,
  ForeignKeyRow,
  ModelDefinitionRow,
  PrimaryKeyRow,
  PropertyRow,
} from '../../juggler/discovery/discovery-types.js';
import { SqlConnector } from './sql-connector.js';

/** Base class of SQL connectors with discovery: subclasses provide the catalog reader. */
export abstract class DiscoveringSqlConnector extends SqlConnector implements DiscoveryConnector {
  /** The dialect's catalog reader, running its statements through this connector. */
  protected abstract readonly discovery: DiscoveryConnector;

  discoverModelDefinitions(options: DiscoveryOptions = {}): Promise<ModelDefinitionRow[]> {
    return this.discovery.discoverModelDefinitions(options);
  }

  discoverModelProperties(table: string, options: DiscoveryOptions = {}): Promise<PropertyRow[]> {
    return this.discovery.discoverModelProperties(table, options);
  }

  discoverPrimaryKeys(table: string, options: DiscoveryOptions = {}): Promise<PrimaryKeyRow[]> {
    return this.discovery.discoverPrimaryKeys(table, options);
  }

  discoverForeignKeys(table: string, options: DiscoveryOptions = {}): Promise<ForeignKeyRow[]> {
    return this.discovery.discoverForeignKeys(table, options);
  }

  discoverExportedForeignKeys(table: string, options: DiscoveryOptions = {}): Promise<ForeignKeyRow[]> {
    return this.discovery.discoverExportedForeignKeys(table, options);
  }

  discoverCatalog(options: DiscoveryOptions & { tables?: string[] } = {}): Promise<CatalogSnapshot> {
    return this.discovery.discoverCatalog(options);
  }

  defaultOwner(): Promise<string> {
    return this.discovery.defaultOwner();
  }

  mapPropertyType(column: PropertyRow): DiscoveredPropertyType {
    return this.discovery.mapPropertyType(column);
  }
}
