/** The harnesses of the SQL connectors, for the SQL-only tests in test/sql/ (`describe.each(SQL_HARNESSES)`). */
import type { ConnectorHarness, SqlAccess } from './connector-harness.js';
import { mysqlHarness } from './mysql-harness.js';
import { postgresqlHarness } from './postgresql-harness.js';

/** A harness of a SQL connector: `sql` is always there. */
export type SqlHarness = ConnectorHarness & { readonly sql: SqlAccess };

/** PostgreSQL and MySQL/MariaDB. */
export const SQL_HARNESSES: readonly SqlHarness[] = [postgresqlHarness, mysqlHarness].map((harness) => {
  if (!harness.sql) throw new Error(`${harness.name} has no SQL access`);
  return harness as SqlHarness;
});
