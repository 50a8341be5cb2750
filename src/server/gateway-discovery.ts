/**
 * The gateway's discovery step: the catalog of the configured schema(s) in a few statements,
 * then LoopBack model definitions with every association (belongsTo, hasMany, hasManyThrough) —
 * what `discoverAndBuildModels(..., {associations: true})` does, split so that the
 * configuration's table/column selection and renames apply between discovery and building.
 */
import type { DiscoveryConnector } from '../juggler/connector/connector.js';
import type { CatalogSnapshot } from '../juggler/discovery/discovery-types.js';
import { buildModelDefinitions, mergeSnapshots } from '../juggler/discovery/index.js';
import { OperationNotSupportedError } from '../juggler/errors.js';
import type { ModelDefinition } from '../juggler/model-definition.js';
import type { GatewayConfig } from './config.js';
import { connectorOf, type GatewaySource } from './gateway-source.js';

/** What discovery found. */
export interface GatewayDiscovery {
  snapshot: CatalogSnapshot;
  /** Every discovered model, before the configuration's selection. */
  definitions: ModelDefinition[];
  owners: string[];
  catalogMs: number;
  buildMs: number;
}

function discoveryOf(source: GatewaySource): DiscoveryConnector {
  const connector = connectorOf(source) as Partial<DiscoveryConnector> & { name: string };
  if (typeof connector.discoverCatalog !== 'function' || typeof connector.mapPropertyType !== 'function') {
    throw new OperationNotSupportedError(connector.name, 'schema discovery', 'DISCOVERY_NOT_SUPPORTED');
  }
  return connector as DiscoveryConnector;
}

/** Told when a discovery phase begins (`discovery: reading the catalog of public`), for progress on a terminal. */
export type DiscoveryPhase = (text: string) => void;

/** Reads the catalog of the configured schemas and builds every model definition with its associations. */
export async function discoverGatewayModels(
  source: GatewaySource,
  config: Pick<GatewayConfig, 'schemas'>,
  onPhase?: DiscoveryPhase,
): Promise<GatewayDiscovery> {
  const discovery = discoveryOf(source);
  const started = performance.now();
  const owners = config.schemas.length > 0 ? config.schemas : [await discovery.defaultOwner()];
  const snapshots: CatalogSnapshot[] = [];
  for (const owner of owners) {
    onPhase?.(`discovery: reading the catalog of ${owner}`);
    snapshots.push(await discovery.discoverCatalog({ owner, views: true }));
  }
  const [first, ...rest] = snapshots as [CatalogSnapshot, ...CatalogSnapshot[]];
  const snapshot = rest.length > 0 ? mergeSnapshots(first, rest) : first;
  const catalogMs = performance.now() - started;
  onPhase?.(`discovery: building the models of ${snapshot.tables.length} tables and views`);
  const definitions = buildModelDefinitions(snapshot, {
    mapPropertyType: (column) => discovery.mapPropertyType(column),
    relations: true,
    associations: true,
    defaultOwner: owners[0],
  });
  return { snapshot, definitions, owners, catalogMs, buildMs: performance.now() - started - catalogMs };
}

/** Counts relations across definitions (for the startup summary line). */
export function countRelations(definitions: readonly ModelDefinition[]): number {
  return definitions.reduce(
    (sum, definition) => sum + Object.keys(definition.options?.relations ?? {}).length,
    0,
  );
}
