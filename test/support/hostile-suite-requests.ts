/**
 * The hostile suite's requests (issue 15, "Hostile input, proven in CI"), beyond the canary's
 * simple list: injection through every argument kind, bombs, fragment cycles, wrong content types,
 * an oversized chunked body, forged tokens. Each says what it must get: `refused` with one of the
 * codes given, or `answered` with data and no error (hostile text that is only data, such as a
 * quote in a `like` pattern, must be treated as data: it matches what it says and nothing else).
 */
import { createHmac } from 'node:crypto';
import type { HostileRequest } from './canary.js';
import { HOSTILE_REQUESTS } from './hostile-requests.js';

/** A hostile request and what the gateway must answer. */
export interface HostileCase extends HostileRequest {
  /** `refused`: an error with one of `codes`; `answered`: data, no error; `coded`: any coded error or data. */
  expect: 'refused' | 'answered' | 'coded';
  /** The acceptable `extensions.code` values of a refusal. */
  codes?: readonly string[];
}

const INJECTION = `x' OR '1'='1'; DROP TABLE track; --`;

const json = (query: string, variables?: Record<string, unknown>) => ({ json: { query, variables } });

/** An HS256 token made with node:crypto, with any header and signing secret (forgeries included). */
export function signToken(
  claims: Record<string, unknown>,
  secret: string,
  header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' },
): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part(header)}.${part(claims)}`;
  if (header.alg === 'none') return `${unsigned}.`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** `album { tracks { album { tracks … } } }` alternating `depth` levels below `albums(limit: 1)`. */
function relationBomb(depth: number): string {
  let inner = 'title';
  for (let level = depth; level > 0; level -= 1) {
    inner = level % 2 === 1 ? `tracks { name ${inner} }` : `album { title ${inner} }`;
  }
  return `{ albums(limit: 1) { ${inner} } }`;
}

/** 12 levels of fragments, each spreading the next twice through two aliases of `tracks(limit: 2)`. */
function fragmentFanOut(levels: number): string {
  const fragments: string[] = [];
  for (let level = 0; level < levels; level += 1) {
    const next = level + 1 < levels ? `...F${level + 1}` : 'name';
    fragments.push(
      `fragment F${level} on Album { a: tracks(limit: 2) { album { ${next} } } b: tracks(limit: 2) { album { ${next} } } }`,
    );
  }
  return `{ albums(limit: 2) { ...F0 } } ${fragments.join(' ')}`;
}

/** The suite's cases; `secret` is the gateway's JWT secret (forgeries are made without it). */
export function hostileCases(secret: string): HostileCase[] {
  const valid = signToken({ sub: 'hostile-suite', exp: Math.floor(Date.now() / 1000) + 3600 }, secret);
  const now = Math.floor(Date.now() / 1000);
  const forged = (name: string, token: string): HostileCase => ({
    name: `forged token: ${name}`,
    body: json('{ tracks(limit: 1) { name } }'),
    headers: { authorization: `Bearer ${token}` },
    expect: 'refused',
    codes: ['UNAUTHENTICATED'],
  });
  return [
    ...HOSTILE_REQUESTS.map((request): HostileCase => ({ ...request, expect: 'coded' })),
    // Injection through every argument kind: as data it matches nothing; as a value of the wrong type it is refused.
    {
      name: 'injection in eq',
      body: json(`{ tracks(where: {name: {eq: ${JSON.stringify(INJECTION)}}}) { name } }`),
      expect: 'answered',
    },
    {
      name: 'injection in like',
      body: json(`{ tracks(where: {name: {like: ${JSON.stringify(`%${INJECTION}%`)}}}) { name } }`),
      expect: 'answered',
    },
    {
      name: 'like wildcards only',
      body: json('{ tracksCount(where: {name: {like: "%%%%_%%\\\\%"}}) }'),
      expect: 'answered',
    },
    {
      name: 'injection in regexp',
      body: json(
        `{ tracks(where: {name: {regexp: ${JSON.stringify(`^${INJECTION.replace(/[()]/g, '')}$`)}}}) { name } }`,
      ),
      expect: 'coded',
    },
    {
      name: 'injection in inq (variable)',
      body: json('query Q($n: [String!]) { tracks(where: {name: {inq: $n}}) { name } }', {
        n: [INJECTION, "'", '"', '\\', '`'],
      }),
      expect: 'answered',
    },
    {
      name: 'injection as an id',
      body: json('{ track(trackId: "1 OR 1=1") { name } }'),
      expect: 'refused',
      codes: ['GRAPHQL_VALIDATION_FAILED'],
    },
    {
      name: 'injection as an id variable',
      body: json('query Q($id: Int!) { track(trackId: $id) { name } }', { id: '1; DROP TABLE track' }),
      expect: 'refused',
      codes: ['BAD_USER_INPUT'],
    },
    {
      name: 'injection as an order value',
      body: json('{ tracks(order: [NAME_ASC, "name; DROP TABLE track"]) { name } }'),
      expect: 'refused',
      codes: ['GRAPHQL_VALIDATION_FAILED'],
    },
    {
      name: 'injection as an order variable',
      body: json('query Q($o: [TrackOrder!]) { tracks(order: $o, limit: 1) { name } }', {
        o: ['name; DROP TABLE track'],
      }),
      expect: 'refused',
      codes: ['BAD_USER_INPUT'],
    },
    {
      name: 'injection as limit/skip',
      body: json('query Q($l: Int) { tracks(limit: $l, skip: $l) { name } }', { l: '1; DROP TABLE track' }),
      expect: 'refused',
      codes: ['BAD_USER_INPUT'],
    },
    { name: 'a negative limit', body: json('{ tracks(limit: -1) { name } }'), expect: 'coded' },
    {
      name: 'a huge limit',
      body: json('{ tracks(limit: 100000000) { name } }'),
      expect: 'refused',
      codes: ['PAGE_SIZE_EXCEEDED'],
    },
    {
      name: 'a huge skip',
      body: json('{ tracks(skip: 2147483647, limit: 1) { name } }'),
      expect: 'answered',
    },
    {
      name: 'injection in a Decimal',
      body: json(`{ tracks(where: {unitPrice: {gt: ${JSON.stringify(`0.99${INJECTION}`)}}}) { name } }`),
      expect: 'refused',
      codes: ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'],
    },
    {
      name: 'a Decimal of a million digits in the exponent',
      body: json('{ tracks(where: {unitPrice: {gt: "1e1000000000"}}) { name } }'),
      expect: 'coded',
    },
    {
      name: 'NaN as a Decimal',
      body: json('{ tracks(where: {unitPrice: {gt: "NaN"}}) { name } }'),
      expect: 'coded',
    },
    {
      name: 'injection in a DateTime',
      body: json(`{ invoices(where: {invoiceDate: {gt: ${JSON.stringify(INJECTION)}}}) { invoiceId } }`),
      expect: 'refused',
      codes: ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'],
    },
    {
      name: 'an impossible DateTime',
      body: json('{ invoices(where: {invoiceDate: {gt: "2020-13-45T99:00:00Z"}}) { invoiceId } }'),
      expect: 'refused',
      codes: ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'],
    },
    {
      name: 'prototype keys in variables',
      body: '{"query": "query Q($w: TrackWhere) { tracks(where: $w, limit: 1) { name } }", "variables": {"__proto__": {"polluted": 1}, "w": {"__proto__": {"trackId": {"eq": 1}}, "constructor": {"eq": 1}}}}',
      expect: 'coded',
    },
    // Mutations: hostile inputs change nothing.
    {
      name: 'injection in a mutation input of the wrong type',
      body: json(
        `mutation { createGenre(data: {genreId: ${JSON.stringify(INJECTION)}, name: "x"}) { genreId } }`,
      ),
      expect: 'refused',
      codes: ['GRAPHQL_VALIDATION_FAILED'],
    },
    {
      name: 'injection in an update of a missing row',
      body: json(
        `mutation { updateGenre(genreId: 987654, data: {name: ${JSON.stringify(INJECTION)}}) { genreId } }`,
      ),
      expect: 'refused',
      codes: ['NOT_FOUND'],
    },
    {
      name: 'a delete by an injected id',
      body: json('mutation { deleteTrack(trackId: "1 OR 1=1") { trackId } }'),
      expect: 'refused',
      codes: ['GRAPHQL_VALIDATION_FAILED'],
    },
    {
      name: 'a mutation by GET',
      method: 'GET',
      search: `query=${encodeURIComponent('mutation { deleteTrack(trackId: 1) { trackId } }')}`,
      body: '',
      expect: 'refused',
      codes: ['METHOD_NOT_ALLOWED', 'BAD_REQUEST'],
    },
    // Bombs.
    {
      name: 'a relation bomb 14 levels deep',
      body: json(relationBomb(14)),
      expect: 'refused',
      codes: ['DEPTH_LIMIT_EXCEEDED', 'COST_LIMIT_EXCEEDED'],
    },
    {
      name: 'an alias bomb (50 full relation lists)',
      body: json(
        `{ albums(limit: 1000) { ${Array.from({ length: 50 }, (_, i) => `a${i}: tracks { name }`).join(' ')} } }`,
      ),
      expect: 'refused',
      codes: ['ALIAS_LIMIT_EXCEEDED', 'COST_LIMIT_EXCEEDED'],
    },
    {
      name: 'a fragment fan-out (12 levels × 2 aliases)',
      body: json(fragmentFanOut(12)),
      expect: 'refused',
      codes: ['DEPTH_LIMIT_EXCEEDED', 'ALIAS_LIMIT_EXCEEDED', 'COST_LIMIT_EXCEEDED'],
    },
    {
      name: 'a fragment cycle',
      body: json(
        '{ tracks(limit: 1) { ...A } } fragment A on Track { album { tracks { ...B } } } fragment B on Track { album { tracks { ...A } } }',
      ),
      expect: 'refused',
      codes: ['GRAPHQL_VALIDATION_FAILED'],
    },
    {
      name: '1,000 root fields',
      body: json(`{ ${Array.from({ length: 1_000 }, (_, i) => `f${i}: tracksCount`).join(' ')} }`),
      expect: 'refused',
      codes: ['ROOT_FIELD_LIMIT_EXCEEDED', 'ALIAS_LIMIT_EXCEEDED', 'TOKEN_LIMIT_EXCEEDED'],
    },
    {
      name: '40,000 directives',
      body: json(`{ tracksCount ${'@include(if: true) '.repeat(40_000)} }`),
      expect: 'refused',
      codes: ['DOCUMENT_TOO_LARGE', 'TOKEN_LIMIT_EXCEEDED', 'REQUEST_ENTITY_TOO_LARGE'],
    },
    // Transport.
    {
      name: 'a form post (CSRF)',
      body: 'query=mutation%20%7B%20deleteTrack(trackId%3A%201)%20%7B%20trackId%20%7D%20%7D',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      expect: 'refused',
      codes: ['CSRF_PREVENTION_FAILED'],
    },
    {
      name: 'a text/plain post (CSRF)',
      body: '{"query": "mutation { deleteTrack(trackId: 1) { trackId } }"}',
      headers: { 'content-type': 'text/plain' },
      expect: 'refused',
      codes: ['CSRF_PREVENTION_FAILED'],
    },
    {
      name: 'an XML body',
      body: '<query>{ tracks { name } }</query>',
      headers: { 'content-type': 'application/xml', 'x-graphql-yoga-csrf': '1' },
      expect: 'refused',
      codes: ['UNSUPPORTED_MEDIA_TYPE', 'BAD_REQUEST'],
    },
    {
      name: 'a missing query',
      body: json(undefined as unknown as string),
      expect: 'refused',
      codes: ['BAD_REQUEST'],
    },
    {
      name: 'an oversized chunked body (20 MB, no length)',
      body: {
        *chunks() {
          yield Buffer.from('{"query": "{ tracks(limit: 1) { name } }", "variables": {"x": "');
          const chunk = Buffer.alloc(1024 * 1024, 'x'.charCodeAt(0));
          for (let index = 0; index < 20; index += 1) yield chunk;
          yield Buffer.from('"}}');
        },
      },
      expect: 'refused',
      codes: ['REQUEST_ENTITY_TOO_LARGE'],
    },
    // Forged tokens: nothing read.
    forged('alg none', signToken({ sub: 'admin' }, secret, { alg: 'none', typ: 'JWT' })),
    forged('wrong signature', signToken({ sub: 'admin' }, `${secret}-guessed`)),
    forged('expired', signToken({ sub: 'admin', exp: now - 3600 }, secret)),
    forged('not yet valid', signToken({ sub: 'admin', nbf: now + 3600 }, secret)),
    forged('garbage', 'not.a.token'),
    forged(
      'a signature moved from another token',
      `${signToken({ sub: 'admin' }, 'other')}`.replace(/\.[^.]*$/, `.${valid.split('.')[2]}`),
    ),
  ];
}

/** A query a verified caller may send (the valid token works: the suite refuses only forgeries). */
export function validTokenHeader(secret: string): Record<string, string> {
  return {
    authorization: `Bearer ${signToken({ sub: 'hostile-suite', exp: Math.floor(Date.now() / 1000) + 3600 }, secret)}`,
  };
}
