#!/usr/bin/env node
// CPU profile of Discograph under load: for each query, starts Discograph with
// `node --cpu-prof`, loads it with wrk (10 connections, warm-up, then the measured load), stops
// it with SIGTERM (the profile is written on the graceful exit) and summarises only the samples
// of the measured load: busy share per area (pg driver, socket I/O, node:http, graphql-js, yoga,
// DataLoader, Discograph, GC) by self time and by inclusive time, and the top self-time functions.
// The .cpuprofile files stay in the output folder (open them in Chrome DevTools or speedscope).
//
// Usage: npm run build && node bench/profile.mjs [options]
//   --db pg|mysql                  database (default pg: PostgreSQL Chinook)
//   --queries Q1,Q2,Q3,Q4
//   --warmup 3  --duration 10  --connections 10
//   --top 15                       functions listed per query
//   --dir DIR                      where profiles go (default $BENCH_PEERS/profiles/<date>)
//   --startup DATABASE             instead: profile one start (spawn to first answer) of Discograph on
//                                  that database of the --db server (e.g. wide1000), with its log lines
//   --from-cache                   with --startup: start from a schema cache (written first, not profiled)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { remapBundledProfile } from './lib/bundle-source-map.mjs';
import { summariseProfile } from './lib/cpuprofile-summary.mjs';
import { defaultTool, runLoad } from './lib/load.mjs';
import { memoryOf, startServer, stopAll, stopServer } from './lib/processes.mjs';
import { DEFAULT_URLS, requestBody } from './lib/systems.mjs';
import {
  benchPeers,
  freePort,
  loadAverage,
  parseFlags,
  repoDir,
  sleep,
  table,
  usageOf,
} from './lib/util.mjs';

const opts = parseFlags(
  process.argv.slice(2),
  {
    db: 'pg',
    queries: 'Q1,Q2,Q3,Q4',
    warmup: 3,
    duration: 10,
    connections: 10,
    top: 15,
    dir: '',
    startup: '',
    fromCache: false,
  },
  usageOf(new URL(import.meta.url).pathname),
);
const date = new Date().toISOString();
const dir = path.resolve(opts.dir || path.join(benchPeers, 'profiles', date.replace(/[:.]/g, '-')));
const databaseUrl = opts.db === 'mysql' ? DEFAULT_URLS.mysql : DEFAULT_URLS.pg;
const tool = defaultTool();
const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const fmt = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');

console.log(`Discograph CPU profile ${date}, ${opts.db}, load average ${loadAverage()}; profiles in ${dir}`);
const summaries = {};

function printSummary(s) {
  console.log(
    table(
      ['area', 'self %', 'inclusive %'],
      [
        ...s.areas.map((a) => [a.name, fmt(a.selfPct), fmt(a.inclusivePct)]),
        ...s.inclusiveOnly.map((a) => [a.name, '-', fmt(a.inclusivePct)]),
      ],
    ),
  );
  console.log(
    table(
      ['socket I/O self time asked for by', '% of busy'],
      s.socketWriteCallers.map((a) => [a.name, fmt(a.selfPct)]),
    ),
  );
  console.log(
    table(
      ['function (self time)', 'self %'],
      s.top.map((f) => [f.fn, fmt(f.selfPct)]),
    ),
  );
}

/** The profile Discograph wrote into `qdir`, its bundled frames mapped to their original files. */
async function waitForProfile(qdir) {
  for (let i = 0; i < 100; i++) {
    const file = fs.readdirSync(qdir).find((f) => f.endsWith('.cpuprofile'));
    if (file) {
      remapBundledProfile(path.join(qdir, file), repoDir);
      return path.join(qdir, file);
    }
    await sleep(100);
  }
  throw new Error(`no .cpuprofile in ${qdir}: did Discograph exit gracefully on SIGTERM?`);
}

async function profileStartup() {
  const url = databaseUrl.replace(/\/[^/]*$/, `/${opts.startup}`);
  const qdir = path.join(dir, `startup-${opts.startup}${opts.fromCache ? '-cache' : ''}`);
  fs.mkdirSync(qdir, { recursive: true });
  const cacheDir = path.join(benchPeers, 'cache', `profile-startup-${opts.db}-${opts.startup}`);
  const main = path.join(repoDir, 'dist', 'cli', 'main.js');
  if (opts.fromCache) {
    execFileSync(process.execPath, [main, 'discover', '--database-url', url, '--cache-dir', cacheDir], {
      cwd: benchPeers,
      stdio: 'ignore',
    });
  }
  const server = await startServer({
    label: `discograph startup ${opts.startup}`,
    system: 'discograph',
    port: await freePort(),
    databaseUrl: url,
    extra: ['--cache-dir', cacheDir, ...(opts.fromCache ? ['--from-cache'] : [])],
    env: { DISCOGRAPH_NODE_ARGS: `--cpu-prof --cpu-prof-dir=${qdir}` },
    timeoutMs: 600_000,
  });
  const mem = memoryOf(server.pid);
  await stopServer(server, 15_000);
  const s = summariseProfile(await waitForProfile(qdir), { top: opts.top });
  summaries[`startup-${opts.startup}`] = { readyMs: server.readyMs, ...mem, ...s };
  console.log(
    `\nstartup on ${opts.startup}${opts.fromCache ? ' from cache' : ''}: first answer after ${fmt(server.readyMs)} ms (under the profiler), peak RSS ${fmt(mem.peakMB)} MB`,
  );
  console.log(
    server.log
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => `  log: ${l}`)
      .join('\n'),
  );
  printSummary(s);
}

try {
  if (opts.startup) await profileStartup();
  for (const q of opts.startup ? [] : opts.queries.split(',').filter(Boolean)) {
    const qdir = path.join(dir, q);
    fs.mkdirSync(qdir, { recursive: true });
    const server = await startServer({
      label: `discograph ${q}`,
      system: 'discograph',
      port: await freePort(),
      databaseUrl,
      extra: ['--cache-dir', path.join(benchPeers, 'cache', `profile-${opts.db}`)],
      env: { DISCOGRAPH_NODE_ARGS: `--cpu-prof --cpu-prof-dir=${qdir}` },
    });
    const body = requestBody('discograph', q);
    await runLoad(tool, server.url, body, opts.warmup, opts.connections);
    const fromUs = nowUs();
    const m = await runLoad(tool, server.url, body, opts.duration, opts.connections);
    const toUs = nowUs();
    await stopServer(server, 15_000);
    const s = summariseProfile(await waitForProfile(qdir), { top: opts.top, window: { fromUs, toUs } });
    summaries[q] = { rps: m.rps, ...s };
    console.log(
      `\n${q}: ${fmt(m.rps)} req/s under the profiler; busy ${fmt(s.busyMs)} ms of the ${opts.duration} s load (idle ${fmt(s.idlePct)} %)`,
    );
    printSummary(s);
  }
} finally {
  await stopAll();
}
fs.writeFileSync(path.join(dir, 'summary.json'), JSON.stringify({ date, opts, summaries }, null, 1));
console.log(`\nwritten ${path.join(dir, 'summary.json')}`);
