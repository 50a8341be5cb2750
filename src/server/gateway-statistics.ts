/**
 * The database's row estimates per model, read once when the gateway starts (one statement, for
 * the cost of operation plans). Statistics are optional: a connector without them, or a failure
 * reading them, leaves the estimates empty (costs then count full pages), and is logged.
 */
import type { RowEstimates } from '../graphql/plan/operation-cost.js';
import { modelRowEstimates } from '../juggler/connector/table-statistics.js';
import type { ModelDefinition } from '../juggler/model-definition.js';
import type { GatewaySource } from './gateway-source.js';

/** The estimated rows of each served model whose table the database keeps statistics for. */
export async function readRowEstimates(
  source: GatewaySource,
  definitions: readonly ModelDefinition[],
  log: (line: string) => void,
): Promise<RowEstimates> {
  const connector = source.dataSource.connector;
  if (!connector?.tableStatistics) return new Map();
  try {
    return await modelRowEstimates(definitions, connector);
  } catch (error) {
    log(`could not read table statistics (costs count full pages): ${(error as Error).message}`);
    return new Map();
  }
}
