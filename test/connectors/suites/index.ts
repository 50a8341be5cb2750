/**
 * Every connector-contract suite, run by `runConnectorSuites(harness)` from one test file per
 * connector (memory.test.ts, postgresql.test.ts, mysql.test.ts). Each suite is one behaviour area
 * in one file, with its own fresh database.
 */
import { describe } from 'vitest';
import type { ConnectorHarness } from '../harness/connector-harness.js';
import { belongsToJoinsSuite } from './belongs-to-joins.js';
import { connectionSuite } from './connection.js';
import { discoveryRoundTripSuite } from './discovery-round-trip.js';
import { errorsSuite } from './errors.js';
import { filterOperatorsSuite } from './filter-operators.js';
import { groupedJoinsSuite } from './grouped-joins.js';
import { groupedReadsSuite } from './grouped-reads.js';
import { includeSuite } from './include.js';
import { listJoinsSuite } from './list-joins.js';
import { migrationSuite } from './migration.js';
import { preparedReadsSuite } from './prepared-reads.js';
import { readsSuite } from './reads.js';
import { transactionsSuite } from './transactions.js';
import { updatesAndDeletesSuite } from './updates-and-deletes.js';
import { valuesSuite } from './values.js';
import { writesSuite } from './writes.js';

/** A connector-contract suite: registers its tests for the connector of `harness`. */
export type ConnectorSuite = (harness: ConnectorHarness) => void;

const SUITES: readonly ConnectorSuite[] = [
  writesSuite,
  readsSuite,
  updatesAndDeletesSuite,
  filterOperatorsSuite,
  preparedReadsSuite,
  valuesSuite,
  groupedReadsSuite,
  belongsToJoinsSuite,
  groupedJoinsSuite,
  listJoinsSuite,
  includeSuite,
  errorsSuite,
  transactionsSuite,
  migrationSuite,
  discoveryRoundTripSuite,
  connectionSuite,
];

/** Registers every suite for one connector, under a describe block named after it. */
export function runConnectorSuites(harness: ConnectorHarness): void {
  describe(`the connector contract on ${harness.name}`, () => {
    for (const suite of SUITES) suite(harness);
  });
}
