/**
 * The databases of the golden operation files, one per schema and dialect, fresh on every run:
 * a writable copy of Chinook, or the `workshop` schema created from its DDL and seed files
 * (test/graphql/operations/workshop/schema.<dialect>.sql, then seed.sql, in one session).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runMysqlSql, runPgSql } from '../../support/databases.js';
import type { DialectFixture } from '../../support/dialects.js';
import { OPERATIONS_DIR } from './golden-files.js';

/** The schemas with a folder of golden operations. */
export const GOLDEN_SCHEMAS = ['chinook', 'workshop'] as const;

/** One of `GOLDEN_SCHEMAS`. */
export type GoldenSchema = (typeof GOLDEN_SCHEMAS)[number];

/** The base name of a schema's database (the dialect fixture appends `_pg` or `_my`). */
function databaseBase(schema: GoldenSchema): string {
  return `golden_${schema}`;
}

/** Drops and creates the database of `schema` on `dialect`, with its rows; resolves to its URL. */
export async function createGoldenDatabase(schema: GoldenSchema, dialect: DialectFixture): Promise<string> {
  if (schema === 'chinook') return dialect.createDatabase(databaseBase(schema), { chinook: true });
  const url = await dialect.createDatabase(databaseBase(schema));
  const dir = path.join(OPERATIONS_DIR, schema);
  const sql = [`schema.${dialect.name}.sql`, 'seed.sql']
    .map((file) => readFileSync(path.join(dir, file), 'utf8'))
    .join('\n');
  if (dialect.name === 'postgresql') await runPgSql(url, sql);
  else await runMysqlSql(url, sql);
  return url;
}

/** Drops the database of `schema` on `dialect`. */
export function dropGoldenDatabase(schema: GoldenSchema, dialect: DialectFixture): Promise<void> {
  return dialect.dropDatabase(databaseBase(schema));
}
