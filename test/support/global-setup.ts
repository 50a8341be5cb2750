// Runs once before the suite: the real PostgreSQL and MariaDB servers must be up, and the
// Chinook sample loaded (idempotent, see scripts/setup-test-databases.mjs).
// @ts-expect-error -- plain ESM script without type declarations, shared with .ci/run.
import { setupTestDatabases } from '../../scripts/setup-test-databases.mjs';

export default async function globalSetup(): Promise<void> {
  await setupTestDatabases({ log: () => {} });
}
