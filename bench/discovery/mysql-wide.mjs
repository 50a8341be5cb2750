#!/usr/bin/env node
// Benchmark: discover a wide MariaDB/MySQL schema (1,000 tables by default) with its relations.
// Generates the schema with shared/datasets/synthetic/make-wide-schema.mjs --dialect mariadb,
// loads it once into database `wide<N>` (idempotent: a marker row in discograph_meta keeps the
// script's hash), then times, per run, a fresh discovery object reading the whole catalog
// (server probe + four statements) and the shared builder turning it into model definitions
// with every relation (belongsTo, hasMany, hasManyThrough). Target: < 1 s for 1,000 tables.
//
// Usage: npm run build && node bench/discovery/mysql-wide.mjs [--tables 1000] [--runs 5] [--json]
// Env:   DISCOGRAPH_MYSQL_URL (default mysql://root@127.0.0.1:3306/),
//        DISCOGRAPH_SHARED_DIR (default ../shared beside the repository).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && index + 1 < args.length ? args[index + 1] : fallback;
};
const TABLES = Number(option('tables', 1000));
const RUNS = Math.max(1, Number(option('runs', 5)));
const JSON_OUTPUT = args.includes('--json');
const DATABASE = `wide${TABLES}`;
const ADMIN_URL = process.env.DISCOGRAPH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';
const SHARED_DIR = process.env.DISCOGRAPH_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');

async function importCompiled(relative) {
  const file = path.join(repoRoot, 'dist', relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return import(file);
}

/** The schema's SQL and the generator's summary (`tables=1000 join_tables=20 views=10 ...`). */
function generateSchema() {
  const script = path.join(SHARED_DIR, 'datasets', 'synthetic', 'make-wide-schema.mjs');
  if (!existsSync(script)) {
    throw new Error(`${script} not found: put shared/ beside the repository or set DISCOGRAPH_SHARED_DIR`);
  }
  const sql = execFileSync(process.execPath, [script, '--tables', String(TABLES), '--dialect', 'mariadb'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const header = /--join-tables (\d+) --views (\d+)/.exec(sql);
  return {
    sql,
    hash: createHash('sha256').update(sql).digest('hex').slice(0, 16),
    relations: TABLES + Number(header?.[1] ?? 0) + Number(header?.[2] ?? 0),
  };
}

/** Loads the schema into `wide<N>` unless the marker says this exact script is already there. */
async function ensureDatabase({ sql, hash, relations }) {
  const admin = await mysql.createConnection({ uri: ADMIN_URL, multipleStatements: true });
  try {
    await admin.query('create database if not exists `discograph_meta`');
    await admin.query(
      'create table if not exists `discograph_meta`.`dataset_marker` (name varchar(64) primary key, hash varchar(64) not null)',
    );
    const [markers] = await admin.query(
      'select hash from `discograph_meta`.`dataset_marker` where name = ?',
      [DATABASE],
    );
    const [[count]] = await admin.query(
      'select count(*) as n from information_schema.TABLES where TABLE_SCHEMA = ?',
      [DATABASE],
    );
    if (markers[0]?.hash === hash && Number(count.n) === relations) return 'kept';
    await admin.query(`drop database if exists \`${DATABASE}\``);
    await admin.query(`create database \`${DATABASE}\` character set utf8mb4 collate utf8mb4_general_ci`);
    await admin.query(`use \`${DATABASE}\``);
    await admin.query(sql);
    await admin.query('replace into `discograph_meta`.`dataset_marker` values (?, ?)', [DATABASE, hash]);
    return 'loaded';
  } finally {
    await admin.end();
  }
}

function countRelations(definitions) {
  const counts = { belongsTo: 0, hasMany: 0, hasManyThrough: 0, hasOne: 0 };
  for (const definition of definitions) {
    for (const relation of Object.values(definition.options?.relations ?? {})) counts[relation.type] += 1;
  }
  return counts;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${value.toFixed(1)} ms`;

async function main() {
  const { createMysqlDiscovery } = await importCompiled('connectors/mysql/mysql-discovery.js');
  const { buildModelDefinitions } = await importCompiled('juggler/discovery/index.js');
  const schema = generateSchema();
  const loadStarted = performance.now();
  const state = await ensureDatabase(schema);
  const loadMs = performance.now() - loadStarted;

  const pool = mysql.createPool({ uri: ADMIN_URL.replace(/\/[^/]*$/, `/${DATABASE}`), connectionLimit: 4 });
  const run = async (sql, params) => (await pool.query(sql, [...params]))[0];
  const runs = [];
  let last;
  try {
    for (let index = 0; index < RUNS; index++) {
      const started = performance.now();
      const discovery = createMysqlDiscovery(run);
      const snapshot = await discovery.discoverCatalog({});
      const catalogDone = performance.now();
      const definitions = buildModelDefinitions(snapshot, {
        mapPropertyType: discovery.mapPropertyType,
        associations: true,
      });
      const finished = performance.now();
      runs.push({
        catalogMs: catalogDone - started,
        buildMs: finished - catalogDone,
        totalMs: finished - started,
      });
      last = { snapshot, definitions, server: await discovery.serverInfo() };
    }
  } finally {
    await pool.end();
  }

  const { snapshot, definitions, server } = last;
  const relations = countRelations(definitions);
  const result = {
    bench: 'mysql-wide',
    server: `${server.flavour} ${server.version}`,
    database: DATABASE,
    load: state,
    loadMs: Math.round(loadMs),
    tables: snapshot.tables.filter((table) => table.kind === 'table').length,
    views: snapshot.tables.filter((table) => table.kind === 'view').length,
    columns: snapshot.tables.reduce((sum, table) => sum + table.columns.length, 0),
    foreignKeys: snapshot.tables.reduce(
      (sum, table) => sum + new Set(table.foreignKeys.map((fk) => fk.fkName)).size,
      0,
    ),
    models: definitions.length,
    relations: relations.belongsTo + relations.hasMany + relations.hasManyThrough + relations.hasOne,
    relationsByType: relations,
    statements: snapshot.statementCount,
    runs: RUNS,
    firstRunMs: Math.round(runs[0].totalMs),
    medianMs: Math.round(median(runs.map((r) => r.totalMs))),
    medianCatalogMs: Math.round(median(runs.map((r) => r.catalogMs))),
    medianBuildMs: Math.round(median(runs.map((r) => r.buildMs))),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  if (JSON_OUTPUT) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(`mysql-wide: ${result.server}, database ${DATABASE} (${state} in ${result.loadMs} ms)`);
  console.log(
    `  tables        ${result.tables} + ${result.views} views, ${result.columns} columns, ${result.foreignKeys} foreign keys`,
  );
  console.log(
    `  relations     ${result.relations} (belongsTo ${relations.belongsTo}, hasMany ${relations.hasMany}, hasManyThrough ${relations.hasManyThrough})`,
  );
  console.log(`  statements    ${result.statements} (server probe + tables, columns, keys, checks)`);
  console.log(
    `  first run     ${ms(runs[0].totalMs)} (catalog ${ms(runs[0].catalogMs)}, build ${ms(runs[0].buildMs)})`,
  );
  console.log(
    `  median of ${RUNS}   ${ms(median(runs.map((r) => r.totalMs)))} (catalog ${result.medianCatalogMs} ms, build ${result.medianBuildMs} ms)`,
  );
  console.log(`  peak RSS      ${result.peakRssMb} MB`);
  console.log(`  target        < 1000 ms for 1,000 tables: ${result.medianMs < 1000 ? 'met' : 'MISSED'}`);
}

main().catch((error) => {
  console.error(`mysql-wide failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
