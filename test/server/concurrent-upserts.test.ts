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
import {
  createMysqlDatabase,
  createPgDatabase,
  dropMysqlDatabase,
  dropPgDatabase,
  runMysqlSql,
  runPgSql,
} from '../support/databases.js';

const DATABASE = 'concurrent_upserts';

async function prepare(kind: 'postgresql' | 'mysql'): Promise<string> {
  if (kind === 'postgresql') {
    const url = await createPgDatabase(DATABASE);
    await runPgSql(
      url,
      'CREATE TABLE tally (id int PRIMARY KEY, label text NOT NULL, hits int NOT NULL DEFAULT 0)',
    );
    return url;
  }
  const url = await createMysqlDatabase(DATABASE);
  await runMysqlSql(
    url,
    'CREATE TABLE tally (id int PRIMARY KEY, label varchar(50) NOT NULL, hits int NOT NULL DEFAULT 0)',
  );
  return url;
}

describe.each(['postgresql', 'mysql'] as const)('concurrent upserts on %s', (kind) => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({
      ...DEFAULT_CONFIG,
      databaseUrl: await prepare(kind),
      port: 0,
      poolSize: 20,
      cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-upserts-')),
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await (kind === 'postgresql' ? dropPgDatabase(DATABASE) : dropMysqlDatabase(DATABASE));
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
