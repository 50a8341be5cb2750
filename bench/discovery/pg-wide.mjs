#!/usr/bin/env node
// Discovery benchmark on a wide PostgreSQL schema: generates it with the shared
// make-wide-schema.mjs, loads it once into database `wide<N>` (idempotent: a marker comment on
// the database holds the hash of the generated SQL), then times discovering ALL tables with
// relations (catalog read + model definitions, associations and views included).
//
// Usage: npm run build && node bench/discovery/pg-wide.mjs [--tables 1000] [--seed 1] [--runs 5] [--json]
// Env:   DISCOGRAPH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres)
//        DISCOGRAPH_SHARED_DIR (default ../shared beside the repository)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && index + 1 < args.length ? args[index + 1] : fallback;
};
const tables = Number(option('tables', 1000));
const seed = Number(option('seed', 1));
const runs = Number(option('runs', 5));
const asJson = args.includes('--json');
if (!Number.isInteger(tables) || tables < 1)
  throw new Error(`--tables must be a positive integer, not ${tables}`);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, not ${runs}`);

const adminUrl = process.env.DISCOGRAPH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = seed === 1 ? `wide${tables}` : `wide${tables}_s${seed}`;
const databaseUrl = adminUrl.replace(/\/[^/]*$/, `/${database}`);
const sharedDir = process.env.DISCOGRAPH_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');
const log = (line) => {
  if (!asJson) console.log(line);
};

async function importCompiled(relative) {
  const file = path.join(repoRoot, 'dist', relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return import(pathToFileURL(file).href);
}

function generateSql() {
  const script = path.join(sharedDir, 'datasets', 'synthetic', 'make-wide-schema.mjs');
  if (!existsSync(script)) {
    throw new Error(`${script} not found: put shared/ beside the repository or set DISCOGRAPH_SHARED_DIR`);
  }
  return execFileSync(
    process.execPath,
    [script, '--tables', String(tables), '--dialect', 'postgres', '--seed', String(seed)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 },
  );
}

/** Creates and loads the database unless its marker says it already holds this exact schema. */
async function ensureDatabase() {
  const sql = generateSql();
  const marker = `discograph-wide:${createHash('sha256').update(sql).digest('hex').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      "select shobj_description(oid, 'pg_database') as marker from pg_database where datname = $1",
      [database],
    );
    if (rows[0]?.marker === marker) return 'kept';
    const started = performance.now();
    await admin.query(`drop database if exists ${admin.escapeIdentifier(database)} with (force)`);
    await admin.query(`create database ${admin.escapeIdentifier(database)}`);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
    await admin.query(
      `comment on database ${admin.escapeIdentifier(database)} is ${admin.escapeLiteral(marker)}`,
    );
    return `loaded in ${Math.round(performance.now() - started)} ms`;
  } finally {
    await admin.end();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value) => `${value.toFixed(1)} ms`;

async function main() {
  const loaded = await ensureDatabase();
  log(`database ${database}: ${loaded}`);
  const { createPostgresDiscovery } = await importCompiled('connectors/postgresql/postgresql-discovery.js');
  const { buildModelDefinitions, discoverSchemas } = await importCompiled('juggler/discovery/index.js');

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  let statements = 0;
  const discovery = createPostgresDiscovery(async (sql, params) => {
    statements += 1;
    return (await pool.query(sql, [...params])).rows;
  });
  const options = { associations: true, views: true };
  const measurements = [];
  let result;
  try {
    // Run 0 is cold: it opens the pool's connections and warms the server's catalog caches.
    for (let run = 0; run <= runs; run += 1) {
      statements = 0;
      const started = performance.now();
      result = await discoverSchemas(discovery, '*', options);
      const total = performance.now() - started;
      measurements.push({ total, statements });
    }
    // The two halves of a warm run, measured apart.
    const readStarted = performance.now();
    const snapshot = await discovery.discoverCatalog({});
    const read = performance.now() - readStarted;
    const buildStarted = performance.now();
    buildModelDefinitions(snapshot, { mapPropertyType: discovery.mapPropertyType, associations: true });
    const build = performance.now() - buildStarted;

    const definitions = Object.values(result);
    const relations = definitions.reduce(
      (sum, definition) => sum + Object.keys(definition.options?.relations ?? {}).length,
      0,
    );
    const byType = {};
    for (const definition of definitions) {
      for (const relation of Object.values(definition.options?.relations ?? {})) {
        byType[relation.type] = (byType[relation.type] ?? 0) + 1;
      }
    }
    const warm = measurements.slice(1).map((measurement) => measurement.total);
    const report = {
      database,
      tables: definitions.length,
      columns: snapshot.tables.reduce((sum, table) => sum + table.columns.length, 0),
      relations,
      relationsByType: byType,
      statements: measurements[measurements.length - 1].statements,
      coldMs: Number(measurements[0].total.toFixed(1)),
      warmMedianMs: Number(median(warm).toFixed(1)),
      warmMinMs: Number(Math.min(...warm).toFixed(1)),
      catalogReadMs: Number(read.toFixed(1)),
      buildMs: Number(build.toFixed(1)),
      peakRssMb: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
      node: process.version,
    };
    if (asJson) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      log(
        `discovered ${report.tables} tables and views (${report.columns} columns), ${report.relations} relations ${JSON.stringify(byType)}`,
      );
      log(`statements per discovery: ${report.statements}`);
      log(
        `time: cold ${ms(measurements[0].total)}, warm median ${ms(median(warm))} (min ${ms(Math.min(...warm))}) over ${runs} runs`,
      );
      log(`  of which catalog read ${ms(read)}, building definitions ${ms(build)}`);
      log(`peak RSS: ${report.peakRssMb} MB`);
    }
  } finally {
    await pool.end();
  }
}

main().catch((error) => {
  console.error(`pg-wide benchmark failed: ${error.message}`);
  process.exitCode = 1;
});
