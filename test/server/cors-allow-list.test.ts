import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import type { RunningGateway } from '../../src/server/gateway.js';
import { CHINOOK_PG_URL } from '../support/databases.js';
import { type RawAnswer, rawRequest, startSecurityGateway } from '../support/security-gateways.js';

const APP = 'https://app.example.com';
const FOREIGN = 'https://attacker.example';
const started: RunningGateway[] = [];
let sameOrigin: RunningGateway;
const listed: Record<'fast path' | 'yoga', RunningGateway> = {} as never;

async function start(overrides: Parameters<typeof startSecurityGateway>[1]): Promise<RunningGateway> {
  const { gateway } = await startSecurityGateway(CHINOOK_PG_URL, overrides);
  started.push(gateway);
  return gateway;
}

beforeAll(async () => {
  sameOrigin = await start({});
  const cors = { origins: [APP], credentials: true };
  listed['fast path'] = await start({ cors });
  listed.yoga = await start({ cors, httpFastPath: false });
});
afterAll(async () => {
  await Promise.all(started.map((gateway) => gateway.stop()));
});

const preflight = (url: string, origin: string) =>
  rawRequest(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization',
    },
  });
const post = (url: string, origin: string) =>
  rawRequest(url, {
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
const corsHeaders = (answer: RawAnswer) =>
  Object.fromEntries(Object.entries(answer.headers).filter(([name]) => name.startsWith('access-control-')));

describe('CORS by default (same origin only)', () => {
  it('answers a foreign preflight without any CORS header, and never with credentials', async () => {
    const answer = await preflight(sameOrigin.url, FOREIGN);
    expect(answer.status).toBe(204);
    expect(corsHeaders(answer)).toEqual({});
  });

  it('answers a foreign POST without access-control-allow-origin (the browser keeps the answer from the page)', async () => {
    const answer = await post(sameOrigin.url, FOREIGN);
    expect(answer.status).toBe(200);
    expect(corsHeaders(answer)).toEqual({});
  });
});

describe.each(['fast path', 'yoga'] as const)('CORS from the allow-list on the %s', (route) => {
  it('allows a listed origin, with credentials as configured, in the preflight and the answer', async () => {
    const before = { ...listed[route].http.requestCounts };
    const allowedPreflight = await preflight(listed[route].url, APP);
    expect(allowedPreflight.status).toBe(204);
    expect(corsHeaders(allowedPreflight)).toEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'content-type, authorization',
      'access-control-max-age': '600',
    });
    const allowed = await post(listed[route].url, APP);
    expect(JSON.parse(allowed.body)).toEqual({ data: { __typename: 'Query' } });
    expect(corsHeaders(allowed)).toEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
    });
    expect(allowed.headers.vary).toBe('Origin');
    const after = listed[route].http.requestCounts;
    // Preflights are answered before either path; the POST went the path under test.
    expect(route === 'fast path' ? after.fast - before.fast : after.yoga - before.yoga).toBe(1);
  });

  it('gives an origin not on the list no CORS header at all (no reflection, no "null")', async () => {
    expect(corsHeaders(await preflight(listed[route].url, FOREIGN))).toEqual({});
    expect(corsHeaders(await post(listed[route].url, FOREIGN))).toEqual({});
    expect(corsHeaders(await post(listed[route].url, `${APP}.attacker.example`))).toEqual({});
  });
});

describe('the CORS settings', () => {
  it('are read from DISCOGRAPH_CORS_ORIGINS (comma list) and DISCOGRAPH_CORS_CREDENTIALS, credentials off by default', () => {
    const config = loadConfig({
      env: { DISCOGRAPH_CORS_ORIGINS: `${APP}, https://admin.example.com` },
      cwd: '/nonexistent',
    });
    expect(config.cors).toEqual({ origins: [APP, 'https://admin.example.com'], credentials: false });
    const withCredentials = loadConfig({
      env: { DISCOGRAPH_CORS_ORIGINS: APP, DISCOGRAPH_CORS_CREDENTIALS: 'true' },
      cwd: '/nonexistent',
    });
    expect(withCredentials.cors).toEqual({ origins: [APP], credentials: true });
  });

  it('refuse "*" with credentials, and an origin with a path, naming the setting', () => {
    expect(() =>
      loadConfig({
        env: { DISCOGRAPH_CORS_ORIGINS: '*', DISCOGRAPH_CORS_CREDENTIALS: 'true' },
        cwd: '/nonexistent',
      }),
    ).toThrow('"cors.credentials" is true; expected false with the origin "*" (cors.origins)');
    expect(() =>
      loadConfig({ env: { DISCOGRAPH_CORS_ORIGINS: `${APP}/graphql` }, cwd: '/nonexistent' }),
    ).toThrow(
      `environment: "DISCOGRAPH_CORS_ORIGINS" (item 1) is "${APP}/graphql"; expected origins such as`,
    );
  });
});
