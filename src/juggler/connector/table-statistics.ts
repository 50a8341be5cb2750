/**
 * The database's row estimates per model: a connector's `tableStatistics` (one statement for every
 * table) matched to model definitions through the connector's naming of its blocks, without
 * building any model class. Models whose table has no estimate (views, tables never analyzed) are
 * left out.
 *
 * @example
 * await modelRowEstimates(definitions, pgConnector);
 * // Map { 'Track' => 3503, 'Album' => 347, ... }
 */
import type { ModelDefinition } from '../model-definition.js';
import type { Connector } from './connector.js';

function blockOf(definition: ModelDefinition, connector: Connector): Record<string, unknown> {
  const block = (definition.options as Record<string, unknown> | undefined)?.[connector.name];
  return block !== null && typeof block === 'object' ? (block as Record<string, unknown>) : {};
}

function tableOf(definition: ModelDefinition, connector: Connector): string {
  const block = blockOf(definition, connector);
  for (const field of connector.naming.tableFields) {
    if (typeof block[field] === 'string') return block[field] as string;
  }
  return connector.naming.defaultTableName(definition.name);
}

function ownerOf(definition: ModelDefinition, connector: Connector): string | undefined {
  const field = connector.naming.schemaField;
  const owner = field ? blockOf(definition, connector)[field] : undefined;
  return typeof owner === 'string' ? owner : undefined;
}

/** The estimated rows of each model of `definitions` whose table the database keeps an estimate for. */
export async function modelRowEstimates(
  definitions: readonly ModelDefinition[],
  connector: Connector,
): Promise<Map<string, number>> {
  const estimates = new Map<string, number>();
  if (!connector.tableStatistics || definitions.length === 0) return estimates;
  const named = definitions.every((definition) => ownerOf(definition, connector) !== undefined);
  const fallback = !named && connector.defaultOwner ? await connector.defaultOwner() : '';
  const owners = new Set(definitions.map((definition) => ownerOf(definition, connector) ?? fallback));
  const rows = new Map<string, number>();
  for (const estimate of await connector.tableStatistics([...owners])) {
    rows.set(`${estimate.owner}\u0000${estimate.table}`, estimate.rows);
  }
  for (const definition of definitions) {
    const owner = ownerOf(definition, connector) ?? fallback;
    const estimate = rows.get(`${owner}\u0000${tableOf(definition, connector)}`);
    if (estimate !== undefined) estimates.set(definition.name, estimate);
  }
  return estimates;
}
