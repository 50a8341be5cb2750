/**
 * `discoverSchemas` and `discoverSchema` over a discovery connector: the catalog is read in one
 * batch of a few statements (the owner's whole schema when relations are followed, only the
 * named table otherwise), then everything is built in memory. Foreign keys into other schemas
 * are followed by one more batch per round, for just the tables they reach.
 */
import type { DiscoveryConnector } from '../connector/connector.js';
import { type DiscographError, InvalidArgumentError } from '../errors.js';
import type { ModelDefinition } from '../model-definition.js';
import type { MapPropertyType } from './build-properties.js';
import type { CatalogSnapshot, DiscoverSchemasOptions, DiscoveryOptions } from './discovery-types.js';
import { schemaFromSnapshot, schemasFromSnapshot } from './snapshot-discovery.js';
import {
  isWholeSchema,
  mergeSnapshots,
  relatedTables,
  requestedOwner,
  startTables,
  unknownTableError,
} from './snapshot-lookup.js';

/** The connector's type mapping, called as a method (connectors may be class instances). */
function typeMapping(connector: DiscoveryConnector): MapPropertyType {
  return (column) => connector.mapPropertyType(column);
}

/** Rounds of cross-schema fetching before giving up on references that cannot be read. */
const MAX_ROUNDS = 8;

function catalogOptions(options: DiscoveryOptions): DiscoveryOptions {
  const owner = options.owner ?? options.schema;
  return owner ? { owner } : options.all ? { all: true } : {};
}

/** Reads the tables that foreign keys reach in schemas the snapshot does not cover yet. */
async function completeSnapshot(
  connector: DiscoveryConnector,
  snapshot: CatalogSnapshot,
  table: string | undefined,
  options: DiscoverSchemasOptions,
): Promise<CatalogSnapshot> {
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const { missing } = relatedTables(snapshot, startTables(snapshot, table, options), options);
    if (missing.length === 0) return snapshot;
    const byOwner = new Map<string, string[]>();
    for (const ref of missing) byOwner.set(ref.owner, [...(byOwner.get(ref.owner) ?? []), ref.name]);
    const reads = await Promise.all(
      [...byOwner].map(([owner, tables]) => connector.discoverCatalog({ owner, tables })),
    );
    const merged = mergeSnapshots(snapshot, reads);
    // Tables that cannot be read (dropped meanwhile, no privilege) end the search.
    if (merged.tables.length === snapshot.tables.length) return merged;
    snapshot = merged;
  }
  return snapshot;
}

/**
 * Discovers model definitions keyed `owner.table` (LoopBack's shape, keys sorted): the table,
 * or every table of the owner for `'*'`/no name (views with `views: true`); with `relations`,
 * also the tables its foreign keys reference (with belongsTo relations); with `associations`,
 * also the tables referencing those and join tables (with hasMany and hasManyThrough too).
 *
 * @example
 * await discoverSchemas(connector, 'invoice_line', {associations: true})
 * // → {'public.album': {...}, ..., 'public.invoice_line': {name: 'InvoiceLine', options: {...}, properties: {...}}, ...}
 */
export async function discoverSchemas(
  connector: DiscoveryConnector,
  table: string | undefined,
  options: DiscoverSchemasOptions = {},
): Promise<Record<string, ModelDefinition>> {
  const follow = options.relations === true || options.associations === true;
  const scope = catalogOptions(options);
  const filtered = !follow && !isWholeSchema(table);
  let snapshot = await connector.discoverCatalog(filtered ? { ...scope, tables: [table ?? ''] } : scope);
  if (filtered && snapshot.tables.length === 0)
    throw await unknownTable(connector, snapshot, table ?? '', options);
  if (follow) snapshot = await completeSnapshot(connector, snapshot, table, options);
  return schemasFromSnapshot(snapshot, table, { ...options, mapPropertyType: typeMapping(connector) });
}

/** Discovers one table's (or view's) model definition, relations not followed. */
export async function discoverSchema(
  connector: DiscoveryConnector,
  table: string,
  options: DiscoverSchemasOptions = {},
): Promise<ModelDefinition> {
  if (isWholeSchema(table)) {
    throw new InvalidArgumentError(
      'discoverSchema needs a table or view name; use discoverSchemas for every table',
      {
        table,
      },
    );
  }
  const snapshot = await connector.discoverCatalog({ ...catalogOptions(options), tables: [table] });
  if (snapshot.tables.length === 0) throw await unknownTable(connector, snapshot, table, options);
  return schemaFromSnapshot(snapshot, table, { ...options, mapPropertyType: typeMapping(connector) });
}

/** UNKNOWN_TABLE for a table a filtered read did not find, with suggestions from the owner's tables. */
async function unknownTable(
  connector: DiscoveryConnector,
  snapshot: CatalogSnapshot,
  table: string,
  options: DiscoveryOptions,
): Promise<DiscographError> {
  const candidates = await connector.discoverModelDefinitions({ ...catalogOptions(options), views: true });
  return unknownTableError(table, requestedOwner(snapshot, options), candidates);
}
