/**
 * The test databases of the SQL dialects: a fresh database per test file, named `<base>_pg` or
 * `<base>_my` so that the dialects never share one, optionally a writable copy of Chinook. The SQL
 * connector harnesses (test/connectors/harness/) and the golden operation files make theirs here.
 *
 * @example
 * describe.each(DIALECTS)('$name', (dialect) => {
 *   beforeAll(async () => { url = await dialect.createDatabase('golden_chinook', { chinook: true }); });
 *   afterAll(() => dialect.dropDatabase('golden_chinook'));
 * });
 */
import { createMysqlDatabase, createPgDatabase, dropMysqlDatabase, dropPgDatabase } from './databases.js';

/** How to create and drop the test databases of one dialect. */
export interface DialectFixture {
  readonly name: 'postgresql' | 'mysql';
  /** Drops and creates `<base>_<pg|my>`; with `chinook`, a writable copy of Chinook. Resolves to its URL. */
  createDatabase(base: string, options?: { chinook?: boolean }): Promise<string>;
  dropDatabase(base: string): Promise<void>;
}

/**
 * A copy of PostgreSQL's Chinook: `create database ... template chinook` fails (55006) while
 * another test file's pool has a session on chinook, so it is retried for a few seconds.
 */
async function copyPgChinook(name: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await createPgDatabase(name, { template: 'chinook' });
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** PostgreSQL's test databases. */
export const POSTGRESQL_DATABASES: DialectFixture = {
  name: 'postgresql',
  async createDatabase(base, options = {}) {
    const name = `${base}_pg`;
    return options.chinook ? copyPgChinook(name) : createPgDatabase(name);
  },
  dropDatabase: (base) => dropPgDatabase(`${base}_pg`),
};

/** MySQL/MariaDB's test databases. */
export const MYSQL_DATABASES: DialectFixture = {
  name: 'mysql',
  createDatabase: (base, options = {}) =>
    createMysqlDatabase(`${base}_my`, options.chinook ? { copyOf: 'Chinook' } : {}),
  dropDatabase: (base) => dropMysqlDatabase(`${base}_my`),
};

/** Both dialects, for `describe.each(DIALECTS)('$name', ...)`. */
export const DIALECTS: readonly DialectFixture[] = [POSTGRESQL_DATABASES, MYSQL_DATABASES];
