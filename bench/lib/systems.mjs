/**
 * The benchmarked systems per database: how to start each (a bench/peers/start.sh system name),
 * which query folder it reads, and the four Chinook operations with their relation depth.
 */
import fs from 'node:fs';
import path from 'node:path';
import { benchDir } from './util.mjs';

/** Relation depth of each operation: "no N+1" means at most 1 + depth statements per request. */
export const RELATION_DEPTH = { Q1: 0, Q2: 2, Q3: 5, Q4: 0 };

/** Systems per database kind; the first is the data reference, `discograph` is the subject. */
export const SYSTEMS = {
  pg: [
    { name: 'limit', system: 'limit-pg', queries: 'discograph', title: 'hand-written SQL (limit)' },
    { name: 'pg5', system: 'pg5', queries: 'pg5', title: 'PostGraphile 5 (Node 22)' },
    { name: 'pg4', system: 'pg4', queries: 'pg4', title: 'PostGraphile 4' },
    { name: 'discograph', system: 'discograph', queries: 'discograph', title: 'Discograph' },
  ],
  mysql: [
    { name: 'limit', system: 'limit-mysql', queries: 'discograph', title: 'hand-written SQL (limit)' },
    { name: 'discograph', system: 'discograph', queries: 'discograph', title: 'Discograph' },
  ],
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
