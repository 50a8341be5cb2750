/**
 * A catalog snapshot → LoopBack model definitions: pure, synchronous, deterministic (the same
 * snapshot gives the same JSON, byte for byte, so `schema-cache/` diffs cleanly). Models come
 * sorted by name, properties in column order, relations sorted by name, and every object is
 * built with its keys in a fixed order. Nothing here knows a database: the connector's
 * `mapPropertyType` is the one dialect-specific step.
 */
import type { ModelDefinition, ModelSettings, TableMetadata } from '../model-definition.js';
import { assignModelNames, assignPropertyNames, type NamingOptions } from './assign-names.js';
import { addEmbeddedRelations } from './build-embedded-relations.js';
import { buildProperties, isViewKind, type MapPropertyType } from './build-properties.js';
import { buildRelations, type RelationMode, type RelationModel } from './build-relations.js';
import { compareText, tableKey } from './catalog-assembly.js';
import type { CatalogSnapshot, CatalogTable } from './discovery-types.js';

/** Options of `buildModelDefinitions`. */
export interface BuildModelDefinitionsOptions extends NamingOptions {
  /** The connector's column type mapping (`DiscoveryConnector.mapPropertyType`). */
  mapPropertyType: MapPropertyType;
  /** Build belongsTo relations for foreign keys between the snapshot's tables. */
  relations?: boolean;
  /** Build every relation: belongsTo, hasMany for exported keys, hasManyThrough for join tables. */
  associations?: boolean;
}

/** A built definition with the table it came from (`key` is LoopBack's `owner.table`). */
export interface ModelDefinitionEntry {
  key: string;
  table: CatalogTable;
  definition: ModelDefinition;
}

function tableBlock(table: CatalogTable): TableMetadata {
  // Every CHECK with its name and columns (single-column ones too: their expressions are also in
  // the column blocks), so that a violation names the fields of its constraint.
  const checks = table.checkConstraints.map((check) => ({
    name: check.name,
    expression: check.expression,
    columns: [...check.columns],
  }));
  return {
    schema: table.owner,
    table: table.name,
    kind: table.kind,
    ...(checks.length > 0 ? { checks } : {}),
  };
}

/** Builds every table of the snapshot, with its `owner.table` key, sorted by model name. */
export function buildModelDefinitionEntries(
  snapshot: CatalogSnapshot,
  options: BuildModelDefinitionsOptions,
): ModelDefinitionEntry[] {
  const naming: NamingOptions = {
    ...options,
    defaultOwner: options.defaultOwner ?? snapshot.defaultOwner ?? snapshot.owners[0],
  };
  const modelNames = assignModelNames(snapshot.tables, naming);
  const models = new Map<string, RelationModel>();
  for (const table of snapshot.tables) {
    const key = tableKey(table.owner, table.name);
    models.set(key, {
      table,
      name: modelNames.get(key) ?? table.name,
      propertyNames: assignPropertyNames(table, naming),
    });
  }
  const mode: RelationMode | null = options.associations ? 'all' : options.relations ? 'belongsTo' : null;
  const relations = mode ? buildRelations(models, mode, options.mapPropertyType) : new Map();
  const entries: ModelDefinitionEntry[] = [];
  for (const model of models.values()) {
    const { table } = model;
    const built = buildProperties(table, model.propertyNames, snapshot.connector, options.mapPropertyType);
    if (mode) addEmbeddedRelations(model, built.properties, models);
    const modelRelations = relations.get(model.name);
    const settings: ModelSettings = {
      ...(table.description ? { description: table.description } : {}),
      idInjection: false,
      [snapshot.connector]: tableBlock(table),
      ...(isViewKind(table) ? { readOnly: true } : {}),
      ...(modelRelations ? { relations: modelRelations } : {}),
      // A view is never written, so nothing it holds needs validating.
      ...(built.validations.length > 0 && !isViewKind(table) ? { validations: built.validations } : {}),
    };
    entries.push({
      key: `${table.owner}.${table.name}`,
      table,
      definition: { name: model.name, options: settings, properties: built.properties },
    });
  }
  return entries.sort((a, b) => compareText(a.definition.name, b.definition.name));
}

/**
 * Builds the LoopBack model definitions of every table in the snapshot (pure and synchronous).
 *
 * @example
 * buildModelDefinitions(snapshot, {mapPropertyType: discovery.mapPropertyType, associations: true})
 * // → [{name: 'Album', options: {idInjection: false, postgresql: {schema: 'public', table: 'album', kind: 'table'},
 * //      relations: {artist: {type: 'belongsTo', model: 'Artist', foreignKey: 'artistId'}, tracks: {...}}}, properties: {...}}, ...]
 */
export function buildModelDefinitions(
  snapshot: CatalogSnapshot,
  options: BuildModelDefinitionsOptions,
): ModelDefinition[] {
  return buildModelDefinitionEntries(snapshot, options).map((entry) => entry.definition);
}
