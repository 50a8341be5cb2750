#!/usr/bin/env node
/**
 * The hand-written-SQL limit for PostgreSQL Chinook: node:http + pg, no GraphQL. Each request
 * runs ONE prepared statement that builds the whole response JSON inside PostgreSQL
 * (json_build_object / json_agg), so Node only reads the body and writes the text back.
 * Response shape and names are Discograph's (bench/queries/discograph); nested lists are ordered
 * by primary key. Env: DATABASE_URL, PORT (default 5000), POOL_MAX (default 10).
 *
 * With LIMIT_JWT_SECRET set (system `limit-pg-secure`, for `run.mjs --secure`) it is the limit of
 * a secure request instead: the `Authorization: Bearer` HS256 token is verified (node:crypto; none
 * or a bad one: 401, a role other than LIMIT_ALLOWED_ROLES, default bench_user: 403), and the
 * statement runs as PostGraphile 5 runs it: `begin`, one `select set_config('request.jwt.claims',
 * $1, true), set_config('role', $2, true)`, the statement, `commit` — on one pooled connection.
 * LIMIT_SESSION=one-message (system `limit-pg-secure-1rt`) sends instead one simple-protocol
 * message `select set_config(<claims>, true), set_config(<role>, true); <the statement>` with the
 * values inlined as literals: one round trip, one implicit transaction (so the local settings hold
 * for the statement and end with it), but the statement is planned every time.
 */
import pg from 'pg';
import { verifyHs256 } from '../secure/jwt.mjs';
import { serveJson } from './serve-json.mjs';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/chinook',
  max: Number(process.env.POOL_MAX ?? 10),
});
// An idle connection closed by the server (e.g. a database reload) must not end the process.
pool.on('error', (e) => console.error(`limit-pg: idle connection error: ${e.message}`));

// numeric as text and timestamp as ISO 8601 UTC: the JSON Discograph (and PostGraphile) answer with.
const iso = (col) => `to_char(${col}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const SQL = {
  Q1: `select json_build_object('data', json_build_object('tracks', coalesce(json_agg(
         json_build_object('trackId', t.track_id, 'name', t.name, 'unitPrice', t.unit_price::text,
                           'milliseconds', t.milliseconds) order by t.track_id), '[]'::json)))::text
       from (select track_id, name, unit_price, milliseconds from track order by track_id limit 50) t`,

  Q2: `select json_build_object('data', json_build_object('albums', coalesce(json_agg(
         json_build_object(
           'albumId', a.album_id,
           'title', a.title,
           'artist', (select json_build_object('name', ar.name) from artist ar where ar.artist_id = a.artist_id),
           'tracks', (select coalesce(json_agg(json_build_object(
                         'name', t.name,
                         'genre', (select json_build_object('name', g.name) from genre g where g.genre_id = t.genre_id)
                       ) order by t.track_id), '[]'::json)
                      from track t where t.album_id = a.album_id)
         ) order by a.album_id), '[]'::json)))::text
       from (select album_id, title, artist_id from album order by album_id limit 20) a`,

  Q3: `select json_build_object('data', json_build_object('customer', (
         select json_build_object(
           'customerId', c.customer_id, 'firstName', c.first_name, 'lastName', c.last_name,
           'invoices', (select coalesce(json_agg(json_build_object(
               'invoiceId', i.invoice_id, 'invoiceDate', ${iso('i.invoice_date')}, 'total', i.total::text,
               'invoiceLines', (select coalesce(json_agg(json_build_object(
                   'invoiceLineId', il.invoice_line_id, 'unitPrice', il.unit_price::text, 'quantity', il.quantity,
                   'track', json_build_object(
                      'name', t.name,
                      'album', case when al.album_id is null then null else json_build_object(
                         'title', al.title,
                         'artist', case when ar.artist_id is null then null else json_build_object('name', ar.name) end) end)
                 ) order by il.invoice_line_id), '[]'::json)
                 from invoice_line il
                 join track t on t.track_id = il.track_id
                 left join album al on al.album_id = t.album_id
                 left join artist ar on ar.artist_id = al.artist_id
                 where il.invoice_id = i.invoice_id)
             ) order by i.invoice_id), '[]'::json)
             from invoice i where i.customer_id = c.customer_id))
         from customer c where c.customer_id = $1)))::text`,

  Q4: `select json_build_object('data', json_build_object('tracks', coalesce(json_agg(
         json_build_object('trackId', t.track_id, 'name', t.name, 'unitPrice', t.unit_price::text)
         order by t.name, t.track_id), '[]'::json)))::text
       from (select track_id, name, unit_price from track where unit_price > 0.99
             order by name, track_id limit 20) t`,
};
const PARAMS = { Q3: (v) => [Number(v?.id ?? 1)] };

const jwtSecret = process.env.LIMIT_JWT_SECRET;
const oneMessage = process.env.LIMIT_SESSION === 'one-message';
const allowedRoles = new Set((process.env.LIMIT_ALLOWED_ROLES ?? 'bench_user').split(','));
const refused = (statusCode, message) => Object.assign(new Error(message), { statusCode });

/** The verified claims of a request's Bearer token (secure mode). */
function claimsOf(headers) {
  const bearer = /^Bearer (\S+)$/i.exec(headers.authorization ?? '');
  const claims = bearer && verifyHs256(bearer[1], jwtSecret);
  if (!claims) throw refused(401, 'a valid Bearer token is required');
  if (!allowedRoles.has(claims.role))
    throw refused(403, `role ${JSON.stringify(claims.role)} is not allowed`);
  return claims;
}

/** The statement in a transaction with the request's claims and role set, as PostGraphile 5 does. */
async function runAs(claims, query) {
  const client = await pool.connect();
  let broken;
  try {
    await client.query('begin');
    await client.query({
      name: 'settings',
      text: "select set_config('request.jwt.claims', $1, true), set_config('role', $2, true)",
      values: [JSON.stringify(claims), claims.role],
    });
    const r = await client.query(query);
    await client.query('commit');
    return r;
  } catch (e) {
    await client.query('rollback').catch((rollbackError) => {
      broken = rollbackError;
    });
    throw e;
  } finally {
    client.release(broken);
  }
}

const literal = (text) => `'${String(text).replaceAll("'", "''")}'`;

/** The statement with its settings in one simple-protocol message (LIMIT_SESSION=one-message). */
async function runInOneMessage(claims, text, values) {
  const inlined = text.replace(/\$(\d+)/g, (_, i) => {
    const value = values[Number(i) - 1];
    if (!Number.isInteger(value)) throw refused(400, `parameter $${i} is not an integer`);
    return String(value);
  });
  const settings = `select set_config('request.jwt.claims', ${literal(JSON.stringify(claims))}, true), set_config('role', ${literal(claims.role)}, true)`;
  const results = await pool.query({ text: `${settings}; ${inlined}`, rowMode: 'array' });
  return results[1];
}

serveJson({
  name: jwtSecret ? 'limit-pg-secure' : 'limit-pg',
  async run(op, variables, headers) {
    const claims = jwtSecret ? claimsOf(headers) : null;
    const text = SQL[op];
    if (!text) return null;
    const values = PARAMS[op] ? PARAMS[op](variables) : [];
    const query = { name: op, text, values, rowMode: 'array' };
    const r = !claims
      ? await pool.query(query)
      : oneMessage
        ? await runInOneMessage(claims, text, values)
        : await runAs(claims, query);
    return r.rows[0][0];
  },
  close: () => pool.end(),
});
