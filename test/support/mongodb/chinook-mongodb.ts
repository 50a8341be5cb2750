/**
 * Loads ../shared/datasets/chinook/ChinookData.json into MongoDB as documents a MongoDB user would
 * write: one collection per entity (`artist`, `album`, `track`, `genre`, `media_type`, `employee`,
 * `customer`, `invoice`, `playlist`), a deterministic ObjectId `_id` each, fields camelCased, SQL
 * NULLs left out (a missing field; the dataset file writes most of them as `""`), prices and totals as
 * Decimal128, dates as Dates.
 *
 * - A document keeps Chinook's own number under its SQL key's name (`trackId: 1` in `track`), so
 *   the GraphQL operations of the SQL Chinook filter and order the same way.
 * - References hold the target's ObjectId under the SQL name of the foreign key: `album.artistId`,
 *   `track.albumId`/`genreId`/`mediaTypeId`, `customer.supportRepId`, `invoice.customerId`, and
 *   `employee.reportsTo` (a name that does not hint at `employee`: discovery must find it by data).
 * - Embedded documents: an invoice holds its lines (`lines: [{invoiceLineId, trackId, unitPrice,
 *   quantity}]`, `trackId` the track's ObjectId); a customer holds its address as one sub-document
 *   (`address: {street, city, state, country, postalCode}`, `state` and `postalCode` missing where
 *   the SQL Chinook has NULL); a playlist holds its tracks as an array of ObjectIds (`trackIds`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Db, Decimal128, type Document, ObjectId } from 'mongodb';

type ChinookRow = Record<string, string | number | null>;
type ChinookData = Record<string, ChinookRow[]>;

const DATA_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/datasets/chinook/ChinookData.json',
);

/** The two hex digits naming each entity inside its deterministic ObjectIds. */
const ENTITY_CODES = {
  genre: '01',
  media_type: '02',
  artist: '03',
  album: '04',
  track: '05',
  employee: '06',
  customer: '07',
  invoice: '08',
  playlist: '09',
} as const;

/** A collection of the Chinook documents. */
export type ChinookCollection = keyof typeof ENTITY_CODES;

/**
 * The ObjectId of a Chinook row: deterministic, so tests can name documents.
 *
 * @example
 * chinookId('track', 1) // ObjectId('650000000005000000000001')
 */
export function chinookId(collection: ChinookCollection, id: number): ObjectId {
  return ObjectId.createFromHexString(
    `65000000${ENTITY_CODES[collection]}${id.toString(16).padStart(14, '0')}`,
  );
}

let cached: ChinookData | undefined;

/** The Chinook rows, as the dataset file holds them. */
export function chinookData(): ChinookData {
  cached ??= JSON.parse(readFileSync(DATA_FILE, 'utf8')) as ChinookData;
  return cached;
}

function rows(name: string): ChinookRow[] {
  return chinookData()[name] ?? [];
}

function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** A document of a row: camelCased fields, SQL NULLs left out, `convert` for the special ones. */
function documentOf(
  row: ChinookRow,
  convert: Record<string, ((value: string | number) => unknown) | null>,
): Document {
  const document: Document = {};
  for (const [key, value] of Object.entries(row)) {
    // The dataset file writes most of the SQL Chinook's NULLs as "" (composers, fax numbers...).
    if (value === null || value === '') continue;
    const converter = convert[key];
    if (converter === null) continue;
    document[camel(key)] = converter ? converter(value) : value;
  }
  return document;
}

const decimal = (value: string | number) => Decimal128.fromString(String(value));
const date = (value: string | number) => new Date(`${value}Z`);
const ref = (collection: ChinookCollection) => (value: string | number) =>
  chinookId(collection, Number(value));

/** The documents of every collection. */
export function chinookDocuments(): Record<ChinookCollection, Document[]> {
  const linesByInvoice = new Map<number, Document[]>();
  for (const line of rows('InvoiceLine')) {
    const lines = linesByInvoice.get(Number(line.InvoiceId)) ?? [];
    lines.push(documentOf(line, { InvoiceId: null, TrackId: ref('track'), UnitPrice: decimal }));
    linesByInvoice.set(Number(line.InvoiceId), lines);
  }
  const tracksByPlaylist = new Map<number, ObjectId[]>();
  for (const entry of rows('PlaylistTrack')) {
    const tracks = tracksByPlaylist.get(Number(entry.PlaylistId)) ?? [];
    tracks.push(chinookId('track', Number(entry.TrackId)));
    tracksByPlaylist.set(Number(entry.PlaylistId), tracks);
  }
  const load = (
    name: string,
    collection: ChinookCollection,
    key: string,
    convert: Parameters<typeof documentOf>[1] = {},
    extra: (row: ChinookRow) => Document = () => ({}),
  ): Document[] =>
    rows(name).map((row) => ({
      _id: chinookId(collection, Number(row[key])),
      ...documentOf(row, convert),
      ...extra(row),
    }));
  return {
    genre: load('Genre', 'genre', 'GenreId'),
    media_type: load('MediaType', 'media_type', 'MediaTypeId'),
    artist: load('Artist', 'artist', 'ArtistId'),
    album: load('Album', 'album', 'AlbumId', { ArtistId: ref('artist') }),
    track: load('Track', 'track', 'TrackId', {
      AlbumId: ref('album'),
      MediaTypeId: ref('media_type'),
      GenreId: ref('genre'),
      UnitPrice: decimal,
    }),
    employee: load('Employee', 'employee', 'EmployeeId', {
      ReportsTo: ref('employee'),
      BirthDate: date,
      HireDate: date,
    }),
    customer: load(
      'Customer',
      'customer',
      'CustomerId',
      {
        SupportRepId: ref('employee'),
        Address: null,
        City: null,
        State: null,
        Country: null,
        PostalCode: null,
      },
      (row) => ({
        address: documentOf(
          {
            street: row.Address ?? null,
            city: row.City ?? null,
            state: row.State ?? null,
            country: row.Country ?? null,
            postalCode: row.PostalCode ?? null,
          },
          {},
        ),
      }),
    ),
    invoice: load(
      'Invoice',
      'invoice',
      'InvoiceId',
      { CustomerId: ref('customer'), InvoiceDate: date, Total: decimal },
      (row) => ({ lines: linesByInvoice.get(Number(row.InvoiceId)) ?? [] }),
    ),
    playlist: load('Playlist', 'playlist', 'PlaylistId', {}, (row) => ({
      trackIds: tracksByPlaylist.get(Number(row.PlaylistId)) ?? [],
    })),
  };
}

/** Loads every Chinook collection into `db` (dropping what was there), with a unique index on each Chinook number. */
export async function loadChinook(db: Db): Promise<void> {
  const documents = chinookDocuments();
  for (const [collection, docs] of Object.entries(documents)) {
    await db
      .collection(collection)
      .drop()
      .catch(() => false);
    await db.createCollection(collection);
    if (docs.length > 0) await db.collection(collection).insertMany(docs, { ordered: true });
  }
  // The Chinook number of each document is unique, as its SQL key is.
  for (const [collection, key] of [
    ['genre', 'genreId'],
    ['media_type', 'mediaTypeId'],
    ['artist', 'artistId'],
    ['album', 'albumId'],
    ['track', 'trackId'],
    ['employee', 'employeeId'],
    ['customer', 'customerId'],
    ['invoice', 'invoiceId'],
    ['playlist', 'playlistId'],
  ] as const) {
    await db.collection(collection).createIndex({ [key]: 1 }, { unique: true, name: `${key}_unique` });
  }
}
