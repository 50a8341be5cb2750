/** The connector-contract suites on the memory connector. */
import { memoryHarness } from './harness/memory-harness.js';
import { runConnectorSuites } from './suites/index.js';

runConnectorSuites(memoryHarness);
