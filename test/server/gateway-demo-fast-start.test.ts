/**
 * `npm start` with no database: the gateway builds the demo's schema from the committed cache
 * (schema-cache/demo/) and listens at once, while PGlite opens in the background.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const demoDir = mkdtempSync(path.join(os.tmpdir(), 'discograph-demo-fast-'));
const log: string[] = [];
let gateway: RunningGateway;

beforeAll(async () => {
  process.env.DISCOGRAPH_DEMO_DIR = demoDir;
  gateway = await startGateway(
    { ...DEFAULT_CONFIG, port: 0, cacheDir: path.join(root, 'schema-cache', 'demo') },
    { log: (line) => log.push(line) },
  );
}, 60_000);
afterAll(async () => {
  await gateway?.stop();
  rmSync(demoDir, { recursive: true, force: true });
});

describe('a start with no database configured and the demo’s cache', () => {
  it('listens from the cache before the demo database has opened, and reports not ready until it has', async () => {
    expect(log.join('\n')).toMatch(/7 models, \d+ relations from the schema cache in .*schema-cache\/demo/);
    expect(log.join('\n')).not.toMatch(/embedded demo database (created|reopened|unpacked)/);
    const base = gateway.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    const page = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
  });

  it('answers the schema’s own fields (GraphiQL’s schema fetch) at once while the demo database opens', async () => {
    const base = gateway.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename __schema { queryType { name } mutationType { name } } }' }),
    });
    const body = (await response.json()) as { data?: { __schema: { queryType: { name: string } } } };
    expect(body.data?.__schema.queryType.name).toBe('Query');
    // Answered before the database opened (a read would still be waiting for it).
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
  });

  it('holds a query sent while the demo database opens, and answers it once it has', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ books(limit: 2, order: [BOOK_ID_ASC]) { bookId publisher { name } } }',
      }),
    });
    const body = (await response.json()) as { data?: { books: unknown[] }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.books).toHaveLength(2);
    expect(log.join('\n')).toMatch(/embedded demo database unpacked in \d+ ms: ready/);
    expect(log.join('\n')).not.toMatch(/internal error|cannot reach/);
    const base = gateway.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  }, 180_000);
});
