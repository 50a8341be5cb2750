/**
 * Real-database helpers for tests: connection URLs, and a fresh database per test file so
 * that files running in parallel never see each other's tables.
 */
import mysql from 'mysql2/promise';
import pg from 'pg';

export const PG_ADMIN_URL = process.env.DISCOGRAPH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const MYSQL_ADMIN_URL = process.env.DISCOGRAPH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';

/** URL of a PostgreSQL database on the test server. */
export function pgUrl(database: string): string {
  return PG_ADMIN_URL.replace(/\/[^/]*$/, `/${database}`);
}

/** URL of a MySQL/MariaDB database on the test server. */
export function mysqlUrl(database: string): string {
  return MYSQL_ADMIN_URL.replace(/\/[^/]*$/, `/${database}`);
}

/** The read-only Chinook databases loaded by the global setup. Tests must not write to them. */
export const CHINOOK_PG_URL = pgUrl('chinook');
export const CHINOOK_MYSQL_URL = mysqlUrl('Chinook');

function assertSafeName(name: string): void {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad test database name: ${name}`);
}

/** Templates kept by the global setup: nobody connects to them, so they can always be copied. */
const TEMPLATES: Record<string, string> = { chinook: 'chinook_template' };

/**
 * Drops and creates a PostgreSQL database for one test file. With `template: 'chinook'` it is a
 * writable copy of Chinook (fast: a file-level copy on the server, from `chinook_template`).
 */
export async function createPgDatabase(name: string, options: { template?: string } = {}): Promise<string> {
  assertSafeName(name);
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    const source = options.template ? (TEMPLATES[options.template] ?? options.template) : undefined;
    const template = source ? ` template "${source}"` : '';
    // A copy fails while another session copies the same template; that never lasts long.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`create database "${name}"${template}`);
        break;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  return pgUrl(name);
}

/** Drops a PostgreSQL test database. */
export async function dropPgDatabase(name: string): Promise<void> {
  assertSafeName(name);
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}

/** Runs SQL (several statements allowed) on a PostgreSQL database. */
export async function runPgSql(url: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/**
 * Drops and creates a MySQL database for one test file. With `copyOf: 'Chinook'` the tables and
 * rows of that database are copied in.
 */
export async function createMysqlDatabase(name: string, options: { copyOf?: string } = {}): Promise<string> {
  assertSafeName(name);
  const admin = await mysql.createConnection({ uri: MYSQL_ADMIN_URL, multipleStatements: true });
  try {
    await admin.query(`drop database if exists \`${name}\``);
    await admin.query(`create database \`${name}\` character set utf8mb4 collate utf8mb4_general_ci`);
    if (options.copyOf) {
      const source = options.copyOf;
      const [tables] = await admin.query<mysql.RowDataPacket[]>(
        "select table_name as t from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE'",
        [source],
      );
      await admin.query('set foreign_key_checks = 0');
      for (const { t } of tables) {
        await admin.query(`create table \`${name}\`.\`${t}\` like \`${source}\`.\`${t}\``);
        await admin.query(`insert into \`${name}\`.\`${t}\` select * from \`${source}\`.\`${t}\``);
      }
      // `create table ... like` copies no foreign keys: re-create them from the catalog.
      const [fks] = await admin.query<mysql.RowDataPacket[]>(
        `select k.constraint_name as name, k.table_name as t, k.column_name as c,
                k.referenced_table_name as rt, k.referenced_column_name as rc
           from information_schema.key_column_usage k
          where k.table_schema = ? and k.referenced_table_name is not null
          order by k.constraint_name, k.ordinal_position`,
        [source],
      );
      for (const fk of fks) {
        await admin.query(
          `alter table \`${name}\`.\`${fk.t}\` add constraint \`${fk.name}\` foreign key (\`${fk.c}\`) references \`${name}\`.\`${fk.rt}\` (\`${fk.rc}\`)`,
        );
      }
      await admin.query('set foreign_key_checks = 1');
    }
  } finally {
    await admin.end();
  }
  return mysqlUrl(name);
}

/** Drops a MySQL test database. */
export async function dropMysqlDatabase(name: string): Promise<void> {
  assertSafeName(name);
  const admin = await mysql.createConnection({ uri: MYSQL_ADMIN_URL });
  try {
    await admin.query(`drop database if exists \`${name}\``);
  } finally {
    await admin.end();
  }
}

/** Runs SQL (several statements allowed) on a MySQL database. */
export async function runMysqlSql(url: string, sql: string, params: unknown[] = []): Promise<unknown> {
  const connection = await mysql.createConnection({ uri: url, multipleStatements: true });
  try {
    const [rows] = await connection.query(sql, params);
    return rows;
  } finally {
    await connection.end();
  }
}
