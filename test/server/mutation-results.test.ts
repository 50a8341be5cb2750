/**
 * What a document with several mutation fields answers, on both executors (graphql-jit and
 * graphql-js, which both run mutation fields one after another) and through yoga's HTTP handling:
 * - by default each field is its own unit: one that fails answers null with its error, the
 *   others keep their data, and their rows are written;
 * - `mutation @atomic` is all or nothing: one transaction, rolled back on the first error, the
 *   fields after it not run, and every field's answer saying it wrote nothing.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { createPgDatabase, dropPgDatabase, runPgSql } from '../support/databases.js';
import { sqlTestDatabases } from '../support/sql-test-databases.js';

const DATABASE = 'mutation_results';

const DIALECTS = sqlTestDatabases(DATABASE, {
  postgresql:
    'CREATE TABLE note (id int PRIMARY KEY, title text NOT NULL, stars int NOT NULL DEFAULT 0 CHECK (stars <= 5))',
  mysql:
    'CREATE TABLE note (id int PRIMARY KEY, title varchar(50) NOT NULL, stars int NOT NULL DEFAULT 0 CHECK (stars <= 5))',
});

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

describe.each(DIALECTS)('mutation results on $kind', (dialect) => {
  let url: string;
  const gateways: Record<'graphql-jit' | 'graphql-js' | 'yoga', RunningGateway> = {} as never;

  beforeAll(async () => {
    url = await dialect.create();
    const config = (jit: boolean, httpFastPath = true) => ({
      ...DEFAULT_CONFIG,
      databaseUrl: url,
      port: 0,
      jit,
      httpFastPath,
      cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-mutation-results-')),
    });
    gateways['graphql-jit'] = await startGateway(config(true));
    gateways['graphql-js'] = await startGateway(config(false));
    // Every request answered by graphql-yoga's HTTP handling (the same pipeline behind it).
    gateways.yoga = await startGateway(config(true, false));
    await gateways['graphql-jit'].http.operations.loadJit();
  });

  afterAll(async () => {
    await gateways['graphql-jit']?.stop();
    await gateways['graphql-js']?.stop();
    await gateways.yoga?.stop();
    await dialect.drop();
  });

  beforeEach(async () => {
    await dialect.sql(url, 'DELETE FROM note');
  });

  const titles = async () =>
    (await dialect.sql(url, 'SELECT title FROM note ORDER BY id')).map((row) => row.title);

  describe.each(['graphql-jit', 'graphql-js', 'yoga'] as const)('on %s', (engine) => {
    const post = async (query: string): Promise<Answer> => {
      const response = await fetch(gateways[engine].url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as Answer;
    };
    const codes = (answer: Answer) =>
      Object.fromEntries((answer.errors ?? []).map((error) => [error.path?.[0], error.extensions?.code]));

    it('answers each field on its own: a failed second field is null with its error, the first and third keep their data and rows', async () => {
      const answer = await post(`mutation {
        a: createNote(data: { id: 1, title: "first" }) { id title }
        b: createNote(data: { id: 2, title: "too many", stars: 9 }) { id }
        c: createNote(data: { id: 3, title: "third" }) { id title }
      }`);
      expect(answer.data).toEqual({ a: { id: 1, title: 'first' }, b: null, c: { id: 3, title: 'third' } });
      expect(codes(answer)).toEqual({ b: 'BAD_USER_INPUT' });
      expect(await titles()).toEqual(['first', 'third']);
    });

    it('answers a field that fails validation (before any SQL) as null, keeping the others', async () => {
      await post('mutation { createNote(data: { id: 1, title: "taken" }) { id } }');
      const answer = await post(`mutation {
        a: updateNote(id: 1, data: { title: "renamed" }) { title }
        b: updateNote(id: 99, data: { title: "nobody" }) { title }
      }`);
      expect(answer.data).toEqual({ a: { title: 'renamed' }, b: null });
      expect(codes(answer)).toEqual({ b: 'NOT_FOUND' });
      expect(await titles()).toEqual(['renamed']);
    });

    it('@atomic: commits every field when all succeed, later fields seeing the earlier writes', async () => {
      const answer = await post(`mutation Both @atomic {
        a: createNote(data: { id: 1, title: "draft" }) { id title }
        b: updateNote(id: 1, data: { title: "final", stars: 4 }) { id title stars }
        c: createNote(data: { id: 2, title: "second" }) { id }
      }`);
      expect(answer).toEqual({
        data: { a: { id: 1, title: 'draft' }, b: { id: 1, title: 'final', stars: 4 }, c: { id: 2 } },
      });
      expect(await titles()).toEqual(['final', 'second']);
    });

    it('@atomic: a failing second field rolls back the first (ROLLED_BACK, ran), does not run the third (ROLLED_BACK, not run), and writes nothing', async () => {
      const answer = await post(`mutation Three @atomic {
        a: createNote(data: { id: 1, title: "first" }) { id title }
        b: createNote(data: { id: 2, title: "too many", stars: 9 }) { id }
        c: createNote(data: { id: 3, title: "third" }) { id title }
      }`);
      expect(answer.data).toEqual({ a: null, b: null, c: null });
      expect(codes(answer)).toEqual({ a: 'ROLLED_BACK', b: 'BAD_USER_INPUT', c: 'ROLLED_BACK' });
      const byField = Object.fromEntries((answer.errors ?? []).map((error) => [error.path?.[0], error]));
      expect(byField.a?.extensions?.details).toEqual({ failedField: 'b', ran: true });
      expect(byField.c?.extensions?.details).toEqual({ failedField: 'b', ran: false });
      expect(byField.a?.message).toMatch(/^Rolled back: the field `b` of this atomic mutation failed/);
      expect(byField.c?.message).toMatch(/^Not run: the field `b` of this atomic mutation failed/);
      expect(await titles()).toEqual([]);
    });

    it('@atomic: a failing first field leaves every later field not run, errors in document order', async () => {
      const answer = await post(`mutation @atomic {
        a: updateNote(id: 99, data: { title: "nobody" }) { title }
        b: createNote(data: { id: 1, title: "first" }) { id }
        c: createNote(data: { id: 2, title: "second" }) { id }
      }`);
      expect(answer.data).toEqual({ a: null, b: null, c: null });
      expect(
        answer.errors?.map((error) => [error.path?.[0], error.extensions?.code, error.extensions?.details]),
      ).toEqual([
        ['a', 'NOT_FOUND', undefined],
        ['b', 'ROLLED_BACK', { failedField: 'a', ran: false }],
        ['c', 'ROLLED_BACK', { failedField: 'a', ran: false }],
      ]);
      expect(await titles()).toEqual([]);
    });

    it('@atomic: a field refused before any SQL (not found) still rolls back the write before it', async () => {
      const answer = await post(`mutation @atomic {
        a: createNote(data: { id: 1, title: "first" }) { id }
        b: updateNote(id: 99, data: { title: "nobody" }) { title }
      }`);
      expect(answer.data).toEqual({ a: null, b: null });
      expect(codes(answer)).toEqual({ a: 'ROLLED_BACK', b: 'NOT_FOUND' });
      expect(await titles()).toEqual([]);
    });
  });

  it('refuses @atomic on a query (the directive is declared for mutations only)', async () => {
    const response = await fetch(gateways['graphql-jit'].url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query @atomic { notesCount }' }),
    });
    const answer = (await response.json()) as Answer;
    expect(answer.errors?.[0]?.message).toBe('Directive "@atomic" may not be used on QUERY.');
  });

  it('declares @atomic and nullable mutation payloads in the served SDL', () => {
    const sdl = gateways['graphql-js'].schema.sdl;
    expect(sdl).toContain('directive @atomic on MUTATION');
    expect(sdl).toMatch(/createNote\(data: NoteCreateInput!\): Note\n/);
    expect(sdl).toMatch(/updateNote\(data: NoteUpdateInput!, id: Int!\): Note\n/);
  });
});

// Only PostgreSQL defers constraints to the COMMIT (MySQL/MariaDB check each statement at once).
describe('a COMMIT that fails, on postgresql', () => {
  const DEFERRED = 'mutation_results_commit';
  let gateway: RunningGateway;
  let url: string;

  beforeAll(async () => {
    url = await createPgDatabase(DEFERRED);
    await runPgSql(
      url,
      `CREATE TABLE shelf (id int PRIMARY KEY);
       CREATE TABLE book (id int PRIMARY KEY, shelf_id int NOT NULL
         REFERENCES shelf (id) DEFERRABLE INITIALLY DEFERRED)`,
    );
    gateway = await startGateway({
      ...DEFAULT_CONFIG,
      databaseUrl: url,
      port: 0,
      cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-mutation-commit-')),
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await dropPgDatabase(DEFERRED);
  });

  it('@atomic: answers every field ROLLED_BACK with the commit’s own error, never the data it would have written', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation @atomic {
          shelf: createShelf(data: { id: 1 }) { id }
          book: createBook(data: { id: 1, shelfId: 99 }) { id }
        }`,
      }),
    });
    const answer = (await response.json()) as Answer;
    expect(answer.data).toEqual({ shelf: null, book: null });
    const codes = (answer.errors ?? []).map((error) => [error.path?.[0] ?? null, error.extensions?.code]);
    expect(codes).toEqual([
      ['shelf', 'ROLLED_BACK'],
      ['book', 'ROLLED_BACK'],
      [null, 'CONFLICT'],
    ]);
    expect(answer.errors?.[0]?.extensions?.details).toEqual({ commitFailed: true, reason: 'CONFLICT' });
    expect((await runPgSql(url, 'SELECT count(*)::int AS n FROM shelf')).rows).toEqual([{ n: 0 }]);
  });
});
