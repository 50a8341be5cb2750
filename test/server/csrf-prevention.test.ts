import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../src/server/gateway.js';
import { createPgDatabase, dropPgDatabase } from '../support/databases.js';
import { firstErrorCode, rawRequest, startSecurityGateway } from '../support/security-gateways.js';

const DATABASE = 'discograph_csrf_prevention';
const FOREIGN_ORIGIN = 'https://attacker.example';
let databaseUrl: string;
const gateways: Record<'fast path' | 'yoga', RunningGateway> = {} as never;
let unprotected: RunningGateway;
let hostChecked: RunningGateway;

async function genreNamed(name: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('select count(*)::int as n from genre where name = $1', [name]);
    return (rows[0] as { n: number }).n;
  } finally {
    await client.end();
  }
}

const mutation = (id: number, name: string) =>
  `mutation { createGenre(data: {genreId: ${id}, name: "${name}"}) { genreId } }`;

beforeAll(async () => {
  databaseUrl = await createPgDatabase(DATABASE, { template: 'chinook' });
  gateways['fast path'] = (await startSecurityGateway(databaseUrl)).gateway;
  gateways.yoga = (await startSecurityGateway(databaseUrl, { httpFastPath: false })).gateway;
  unprotected = (await startSecurityGateway(databaseUrl, { csrfPrevention: false })).gateway;
  hostChecked = (await startSecurityGateway(databaseUrl, { allowedHosts: ['api.example.com'] })).gateway;
});
afterAll(async () => {
  await Promise.all([...Object.values(gateways), unprotected, hostChecked].map((gateway) => gateway?.stop()));
  await dropPgDatabase(DATABASE);
});

describe.each(['fast path', 'yoga'] as const)('CSRF prevention on the %s', (route) => {
  const url = () => gateways[route].url;
  const offset = route === 'fast path' ? 0 : 100;

  it('refuses a cross-site form POST of a mutation (403) and writes nothing', async () => {
    const answer = await rawRequest(url(), {
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: FOREIGN_ORIGIN },
      body: `query=${encodeURIComponent(mutation(9001 + offset, `form ${route}`))}`,
    });
    expect(answer.status).toBe(403);
    expect(firstErrorCode(answer.body)).toBe('CSRF_PREVENTION_FAILED');
    expect(await genreNamed(`form ${route}`)).toBe(0);
  });

  it('refuses multipart/form-data, text/plain and a POST without a content type alike', async () => {
    const boundary = 'x-boundary';
    const multipart = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="operations"',
      '',
      JSON.stringify({ query: mutation(9002 + offset, `multipart ${route}`) }),
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const answers = await Promise.all([
      rawRequest(url(), {
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, origin: FOREIGN_ORIGIN },
        body: multipart,
      }),
      rawRequest(url(), {
        headers: { 'content-type': 'text/plain', origin: FOREIGN_ORIGIN },
        body: JSON.stringify({ query: mutation(9003 + offset, `text ${route}`) }),
      }),
      rawRequest(url(), { body: JSON.stringify({ query: mutation(9004 + offset, `none ${route}`) }) }),
    ]);
    expect(answers.map((answer) => [answer.status, firstErrorCode(answer.body)])).toEqual([
      [403, 'CSRF_PREVENTION_FAILED'],
      [403, 'CSRF_PREVENTION_FAILED'],
      [403, 'CSRF_PREVENTION_FAILED'],
    ]);
    for (const name of [`multipart ${route}`, `text ${route}`, `none ${route}`]) {
      expect(await genreNamed(name)).toBe(0);
    }
  });

  it('refuses a mutation over GET (405) and answers a query over GET', async () => {
    const search = (query: string) => `${url()}?query=${encodeURIComponent(query)}`;
    const refused = await rawRequest(search(mutation(9005 + offset, `get ${route}`)), { method: 'GET' });
    expect(refused.status).toBe(405);
    expect(await genreNamed(`get ${route}`)).toBe(0);
    const answered = await rawRequest(search('{ genre(genreId: 1) { name } }'), { method: 'GET' });
    expect(JSON.parse(answered.body)).toEqual({ data: { genre: { name: 'Rock' } } });
  });

  it('runs a JSON mutation, and a form POST that carries the CSRF header (both need a preflight)', async () => {
    const json = await rawRequest(url(), {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: mutation(9006 + offset, `json ${route}`) }),
    });
    expect(json.status).toBe(200);
    expect(await genreNamed(`json ${route}`)).toBe(1);
    const withHeader = await rawRequest(url(), {
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-graphql-yoga-csrf': '1' },
      body: `query=${encodeURIComponent(mutation(9007 + offset, `header ${route}`))}`,
    });
    expect(withHeader.status).toBe(200);
    expect(await genreNamed(`header ${route}`)).toBe(1);
  });
});

describe('the CSRF setting and the Host allow-list', () => {
  it('lets the form POST through with csrfPrevention: false (the check is what refused it)', async () => {
    const answer = await rawRequest(unprotected.url, {
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: FOREIGN_ORIGIN },
      body: `query=${encodeURIComponent(mutation(9100, 'unprotected form'))}`,
    });
    expect(answer.status).toBe(200);
    expect(await genreNamed('unprotected form')).toBe(1);
  });

  it('answers only the allowed Host names (any port), refusing others with HOST_NOT_ALLOWED', async () => {
    const ask = (host: string) =>
      rawRequest(hostChecked.url, {
        headers: { host, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
    const [allowed, withPort, rebound] = await Promise.all([
      ask('api.example.com'),
      ask('API.example.com:4000'),
      ask('attacker.example'),
    ]);
    expect([allowed.status, withPort.status]).toEqual([200, 200]);
    expect(rebound.status).toBe(403);
    expect(firstErrorCode(rebound.body)).toBe('HOST_NOT_ALLOWED');
  });
});
