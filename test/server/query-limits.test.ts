import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDocumentLimits } from '../../src/graphql/limits/document-limits.js';
import { parseWithinLimits } from '../../src/graphql/limits/parse-document.js';
import { DEFAULT_QUERY_LIMITS } from '../../src/graphql/limits/query-limits.js';
import { CHINOOK_MYSQL_URL, CHINOOK_PG_URL } from '../support/databases.js';
import {
  firstError,
  type LimitsGateway,
  postGraphQL,
  startLimitsGateway,
} from '../support/limits-gateway.js';

/** album → tracks → album … `levels` relation levels deep under `albums(limit: 1)`. */
function relationBomb(levels: number): string {
  let body = 'title';
  for (let level = 0; level < levels; level += 1)
    body = level % 2 === 0 ? `album { title ${body} }` : `tracks { name ${body} }`;
  return `{ albums(limit: 1) { tracks { name ${body} } } }`;
}

/** `levels` fragments, each selecting two aliases of `tracks(limit: 2)` that spread the next one. */
function fragmentFanOut(levels: number): string {
  const fragments: string[] = [];
  for (let level = 1; level <= levels; level += 1) {
    const next = level < levels ? `genre { ...F${level + 1} }` : 'name';
    fragments.push(
      `fragment F${level} on Genre { a: tracks(limit: 2) { ${next} } b: tracks(limit: 2) { ${next} } }`,
    );
  }
  return `{ genres(limit: 2) { ...F1 } } ${fragments.join(' ')}`;
}

function nestedWhere(levels: number): string {
  let where = '{ trackId: { eq: 1 } }';
  for (let level = 0; level < levels; level += 1) where = `{ and: [${where}] }`;
  return where;
}

/** The JSON text of a where variable nested `levels` deep (JSON.stringify would overflow the stack). */
function nestedWhereJson(levels: number): string {
  return `${'{"or":['.repeat(levels)}{"trackId":{"eq":1}}${']}'.repeat(levels)}`;
}

const CHEAP = '{ genres(limit: 1) { name } }';

/** "Quickly": the bombs took minutes and gigabytes before; the bound leaves room for a loaded CI machine. */
const QUICKLY_MS = 2_000;

describe.each([
  ['PostgreSQL', CHINOOK_PG_URL],
  ['MariaDB', CHINOOK_MYSQL_URL],
])('query limits on %s', (_name, url) => {
  let started: LimitsGateway;
  let endpoint: string;

  beforeAll(async () => {
    started = await startLimitsGateway(url);
    endpoint = started.gateway.url;
    // Answers with errors are written by yoga: loaded now, so that timings measure the limits.
    await started.gateway.http.yoga();
    await postGraphQL(endpoint, '{ nothing }');
  });
  afterAll(async () => {
    await started?.gateway.stop();
  });

  /** The statements sent while `run` ran. */
  async function statementsDuring(run: () => Promise<unknown>): Promise<number> {
    const before = started.statements.length;
    await run();
    return started.statements.length - before;
  }

  it('refuses a relation query 14 levels deep quickly, reading nothing, and keeps answering', async () => {
    let answer = await postGraphQL(endpoint, CHEAP);
    const sent = await statementsDuring(async () => {
      answer = await postGraphQL(endpoint, relationBomb(14));
    });
    expect(firstError(answer)).toMatchObject({ code: 'DEPTH_LIMIT_EXCEEDED', limit: 10 });
    expect(firstError(answer).actual).toBeGreaterThan(10);
    expect(answer.body.data).toBeUndefined();
    expect(answer.ms).toBeLessThan(QUICKLY_MS);
    expect(sent).toBe(0);
    expect((await postGraphQL(endpoint, CHEAP)).body.data.genres).toHaveLength(1);
  });

  it('refuses a fragment fan-out (12 levels × 2 aliases of tracks(limit: 2)) quickly', async () => {
    const answer = await postGraphQL(endpoint, fragmentFanOut(12));
    expect(['DEPTH_LIMIT_EXCEEDED', 'ALIAS_LIMIT_EXCEEDED']).toContain(firstError(answer).code);
    expect(answer.ms).toBeLessThan(QUICKLY_MS);
    const aliases = await postGraphQL(endpoint, fragmentFanOut(5));
    expect(aliases.body.errors?.map((error: { extensions: unknown }) => error.extensions)).toContainEqual({
      code: 'ALIAS_LIMIT_EXCEEDED',
      limit: 30,
      actual: 2 + 4 + 8 + 16 + 32,
    });
  });

  it('counts depth with fragments expanded, and lets 10 levels through', async () => {
    const ten =
      '{ invoiceLines(limit: 1) { track { album { artist { albums(limit: 1) { tracks(limit: 1) { genre { tracks(limit: 1) { mediaType { name } } } } } } } } } }';
    expect((await postGraphQL(endpoint, ten)).body.errors).toBeUndefined();
    const eleven = `{ invoiceLines(limit: 1) { ...L } } fragment L on InvoiceLine { track { album { artist { albums(limit: 1) { tracks(limit: 1) { genre { tracks(limit: 1) { mediaType { tracks(limit: 1) { name } } } } } } } } } }`;
    expect(firstError(await postGraphQL(endpoint, eleven))).toEqual({
      code: 'DEPTH_LIMIT_EXCEEDED',
      limit: 10,
      actual: 11,
    });
  });

  it('refuses more than 30 aliases and more than 20 root fields', async () => {
    const aliases = Array.from({ length: 31 }, (_, index) => `a${index}: genres(limit: 1) { name }`).join(
      ' ',
    );
    expect(firstError(await postGraphQL(endpoint, `{ ${aliases} }`))).toEqual({
      code: 'ALIAS_LIMIT_EXCEEDED',
      limit: 30,
      actual: 31,
    });
    const roots = Array.from({ length: 21 }, () => '__typename').join(' ');
    expect(firstError(await postGraphQL(endpoint, `{ ${roots} }`))).toEqual({
      code: 'ROOT_FIELD_LIMIT_EXCEEDED',
      limit: 20,
      actual: 21,
    });
  });

  it('refuses a document over 50,000 bytes and one over 5,000 tokens', async () => {
    const padded = `${CHEAP}\n#${'x'.repeat(50_000)}`;
    const large = await postGraphQL(endpoint, padded);
    expect(firstError(large)).toEqual({
      code: 'DOCUMENT_TOO_LARGE',
      limit: 50_000,
      actual: Buffer.byteLength(padded),
    });
    const tokens = `{ genres(limit: 1) { ${Array.from({ length: 5_000 }, () => 'name').join(' ')} } }`;
    expect(firstError(await postGraphQL(endpoint, tokens))).toEqual({
      code: 'TOKEN_LIMIT_EXCEEDED',
      limit: 5_000,
      actual: 5_000 + 10,
    });
  });

  it('refuses an inq list over 1,000 values, literal or variable', async () => {
    const ids = Array.from({ length: 1_001 }, (_, index) => index + 1);
    const literal = await postGraphQL(
      endpoint,
      `{ tracks(where: { trackId: { inq: [${ids.join(',')}] } }) { name } }`,
    );
    expect(firstError(literal)).toMatchObject({ code: 'LIST_TOO_LONG', limit: 1_000, actual: 1_001 });
    const variable = await postGraphQL(
      endpoint,
      'query Q($ids: [Int!]) { tracks(where: { trackId: { nin: $ids } }) { name } }',
      { ids },
    );
    expect(firstError(variable)).toMatchObject({ code: 'LIST_TOO_LONG', limit: 1_000, actual: 1_001 });
    expect([literal.status, variable.status]).toEqual([400, 400]);
    const inWhere = await postGraphQL(
      endpoint,
      'query Q($where: TrackWhere) { tracks(where: $where) { name } }',
      {
        where: { trackId: { inq: ids } },
      },
    );
    expect(firstError(inWhere)).toMatchObject({ code: 'LIST_TOO_LONG', limit: 1_000, actual: 1_001 });
    const fine = await postGraphQL(
      endpoint,
      'query Q($ids: [Int!]) { tracks(where: { trackId: { inq: $ids } }) { trackId } }',
      {
        ids: ids.slice(0, 1_000),
      },
    );
    expect(fine.body.data.tracks).toHaveLength(100);
  });

  it('refuses where nested past 16 levels, 1,000 levels as a literal and 60,000 as a variable, without a 500', async () => {
    expect(
      (await postGraphQL(endpoint, `{ tracks(where: ${nestedWhere(16)}) { name } }`)).body.data.tracks,
    ).toHaveLength(1);
    expect(
      firstError(await postGraphQL(endpoint, `{ tracks(where: ${nestedWhere(17)}) { name } }`)),
    ).toMatchObject({
      code: 'FILTER_TOO_DEEP',
      limit: 16,
      actual: 17,
    });
    const thousand = await postGraphQL(endpoint, `{ tracks(where: ${nestedWhere(1_000)}) { name } }`);
    expect(thousand.status).not.toBe(500);
    expect(firstError(thousand)).toMatchObject({ code: 'FILTER_TOO_DEEP', limit: 16 });
    const started = performance.now();
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: `{"query":"query Q($where: TrackWhere) { tracks(where: $where) { name } }","variables":{"where":${nestedWhereJson(60_000)}}}`,
    });
    const deep = { status: response.status, body: await response.json(), ms: performance.now() - started };
    expect(deep.status).not.toBe(500);
    expect(firstError(deep)).toMatchObject({ code: 'FILTER_TOO_DEEP', limit: 16, actual: 17 });
    expect(deep.ms).toBeLessThan(QUICKLY_MS);
  });

  it('refuses a literal list nested 2,000 and 100,000 deep with a coded error, not a stack overflow', async () => {
    const nested = (depth: number) =>
      `{ tracks(where: { trackId: { inq: ${'['.repeat(depth)}1${']'.repeat(depth)} } }) { name } }`;
    const twoThousand = await postGraphQL(endpoint, nested(2_000));
    expect(twoThousand.status).not.toBe(500);
    expect(firstError(twoThousand)).toMatchObject({ code: 'VALUE_TOO_DEEP', limit: 40, actual: 41 });
    const hundredThousand = await postGraphQL(endpoint, nested(100_000));
    expect(firstError(hundredThousand)).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', limit: 50_000 });
    expect((await postGraphQL(endpoint, CHEAP)).body.data.genres).toHaveLength(1);
  });

  it('lets the benchmark queries and the examples through', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    for (const file of ['Q1', 'Q2', 'Q3', 'Q4']) {
      const query = readFileSync(`bench/queries/discograph/${file}.graphql`, 'utf8');
      const answer = await postGraphQL(endpoint, query, { id: 1 });
      expect(answer.body.errors, file).toBeUndefined();
    }
    // The examples are written for the demo database: their documents are within every limit.
    const files = readdirSync('examples/operations').filter((file) => file.endsWith('.graphql'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const document = parseWithinLimits(
        readFileSync(`examples/operations/${file}`, 'utf8'),
        DEFAULT_QUERY_LIMITS,
      );
      expect(checkDocumentLimits(document, DEFAULT_QUERY_LIMITS), file).toEqual([]);
    }
  });
});
