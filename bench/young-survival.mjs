#!/usr/bin/env node
// How much of what a request allocates outlives V8's young-generation collections (scavenges):
// starts each system with `node --trace-gc`, loads one query, and reads the scavenge lines of the
// measured load: MB promoted to the old generation per 1,000 requests (the growth of the heap after
// each scavenge), and the mean scavenge pause. A request's objects should die young: anything that
// keeps them reachable a little longer (a timer per statement, a long-lived Set every request enters
// and leaves) shows here as MB per 1,000 requests several times the base, long scavenges, and
// mark-compacts under load, before it shows as a throughput loss in `bench/run.mjs`. Counts, not
// times, so the figures hold on a busy machine.
//
// Usage: npm run build && node bench/young-survival.mjs [options]
//   --systems discograph-quiet,discograph-base   systems of bench/peers/start.sh (default: this
//                   checkout quiet; with DISCOGRAPH_BASE_REPO set, also that checkout quiet)
//   --queries Q1,Q4   --warmup 3   --duration 6   --connections 10
//   --pg-url URL      (default postgres://postgres@127.0.0.1:5432/chinook)
import { defaultTool, runLoad } from './lib/load.mjs';
import { startServer, stopAll, stopServer } from './lib/processes.mjs';
import { requestBody } from './lib/systems.mjs';
import { freePort, parseFlags, table, usageOf } from './lib/util.mjs';

const opts = parseFlags(
  process.argv.slice(2),
  {
    systems: process.env.DISCOGRAPH_BASE_REPO ? 'discograph-quiet,discograph-base-quiet' : 'discograph-quiet',
    queries: 'Q1,Q4',
    warmup: 3,
    duration: 6,
    connections: 10,
    pgUrl: 'postgres://postgres@127.0.0.1:5432/chinook',
  },
  usageOf(new URL(import.meta.url).pathname),
);

const SCAVENGE = /Scavenge ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB, ([\d.]+)/;
const MARK_COMPACT = /Mark-Compact [\d.]+ \([\d.]+\) -> ([\d.]+)/;

/** Promoted MB (heap growth after scavenges), scavenge count and mean pause, mark-compacts. */
function survival(lines) {
  let after;
  let promoted = 0;
  let scavenges = 0;
  let pauseMs = 0;
  let markCompacts = 0;
  for (const line of lines) {
    const scavenge = SCAVENGE.exec(line);
    if (scavenge) {
      const now = Number(scavenge[3]);
      if (after !== undefined && now > after) promoted += now - after;
      after = now;
      scavenges += 1;
      pauseMs += Number(scavenge[5]);
      continue;
    }
    const compact = MARK_COMPACT.exec(line);
    if (compact) {
      markCompacts += 1;
      after = Number(compact[1]);
    }
  }
  return { promoted, scavenges, meanPauseMs: scavenges ? pauseMs / scavenges : 0, markCompacts };
}

const tool = defaultTool();
const rows = [];
try {
  for (const system of opts.systems.split(',')) {
    let output = '';
    const server = await startServer({
      label: `${system} --trace-gc`,
      system,
      port: await freePort(),
      databaseUrl: opts.pgUrl,
      env: { DISCOGRAPH_NODE_ARGS: '--trace-gc' },
      onOutput: (chunk) => {
        output += chunk;
      },
    });
    for (const q of opts.queries.split(',')) {
      const body = requestBody('discograph', q);
      await runLoad(tool, server.url, body, Number(opts.warmup), Number(opts.connections));
      output = '';
      const load = await runLoad(tool, server.url, body, Number(opts.duration), Number(opts.connections));
      const s = survival(output.split('\n'));
      rows.push([
        system,
        q,
        Math.round(load.rps),
        load.total,
        ((s.promoted * 1000) / load.total).toFixed(2),
        s.scavenges,
        s.meanPauseMs.toFixed(1),
        s.markCompacts,
      ]);
    }
    await stopServer(server);
  }
} finally {
  await stopAll();
}
console.log(
  table(
    [
      'system',
      'query',
      'req/s',
      'requests',
      'MB promoted per 1k requests',
      'scavenges',
      'mean pause ms',
      'mark-compacts',
    ],
    rows,
  ),
);
