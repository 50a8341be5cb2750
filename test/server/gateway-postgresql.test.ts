import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSchemaCache } from '../../src/cache/schema-cache.js';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import { DEFAULT_CONFIG, type GatewayConfig } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { CHINOOK_PG_URL, runPgSql } from '../support/databases.js';
import type { ResponseData } from '../support/json.js';

function configFor(overrides: Partial<GatewayConfig>): GatewayConfig {
  return {
    ...DEFAULT_CONFIG,
    port: 0,
    cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-gateway-cache-')),
    ...overrides,
  };
}

async function post(url: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as ResponseData,
  };
}

describe('the gateway on PostgreSQL Chinook', () => {
  let gateway: RunningGateway;
  const statements: StatementEvent[] = [];

  beforeAll(async () => {
    gateway = await startGateway(configFor({ databaseUrl: CHINOOK_PG_URL, hideColumns: ['*.email'] }), {
      onSource: (source) => source.dataSource.connector?.observeStatements((event) => statements.push(event)),
    });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('discovers the schema in a few catalog statements', () => {
    // At most five for discovery, and one for the tables' row estimates (the cost limit's statistics).
    expect(statements.length).toBeLessThanOrEqual(6);
  });

  it('answers the nested album query with the same data as plain SQL', async () => {
    const { status, type, body } = await post(
      gateway.url,
      '{ albums(limit: 3) { albumId title artist { name } tracks { name genre { name } } } }',
    );
    expect(status).toBe(200);
    expect(type).toContain('application/graphql-response+json');
    const sql = await runPgSql(
      CHINOOK_PG_URL,
      `select a.album_id, a.title, ar.name as artist,
              (select json_agg(json_build_object('name', t.name, 'genre', g.name) order by t.track_id)
                 from track t left join genre g on g.genre_id = t.genre_id where t.album_id = a.album_id) as tracks
         from album a join artist ar on ar.artist_id = a.artist_id order by a.album_id limit 3`,
    );
    expect(body.data.albums).toEqual(
      sql.rows.map((row) => ({
        albumId: row.album_id,
        title: row.title,
        artist: { name: row.artist },
        tracks: (row.tracks as { name: string; genre: string | null }[]).map((track) => ({
          name: track.name,
          genre: track.genre === null ? null : { name: track.genre },
        })),
      })),
    );
  });

  it('hides configured columns from the schema', async () => {
    const { body } = await post(gateway.url, '{ customers(limit: 1) { email } }');
    expect(body.errors?.[0]?.message).toMatch(/Cannot query field "email" on type "Customer"/);
  });

  it('rejects a malformed query with a GraphQL error and no database statement', async () => {
    const before = statements.length;
    const { status, body } = await post(
      gateway.url,
      '{ tracks(where: {unitPrice: {gt: "cheap"}}) { name } }',
    );
    expect(status).toBe(400);
    expect(body.errors[0].message).toMatch(/Decimal/);
    expect(statements.length).toBe(before);
  });

  it('serves GraphiQL with an example query over the discovered schema to a browser', async () => {
    const page = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('GraphiQL');
    expect(html).toMatch(/Discograph generated this API from your database\./);
    expect(html).toMatch(/\(limit: 5\)/);
  });

  it('is ready while the database answers', async () => {
    const base = gateway.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ ready: true });
  });
});

describe('the gateway started by discovery beside a schema cache that differs', () => {
  it('answers first, then logs how the database differs from the cache', async () => {
    const config = configFor({ databaseUrl: CHINOOK_PG_URL });
    writeSchemaCache(config.cacheDir, {
      source: { connector: 'postgresql', database: 'chinook' },
      options: {},
      definitions: [{ name: 'Ghost', options: {}, properties: { id: { type: 'Number', id: 1 } } }],
    });
    const lines: string[] = [];
    const gateway = await startGateway(config, { log: (line) => lines.push(line) });
    try {
      expect(lines.some((line) => line.includes('differs from the schema cache'))).toBe(false);
      const { body } = await post(gateway.url, '{ __typename }');
      expect(body.data).toEqual({ __typename: 'Query' });
      const deadline = Date.now() + 5000;
      while (!lines.some((line) => line.includes('differs')) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const drift = lines.find((line) => line.includes('differs from the schema cache'));
      expect(drift).toMatch(/Ghost/);
      expect(lines.indexOf(drift as string)).toBeGreaterThan(
        lines.findIndex((line) => line.includes('ready in')),
      );
    } finally {
      await gateway.stop();
    }
  });
});
