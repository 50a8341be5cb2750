/** The connector-contract suites on PostgreSQL. */
import { postgresqlHarness } from './harness/postgresql-harness.js';
import { runConnectorSuites } from './suites/index.js';

runConnectorSuites(postgresqlHarness);
