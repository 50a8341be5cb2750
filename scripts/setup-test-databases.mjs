#!/usr/bin/env node
// Makes sure the test databases exist: the Chinook sample from ../shared/datasets/chinook/ loaded
// into PostgreSQL (database `chinook`) and MariaDB/MySQL (database `Chinook`). Idempotent: a
// database whose marker matches the script's hash is left alone, anything else is re-created.
// Used by .ci/run and by the test suite's global setup.
//
// Env: DISCOGRAPH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres),
//      DISCOGRAPH_MYSQL_URL (default mysql://root@127.0.0.1:3306/),
//      DISCOGRAPH_SHARED_DIR (default ../shared beside the repository).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import pg from 'pg';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the shared datasets live. */
export function sharedDir() {
  return process.env.DISCOGRAPH_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');
}

export const PG_ADMIN_URL = process.env.DISCOGRAPH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const MYSQL_ADMIN_URL = process.env.DISCOGRAPH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';

function readScript(file) {
  const full = path.join(sharedDir(), 'datasets', 'chinook', file);
  if (!existsSync(full)) {
    throw new Error(`Chinook script not found at ${full}: put shared/ beside the repository or set DISCOGRAPH_SHARED_DIR`);
  }
  const text = readFileSync(full, 'utf8');
  return { text, hash: createHash('sha256').update(text).digest('hex').slice(0, 16) };
}

/** Drops the script's own DROP/CREATE DATABASE and \c / USE lines: we choose the database. */
function stripDatabaseStatements(text) {
  return text
    .split('\n')
    .filter((line) => !/^\s*(DROP DATABASE|CREATE DATABASE|\\c |USE )/i.test(line))
    .join('\n');
}

async function ensurePostgresChinook() {
  const { text, hash } = readScript('Chinook_PostgreSql.sql');
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      "select shobj_description(oid, 'pg_database') as marker from pg_database where datname = 'chinook'",
    );
    const template = await admin.query("select 1 from pg_database where datname = 'chinook_template'");
    if (rows[0]?.marker === `discograph-chinook:${hash}:vacuumed` && template.rowCount === 1) return 'kept';
    await admin.query("update pg_database set datistemplate = false where datname = 'chinook_template'");
    await admin.query('drop database if exists chinook_template with (force)');
    await admin.query('drop database if exists chinook with (force)');
    // The dump goes into chinook_template, which nobody else connects to; chinook is then a copy.
    // Writable copies for tests come from the template too: PostgreSQL refuses to copy a database
    // that has other connections, and tests read chinook concurrently.
    await admin.query('create database chinook_template');
    const db = new pg.Client({ connectionString: PG_ADMIN_URL.replace(/\/[^/]*$/, '/chinook_template') });
    await db.connect();
    try {
      await db.query(stripDatabaseStatements(text));
      // Planner statistics and the visibility map, as any restored database gets them from
      // autovacuum — which never runs on the copies (their tables count no inserts). Copies carry
      // both (pg_statistic is per database, the map is a file of each table). Without statistics
      // PostgreSQL plans Chinook's joins with guesses (seq scans of track inside correlated
      // subqueries; measured 2.4 ms instead of 0.4 ms for bench Q3); without the map every scan
      // checks each row's visibility (bench Q4: ~390 instead of ~365 µs of PostgreSQL per request).
      await db.query('vacuum analyze');
    } finally {
      await db.end();
    }
    await admin.query("update pg_database set datistemplate = true, datallowconn = false where datname = 'chinook_template'");
    await admin.query('create database chinook template chinook_template');
    await admin.query(`comment on database chinook is 'discograph-chinook:${hash}:vacuumed'`);
    return 'loaded';
  } finally {
    await admin.end();
  }
}

async function ensureMysqlChinook() {
  const { text, hash } = readScript('Chinook_MySql.sql');
  const admin = await mysql.createConnection({ uri: MYSQL_ADMIN_URL, multipleStatements: true });
  try {
    // The marker lives in a database of its own so that discovering Chinook sees only Chinook.
    await admin.query('create database if not exists `discograph_meta`');
    await admin.query(
      'create table if not exists `discograph_meta`.`dataset_marker` (name varchar(64) primary key, hash varchar(64) not null)',
    );
    const [rows] = await admin.query("select hash from `discograph_meta`.`dataset_marker` where name = 'Chinook'");
    const [[tables]] = await admin.query(
      "select count(*) as n from information_schema.tables where table_schema = 'Chinook'",
    );
    if (rows[0]?.hash === hash && Number(tables.n) === 11) return 'kept';
    await admin.query('drop database if exists `Chinook`');
    await admin.query('create database `Chinook` character set utf8mb4 collate utf8mb4_general_ci');
    await admin.query('use `Chinook`');
    await admin.query(stripDatabaseStatements(text));
    await admin.query('replace into `discograph_meta`.`dataset_marker` values (?, ?)', ['Chinook', hash]);
    return 'loaded';
  } finally {
    await admin.end();
  }
}

/** Loads Chinook into both servers unless it is already there. */
export async function setupTestDatabases({ log = console.log } = {}) {
  const started = Date.now();
  const pgState = await ensurePostgresChinook();
  const mysqlState = await ensureMysqlChinook();
  log(`test databases: postgresql chinook ${pgState}, mysql Chinook ${mysqlState} (${Date.now() - started} ms)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  setupTestDatabases().catch((error) => {
    console.error(`setting up the test databases failed: ${error.message}`);
    process.exit(1);
  });
}
