/**
 * A test file's own database on each SQL dialect, made from its DDL, with a way to run SQL in it:
 * for tests that describe the same behaviour on PostgreSQL and MariaDB over tables of their own.
 *
 * @example
 * const DIALECTS = sqlTestDatabases('notes_test', {
 *   postgresql: 'CREATE TABLE note (id int PRIMARY KEY, title text NOT NULL)',
 *   mysql: 'CREATE TABLE note (id int PRIMARY KEY, title varchar(50) NOT NULL)',
 * });
 * describe.each(DIALECTS)('notes on $kind', (dialect) => {
 *   beforeAll(async () => { url = await dialect.create(); });
 *   afterAll(() => dialect.drop());
 * });
 */
import {
  createMysqlDatabase,
  createPgDatabase,
  dropMysqlDatabase,
  dropPgDatabase,
  runMysqlSql,
  runPgSql,
} from './databases.js';

/** One dialect's database of a test file. */
export interface SqlTestDatabase {
  kind: 'postgresql' | 'mysql';
  /** Drops and creates the database, runs the DDL; resolves to its URL. */
  create(): Promise<string>;
  drop(): Promise<void>;
  /** Runs `text` (one or more statements) in the database at `url`; resolves to the rows. */
  sql(url: string, text: string): Promise<Record<string, unknown>[]>;
}

/** The database `name` on PostgreSQL and on MySQL/MariaDB, each made with its dialect's DDL. */
export function sqlTestDatabases(
  name: string,
  ddl: { postgresql: string; mysql: string },
): SqlTestDatabase[] {
  return [
    {
      kind: 'postgresql',
      async create() {
        const url = await createPgDatabase(name);
        await runPgSql(url, ddl.postgresql);
        return url;
      },
      drop: () => dropPgDatabase(name),
      sql: async (url, text) => (await runPgSql(url, text)).rows,
    },
    {
      kind: 'mysql',
      async create() {
        const url = await createMysqlDatabase(name);
        await runMysqlSql(url, ddl.mysql);
        return url;
      },
      drop: () => dropMysqlDatabase(name),
      sql: async (url, text) => (await runMysqlSql(url, text)) as Record<string, unknown>[],
    },
  ];
}
