/**
 * Reads and counts straight through the connector contract, for tests that call a connector
 * without the juggler: each is a read prepared for the call and run once without bindings (its
 * values literals), as the juggler's one-off reads are.
 *
 * @example
 * await readRows(connector, Track, { where: eq('albumId', 1), limit: 2 }, { joins: [genre] });
 * await readRows(connector, Post, { limit: 2 }, { partition: { by: ['personId'], keys: [[1], [2]] } });
 * await countRows(connector, Track, undefined);
 */
import type { DataAccessConnector, OperationOptions } from '../../src/juggler/connector/connector.js';
import type { ConnectorModel } from '../../src/juggler/connector/connector-model.js';
import type { JoinRequest } from '../../src/juggler/connector/join-request.js';
import type { Row } from '../../src/juggler/connector/model-type-name.js';
import type { PreparedFilter, ReadRequest } from '../../src/juggler/connector/prepared-read.js';
import type { WhereNode } from '../../src/juggler/filter/filter-types.js';

const NO_BINDINGS: readonly unknown[] = [];

/** What a test read adds to its filter: joins, a per-parent partition, reuse, the run's options. */
export interface ReadRowsOptions extends OperationOptions {
  joins?: readonly JoinRequest[];
  partition?: ReadRequest['partition'];
  /** Prepared as a read that will be run many times (`PrepareReadOptions.reused`). */
  reused?: boolean;
}

/** The rows of one read prepared and run once; a refusal at prepare time rejects, as one at run time does. */
export async function readRows(
  connector: DataAccessConnector,
  model: ConnectorModel,
  filter: PreparedFilter,
  options: ReadRowsOptions = {},
): Promise<Row[]> {
  const { joins, partition, reused, ...runOptions } = options;
  const request: ReadRequest = { model, filter };
  if (joins) request.joins = joins;
  if (partition) request.partition = partition;
  const read = connector.prepareRead(request, reused === undefined ? {} : { reused });
  return read.run(NO_BINDINGS, runOptions);
}

/** The count of one count prepared and run once. */
export async function countRows(
  connector: DataAccessConnector,
  model: ConnectorModel,
  where: WhereNode | undefined,
  options: OperationOptions = {},
): Promise<number> {
  return connector.prepareCount(model, where).run(NO_BINDINGS, options);
}
