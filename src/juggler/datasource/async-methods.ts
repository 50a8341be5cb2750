/**
 * The DataSource methods installed on its prototype: the asynchronous ones (connection,
 * migration, discovery) through `callbackify`, so each has the Promise form and the spec's
 * callback form, and the synchronous discovery variants answered from the catalog snapshot.
 */
import { callbackify } from '../compat/callback.js';
import type { DataSource } from '../datasource.js';
import type { DiscoverSchemasOptions, DiscoveryOptions } from '../discovery/discovery-types.js';
import * as discovery from './discovery-methods.js';

/** Model names given to migration calls: one, several, or all attached models. */
export type ModelNames = string | string[] | undefined;

const methods: Record<string, (this: DataSource, ...args: never[]) => Promise<unknown>> = {
  connect(this: DataSource) {
    return this.ready();
  },
  async disconnect(this: DataSource) {
    // The constructor connects at once: a connection still opening is closed once it is open,
    // not left behind (its socket would keep the process alive).
    await (this as unknown as { connection?: Promise<void> }).connection?.catch(() => {});
    await this.connector?.disconnect();
    this.connected = false;
    (this as unknown as { connection: undefined }).connection = undefined;
    this.emit('disconnected');
  },
  async automigrate(this: DataSource, models?: ModelNames) {
    await this.migrate('automigrate', models);
  },
  async autoupdate(this: DataSource, models?: ModelNames) {
    await this.migrate('autoupdate', models);
  },
  async isActual(this: DataSource, models?: ModelNames) {
    return this.migrate('isActual', models);
  },
  discoverModelDefinitions(this: DataSource, options?: DiscoveryOptions) {
    return discovery.modelDefinitions(this, options);
  },
  discoverModelProperties(this: DataSource, table: string, options?: DiscoveryOptions) {
    return discovery.modelProperties(this, table, options);
  },
  discoverPrimaryKeys(this: DataSource, table: string, options?: DiscoveryOptions) {
    return discovery.primaryKeys(this, table, options);
  },
  discoverForeignKeys(this: DataSource, table: string, options?: DiscoveryOptions) {
    return discovery.foreignKeys(this, table, options);
  },
  discoverExportedForeignKeys(this: DataSource, table: string, options?: DiscoveryOptions) {
    return discovery.exportedForeignKeys(this, table, options);
  },
  discoverSchema(this: DataSource, table: string, options?: DiscoverSchemasOptions) {
    return discovery.schema(this, table, options);
  },
  discoverSchemas(this: DataSource, table?: string, options?: DiscoverSchemasOptions) {
    return discovery.schemas(this, table, options);
  },
  async discoverAndBuildModels(this: DataSource, table?: string, options?: DiscoverSchemasOptions) {
    const definitions = await discovery.schemas(this, table, options);
    return this.buildModelsFrom(Object.values(definitions));
  },
};

/** Installs the asynchronous DataSource methods, each in Promise and callback form. */
export function installAsyncMethods(prototype: object): void {
  for (const [name, fn] of Object.entries(methods)) {
    Object.defineProperty(prototype, name, {
      value: callbackify(fn),
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}

const syncMethods: Record<string, (this: DataSource, ...args: never[]) => unknown> = {
  discoverAndBuildModelsSync(this: DataSource, table?: string, options?: DiscoverSchemasOptions) {
    return this.buildModelsFrom(Object.values(discovery.syncDiscovery.schemas(this, table, options)));
  },
  discoverModelDefinitionsSync(this: DataSource, options?: DiscoveryOptions) {
    return discovery.syncDiscovery.modelDefinitions(this, options);
  },
  discoverModelPropertiesSync(this: DataSource, table: string, options?: DiscoveryOptions) {
    return discovery.syncDiscovery.modelProperties(this, table, options);
  },
  discoverPrimaryKeysSync(this: DataSource, table: string, options?: DiscoveryOptions) {
    return discovery.syncDiscovery.primaryKeys(this, table, options);
  },
  discoverForeignKeysSync(this: DataSource, table: string, options?: DiscoveryOptions) {
    return discovery.syncDiscovery.foreignKeys(this, table, options);
  },
  discoverExportedForeignKeysSync(this: DataSource, table: string, options?: DiscoveryOptions) {
    return discovery.syncDiscovery.exportedForeignKeys(this, table, options);
  },
  discoverSchemasSync(this: DataSource, table?: string, options?: DiscoverSchemasOptions) {
    return discovery.syncDiscovery.schemas(this, table, options);
  },
  discoverSchemaSync(this: DataSource, table: string, options?: DiscoverSchemasOptions) {
    return discovery.syncDiscovery.schema(this, table, options);
  },
};

/** Installs the synchronous discovery methods (answered from the cached catalog snapshot). */
export function installSyncDiscoveryMethods(prototype: object): void {
  for (const [name, fn] of Object.entries(syncMethods)) {
    Object.defineProperty(prototype, name, {
      value: fn,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}
