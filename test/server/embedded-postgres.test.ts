import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { demoDataArchivePath } from '../../src/server/embedded/demo-data-archive.js';
import { EMBEDDED_POOL_SIZE, startEmbeddedPostgres } from '../../src/server/embedded/embedded-postgres.js';

const folders: string[] = [];
function newDataDir(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'discograph-demo-test-'));
  folders.push(folder);
  return folder;
}
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const pool = new pg.Pool({ connectionString: url, max: EMBEDDED_POOL_SIZE });
  try {
    return (await pool.query<T>(sql)).rows;
  } finally {
    await pool.end();
  }
}

describe('the embedded demo database', () => {
  it('serves the demo library over the PostgreSQL protocol to the plain pg driver, unpacked from the build’s archive on a first start and reopened persisted on the next', async () => {
    expect(demoDataArchivePath(), 'the build writes dist/demo/ (npm run build)').toBeDefined();
    const dataDir = newDataDir();
    const first = await startEmbeddedPostgres({ dataDir });
    try {
      expect(first.origin).toBe('unpacked');
      const [counts] = await query<{ books: number; loans: number; links: number }>(
        first.url,
        'select (select count(*) from book)::int as books, (select count(*) from loan)::int as loans, (select count(*) from book_author)::int as links',
      );
      expect(counts).toEqual({ books: 150, loans: 300, links: 199 });
      const views = await query<{ n: number }>(first.url, 'select count(*)::int as n from book_summary');
      expect(views[0]?.n).toBe(150);
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedPostgres({ dataDir });
    try {
      expect(second.origin).toBe('reopened');
      const enums = await query<{ v: string }>(
        second.url,
        'select unnest(enum_range(null::loan_status))::text as v',
      );
      expect(enums.map((row) => row.v)).toEqual(['active', 'returned', 'overdue']);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it('creates the demo from its SQL when there is no archive, with the same rows', async () => {
    const embedded = await startEmbeddedPostgres({ dataDir: newDataDir(), archivePath: null });
    try {
      expect(embedded.origin).toBe('created');
      const [counts] = await query<{ books: number; loans: number }>(
        embedded.url,
        'select (select count(*) from book)::int as books, (select count(*) from loan)::int as loans',
      );
      expect(counts).toEqual({ books: 150, loans: 300 });
    } finally {
      await embedded.stop();
    }
  }, 60_000);
});
