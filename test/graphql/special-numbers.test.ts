/**
 * PostgreSQL's special numbers (issue 18 item 11): numeric's `NaN`, `Infinity` and `-Infinity` are
 * Decimal texts instead of field errors, on read, in filters and on input; real and double
 * precision's answer null with a NON_FINITE_FLOAT error carrying the exact text (GraphQL's Float
 * has no such values). MariaDB's DECIMAL and FLOAT have none of them.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { runPgSql } from '../support/databases.js';
import { POSTGRESQL_DATABASES } from '../support/dialects.js';

const SCHEMA = `
create table reading (reading_id int primary key, amount numeric, capped numeric(8, 2));
insert into reading values (1, 'NaN', 'NaN'), (2, 'Infinity', 1), (3, '-Infinity', 2), (4, 12.5, 3);
create table sample (sample_id int primary key, ratio double precision, level real, series float8[]);
insert into sample values (1, 'NaN', 1.5, '{1,2}'), (2, 'Infinity', '-Infinity', '{1,NaN}'), (3, 0.25, 2, null);
`;

interface Answer {
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe('numeric NaN and ±Infinity on PostgreSQL', () => {
  let gateway: RunningGateway;
  let databaseUrl: string;

  async function graphql(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
    const response = await fetch(`${gateway.url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer;
  }

  beforeAll(async () => {
    databaseUrl = await POSTGRESQL_DATABASES.createDatabase('special_numbers');
    await runPgSql(databaseUrl, SCHEMA);
    gateway = await startGateway({
      ...DEFAULT_CONFIG,
      port: 0,
      databaseUrl,
      cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-special-numbers-')),
    });
  }, 60_000);
  afterAll(async () => {
    await gateway?.stop();
    await POSTGRESQL_DATABASES.dropDatabase('special_numbers');
  });

  it('reads NaN, Infinity and -Infinity as Decimal texts', async () => {
    const answer = await graphql('{ readings(order: [READING_ID_ASC]) { readingId amount capped } }');
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.readings).toEqual([
      { readingId: 1, amount: 'NaN', capped: 'NaN' },
      { readingId: 2, amount: 'Infinity', capped: '1.00' },
      { readingId: 3, amount: '-Infinity', capped: '2.00' },
      { readingId: 4, amount: '12.5', capped: '3.00' },
    ]);
  });

  it('filters by them as PostgreSQL orders them (NaN above every number, equal to itself)', async () => {
    const ids = async (where: string) => {
      const answer = await graphql(`{ readings(where: ${where}, order: [READING_ID_ASC]) { readingId } }`);
      expect(answer.errors).toBeUndefined();
      return ((answer.data?.readings ?? []) as { readingId: number }[]).map((row) => row.readingId);
    };
    expect(await ids('{amount: {eq: "NaN"}}')).toEqual([1]);
    expect(await ids('{amount: {eq: "-Infinity"}}')).toEqual([3]);
    expect(await ids('{amount: {gt: "1000"}}')).toEqual([1, 2]);
  });

  it('stores them from inputs, NaN in a numeric(p, s) column too', async () => {
    const answer = await graphql(
      'mutation { createReading(data: {readingId: 5, amount: "Infinity", capped: "NaN"}) { amount capped } }',
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.createReading).toEqual({ amount: 'Infinity', capped: 'NaN' });
    const stored = await runPgSql(
      databaseUrl,
      'select amount::text, capped::text from reading where reading_id = 5',
    );
    expect(stored.rows[0]).toEqual({ amount: 'Infinity', capped: 'NaN' });
  });

  it('answers a non-finite real or double precision as null with NON_FINITE_FLOAT and its exact text', async () => {
    // Run again so that the compiled operation (graphql-jit) answers too.
    for (let run = 0; run < 4; run++)
      await graphql('{ samples(order: [SAMPLE_ID_ASC]) { sampleId ratio level series } }');
    const answer = await graphql('{ samples(order: [SAMPLE_ID_ASC]) { sampleId ratio level series } }');
    expect(answer.data?.samples).toEqual([
      { sampleId: 1, ratio: null, level: 1.5, series: [1, 2] },
      { sampleId: 2, ratio: null, level: null, series: null },
      { sampleId: 3, ratio: 0.25, level: 2, series: null },
    ]);
    const errors = (answer.errors ?? []).map((error) => ({
      path: (error as { path?: unknown }).path,
      extensions: error.extensions,
    }));
    expect(errors).toEqual([
      {
        path: ['samples', 0, 'ratio'],
        extensions: { code: 'NON_FINITE_FLOAT', field: 'ratio', value: 'NaN' },
      },
      {
        path: ['samples', 1, 'ratio'],
        extensions: { code: 'NON_FINITE_FLOAT', field: 'ratio', value: 'Infinity' },
      },
      {
        path: ['samples', 1, 'level'],
        extensions: { code: 'NON_FINITE_FLOAT', field: 'level', value: '-Infinity' },
      },
      {
        path: ['samples', 1, 'series'],
        extensions: { code: 'NON_FINITE_FLOAT', field: 'series', value: 'NaN' },
      },
    ]);
  });

  it('leaves them out with finite bounds (PostgreSQL orders NaN above Infinity above every number)', async () => {
    const answer = await graphql(
      '{ samples(where: {ratio: {lte: 1e308, gte: -1e308}}, order: [SAMPLE_ID_ASC]) { sampleId ratio } }',
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.samples).toEqual([{ sampleId: 3, ratio: 0.25 }]);
  });
});
