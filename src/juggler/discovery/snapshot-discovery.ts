/**
 * LoopBack's discovery calls answered from a catalog snapshot, synchronously: what the
 * DataSource's `...Sync` variants return from `schema-cache/catalog.<connector>.json`, and the
 * in-memory half of the asynchronous `discoverSchemas`.
 */
import { InvalidArgumentError } from '../errors.js';
import type { ModelDefinition } from '../model-definition.js';
import { type BuildModelDefinitionsOptions, buildModelDefinitionEntries } from './build-model-definitions.js';
import type { MapPropertyType } from './build-properties.js';
import { compareExportedKeys, compareText } from './catalog-assembly.js';
import type {
  CatalogSnapshot,
  DiscoverSchemasOptions,
  DiscoveryOptions,
  ForeignKeyRow,
  ModelDefinitionRow,
  PrimaryKeyRow,
  PropertyRow,
} from './discovery-types.js';
import {
  findTable,
  isWholeSchema,
  ownerMatcher,
  relatedTables,
  selectTables,
  startTables,
} from './snapshot-lookup.js';

/** Options of the snapshot `discoverSchemas`: the call's options plus the connector's type mapping. */
export interface SnapshotSchemasOptions extends DiscoverSchemasOptions {
  mapPropertyType: MapPropertyType;
}

/** `discoverModelDefinitionsSync`: tables (and views with `views: true`) of the owner(s), paged. */
export function modelDefinitionsFromSnapshot(
  snapshot: CatalogSnapshot,
  options: DiscoveryOptions = {},
): ModelDefinitionRow[] {
  const matches = ownerMatcher(snapshot, options);
  const rows = snapshot.tables
    .filter((table) => matches(table.owner))
    .map(
      (table): ModelDefinitionRow => ({
        type: table.kind === 'view' || table.kind === 'materialized_view' ? 'view' : 'table',
        name: table.name,
        owner: table.owner,
        kind: table.kind,
        description: table.description,
      }),
    )
    .filter((row) => options.views === true || row.type === 'table');
  const offset = options.offset && options.offset > 0 ? options.offset : 0;
  const end = options.limit && options.limit > 0 ? offset + options.limit : undefined;
  return rows.slice(offset, end);
}

/** `discoverModelPropertiesSync`: the table's columns in position order ([] for an unknown table). */
export function propertiesFromSnapshot(
  snapshot: CatalogSnapshot,
  table: string,
  options: DiscoveryOptions = {},
): PropertyRow[] {
  return [...(findTable(snapshot, table, options)?.columns ?? [])];
}

/** `discoverPrimaryKeysSync`: the table's primary key columns by keySeq. */
export function primaryKeysFromSnapshot(
  snapshot: CatalogSnapshot,
  table: string,
  options: DiscoveryOptions = {},
): PrimaryKeyRow[] {
  return [...(findTable(snapshot, table, options)?.primaryKey ?? [])];
}

/** `discoverForeignKeysSync`: the table's own foreign key columns. */
export function foreignKeysFromSnapshot(
  snapshot: CatalogSnapshot,
  table: string,
  options: DiscoveryOptions = {},
): ForeignKeyRow[] {
  return [...(findTable(snapshot, table, options)?.foreignKeys ?? [])];
}

/**
 * `discoverExportedForeignKeysSync`: foreign keys of the snapshot's tables that reference the
 * table, ordered by referencing owner, table and keySeq. Only tables in the snapshot are seen.
 */
export function exportedForeignKeysFromSnapshot(
  snapshot: CatalogSnapshot,
  table: string,
  options: DiscoveryOptions = {},
): ForeignKeyRow[] {
  const target = findTable(snapshot, table, options);
  if (!target) return [];
  return snapshot.tables
    .flatMap((other) => other.foreignKeys)
    .filter((key) => key.pkOwner === target.owner && key.pkTableName === target.name)
    .sort(compareExportedKeys);
}

function buildOptions(
  snapshot: CatalogSnapshot,
  options: SnapshotSchemasOptions,
): BuildModelDefinitionsOptions {
  const owner = options.owner ?? options.schema ?? snapshot.defaultOwner;
  return {
    mapPropertyType: options.mapPropertyType,
    ...(options.nameMapper ? { nameMapper: options.nameMapper } : {}),
    ...(options.disableCamelCase ? { disableCamelCase: true } : {}),
    ...(owner ? { defaultOwner: owner } : {}),
    relations: options.relations === true,
    associations: options.associations === true,
  };
}

/**
 * `discoverSchemasSync`: definitions keyed `owner.table` (sorted) of the table — or every table
 * of the owner(s) for `'*'` — and, with `relations`/`associations`, of the tables they reach.
 * With `visited`, tables already in it are not rebuilt, new ones are added to it, and the result
 * holds both (LoopBack's behaviour).
 */
export function schemasFromSnapshot(
  snapshot: CatalogSnapshot,
  table: string | undefined,
  options: SnapshotSchemasOptions,
): Record<string, ModelDefinition> {
  const start = startTables(snapshot, table, options);
  const { tables } = relatedTables(snapshot, start, options);
  const entries = buildModelDefinitionEntries(
    selectTables(snapshot, tables),
    buildOptions(snapshot, options),
  );
  const visited = options.visited;
  const result: Record<string, ModelDefinition> = {};
  const keys = new Set([...entries.map((entry) => entry.key), ...Object.keys(visited ?? {})]);
  const byKey = new Map(entries.map((entry) => [entry.key, entry.definition]));
  for (const key of [...keys].sort(compareText)) {
    if (visited && key in visited) {
      // Put there by an earlier discoverSchemas call of this discovery run.
      result[key] = visited[key] as ModelDefinition;
      continue;
    }
    const definition = byKey.get(key);
    if (!definition) continue;
    result[key] = definition;
    if (visited) visited[key] = definition;
  }
  return result;
}

/** `discoverSchema` from a snapshot: one table's definition, relations not followed. */
export function schemaFromSnapshot(
  snapshot: CatalogSnapshot,
  table: string,
  options: SnapshotSchemasOptions,
): ModelDefinition {
  if (isWholeSchema(table)) {
    throw new InvalidArgumentError(
      'discoverSchema needs a table or view name; use discoverSchemas for every table',
      {
        table,
      },
    );
  }
  const [found] = startTables(snapshot, table, options);
  const single = selectTables(snapshot, found ? [found] : []);
  const [entry] = buildModelDefinitionEntries(single, {
    ...buildOptions(snapshot, options),
    relations: false,
    associations: false,
  });
  if (!entry) throw new InvalidArgumentError(`discoverSchema found nothing for \`${table}\``, { table });
  return entry.definition;
}
