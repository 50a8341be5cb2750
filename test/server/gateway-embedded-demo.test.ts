import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import type { ResponseData } from '../support/json.js';

const demoDir = mkdtempSync(path.join(os.tmpdir(), 'discograph-demo-gateway-'));
let gateway: RunningGateway;
const log: string[] = [];

beforeAll(async () => {
  process.env.DISCOGRAPH_DEMO_DIR = demoDir;
  gateway = await startGateway(
    { ...DEFAULT_CONFIG, port: 0, cacheDir: path.join(demoDir, 'cache') },
    { log: (line) => log.push(line) },
  );
}, 60_000);
afterAll(async () => {
  await gateway?.stop();
  rmSync(demoDir, { recursive: true, force: true });
});

async function query(source: string, options: { operationName?: string } = {}) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: source, ...options }),
  });
  return (await response.json()) as { data?: ResponseData; errors?: unknown[] };
}

describe('the gateway with no database configured', () => {
  it('serves the embedded demo library, discovered like any PostgreSQL database', () => {
    expect(log.join('\n')).toMatch(/no DATABASE_URL configured: starting the embedded demo database/);
    expect(log.join('\n')).toMatch(/7 models, \d+ relations by discovery of the embedded demo database/);
  });

  it('answers many-to-one, one-to-many and many-to-many relations, enums and the view', async () => {
    const result = await query(`{
      book(bookId: 3) { title genre publisher { name } authors { fullName } loans(limit: 1) { status } }
      bookSummaries(limit: 1, order: [BOOK_ID_ASC]) { bookId title authorCount }
      publishersCount
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.book).toMatchObject({
      title: 'Their Golden Letters',
      genre: 'HISTORY',
      publisher: { name: 'Harbor Lane Books' },
    });
    expect(result.data.book.authors).toHaveLength(2);
    expect(result.data.bookSummaries).toEqual([{ bookId: 1, title: 'A Glass Voyage', authorCount: 1 }]);
    expect(result.data.publishersCount).toBe(8);
  });

  it('discovers the schema committed in schema-cache/demo/, which a start without discovery serves', () => {
    const committed = readFileSync(
      new URL('../../schema-cache/demo/schema.graphql', import.meta.url),
      'utf8',
    );
    expect(`${gateway.schema.sdl}\n`).toBe(committed);
  });

  it('offers no mutations on the view', async () => {
    const result = await query('mutation { createBookSummary(data: {title: "x"}) { title } }');
    expect((result.errors as { message: string }[])[0]?.message).toMatch(
      /Cannot query field "createBookSummary"/,
    );
  });

  it('opens GraphiQL, with the Explorer open, on an example query and an example mutation that run', async () => {
    const html = await (await fetch(gateway.url, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('"visiblePlugin":"GraphiQL Explorer"');
    expect(html).toContain('title:"GraphiQL Explorer"');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="https?:/);
    const match = /defaultQuery":"((?:[^"\\]|\\.)*)"/.exec(html);
    expect(match).not.toBeNull();
    const example = JSON.parse(`"${match?.[1]}"`) as string;
    const names = [...example.matchAll(/^(query|mutation) (\w+)/gm)].map(
      (found) => `${found[1]} ${found[2]}`,
    );
    expect(names).toEqual(['query Books', 'mutation CreateAuthor']);
    const read = await query(example, { operationName: 'Books' });
    expect(read.errors).toBeUndefined();
    expect(Object.values(read.data)[0]).toHaveLength(5);
    const written = await query(example, { operationName: 'CreateAuthor' });
    expect(written.errors).toBeUndefined();
    expect(written.data.createAuthor).toMatchObject({ fullName: 'Example fullName' });
  });
});
