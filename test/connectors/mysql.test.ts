/** The connector-contract suites on MySQL/MariaDB. */
import { mysqlHarness } from './harness/mysql-harness.js';
import { runConnectorSuites } from './suites/index.js';

runConnectorSuites(mysqlHarness);
