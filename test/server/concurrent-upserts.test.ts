/**
 * Concurrent upserts of one new key: each is the database's own upsert (`INSERT … ON CONFLICT …
 * DO UPDATE` / `ON DUPLICATE KEY UPDATE`), so all succeed and one row results — no
 * `CONFLICT/UNIQUE_VIOLATION` from a find-then-insert race.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { sqlTestDatabases } from '../support/sql-test-databases.js';

const DIALECTS = sqlTestDatabases('concurrent_upserts', {
  postgresql: 'CREATE TABLE tally (id int PRIMARY KEY, label text NOT NULL, hits int NOT NULL DEFAULT 0)',
  mysql: 'CREATE TABLE tally (id int PRIMARY KEY, label varchar(50) NOT NULL, hits int NOT NULL DEFAULT 0)',
});

describe.each(DIALECTS)('concurrent upserts on $kind', (dialect) => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({
      ...DEFAULT_CONFIG,
      databaseUrl: await dialect.create(),
      port: 0,
      poolSize: 20,
      cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-upserts-')),
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await dialect.drop();
  });

  it('answers all of 20 concurrent upserts of one new id, leaving one row', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, index) => {
        const response = await fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query:
              'mutation ($label: String!) { upsertTally(data: { id: 7, label: $label, hits: 1 }) { id label } }',
            variables: { label: `writer ${index}` },
          }),
        });
        return (await response.json()) as { data?: unknown; errors?: unknown[] };
      }),
    );
    expect(answers.filter((answer) => answer.errors)).toEqual([]);
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ talliesCount }' }),
    });
    expect(await response.json()).toEqual({ data: { talliesCount: 1 } });
  });
});
