import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../src/server/gateway.js';
import { CHINOOK_PG_URL } from '../support/databases.js';
import { firstErrorCode, rawRequest, startSecurityGateway } from '../support/security-gateways.js';

const gateways: Record<'fast path' | 'yoga', RunningGateway> = {} as never;
const started: RunningGateway[] = [];
let executorOnly: RunningGateway;
let smallAnswers: RunningGateway;
let smallAnswersOnYoga: RunningGateway;
let failing: RunningGateway;
let failingLog: string[];

beforeAll(async () => {
  gateways['fast path'] = (await startSecurityGateway(CHINOOK_PG_URL)).gateway;
  gateways.yoga = (await startSecurityGateway(CHINOOK_PG_URL, { httpFastPath: false })).gateway;
  executorOnly = (await startSecurityGateway(CHINOOK_PG_URL, { jit: false })).gateway;
  smallAnswers = (await startSecurityGateway(CHINOOK_PG_URL, { maxResponseBytes: 2_000 })).gateway;
  smallAnswersOnYoga = (
    await startSecurityGateway(CHINOOK_PG_URL, { maxResponseBytes: 2_000, httpFastPath: false })
  ).gateway;
  const broken = await startSecurityGateway(
    CHINOOK_PG_URL,
    {},
    {
      hooks: [
        {
          name: 'broken context',
          onContext() {
            throw Object.assign(new Error('the context hook broke'), { code: 'HOOK_DEFECT' });
          },
        },
      ],
    },
  );
  failing = broken.gateway;
  failingLog = broken.lines;
  started.push(gateways['fast path'], gateways.yoga, executorOnly, smallAnswers, smallAnswersOnYoga, failing);
  await Promise.all(started.map((gateway) => gateway.http.operations.loadJit()));
});
afterAll(async () => {
  await Promise.all(started.map((gateway) => gateway.stop()));
});

const json = { 'content-type': 'application/json' };

describe.each(['fast path', 'yoga'] as const)('request errors on the %s', (route) => {
  const url = () => gateways[route].url;

  it('answers a missing query with 400 BAD_REQUEST, even to a client accepting application/json', async () => {
    for (const body of ['{}', '{"query": null}', '{"variables": {}}']) {
      const answer = await rawRequest(url(), { headers: { ...json, accept: 'application/json' }, body });
      expect([answer.status, firstErrorCode(answer.body)]).toEqual([400, 'BAD_REQUEST']);
    }
    const get = await rawRequest(url(), { method: 'GET' });
    expect([get.status, firstErrorCode(get.body)]).toEqual([400, 'BAD_REQUEST']);
  });

  it('answers a body that is not valid UTF-8 with 400 INVALID_UTF8 (not a replacement character)', async () => {
    const bodies = [
      Buffer.concat([Buffer.from('{"query":"{ __typename '), Buffer.from([0xff, 0xfe]), Buffer.from('}"}')]),
      Buffer.concat([
        Buffer.from('{"query":"{ __typename }","operationName":"'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}'),
      ]),
    ];
    for (const body of bodies) {
      const answer = await rawRequest(url(), { headers: json, body });
      expect([answer.status, firstErrorCode(answer.body)]).toEqual([400, 'INVALID_UTF8']);
    }
  });

  it('answers invalid JSON and an unsupported content type with 400 and a code', async () => {
    const invalid = await rawRequest(url(), { headers: json, body: '{"query": ' });
    expect([invalid.status, firstErrorCode(invalid.body)]).toEqual([400, 'BAD_REQUEST']);
    const xml = await rawRequest(url(), { headers: { 'content-type': 'application/xml' }, body: '<query/>' });
    expect([xml.status, firstErrorCode(xml.body)]).toEqual([400, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('codes variable-coercion errors BAD_USER_INPUT (400)', async () => {
    for (const variables of [{ n: 'x' }, {}]) {
      const answer = await rawRequest(url(), {
        headers: json,
        body: JSON.stringify({ query: 'query Q($n: Int!) { albums(limit: $n) { albumId } }', variables }),
      });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).errors[0]).toMatchObject({
        message: expect.stringMatching(/^Variable "\$n"/),
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
  });
});

describe('answers keep every field, whatever its alias', () => {
  const query = `{ __proto__: __typename constructor: __typename hasOwnProperty: __typename
    albums(limit: 1) { __proto__: title albumId toString: albumId artist { __proto__: name } } }`;
  // As JSON text: in an object literal, `__proto__: value` would set the prototype instead.
  const expected = JSON.parse(
    '{"data":{"__proto__":"Query","constructor":"Query","hasOwnProperty":"Query","albums":[{"__proto__":"For Those About To Rock We Salute You","albumId":1,"toString":1,"artist":{"__proto__":"AC/DC"}}]}}',
  );

  it.each([
    ['graphql-jit (fast path)', () => gateways['fast path']],
    ['yoga', () => gateways.yoga],
    ['the reference executor', () => executorOnly],
  ])('keeps a field aliased __proto__, constructor or hasOwnProperty with %s', async (_engine, gateway) => {
    const answer = await rawRequest(gateway().url, { headers: json, body: JSON.stringify({ query }) });
    // JSON.parse makes "__proto__" an own property, so the comparison sees it.
    expect(JSON.parse(answer.body)).toEqual(expected);
    expect(answer.body).toContain('"__proto__":"Query"');
    expect(answer.body).toContain('"__proto__":"For Those About To Rock We Salute You"');
  });
});

describe('safeguards', () => {
  it.each([
    ['the fast path', () => smallAnswers],
    ['yoga', () => smallAnswersOnYoga],
  ])(
    'answers RESPONSE_TOO_LARGE instead of an answer over maxResponseBytes on %s, and keeps serving',
    async (_route, gateway) => {
      const big = await rawRequest(gateway().url, {
        headers: json,
        body: JSON.stringify({ query: '{ tracks(limit: 200) { name composer } }' }),
      });
      expect(big.status).toBe(500);
      expect(firstErrorCode(big.body)).toBe('RESPONSE_TOO_LARGE');
      expect(JSON.parse(big.body).errors[0].extensions.maxResponseBytes).toBe(2_000);
      const small = await rawRequest(gateway().url, {
        headers: json,
        body: JSON.stringify({ query: '{ albums(limit: 1) { albumId } }' }),
      });
      expect(JSON.parse(small.body)).toEqual({ data: { albums: [{ albumId: 1 }] } });
    },
  );

  it('logs an internal error once with its message, code and the correlation id the client got (stack only in the log), answering INTERNAL_SERVER_ERROR', async () => {
    const answer = await rawRequest(failing.url, {
      headers: json,
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(answer.status).toBe(500);
    const body = JSON.parse(answer.body);
    const correlationId = body.errors[0].extensions.correlationId as string;
    expect(body).toEqual({
      errors: [
        {
          message: `Unexpected error; quote ${correlationId} when reporting it.`,
          extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId },
        },
      ],
    });
    const logged = failingLog.filter((line) => line.startsWith('internal error:'));
    expect(logged).toHaveLength(1);
    expect(logged[0]?.split('\n')[0]).toBe(
      'internal error: Error: the context hook broke (code HOOK_DEFECT)',
    );
    expect(logged[0]).toMatch(/\n\s+at /);
    expect(logged[0]).toContain(`correlation id: ${correlationId}`);
  });
});
