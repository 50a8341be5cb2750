#!/usr/bin/env node
/**
 * The hand-written-SQL limit for MySQL/MariaDB Chinook: node:http + mysql2, no GraphQL. Each
 * request runs ONE prepared statement that builds the whole response JSON in the database
 * (JSON_OBJECT / JSON_ARRAYAGG; JSON_EXTRACT(x, '$') keeps a subquery's JSON from being quoted
 * as a string by MariaDB), so Node only reads the body and writes the text back. Names and
 * nesting are Discograph's (bench/queries/discograph); nested lists are ordered by primary key.
 * Env: DATABASE_URL (default mysql://root@127.0.0.1:3306/Chinook), PORT, POOL_MAX (default 10).
 */
import mysql from 'mysql2/promise';
import { serveJson } from './serve-json.mjs';

const pool = mysql.createPool({
  uri: process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/Chinook',
  connectionLimit: Number(process.env.POOL_MAX ?? 10),
  jsonStrings: true, // the JSON text is the response: do not parse it
});
pool.on('connection', (conn) => conn.query('set session group_concat_max_len = 16777216'));

const J = (expr) => `JSON_EXTRACT(${expr}, '$')`;
const list = (agg) => J(`COALESCE(${agg}, '[]')`);
// DECIMAL as text and DATETIME as ISO 8601 UTC: the JSON Discograph answers with.
const dec = (col) => `CAST(${col} AS CHAR)`;
const iso = (col) => `DATE_FORMAT(${col}, '%Y-%m-%dT%H:%i:%s.000Z')`;

const SQL = {
  Q1: `select JSON_OBJECT('data', JSON_OBJECT('tracks', ${list(`JSON_ARRAYAGG(JSON_OBJECT(
         'trackId', t.TrackId, 'name', t.Name, 'unitPrice', ${dec('t.UnitPrice')}, 'milliseconds', t.Milliseconds)
         ORDER BY t.TrackId)`)}))
       from (select TrackId, Name, UnitPrice, Milliseconds from Track order by TrackId limit 50) t`,

  Q2: `select JSON_OBJECT('data', JSON_OBJECT('albums', ${list(`JSON_ARRAYAGG(JSON_OBJECT(
         'albumId', a.AlbumId, 'title', a.Title,
         'artist', ${J(`(select JSON_OBJECT('name', ar.Name) from Artist ar where ar.ArtistId = a.ArtistId)`)},
         'tracks', ${list(`(select JSON_ARRAYAGG(JSON_OBJECT('name', t.Name,
             'genre', ${J(`(select JSON_OBJECT('name', g.Name) from Genre g where g.GenreId = t.GenreId)`)})
             ORDER BY t.TrackId) from Track t where t.AlbumId = a.AlbumId)`)}
         ) ORDER BY a.AlbumId)`)}))
       from (select AlbumId, Title, ArtistId from Album order by AlbumId limit 20) a`,

  Q3: `select JSON_OBJECT('data', JSON_OBJECT('customer', ${J(`(select JSON_OBJECT(
         'customerId', c.CustomerId, 'firstName', c.FirstName, 'lastName', c.LastName,
         'invoices', ${list(`(select JSON_ARRAYAGG(JSON_OBJECT(
             'invoiceId', i.InvoiceId, 'invoiceDate', ${iso('i.InvoiceDate')}, 'total', ${dec('i.Total')},
             'invoiceLines', ${list(`(select JSON_ARRAYAGG(JSON_OBJECT(
                 'invoiceLineId', il.InvoiceLineId, 'unitPrice', ${dec('il.UnitPrice')}, 'quantity', il.Quantity,
                 'track', JSON_OBJECT('name', t.Name,
                    'album', IF(al.AlbumId IS NULL, NULL, JSON_OBJECT('title', al.Title,
                       'artist', IF(ar.ArtistId IS NULL, NULL, JSON_OBJECT('name', ar.Name)))))
               ) ORDER BY il.InvoiceLineId)
               from InvoiceLine il
               join Track t on t.TrackId = il.TrackId
               left join Album al on al.AlbumId = t.AlbumId
               left join Artist ar on ar.ArtistId = al.ArtistId
               where il.InvoiceId = i.InvoiceId)`)}
           ) ORDER BY i.InvoiceId) from Invoice i where i.CustomerId = c.CustomerId)`)})
         from Customer c where c.CustomerId = ?)`)}))`,

  Q4: `select JSON_OBJECT('data', JSON_OBJECT('tracks', ${list(`JSON_ARRAYAGG(JSON_OBJECT(
         'trackId', t.TrackId, 'name', t.Name, 'unitPrice', ${dec('t.UnitPrice')}) ORDER BY t.Name, t.TrackId)`)}))
       from (select TrackId, Name, UnitPrice from Track where UnitPrice > 0.99
             order by Name, TrackId limit 20) t`,
};
const PARAMS = { Q3: (v) => [Number(v?.id ?? 1)] };

serveJson({
  name: 'limit-mysql',
  async run(op, variables) {
    const text = SQL[op];
    if (!text) return null;
    const values = PARAMS[op] ? PARAMS[op](variables) : [];
    const [rows] = await pool.execute({ sql: text, values, rowsAsArray: true });
    return rows[0][0];
  },
  close: () => pool.end(),
});
