import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printOperationPlan } from '../../src/graphql/plan/print-plan.js';
import {
  CHINOOK_MYSQL_URL,
  CHINOOK_PG_URL,
  createPgDatabase,
  dropPgDatabase,
  runPgSql,
} from '../support/databases.js';
import {
  firstError,
  type LimitsGateway,
  postGraphQL,
  startLimitsGateway,
} from '../support/limits-gateway.js';

const Q2 = '{ albums(limit: 20) { title tracks { name } } }';

describe('the cost of an operation', () => {
  let pgUrl: string;

  beforeAll(async () => {
    // A copy of Chinook, analyzed, so that pg_class.reltuples holds the real row counts.
    pgUrl = await createPgDatabase('limits_cost_chinook', { template: 'chinook' });
    await runPgSql(pgUrl, 'analyze');
  });
  afterAll(async () => {
    await dropPgDatabase('limits_cost_chinook');
  });

  describe.each([
    ['PostgreSQL', () => pgUrl, 0],
    ['MariaDB', () => CHINOOK_MYSQL_URL, 1],
  ])('on %s', (_name, urlOf, loaderStatements) => {
    let started: LimitsGateway;

    beforeAll(async () => {
      started = await startLimitsGateway(urlOf());
    });
    afterAll(async () => {
      await started?.gateway.stop();
    });

    it('reads the tables’ row estimates from the database statistics once, at start', () => {
      const estimates = started.gateway.limits.rowEstimates;
      // Chinook: 3,503 tracks, 347 albums (InnoDB's TABLE_ROWS is an estimate).
      expect(estimates.get('Track')).toBeGreaterThan(3_503 * 0.7);
      expect(estimates.get('Track')).toBeLessThan(3_503 * 1.3);
      expect(estimates.get('Album')).toBeGreaterThan(347 * 0.7);
    });

    it('returns the estimated cost in extensions.cost when asked with x-discograph-cost: 1', async () => {
      const estimates = started.gateway.limits.rowEstimates;
      const perAlbum = Math.ceil((estimates.get('Track') as number) / (estimates.get('Album') as number));
      const asked = await postGraphQL(started.gateway.url, Q2, undefined, { 'x-discograph-cost': '1' });
      expect(asked.body.errors).toBeUndefined();
      expect(asked.body.extensions?.cost).toMatchObject({
        cost: 20 + 20 * perAlbum + 1 + loaderStatements,
        statements: 1 + loaderStatements,
      });
      const plain = await postGraphQL(started.gateway.url, Q2);
      expect(plain.body.extensions).toBeUndefined();
      expect(plain.body.data).toEqual(asked.body.data);
    });

    it('counts a many-to-many level as the one statement it sends', async () => {
      const query = '{ playlists(limit: 3) { name tracks(limit: 2) { name playlists(limit: 2) { name } } } }';
      const before = started.statements.length;
      const asked = await postGraphQL(started.gateway.url, query, undefined, { 'x-discograph-cost': '1' });
      expect(asked.body.errors).toBeUndefined();
      // playlists, then one statement per many-to-many level (the join table joined to the targets);
      // PostgreSQL reads both levels as JSON lists in the playlists' statement.
      expect(asked.body.extensions?.cost?.statements).toBe(1 + 2 * loaderStatements);
      expect(started.statements.length - before).toBe(1 + 2 * loaderStatements);
    });

    it('lets the benchmark queries through under the default limit', async () => {
      const { readFileSync } = await import('node:fs');
      for (const file of ['Q1', 'Q2', 'Q3', 'Q4']) {
        const query = readFileSync(`bench/queries/discograph/${file}.graphql`, 'utf8');
        const answer = await postGraphQL(started.gateway.url, query, { id: 1 }, { 'x-discograph-cost': '1' });
        expect(answer.body.errors, file).toBeUndefined();
        expect(answer.body.extensions?.cost?.cost).toBeLessThan(50_000);
      }
    });

    it('refuses nested pages whose estimate is over the limit, reading nothing', async () => {
      const before = started.statements.length;
      const bomb =
        '{ customers(limit: 1000) { invoices(limit: 1000) { invoiceLines(limit: 1000) { track { playlistTracks(limit: 1000) { playlist { tracks: playlistTracks(limit: 1000) { track { invoiceLines(limit: 1000) { quantity } } } } } } } } } }';
      const answer = await postGraphQL(started.gateway.url, bomb);
      expect(firstError(answer)).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', limit: 50_000 });
      expect(answer.status).toBe(400);
      expect(firstError(answer).actual as number).toBeGreaterThan(50_000);
      expect(started.statements.length).toBe(before);
    });
  });

  describe('with a configured limit', () => {
    let started: LimitsGateway;

    beforeAll(async () => {
      started = await startLimitsGateway(CHINOOK_PG_URL, { maxCost: 100 });
    });
    afterAll(async () => {
      await started?.gateway.stop();
    });

    it('refuses an operation over it with COST_LIMIT_EXCEEDED, the limit and the estimate', async () => {
      const answer = await postGraphQL(started.gateway.url, Q2);
      expect(firstError(answer)).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', limit: 100 });
      expect(answer.body.data).toBeUndefined();
      expect(
        (await postGraphQL(started.gateway.url, '{ tracks(limit: 50) { name } }')).body.data.tracks,
      ).toHaveLength(50);
    });
  });

  it('is printed by the plan, per field and in total', async () => {
    const started = await startLimitsGateway(pgUrl);
    try {
      const { parse, getOperationAST } = await import('graphql');
      const document = parse(Q2);
      const plan = started.gateway.schema.planner.plan(document, getOperationAST(document) as never);
      const limits = started.gateway.limits;
      const text = await printOperationPlan(plan, { cost: limits.costOf(plan) });
      expect(text).toContain('albums: list of Album\n  estimated: 20 rows, 1 statement(s)');
      expect(text).toMatch(/\ncost: \d+ \(\d+ rows estimated, 1 statement\(s\)\)\n$/);
    } finally {
      await started.gateway.stop();
    }
  });
});
