import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { CHINOOK_MYSQL_URL, runMysqlSql } from '../support/databases.js';
import type { ResponseData } from '../support/json.js';

let gateway: RunningGateway;
beforeAll(async () => {
  gateway = await startGateway({
    ...DEFAULT_CONFIG,
    databaseUrl: CHINOOK_MYSQL_URL,
    port: 0,
    cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-gateway-mysql-')),
  });
});
afterAll(async () => {
  await gateway?.stop();
});

async function post(query: string) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: ResponseData; errors?: unknown };
}

describe('the gateway on MariaDB Chinook', () => {
  it('walks customer → invoices → lines → track → album → artist as plain SQL does', async () => {
    const { data, errors } = await post(
      '{ customer(customerId: 1) { firstName invoices { total invoiceLines { quantity track { name album { title artist { name } } } } } } }',
    );
    expect(errors).toBeUndefined();
    const rows = (await runMysqlSql(
      CHINOOK_MYSQL_URL,
      `select i.InvoiceId as invoice, i.Total as total, l.Quantity as quantity, t.Name as track, a.Title as album, ar.Name as artist
         from Invoice i join InvoiceLine l on l.InvoiceId = i.InvoiceId join Track t on t.TrackId = l.TrackId
         join Album a on a.AlbumId = t.AlbumId join Artist ar on ar.ArtistId = a.ArtistId
        where i.CustomerId = 1 order by i.InvoiceId, l.InvoiceLineId`,
    )) as {
      invoice: number;
      total: string;
      quantity: number;
      track: string;
      album: string;
      artist: string;
    }[];
    const flattened = data.customer.invoices.flatMap((invoice: ResponseData) =>
      invoice.invoiceLines.map((line: ResponseData) => [
        invoice.total,
        line.quantity,
        line.track.name,
        line.track.album.title,
        line.track.album.artist.name,
      ]),
    );
    expect(data.customer.firstName).toBe('Luís');
    expect(flattened).toEqual(rows.map((row) => [row.total, row.quantity, row.track, row.album, row.artist]));
  });

  it('names PascalCase tables and columns the GraphQL way', async () => {
    const { data } = await post(
      '{ invoiceLines(limit: 1, order: [INVOICE_LINE_ID_ASC]) { invoiceLineId unitPrice track { mediaType { name } } } }',
    );
    expect(data.invoiceLines).toEqual([
      { invoiceLineId: 1, unitPrice: '0.99', track: { mediaType: { name: 'Protected AAC audio file' } } },
    ]);
  });

  it('serves GraphiQL to a browser', async () => {
    const html = await (await fetch(gateway.url, { headers: { accept: 'text/html' } })).text();
    expect(html).toMatch(/Discograph generated this API from your database\./);
  });
});
