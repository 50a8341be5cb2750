#!/usr/bin/env node
// Throughput benchmark: Discograph beside PostGraphile 5, PostGraphile 4 and the hand-written-SQL
// limit (PostgreSQL Chinook), and beside the MySQL limit (MariaDB Chinook). It starts every
// system itself (bench/peers/start.sh), counts SQL statements per request through a counting
// proxy, checks that all systems return the same data, then loads them alternately (systems
// rotate each round, same settings) and prints req/s, p50, p99, the ratios Discograph/PostGraphile
// 5 and Discograph/limit, and the targets of issue 7. Every server it started is stopped, also on
// failure and Ctrl-C. Results (raw runs + summary) go to $BENCH_PEERS/results/throughput-<date>.json.
//
// Usage: npm run build && bash bench/peers/install.sh && node bench/run.mjs [options]
//   npm run bench                  the quick run (--quick: 2 s warm-up + 5 s, 1 round, pg and mysql)
// Options (defaults = the full run of issue 7):
//   --db pg|mysql|pg,mysql         databases (default pg)
//   --systems limit,pg5,pg4,discograph   subset of systems (names of bench/lib/systems.mjs)
//   --queries Q1,Q2,Q3,Q4          operations (bench/queries/<system>/<Q>.graphql)
//   --rounds 3  --warmup 3  --duration 10  --connections 10
//   --quick                        --warmup 2 --duration 5 --rounds 1 --db pg,mysql
//   --tool wrk|autocannon          load generator (default wrk when on PATH)
//   --no-count                     skip the SQL-count phase
//   --restart                      start every system afresh for each round (a new process per
//                                  round): processes of one build settle at levels up to ±15 %
//                                  apart (JIT and heap state), which one process per system would
//                                  freeze into every round; use it for ratios that must resolve a
//                                  few percent (e.g. discograph/quiet, the cost of observability)
//   --count-requests 20            sequential requests per (system, query) when counting
//   --check-only                   count and check, no load
//   --pg-url URL  --mysql-url URL  the Chinook databases (read-only use)
//   --discograph-args "..."        extra `serve` flags for Discograph
//   --base-args "..."              extra `serve` flags for the baseline build (system `base`, with
//                                  DISCOGRAPH_BASE_REPO set: a second checkout to compare with)
//   --out FILE                     JSON results (default $BENCH_PEERS/results/throughput-<date>.json)
// Security on (issue 15, "Speed with security on"; PostgreSQL only, README "Security on"):
//   --secure                       Q1–Q4 with `Authorization: Bearer <HS256 JWT>` on every request
//                                  of every system (count, check and load), on chinook_secure (a
//                                  copy of the --pg-url database with RLS policies admitting all
//                                  rows to any token; made by bench/secure/setup.mjs if missing).
//                                  Systems: limit (no auth), limit-secure (token verified, claims
//                                  and role set per request; limit-secure-1rt, only when named: the
//                                  same in one message), pg5-secure, pg5-open, discograph-open,
//                                  discograph-secure (--config bench/secure/discograph.secure.config.json);
//                                  ratios D-secure/pg5-secure (≥1.5) and D-secure/D-open (≥0.75)
//                                  per query and round; also checks that each secure system
//                                  refuses a forged token and serves no rows without a token.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compareData, leaves } from './lib/data-check.mjs';
import { cleanupLoad, defaultTool, runLoad } from './lib/load.mjs';
import { post, startServer, stopAll } from './lib/processes.mjs';
import { startCountingProxy } from './lib/sql-count-proxy.mjs';
import {
  DEFAULT_URLS,
  hostPort,
  RELATION_DEPTH,
  REPORTS,
  requestBody,
  SYSTEMS,
  viaPort,
} from './lib/systems.mjs';
import { freePort, loadAverage, median, parseFlags, resultsDir, sleep, table, usageOf } from './lib/util.mjs';
import { benchToken, forgedToken, tokenWithoutSubject } from './secure/jwt.mjs';
import { describeSecureDatabase, ensureSecureDatabase } from './secure/setup.mjs';

const opts = parseFlags(
  process.argv.slice(2),
  {
    db: 'pg',
    systems: '',
    queries: 'Q1,Q2,Q3,Q4',
    rounds: 3,
    warmup: 3,
    duration: 10,
    connections: 10,
    quick: false,
    tool: '',
    noCount: false,
    restart: false,
    countRequests: 20,
    checkOnly: false,
    pgUrl: DEFAULT_URLS.pg,
    mysqlUrl: DEFAULT_URLS.mysql,
    discographArgs: '',
    baseArgs: '',
    secure: false,
    out: '',
  },
  usageOf(new URL(import.meta.url).pathname),
);
if (opts.quick) Object.assign(opts, { warmup: 2, duration: 5, rounds: 1, db: 'pg,mysql' });
const tool = opts.tool || defaultTool();
const queries = opts.queries.split(',').filter(Boolean);
const dbs = opts.db.split(',').filter(Boolean);
const onlySystems = opts.systems ? new Set(opts.systems.split(',')) : null;
const extraArgs = opts.discographArgs.split(' ').filter(Boolean);
const baseArgs = opts.baseArgs.split(' ').filter(Boolean);
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
if (opts.secure && dbs.some((db) => db !== 'pg')) {
  throw new Error('--secure measures PostgreSQL only (MySQL has no row-level security): use --db pg');
}
/** Sent with every request of every system (an HS256 token signed now, valid for ten years). */
const headers = opts.secure ? { authorization: `Bearer ${benchToken()}` } : {};
const nameWidth = opts.secure ? 17 : 10;
/** `pg`, `mysql`, or `pg-secure` with --secure: the key of SYSTEMS and REPORTS. */
const kindOf = (db) => (opts.secure ? `${db}-secure` : db);

function systemsFor(kind) {
  const list = SYSTEMS[kind];
  if (!list) throw new Error(`unknown --db ${kind} (pg, mysql)`);
  const chosen = list.filter((s) => (onlySystems ? onlySystems.has(s.name) : !s.optional));
  return chosen.map((s) => ({
    ...s,
    bodies: Object.fromEntries(queries.map((q) => [q, requestBody(s.queries, q)])),
  }));
}

async function startAll(systems, urlFor) {
  const started = [];
  for (const s of systems) {
    const port = await freePort();
    const server = await startServer({
      label: s.name,
      system: s.system,
      port,
      databaseUrl: urlFor(s),
      extra: s.system.startsWith('discograph-base')
        ? baseArgs
        : s.system.startsWith('discograph')
          ? extraArgs
          : [],
      headers,
    }).catch((error) => {
      throw explainStartFailure(s, error);
    });
    console.log(
      `  ${s.name.padEnd(nameWidth)} ${s.title} on :${port} (pid ${server.pid}, ready in ${fmt(server.readyMs)} ms)`,
    );
    started.push({ ...s, server, url: server.url });
  }
  return started;
}

/**
 * A start failure said plainly when it is the known one: a Discograph build without the JWT + RLS
 * settings of issue 15 refuses bench/secure/discograph.secure.config.json (unknown setting "auth").
 */
function explainStartFailure(s, error) {
  const log = error.log ?? error.message;
  if (s.system === 'discograph-secure' && /Unknown setting/.test(log)) {
    return new Error(
      `discograph-secure did not start: this Discograph build does not know the secure settings of ` +
        `bench/secure/discograph.secure.config.json (JWT verification + RLS sessions, issue 15).\n` +
        `Its log: ${log.trim().split('\n').slice(-3).join(' | ')}\n` +
        `Measure the other systems meanwhile: --systems limit,limit-secure,pg5-secure,pg5-open,discograph-open`,
    );
  }
  return error;
}

/** Phase 1: every system through its own counting proxy; statements per request. */
async function countPhase(db, systems, dbUrl) {
  const dialect = db === 'mysql' ? 'mysql' : 'pg';
  const target = hostPort(dbUrl, dialect === 'mysql' ? 3306 : 5432);
  const proxies = new Map();
  for (const s of systems) proxies.set(s.name, await startCountingProxy({ dialect, target }));
  console.log(`\n[${db}] counting SQL: starting ${systems.length} systems behind counting proxies`);
  const counts = {};
  try {
    const running = await startAll(systems, (s) => viaPort(dbUrl, proxies.get(s.name).port));
    for (const s of running) {
      const proxy = proxies.get(s.name);
      for (const q of queries) {
        for (let i = 0; i < 3; i++) await post(s.url, s.bodies[q], undefined, headers); // warm: plans, prepared statements
        await sleep(100);
        proxy.reset();
        for (let i = 0; i < opts.countRequests; i++) {
          const r = await post(s.url, s.bodies[q], undefined, headers);
          if (r.status !== 200 || r.text.includes('"errors"')) {
            throw new Error(`${s.name} ${q}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
          }
        }
        await sleep(100);
        const c = proxy.counts();
        counts[`${s.name}/${q}`] = { perRequest: c.statements / opts.countRequests, ...c };
      }
    }
  } finally {
    await stopAll();
    for (const p of proxies.values()) await p.close();
  }
  const rows = [];
  for (const q of queries) {
    for (const s of systems) {
      const c = counts[`${s.name}/${q}`];
      const n = opts.countRequests;
      rows.push([
        q,
        s.name,
        fmt(c.perRequest, 2),
        fmt(c.simpleQueries / n, 2),
        fmt(c.executes / n, 2),
        fmt((c.parses + c.prepares) / n, 2),
        1 + RELATION_DEPTH[q],
      ]);
    }
  }
  console.log(
    `\n[${db}] SQL statements per GraphQL request (${opts.countRequests} sequential requests after 3 warm-up):`,
  );
  console.log(
    table(['query', 'system', 'statements', 'simple', 'execute', 'parse/prepare', 'bound 1+depth'], rows),
  );
  if (opts.secure) {
    console.log(
      "(secure: the statements include each system's session statements — begin, settings, commit)",
    );
  }
  return counts;
}

/** Same-data check against the first system (the limit), with a precise verdict. */
async function checkPhase(db, running) {
  const ref = running[0];
  const rows = [];
  const results = {};
  let ok = true;
  for (const q of queries) {
    const answers = new Map();
    for (const s of running) {
      const r = await post(s.url, s.bodies[q], undefined, headers);
      let json = null;
      try {
        json = JSON.parse(r.text);
      } catch {
        // reported below as non-JSON
      }
      const error =
        r.status !== 200
          ? `HTTP ${r.status}`
          : !json
            ? 'non-JSON'
            : json.errors
              ? JSON.stringify(json.errors).slice(0, 200)
              : null;
      if (error) ok = false;
      answers.set(s.name, { json, error, bytes: Buffer.byteLength(r.text) });
    }
    const refData = answers.get(ref.name).json?.data;
    for (const s of running) {
      const a = answers.get(s.name);
      const cmp = a.error ? { verdict: 'ERROR', detail: a.error } : compareData(refData, a.json.data);
      if (cmp.verdict === 'different' || cmp.verdict === 'ERROR') ok = false;
      results[`${s.name}/${q}`] = { bytes: a.bytes, ...cmp };
      rows.push([q, s.name, a.bytes, cmp.verdict, s === ref ? '(reference)' : cmp.detail]);
    }
  }
  console.log(`\n[${db}] same data as ${ref.name} (leaf values in response order, field names ignored):`);
  console.log(table(['query', 'system', 'bytes', 'verdict', 'detail'], rows));
  return { ok, results };
}

/**
 * Secure runs: proof that security is on. Each system answers Q1 without a token, with a forged
 * one (right claims, wrong secret) and with a valid token whose claims lack `sub` (the policies
 * admit no row to it: rows served mean the statements ran as a role RLS does not apply to). A
 * system with `auth` fails the run if it serves rows to any of them; refusing (an HTTP error or
 * GraphQL errors) or answering without rows passes. Open systems are listed for comparison.
 */
async function authCheckPhase(db, running) {
  const q = queries.includes('Q1') ? 'Q1' : queries[0];
  const rows = [];
  const results = {};
  let ok = true;
  for (const s of running) {
    for (const [caseName, caseHeaders] of [
      ['no token', {}],
      ['forged token', { authorization: `Bearer ${forgedToken()}` }],
      ['valid token, no sub', { authorization: `Bearer ${tokenWithoutSubject()}` }],
    ]) {
      const r = await post(s.url, s.bodies[q], undefined, caseHeaders);
      let json = null;
      try {
        json = JSON.parse(r.text);
      } catch {
        // not JSON: counted as refused when the status says so
      }
      const dataLeaves = json?.data ? leaves(json.data).filter((l) => l.value !== null).length : 0;
      const refused = r.status >= 400 || Boolean(json?.errors?.length);
      const outcome =
        dataLeaves > 0
          ? `served ${dataLeaves} values`
          : refused
            ? `refused: HTTP ${r.status} ${String(json?.errors?.[0]?.extensions?.code ?? json?.errors?.[0]?.message ?? '').slice(0, 60)}`
            : `HTTP ${r.status}, no rows`;
      const verdict = !s.auth ? 'no auth' : dataLeaves > 0 ? 'FAIL' : 'ok';
      if (verdict === 'FAIL') ok = false;
      results[`${s.name}/${caseName}`] = { status: r.status, dataLeaves, refused, verdict };
      rows.push([q, s.name, caseName, outcome, verdict]);
    }
  }
  console.log(
    `\n[${db}] security on? ${q} without a token, with a forged token (wrong secret), and with a valid token without \`sub\` (no row admitted):`,
  );
  console.log(table(['query', 'system', 'request', 'answer', 'verdict'], rows));
  return { ok, results };
}

/** `list` rotated left by `by` places: round `by`'s order (A B C, B C A, …). */
const rotated = (list, by) => list.map((_, i) => list[(i + by) % list.length]);

/** Phase 2: direct connections; alternating load, rotating the system order each round. */
async function loadPhase(db, systems, dbUrl) {
  console.log(`\n[${db}] load: starting ${systems.length} systems on ${dbUrl}`);
  const raw = [];
  let check;
  try {
    let running = await startAll(systems, () => dbUrl);
    check = await checkPhase(db, running);
    if (!check.ok)
      throw new Error(`[${db}] a system answered with errors or different data: see the table above`);
    if (opts.secure) {
      check.auth = await authCheckPhase(db, running);
      if (!check.auth.ok) {
        throw new Error(`[${db}] a secure system served rows without a valid token: see the table above`);
      }
    }
    if (opts.checkOnly) return { check, raw, summary: [] };
    const total = opts.rounds * queries.length * running.length;
    console.log(
      `\n[${db}] ${tool}, ${opts.connections} connections, ${opts.warmup} s warm-up + ${opts.duration} s per run, ${opts.rounds} round(s), ${total} runs${opts.restart ? ', systems started afresh each round' : ''}; load ${loadAverage()}`,
    );
    let done = 0;
    for (let r = 0; r < opts.rounds; r++) {
      if (opts.restart && r > 0) {
        await stopAll();
        // Started in the round's order (the first one starts beside no other), listed as always.
        const startOrder = rotated(systems, r);
        console.log(
          `  round ${r + 1}: starting every system afresh (${startOrder.map((s) => s.name).join(', ')})`,
        );
        const started = await startAll(startOrder, () => dbUrl);
        running = systems.map((s) => started.find((x) => x.name === s.name));
      }
      for (const q of queries) {
        const order = rotated(running, r);
        for (const s of order) {
          done++;
          // A run with failed requests is not a measurement: retried once, then left out of the medians.
          for (let attempt = 1; attempt <= 2; attempt++) {
            if (opts.warmup > 0)
              await runLoad(tool, s.url, s.bodies[q], opts.warmup, opts.connections, headers);
            const m = await runLoad(tool, s.url, s.bodies[q], opts.duration, opts.connections, headers);
            if (s.server.exited) {
              throw new Error(
                `${s.name} exited during the load: ${JSON.stringify(s.server.exited)}\n${s.server.log.slice(-2000)}`,
              );
            }
            // Smaller answers than the checked one (body alone) are not the data: e.g. an empty
            // anonymous answer when the load generator lost the Authorization header.
            const checkedBytes = check.results[`${s.name}/${q}`].bytes;
            const problem = !Number.isFinite(m.rps)
              ? 'no result from the load generator'
              : m.non2xx
                ? `${m.non2xx} non-2xx answers`
                : m.errors
                  ? `socket errors ${m.errors}`
                  : m.bytesPerResponse < 0.98 * checkedBytes
                    ? `answers of ${fmt(m.bytesPerResponse)} bytes, the checked answer has ${checkedBytes}`
                    : null;
            raw.push({ db, round: r + 1, query: q, system: s.name, attempt, valid: !problem, problem, ...m });
            console.log(
              `  [${done}/${total}] r${r + 1} ${q} ${s.name.padEnd(nameWidth)} ${fmt(m.rps).padStart(6)} req/s  p50 ${fmt(m.p50, 2)} ms  p99 ${fmt(m.p99, 2)} ms${problem ? `  INVALID: ${problem}${attempt === 1 ? ', retrying' : ''}` : ''}`,
            );
            if (!problem) break;
            await sleep(2000);
          }
        }
      }
    }
  } finally {
    await stopAll();
  }
  return { check, raw };
}

function summarise(kind, systems, raw, counts) {
  const summary = [];
  for (const q of queries) {
    for (const s of systems) {
      const xs = raw.filter((x) => x.valid && x.query === q && x.system === s.name);
      summary.push({
        db: kind,
        query: q,
        system: s.name,
        rps: median(xs.map((x) => x.rps)),
        p50: median(xs.map((x) => x.p50)),
        p99: median(xs.map((x) => x.p99)),
        rounds: xs.map((x) => Math.round(x.rps)),
        statementsPerRequest: counts?.[`${s.name}/${q}`]?.perRequest ?? null,
      });
    }
  }
  const get = (q, name) => summary.find((x) => x.query === q && x.system === name);
  const roundRatios = (q, of, to) => {
    const out = [];
    for (let r = 1; r <= opts.rounds; r++) {
      const at = (sys) => raw.find((x) => x.valid && x.round === r && x.query === q && x.system === sys)?.rps;
      const v = at(of) / at(to);
      if (Number.isFinite(v)) out.push(v);
    }
    return out;
  };
  console.log(`\n[${kind}] medians over ${opts.rounds} round(s):`);
  console.log(
    table(
      ['query', 'system', 'req/s', 'p50 ms', 'p99 ms', 'req/s per round', 'SQL/request'],
      summary.map((x) => [
        x.query,
        x.system,
        fmt(x.rps),
        fmt(x.p50, 2),
        fmt(x.p99, 2),
        x.rounds.join(' '),
        fmt(x.statementsPerRequest ?? Number.NaN, 2),
      ]),
    ),
  );
  const report = REPORTS[kind];
  const has = (n) => systems.some((s) => s.name === n);
  const subject = report.subject;
  const hasSubject = has(subject);
  const short = (name) => (name === subject ? 'D' : name);
  // Ratios between peers (e.g. pg5-secure/pg5-open) are shown even when Discograph is not run.
  const ratios = report.ratios
    .map((x) => ({ ...x, of: x.of ?? subject }))
    .filter((x) => has(x.of) && has(x.to));
  if (!ratios.length && !hasSubject) return summary;
  const p99 = hasSubject && report.p99 && has(report.p99) ? report.p99 : null;
  const head = ['query', ...systems.map((s) => `${s.name} req/s`)];
  for (const x of ratios) {
    head.push(`${x.label ?? `${short(x.of)}/${short(x.to)}`}${x.min && !x.label ? ` (≥${x.min})` : ''}`);
  }
  if (p99) head.push(`p99 D/${p99} (≤1)`);
  if (hasSubject) head.push(report.statementBound ? 'SQL/req D (≤1+depth)' : 'SQL/req D (with session)');
  const rows = queries.map((q) => {
    const row = [q, ...systems.map((s) => fmt(get(q, s.name)?.rps))];
    // Ratio of the medians, then the per-round ratios (each round loads the systems back to back,
    // so a round's ratio is the least disturbed by load from outside the benchmark).
    for (const x of ratios) {
      const r = get(q, x.of).rps / get(q, x.to).rps;
      const byRound = roundRatios(q, x.of, x.to);
      const perRound = byRound.map((v) => fmt(v, 2));
      // With 3+ rounds also the median of the rounds' own ratios (each from runs back to back).
      const ofRounds = byRound.length > 2 ? `; median ${fmt(median(byRound), 2)}` : '';
      row.push(
        `${fmt(r, 2)}${x.min ? (r >= x.min ? ' ok' : ' MISS') : ''}${perRound.length > 1 ? ` (${perRound.join(' ')}${ofRounds})` : ''}`,
      );
    }
    if (!hasSubject) return row;
    const d = get(q, subject);
    if (p99) {
      const r = d.p99 / get(q, p99).p99;
      row.push(`${fmt(r, 2)}${r <= 1 ? ' ok' : ' MISS'}`);
    }
    const st = d.statementsPerRequest;
    const bound = 1 + RELATION_DEPTH[q];
    row.push(
      st === null
        ? 'not counted'
        : report.statementBound
          ? `${fmt(st, 2)} / ${bound}${st <= bound ? ' ok' : ' MISS'}`
          : fmt(st, 2),
    );
    return row;
  });
  const targets = opts.secure ? 'issue 15 targets' : 'issue 7 targets';
  console.log(
    `\n[${kind}] ${hasSubject ? `Discograph (D = ${subject}) against the others` : `without ${subject}`} — ratios of medians in this run (per-round ratios), ${targets} in brackets:`,
  );
  console.log(table(head, rows));
  return summary;
}

const meta = {
  date: new Date().toISOString(),
  loadAverageAtStart: loadAverage(),
  node: process.version,
  cpus: os.cpus().length,
  tool,
  ...opts,
};
const outFile = opts.out || path.join(resultsDir, `throughput-${meta.date.replace(/[:.]/g, '-')}.json`);
const result = { meta, dbs: {} };
console.log(
  `Discograph throughput benchmark ${meta.date}, load average ${meta.loadAverageAtStart}, ${meta.cpus} cores`,
);
try {
  for (const db of dbs) {
    const kind = kindOf(db);
    const systems = systemsFor(kind);
    let dbUrl = db === 'mysql' ? opts.mysqlUrl : opts.pgUrl;
    if (opts.secure) {
      const made = await ensureSecureDatabase({ pgUrl: opts.pgUrl });
      dbUrl = made.url;
      const d = await describeSecureDatabase(dbUrl);
      result.secureDatabase = { ...made, ...d };
      console.log(
        `\n[${kind}] ${made.database} ${made.state}: RLS on ${d.secured}/${d.tables} tables, ${d.policies} policies ` +
          `(as bench_user: ${d.tracksWithClaims} tracks with claims, ${d.tracksWithoutClaims} without); ` +
          `every request carries Authorization: Bearer <HS256 token {sub: "bench", role: "bench_user"}>`,
      );
    }
    const counts = opts.noCount ? null : await countPhase(kind, systems, dbUrl);
    const { check, raw } = await loadPhase(kind, systems, dbUrl);
    const summary = opts.checkOnly ? [] : summarise(kind, systems, raw, counts);
    result.dbs[kind] = {
      systems: systems.map(({ name, system, title }) => ({ name, system, title })),
      counts,
      check,
      raw,
      summary,
    };
  }
} finally {
  await stopAll();
  cleanupLoad();
  result.meta.loadAverageAtEnd = loadAverage();
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(result, null, 1));
  console.log(
    `\nload average at end ${result.meta.loadAverageAtEnd}; written ${path.relative(process.cwd(), outFile)}`,
  );
}
