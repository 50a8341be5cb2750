/**
 * Discovery, shared by every relational connector: catalog snapshots → LoopBack model
 * definitions (naming, types through the connector's mapping, relations), the snapshot cache,
 * and the synchronous discovery calls answered from a snapshot. Knows no database.
 */
export {
  type BuildModelDefinitionsOptions,
  buildModelDefinitionEntries,
  buildModelDefinitions,
  type ModelDefinitionEntry,
} from './build-model-definitions.js';
export type { MapPropertyType } from './build-properties.js';
export {
  assembleCatalogTables,
  type CatalogParts,
  compareExportedKeys,
  compareImportedKeys,
  compareText,
  tableKey,
} from './catalog-assembly.js';
export {
  catalogSnapshotPath,
  loadCatalogSnapshotSync,
  saveCatalogSnapshot,
  serializeCatalogSnapshot,
} from './catalog-cache.js';
export { discoverSchema, discoverSchemas } from './discover-schemas.js';
export type * from './discovery-types.js';
export { type JsonPropertyRow, jsonProperties } from './json-properties.js';
export {
  defaultModelName,
  defaultPropertyName,
  isValidIdentifier,
  NameRegistry,
  pluralRelationName,
} from './naming.js';
export {
  exportedForeignKeysFromSnapshot,
  foreignKeysFromSnapshot,
  modelDefinitionsFromSnapshot,
  primaryKeysFromSnapshot,
  propertiesFromSnapshot,
  type SnapshotSchemasOptions,
  schemaFromSnapshot,
  schemasFromSnapshot,
} from './snapshot-discovery.js';
export { mergeSnapshots, relatedTables, selectTables, startTables } from './snapshot-lookup.js';
