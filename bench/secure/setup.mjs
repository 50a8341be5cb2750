#!/usr/bin/env node
// Makes the database of the secure benchmark: `<chinook>_secure` (chinook_secure), a copy of the
// benchmark's Chinook with row-level security on every table and one policy per table that admits
// every row to any request carrying JWT claims with a `sub`, and the NOLOGIN role `bench_user`
// (SELECT on every table; the connecting user is made a member, so `SET LOCAL ROLE bench_user`
// works). The data every query returns is the same as on chinook, but a request runs only when
// its JWT claims are set in the transaction, as PostGraphile and Discograph do per request.
// Idempotent: a database whose marker (comment) matches this script and its source is kept.
//
// Usage: node bench/secure/setup.mjs [--pg-url postgres://USER@HOST:PORT/chinook]
//   --pg-url URL   the Chinook database to copy (default $BENCH_PG_URL or
//                  postgres://postgres@127.0.0.1:5432/chinook); the copy goes on the same server
//   --force        re-create the copy even if its marker matches
// The copy is made from `chinook_template` when that exists (scripts/setup-test-databases.mjs
// makes it; nobody connects to it), else from the database itself — PostgreSQL refuses to copy a
// database others are connected to, so that fails while a benchmark reads chinook.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEFAULT_URLS } from '../lib/systems.mjs';
import { parseFlags, usageOf } from '../lib/util.mjs';
import { BENCH_ROLE } from './jwt.mjs';

/** Every Chinook table; Q1–Q4 read album, artist, customer, genre, invoice, invoice_line, track. */
export const SECURED_TABLES = [
  'album',
  'artist',
  'customer',
  'employee',
  'genre',
  'invoice',
  'invoice_line',
  'media_type',
  'playlist',
  'playlist_track',
  'track',
];

/**
 * The policy condition: true for any request whose JWT claims (set per transaction with
 * set_config('request.jwt.claims', …, true)) carry a `sub`. `nullif` because a connection that
 * once had the setting in a transaction reads '' (not NULL) afterwards, and ''::json is an error.
 * The claims are read in a sub-select, so PostgreSQL evaluates them once per statement (an
 * InitPlan) instead of parsing the JSON for every row: written bare, the same condition is a
 * per-row filter, and Q4's statement (a scan of 3,503 tracks) took 5.5 ms instead of 1.2 ms in
 * pgbench (PostgREST's and Supabase's RLS advice: wrap functions of no column in `select`).
 */
export const POLICY_CONDITION = `(select nullif(current_setting('request.jwt.claims', true), '')::json ->> 'sub') is not null`;

/** The statements run in the copy (their text is part of the marker). */
function securingStatements(role) {
  const statements = [
    `grant usage on schema public to ${role}`,
    `grant select on all tables in schema public to ${role}`,
  ];
  for (const table of SECURED_TABLES) {
    statements.push(
      `alter table public.${table} enable row level security`,
      `create policy bench_claims_sub on public.${table} for select using (${POLICY_CONDITION})`,
    );
  }
  return statements;
}

/** URL of database `name` on the server of `url`. */
export function databaseUrl(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The name of the secure copy of the database in `pgUrl` (chinook → chinook_secure). */
export function secureDatabaseName(pgUrl) {
  return `${decodeURIComponent(new URL(pgUrl).pathname.slice(1)) || 'chinook'}_secure`;
}

const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;
const quoteLiteral = (text) => `'${text.replaceAll("'", "''")}'`;

/**
 * Makes sure `<database of pgUrl>_secure` exists with its role, grants and policies; resolves to
 * {url, database, state: 'kept' | 'created', template}.
 */
export async function ensureSecureDatabase({
  pgUrl = DEFAULT_URLS.pg,
  force = false,
  log = console.log,
} = {}) {
  const source = decodeURIComponent(new URL(pgUrl).pathname.slice(1)) || 'chinook';
  const target = secureDatabaseName(pgUrl);
  const statements = securingStatements(BENCH_ROLE);
  const admin = new pg.Client({ connectionString: databaseUrl(pgUrl, 'postgres') });
  await admin.connect();
  try {
    // Roles belong to the server, not to a database: made (and the membership granted) every time.
    await admin.query(
      `do $$ begin if not exists (select from pg_roles where rolname = ${quoteLiteral(BENCH_ROLE)}) then create role ${BENCH_ROLE} nologin; end if; end $$`,
    );
    // The connecting user is made a direct member (a superuser could SET ROLE without it, but a
    // gateway may check membership, and the setup then reads the same for any user).
    const member = await admin.query(
      'select 1 from pg_auth_members m where m.roleid = $1::regrole and m.member = current_user::regrole',
      [BENCH_ROLE],
    );
    if (!member.rowCount) await admin.query(`grant ${BENCH_ROLE} to current_user`);
    const templateName = `${source}_template`;
    const template = (await admin.query('select 1 from pg_database where datname = $1', [templateName]))
      .rowCount
      ? templateName
      : source;
    const sourceMarker =
      (
        await admin.query(
          "select shobj_description(oid, 'pg_database') as marker from pg_database where datname = $1",
          [source],
        )
      ).rows[0]?.marker ?? '';
    const hash = createHash('sha256')
      .update(JSON.stringify({ statements, sourceMarker, role: BENCH_ROLE }))
      .digest('hex')
      .slice(0, 16);
    const marker = `discograph-bench-secure:${hash}`;
    const existing = await admin.query(
      "select shobj_description(oid, 'pg_database') as marker from pg_database where datname = $1",
      [target],
    );
    if (!force && existing.rows[0]?.marker === marker) {
      return { url: databaseUrl(pgUrl, target), database: target, state: 'kept', template };
    }
    log(
      `secure database: creating ${target} from ${template} (role ${BENCH_ROLE}, RLS on ${SECURED_TABLES.length} tables)`,
    );
    await admin.query(`drop database if exists ${quoteIdent(target)} with (force)`);
    await admin.query(`create database ${quoteIdent(target)} template ${quoteIdent(template)}`);
    const db = new pg.Client({ connectionString: databaseUrl(pgUrl, target) });
    await db.connect();
    try {
      await db.query('begin');
      const missing = await db.query(
        "select t from unnest($1::text[]) t where to_regclass('public.' || t) is null",
        [SECURED_TABLES],
      );
      if (missing.rowCount) {
        throw new Error(
          `${target}: no table ${missing.rows.map((r) => r.t).join(', ')} (is ${source} Chinook?)`,
        );
      }
      for (const statement of statements) await db.query(statement);
      await db.query('commit');
    } finally {
      await db.end();
    }
    await admin.query(`comment on database ${quoteIdent(target)} is ${quoteLiteral(marker)}`);
    return { url: databaseUrl(pgUrl, target), database: target, state: 'created', template };
  } finally {
    await admin.end();
  }
}

/**
 * What the secure database enforces, read back from the catalog: tables with RLS on, policies,
 * and whether `role` reads rows with and without claims (a proof the policies are in force).
 */
export async function describeSecureDatabase(url, role = BENCH_ROLE) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const rls = await db.query(
      "select count(*) filter (where relrowsecurity)::int as secured, count(*)::int as tables from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace",
    );
    const policies = await db.query("select count(*)::int as n from pg_policies where schemaname = 'public'");
    const countAs = async (claims) => {
      await db.query('begin');
      try {
        if (claims)
          await db.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify(claims)]);
        await db.query(`set local role ${role}`);
        return Number((await db.query('select count(*) as n from track')).rows[0].n);
      } finally {
        await db.query('rollback');
      }
    };
    return {
      ...rls.rows[0],
      policies: policies.rows[0].n,
      tracksWithClaims: await countAs({ sub: 'bench', role }),
      tracksWithoutClaims: await countAs(null),
    };
  } finally {
    await db.end();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseFlags(
    process.argv.slice(2),
    { pgUrl: DEFAULT_URLS.pg, force: false },
    usageOf(fileURLToPath(import.meta.url)),
  );
  try {
    const made = await ensureSecureDatabase(opts);
    const d = await describeSecureDatabase(made.url);
    console.log(
      `${made.database} ${made.state} (copy of ${made.template}): RLS on ${d.secured}/${d.tables} tables, ${d.policies} policies; ` +
        `as ${BENCH_ROLE}: ${d.tracksWithClaims} tracks with claims, ${d.tracksWithoutClaims} without`,
    );
  } catch (error) {
    console.error(`secure database setup failed: ${error.message}`);
    process.exit(1);
  }
}
