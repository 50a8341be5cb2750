/**
 * The benchmarked systems per database: how to start each (a bench/peers/start.sh system name),
 * which query folder it reads, and the four Chinook operations with their relation depth.
 */
import fs from 'node:fs';
import path from 'node:path';
import { benchDir } from './util.mjs';

/** Relation depth of each operation: "no N+1" means at most 1 + depth statements per request. */
export const RELATION_DEPTH = { Q1: 0, Q2: 2, Q3: 5, Q4: 0 };

/**
 * Systems per benchmark kind (`pg`, `mysql`, and `pg-secure` for `run.mjs --secure`); the first is
 * the data reference. `auth: true` marks a system that must refuse a forged token and must not
 * serve the rows without one (checked in secure runs); an `optional` one runs only when named in
 * --systems.
 */
export const SYSTEMS = {
  pg: [
    { name: 'limit', system: 'limit-pg', queries: 'discograph', title: 'hand-written SQL (limit)' },
    { name: 'pg5', system: 'pg5', queries: 'pg5', title: 'PostGraphile 5 (Node 22)' },
    { name: 'pg4', system: 'pg4', queries: 'pg4', title: 'PostGraphile 4' },
    { name: 'discograph', system: 'discograph', queries: 'discograph', title: 'Discograph' },
    {
      name: 'quiet',
      system: 'discograph-quiet',
      queries: 'discograph',
      title: 'Discograph without request logs and metrics (the cost of observability)',
      optional: true,
    },
  ],
  mysql: [
    { name: 'limit', system: 'limit-mysql', queries: 'discograph', title: 'hand-written SQL (limit)' },
    { name: 'discograph', system: 'discograph', queries: 'discograph', title: 'Discograph' },
    {
      name: 'quiet',
      system: 'discograph-quiet',
      queries: 'discograph',
      title: 'Discograph without request logs and metrics (the cost of observability)',
      optional: true,
    },
  ],
  // "Speed with security on" (issue 15): every system gets the same Authorization header and reads
  // chinook_secure (bench/secure/setup.mjs). The open systems connect as the server's user (a
  // superuser or the tables' owner), for whom PostgreSQL applies no RLS, and ignore the header.
  'pg-secure': [
    {
      name: 'limit',
      system: 'limit-pg',
      queries: 'discograph',
      title: 'hand-written SQL (limit; no auth: header ignored, RLS not applied)',
    },
    {
      name: 'limit-secure',
      system: 'limit-pg-secure',
      queries: 'discograph',
      title: 'hand-written SQL, JWT verified, claims + role set per request (begin, settings, query, commit)',
      auth: true,
    },
    {
      name: 'limit-secure-1rt',
      system: 'limit-pg-secure-1rt',
      queries: 'discograph',
      title:
        'hand-written SQL, JWT verified, settings + statement in one message (one round trip, no prepared plan)',
      auth: true,
      optional: true,
    },
    {
      name: 'pg5-secure',
      system: 'pg5-secure',
      queries: 'pg5',
      title: 'PostGraphile 5, JWT → pgSettings role + claims (Node 22)',
      auth: true,
    },
    { name: 'pg5-open', system: 'pg5', queries: 'pg5', title: 'PostGraphile 5, security off (Node 22)' },
    {
      name: 'discograph-open',
      system: 'discograph',
      queries: 'discograph',
      title: 'Discograph, security off',
    },
    {
      name: 'discograph-secure',
      system: 'discograph-secure',
      queries: 'discograph',
      title: 'Discograph, JWT + RLS session (bench/secure/discograph.secure.config.json)',
      auth: true,
    },
  ],
};

/**
 * What each kind's report compares: `subject` is Discograph's system, each ratio is `of`/`to`
 * (req/s, `of` defaults to the subject) with its target (`min`), `p99` the peer of the p99 ratio,
 * and `statementBound` whether the 1 + depth bound of issue 7 applies (not in secure runs: the
 * session's begin / settings / commit statements come on top).
 */
export const REPORTS = {
  pg: {
    subject: 'discograph',
    ratios: [
      { to: 'base' },
      { to: 'pg5', min: 1.5 },
      { to: 'pg4' },
      { to: 'limit', min: 0.5 },
      // Request logs at info and metrics on (the defaults) cost under 5 % (issue 16).
      { to: 'quiet', min: 0.95, label: 'D/quiet (≥0.95: logs+metrics < 5 %)' },
    ],
    p99: 'pg5',
    statementBound: true,
  },
  mysql: {
    subject: 'discograph',
    ratios: [
      { to: 'base' },
      { to: 'limit', min: 0.5 },
      { to: 'quiet', min: 0.95, label: 'D/quiet (≥0.95: logs+metrics < 5 %)' },
    ],
    p99: null,
    statementBound: true,
  },
  'pg-secure': {
    subject: 'discograph-secure',
    ratios: [
      { to: 'pg5-secure', min: 1.5 },
      { to: 'base-secure' },
      // The cost of security: the secure build keeps at least 75 % of the open one's req/s.
      { to: 'discograph-open', min: 0.75, label: 'D-sec/D-open (≥0.75: security < 25 %)' },
      { to: 'limit-secure' },
      { to: 'limit' },
      // What security costs the others: the limit's is the floor of a session of four statements.
      { of: 'limit-secure', to: 'limit', label: 'limit-sec/limit' },
      { of: 'limit-secure-1rt', to: 'limit', label: 'limit-sec-1rt/limit' },
      { of: 'pg5-secure', to: 'pg5-open', label: 'pg5-sec/pg5-open' },
    ],
    p99: 'pg5-secure',
    statementBound: false,
  },
};

/**
 * A second Discograph build to compare with in the same run (before/after a change): set
 * DISCOGRAPH_BASE_REPO to a checkout of the older commit with its own `npm ci && npm run build`.
 * It runs as system `base`, with the same flags as `discograph`, and the reports add D/base.
 */
if (process.env.DISCOGRAPH_BASE_REPO) {
  for (const db of ['pg', 'mysql']) {
    SYSTEMS[db].push({
      name: 'base',
      system: 'discograph-base',
      queries: 'discograph',
      title: `Discograph, baseline build (${process.env.DISCOGRAPH_BASE_REPO})`,
    });
  }
  SYSTEMS['pg-secure'].push({
    name: 'base-secure',
    system: 'discograph-base-secure',
    queries: 'discograph',
    title: `Discograph secure, baseline build (${process.env.DISCOGRAPH_BASE_REPO})`,
    auth: true,
  });
}

/** Default database URLs (Chinook, read-only). */
export const DEFAULT_URLS = {
  pg: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/chinook',
  mysql: process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/Chinook',
};

/** The JSON request body of operation `q` from bench/queries/<dir>/ (+ <q>.variables.json). */
export function requestBody(dir, q) {
  const base = path.join(benchDir, 'queries', dir);
  const query = fs.readFileSync(path.join(base, `${q}.graphql`), 'utf8');
  const vfile = path.join(base, `${q}.variables.json`);
  const variables = fs.existsSync(vfile) ? JSON.parse(fs.readFileSync(vfile, 'utf8')) : undefined;
  return JSON.stringify(variables ? { query, variables, operationName: q } : { query, operationName: q });
}

/** `url` with its host:port replaced by 127.0.0.1:`port` (to go through a counting proxy). */
export function viaPort(url, port) {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(port);
  return u.toString();
}

/** "host:port" of a database URL. */
export function hostPort(url, defaultPort) {
  const u = new URL(url);
  return `${u.hostname}:${u.port || defaultPort}`;
}
