#!/usr/bin/env node
// Startup benchmark: time from process start (spawn) to the first answered GraphQL query
// (`{ __typename }`, polled every 20 ms) and peak memory (VmHWM of the server process, read from
// /proc when it first answers), for Discograph with discovery and with --from-cache, beside
// PostGraphile 4 and 5, on PostgreSQL Chinook and on the 1,000-table schema `wide1000` (load it
// with `node bench/discovery/pg-wide.mjs --tables 1000 --runs 1`). For Discograph also the time of
// the first query that reads data, sent right after the first answer (a start leaves the fields of
// root and model types undefined until a query asks for them: this is where that is paid). With --mysql, Discograph on
// MariaDB Chinook and `wide1000` too. Every server is stopped after its run (also on Ctrl-C).
//
// Usage: npm run build && bash bench/peers/install.sh && node bench/startup.mjs [options]
// Options:
//   --runs 3                       runs per case (median reported)
//   --databases chinook,wide1000   PostgreSQL databases
//   --systems discograph,discograph-cache,pg4,pg5   (and base,base-cache: the build in
//                                  DISCOGRAPH_BASE_REPO, for before/after comparisons)
//   --mysql                        also Discograph (discovery and cache) on MySQL Chinook + wide1000
//   --pg-url URL                   any database URL on the PostgreSQL server (its database is replaced)
//   --mysql-url URL                the same for MySQL
//   --timeout 300                  seconds to wait for one start
//   --out FILE                     JSON results (default $BENCH_PEERS/results/startup-<date>.json)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { memoryOf, post, startServer, stopAll, stopServer } from './lib/processes.mjs';
import { DEFAULT_URLS } from './lib/systems.mjs';
import {
  benchPeers,
  freePort,
  loadAverage,
  median,
  parseFlags,
  repoDir,
  resultsDir,
  sleep,
  table,
  usageOf,
} from './lib/util.mjs';

const opts = parseFlags(
  process.argv.slice(2),
  {
    runs: 3,
    databases: 'chinook,wide1000',
    systems: 'discograph,discograph-cache,pg4,pg5',
    mysql: false,
    pgUrl: DEFAULT_URLS.pg,
    mysqlUrl: DEFAULT_URLS.mysql,
    timeout: 300,
    out: '',
  },
  usageOf(new URL(import.meta.url).pathname),
);
const withDatabase = (url, db) => url.replace(/\/[^/]*$/, `/${db}`);
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

/** Writes the schema cache of `databaseUrl` with `discograph discover` (not timed as startup). */
function writeCache(databaseUrl, cacheDir, repo = repoDir) {
  fs.rmSync(cacheDir, { recursive: true, force: true });
  const t0 = performance.now();
  execFileSync(
    process.execPath,
    [
      path.join(repo, 'dist', 'cli', 'main.js'),
      'discover',
      '--database-url',
      databaseUrl,
      '--cache-dir',
      cacheDir,
    ],
    { cwd: benchPeers, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return performance.now() - t0;
}

/**
 * Discograph's first query that reads data (a list field, hence the root fields and one model
 * type that a start leaves undefined until asked for), sent right after the first answer.
 */
const FIRST_DATA_QUERY = {
  chinook: '{ tracks(limit: 1) { name } }',
  Chinook: '{ tracks(limit: 1) { name } }',
  wide1000: '{ account0001s(limit: 1) { id } }',
};

/** Milliseconds to answer the first data query (null when there is none for `db`); throws on an error answer. */
async function firstDataQueryMs(url, db) {
  const query = FIRST_DATA_QUERY[db];
  if (!query) return null;
  const r = await post(url, JSON.stringify({ query }), 60_000);
  if (r.status !== 200 || !r.text.includes('"data"') || r.text.includes('"errors"')) {
    throw new Error(`first data query ${query} failed: ${r.status} ${r.text.slice(0, 300)}`);
  }
  return r.ms;
}

async function typeCount(url) {
  try {
    const r = await post(url, '{"query":"{ __schema { types { name } } }"}', 60_000);
    return JSON.parse(r.text).data.__schema.types.length;
  } catch {
    return null;
  }
}

const cases = [];
for (const db of opts.databases.split(',').filter(Boolean)) {
  const url = withDatabase(opts.pgUrl, db);
  for (const sys of opts.systems.split(',').filter(Boolean)) cases.push({ kind: 'pg', db, url, sys });
}
if (opts.mysql) {
  for (const db of ['Chinook', 'wide1000']) {
    const url = withDatabase(opts.mysqlUrl, db);
    for (const sys of ['discograph', 'discograph-cache']) cases.push({ kind: 'mysql', db, url, sys });
  }
}

// A baseline build (DISCOGRAPH_BASE_REPO, built) starts beside Discograph: systems base, base-cache.
const baseRepo = process.env.DISCOGRAPH_BASE_REPO;
/** Whether a system is a Discograph build (this checkout's or the baseline's). */
const isDiscograph = (sys) => sys.startsWith('discograph') || sys.startsWith('base');
/** The bench/peers/start.sh system of a case's system. */
const serverSystem = (sys) =>
  sys.startsWith('base') ? 'discograph-base' : isDiscograph(sys) ? 'discograph' : sys;

const date = new Date().toISOString();
const result = {
  meta: { date, loadAverageAtStart: loadAverage(), node: process.version, ...opts },
  cases: [],
};
console.log(`Discograph startup benchmark ${date}, load average ${result.meta.loadAverageAtStart}`);
try {
  // Each case's set-up once; then the runs round by round, every case in turn (before/after
  // comparisons see the same machine state).
  const prepared = cases.map((c) => {
    const label = `${c.sys} ${c.kind}/${c.db}`;
    const extra = [];
    let cacheMs = null;
    if (isDiscograph(c.sys)) {
      const cacheDir = path.join(
        benchPeers,
        'cache',
        `startup-${c.sys.startsWith('base') ? 'base-' : ''}${c.kind}-${c.db}`,
      );
      extra.push('--cache-dir', cacheDir, '--no-graphiql');
      if (c.sys.endsWith('-cache')) {
        cacheMs = writeCache(c.url, cacheDir, c.sys.startsWith('base') ? baseRepo : repoDir);
        extra.push('--from-cache');
      }
    }
    return { c, label, extra, cacheMs, runs: [], types: null };
  });
  for (let i = 0; i < opts.runs; i++) {
    for (const entry of prepared) {
      const { c, label, extra } = entry;
      const port = await freePort();
      const system = serverSystem(c.sys);
      const server = await startServer({
        label,
        system,
        port,
        databaseUrl: c.url,
        extra,
        timeoutMs: opts.timeout * 1000,
      });
      const mem = memoryOf(server.pid);
      const dataMs = isDiscograph(c.sys) ? await firstDataQueryMs(server.url, c.db) : null;
      if (i === 0) entry.types = await typeCount(server.url);
      const readyLine = /ready in \d+ ms/.exec(server.log)?.[0] ?? '';
      await stopServer(server);
      entry.runs.push({ ms: server.readyMs, dataMs, ...mem, readyLine });
      console.log(
        `  ${label} run ${i + 1}: first answer after ${fmt(server.readyMs)} ms, peak RSS ${fmt(mem.peakMB)} MB (RSS ${fmt(mem.rssMB)} MB)${dataMs === null ? '' : `, then first data query ${fmt(dataMs)} ms`}${readyLine ? `; its log: ${readyLine}` : ''}`,
      );
      await sleep(1000);
    }
  }
  for (const { c, label, runs, types, cacheMs } of prepared) {
    result.cases.push({
      ...c,
      label,
      runs,
      medianMs: median(runs.map((r) => r.ms)),
      medianPeakMB: median(runs.map((r) => r.peakMB)),
      medianDataMs: runs[0]?.dataMs === null ? null : median(runs.map((r) => r.dataMs)),
      types,
      cacheWriteMs: cacheMs,
    });
  }
} finally {
  await stopAll();
  result.meta.loadAverageAtEnd = loadAverage();
  const outFile = opts.out || path.join(resultsDir, `startup-${date.replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(result, null, 1));
  console.log(`\nwritten ${outFile}`);
}

const names = {
  discograph: 'Discograph, discovery',
  'discograph-cache': 'Discograph, --from-cache',
  base: 'Discograph baseline, discovery',
  'base-cache': 'Discograph baseline, --from-cache',
  pg4: 'PostGraphile 4',
  pg5: 'PostGraphile 5 (Node 22)',
};
console.log(
  `\nStartup to first answer, medians of ${opts.runs} runs (load average at end ${result.meta.loadAverageAtEnd}):`,
);
console.log(
  table(
    [
      'database',
      'system',
      'first answer s',
      'peak RSS MB',
      'then first data query ms',
      'GraphQL types',
      'runs (s)',
    ],
    result.cases.map((c) => [
      `${c.kind}/${c.db}`,
      names[c.sys] ?? c.sys,
      fmt(c.medianMs / 1000, 2),
      fmt(c.medianPeakMB),
      c.medianDataMs === null ? 'n/a' : fmt(c.medianDataMs),
      c.types ?? 'n/a',
      c.runs.map((r) => fmt(r.ms / 1000, 2)).join(' '),
    ]),
  ),
);
const target = result.cases.filter(
  (c) => c.db === 'wide1000' && c.kind === 'pg' && c.sys.startsWith('discograph'),
);
for (const c of target) {
  const limitMs = c.sys === 'discograph' ? 1000 : 500;
  const ok = c.medianMs < limitMs && c.medianPeakMB < 200;
  console.log(
    `issue 7 target ${names[c.sys]} on wide1000: < ${limitMs / 1000} s and < 200 MB: ${fmt(c.medianMs)} ms, ${fmt(c.medianPeakMB)} MB: ${ok ? 'ok' : 'MISS'}`,
  );
}
