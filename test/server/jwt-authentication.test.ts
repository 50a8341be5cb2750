import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import { createJwtAuthentication } from '../../src/server/auth/jwt-authentication.js';
import { type AuthConfig, type JwtConfig, readAuthConfig } from '../../src/server/config/auth-config.js';
import { DEFAULT_CONFIG, type GatewayConfig } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import type { GatewayRequest, RequestCaller, RequestState } from '../../src/server/pipeline/gateway-hooks.js';
import { CHINOOK_MYSQL_URL, CHINOOK_PG_URL } from '../support/databases.js';
import type { ResponseData } from '../support/json.js';

const SECRET = 'a-test-secret-of-more-than-32-characters';
const OTHER_SECRET = 'another-secret-of-more-than-32-characters';
const QUERY = '{ tracks(limit: 2) { name } }';
const directory = mkdtempSync(path.join(os.tmpdir(), 'discograph-jwt-'));

function secretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** A token signed with `key` (HS256 unless said otherwise), valid for an hour unless the claims say otherwise. */
async function sign(
  claims: JWTPayload,
  key: Uint8Array | KeyObject = secretKey(SECRET),
  alg = 'HS256',
  header: Record<string, unknown> = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ exp: now + 3600, iat: now, ...claims })
    .setProtectedHeader({ alg, ...header })
    .sign(key);
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An unsigned token (`alg: none`), as an attacker would write one. */
function unsignedToken(claims: JWTPayload): string {
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}.`;
}

function authConfig(file: Record<string, unknown>, env: NodeJS.ProcessEnv = {}): AuthConfig {
  return readAuthConfig({ file, env, cwd: directory });
}

function configFor(overrides: Partial<GatewayConfig>): GatewayConfig {
  return {
    ...DEFAULT_CONFIG,
    databaseUrl: CHINOOK_PG_URL,
    port: 0,
    cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-jwt-cache-')),
    ...overrides,
  };
}

/** A gateway with the statements it sends and the callers its requests were identified as. */
interface ObservedGateway {
  gateway: RunningGateway;
  statements: StatementEvent[];
  /** Every statement's text since the start. */
  log: string[];
  callers: (RequestCaller | undefined)[];
}

async function startObserved(overrides: Partial<GatewayConfig>): Promise<ObservedGateway> {
  const statements: StatementEvent[] = [];
  const log: string[] = [];
  const callers: (RequestCaller | undefined)[] = [];
  const gateway = await startGateway(configFor(overrides), {
    onSource: (source) =>
      source.dataSource.connector?.observeStatements((event) => {
        statements.push(event);
        log.push(event.sql);
      }),
    hooks: [
      { name: 'caller recorder', onContext: (_context, _request, state) => void callers.push(state.caller) },
    ],
  });
  return { gateway, statements, log, callers };
}

async function post(
  gateway: RunningGateway,
  headers: Record<string, string> = {},
  query = QUERY,
): Promise<{ status: number; body: ResponseData; headers: Headers }> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as ResponseData,
    headers: response.headers,
  };
}

/**
 * Waits until every request session the gateway opened has ended: a query is answered before its
 * COMMIT is sent, so a statement list cleared right after an answer could still receive it.
 */
async function settled(observed: ObservedGateway): Promise<void> {
  const ended = () => {
    const count = (pattern: RegExp) => observed.log.filter((sql) => pattern.test(sql)).length;
    return count(/^BEGIN/) === count(/^(COMMIT|ROLLBACK)$/);
  };
  for (let waited = 0; !ended() && waited < 10_000; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

describe.each([
  { path: 'the fast path', httpFastPath: true },
  { path: 'yoga', httpFastPath: false },
])('JWT authentication on $path', ({ httpFastPath }) => {
  let observed: ObservedGateway;

  beforeAll(async () => {
    observed = await startObserved({
      httpFastPath,
      auth: authConfig({ jwt: { secret: SECRET, issuer: 'https://issuer.test', audience: 'discograph' } }),
    });
  });
  afterAll(async () => {
    await observed?.gateway.stop();
  });

  const valid = { iss: 'https://issuer.test', aud: 'discograph' };

  it('identifies the caller of a valid token by its subject, role and claims', async () => {
    const token = await sign({ ...valid, sub: 'user-7', role: 'reader', customer_id: 7 });
    const answer = await post(observed.gateway, bearer(token));
    expect(answer.status).toBe(200);
    expect(answer.body.data.tracks).toHaveLength(2);
    const caller = observed.callers.at(-1);
    expect(caller).toMatchObject({ id: 'user-7', roles: ['reader'], authenticated: true });
    expect(caller?.claims).toMatchObject({ sub: 'user-7', role: 'reader', customer_id: 7 });
  });

  it('runs a request without a token as the anonymous role', async () => {
    const answer = await post(observed.gateway);
    expect(answer.status).toBe(200);
    expect(answer.body.data.tracks).toHaveLength(2);
    expect(observed.callers.at(-1)).toEqual({
      id: '',
      roles: ['anonymous'],
      claims: {},
      authenticated: false,
    });
  });

  it('gives a token without a role claim the anonymous role', async () => {
    await post(observed.gateway, bearer(await sign({ ...valid, sub: 'no-role' })));
    expect(observed.callers.at(-1)).toMatchObject({
      id: 'no-role',
      roles: ['anonymous'],
      authenticated: true,
    });
  });

  const forged: Array<{ name: string; reason: string; header: () => Promise<Record<string, string>> }> = [
    {
      name: 'an unsigned token (alg: none)',
      reason: 'TOKEN_ALGORITHM_NOT_ALLOWED',
      header: async () => bearer(unsignedToken({ ...valid, sub: 'x' })),
    },
    {
      name: 'a token signed with another secret',
      reason: 'TOKEN_SIGNATURE_INVALID',
      header: async () => bearer(await sign({ ...valid, sub: 'x' }, secretKey(OTHER_SECRET))),
    },
    {
      name: 'a token whose payload was changed after signing',
      reason: 'TOKEN_SIGNATURE_INVALID',
      header: async () => {
        const [head, , signature] = (await sign({ ...valid, sub: 'x', role: 'reader' })).split('.');
        const payload = base64url({
          ...valid,
          sub: 'x',
          role: 'admin',
          exp: Math.floor(Date.now() / 1000) + 3600,
        });
        return bearer(`${head}.${payload}.${signature}`);
      },
    },
    {
      name: 'an expired token',
      reason: 'TOKEN_EXPIRED',
      header: async () => bearer(await sign({ ...valid, sub: 'x', exp: Math.floor(Date.now() / 1000) - 60 })),
    },
    {
      name: 'a token not valid before a time to come (nbf)',
      reason: 'TOKEN_NOT_YET_VALID',
      header: async () =>
        bearer(await sign({ ...valid, sub: 'x', nbf: Math.floor(Date.now() / 1000) + 600 })),
    },
    {
      name: 'a token for another audience',
      reason: 'TOKEN_AUDIENCE_INVALID',
      header: async () => bearer(await sign({ ...valid, aud: 'another-api', sub: 'x' })),
    },
    {
      name: 'a token from another issuer',
      reason: 'TOKEN_ISSUER_INVALID',
      header: async () => bearer(await sign({ ...valid, iss: 'https://evil.test', sub: 'x' })),
    },
    {
      name: 'a token signed with RS256 where only HMAC is accepted',
      reason: 'TOKEN_ALGORITHM_NOT_ALLOWED',
      header: async () =>
        bearer(
          await sign(
            { ...valid, sub: 'x' },
            generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
            'RS256',
          ),
        ),
    },
    { name: 'garbage', reason: 'TOKEN_MALFORMED', header: async () => bearer('not.a.token') },
    {
      name: 'a token that is not base64',
      reason: 'TOKEN_MALFORMED',
      header: async () => bearer('%%%.***.$$$'),
    },
    {
      name: 'another scheme than Bearer',
      reason: 'TOKEN_MALFORMED',
      header: async () => ({ authorization: 'Basic dXNlcjpwYXNz' }),
    },
    {
      name: 'a role claim that is not a string',
      reason: 'TOKEN_CLAIM_INVALID',
      header: async () => bearer(await sign({ ...valid, role: ['a', 'b'] })),
    },
  ];

  it.each(forged)(
    'refuses $name with UNAUTHENTICATED (401) and sends no statement',
    async ({ reason, header }) => {
      const headers = await header();
      await settled(observed);
      observed.statements.length = 0;
      const executed = observed.callers.length;
      const answer = await post(observed.gateway, headers);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors).toHaveLength(1);
      expect(answer.body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
      expect(observed.statements.map((statement) => statement.sql)).toEqual([]);
      expect(observed.callers.length).toBe(executed);
    },
  );
});

describe('JWT authentication with anonymous access refused and allowed roles', () => {
  let observed: ObservedGateway;

  beforeAll(async () => {
    observed = await startObserved({
      auth: authConfig({ jwt: { secret: SECRET }, anonymous: 'refuse', allowedRoles: ['reader', 'writer'] }),
    });
  });
  afterAll(async () => {
    await observed?.gateway.stop();
  });

  it('refuses a request without a token with UNAUTHENTICATED (401) and sends no statement', async () => {
    await settled(observed);
    observed.statements.length = 0;
    const answer = await post(observed.gateway);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer error="invalid_request"');
    expect(answer.body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING' });
    expect(observed.statements).toEqual([]);
  });

  it('refuses a verified token whose role is not allowed with FORBIDDEN (403) and sends no statement', async () => {
    await settled(observed);
    observed.statements.length = 0;
    const answer = await post(observed.gateway, bearer(await sign({ sub: 'x', role: 'admin' })));
    expect(answer.status).toBe(403);
    expect(answer.body.errors[0].extensions).toEqual({
      code: 'FORBIDDEN',
      reason: 'ROLE_NOT_ALLOWED',
      role: 'admin',
    });
    expect(observed.statements).toEqual([]);
  });

  it('answers a token with an allowed role', async () => {
    const answer = await post(observed.gateway, bearer(await sign({ sub: 'x', role: 'writer' })));
    expect(answer.status).toBe(200);
    expect(answer.body.data.tracks).toHaveLength(2);
  });
});

describe('JWT authentication on MariaDB (no row-level security)', () => {
  let observed: ObservedGateway;

  beforeAll(async () => {
    observed = await startObserved({
      databaseUrl: CHINOOK_MYSQL_URL,
      auth: authConfig({ jwt: { secret: SECRET }, databaseSession: true }),
    });
  });
  afterAll(async () => {
    await observed?.gateway.stop();
  });

  it('identifies the caller and runs its statements on the pool as before, without a transaction', async () => {
    observed.statements.length = 0;
    const answer = await post(observed.gateway, bearer(await sign({ sub: 'maria', role: 'reader' })));
    expect(answer.status).toBe(200);
    expect(answer.body.data.tracks).toHaveLength(2);
    expect(observed.callers.at(-1)).toMatchObject({ id: 'maria', roles: ['reader'], authenticated: true });
    expect(observed.statements.map((statement) => statement.sql)).toEqual([
      expect.stringMatching(/^SELECT /),
    ]);
  });

  it('refuses a forged token with UNAUTHENTICATED and sends no statement', async () => {
    observed.statements.length = 0;
    const answer = await post(observed.gateway, bearer(await sign({ sub: 'x' }, secretKey(OTHER_SECRET))));
    expect(answer.status).toBe(401);
    expect(observed.statements).toEqual([]);
  });
});

describe('JWT verification keys', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const ed = generateKeyPairSync('ed25519');
  const pemFile = (name: string, key: KeyObject) => {
    const file = path.join(directory, name);
    writeFileSync(file, key.export({ type: 'spki', format: 'pem' }));
    return file;
  };

  /** The caller id `onRequest` of a hook with `jwt` settings identifies `token` as, or the refusal's reason. */
  async function identify(jwt: Record<string, unknown>, token: string): Promise<string> {
    const auth = authConfig({ jwt }) as AuthConfig & { jwt: JwtConfig };
    const hook = createJwtAuthentication({ auth, databaseSession: false });
    const state = { attributes: new Map() } as RequestState;
    const request: GatewayRequest = {
      method: 'POST',
      url: '/graphql',
      remoteAddress: undefined,
      header: (name) => (name === 'authorization' ? `Bearer ${token}` : undefined),
    };
    try {
      await hook.onRequest?.(request, state);
      return state.caller?.id ?? '(none)';
    } catch (error) {
      return (error as { extensions: { reason: string } }).extensions.reason;
    }
  }

  it('verifies RS256 and PS256 tokens with a PEM public key file', async () => {
    const jwt = { publicKeyFile: pemFile('rsa.pem', rsa.publicKey) };
    expect(await identify(jwt, await sign({ sub: 'rs' }, rsa.privateKey, 'RS256'))).toBe('rs');
    expect(await identify(jwt, await sign({ sub: 'ps' }, rsa.privateKey, 'PS256'))).toBe('ps');
  });

  it('verifies ES384 tokens with an EC public key and EdDSA tokens with an Ed25519 key', async () => {
    expect(
      await identify(
        { publicKeyFile: pemFile('ec.pem', ec.publicKey) },
        await sign({ sub: 'es' }, ec.privateKey, 'ES384'),
      ),
    ).toBe('es');
    expect(
      await identify(
        { publicKeyFile: pemFile('ed.pem', ed.publicKey) },
        await sign({ sub: 'ed' }, ed.privateKey, 'EdDSA'),
      ),
    ).toBe('ed');
  });

  it('refuses an HS256 token signed with the public key as its secret (algorithm confusion)', async () => {
    const file = pemFile('rsa-confusion.pem', rsa.publicKey);
    const pem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(await identify({ publicKeyFile: file }, await sign({ sub: 'x' }, secretKey(pem)))).toBe(
      'TOKEN_ALGORITHM_NOT_ALLOWED',
    );
  });

  it('accepts only the configured algorithms', async () => {
    const jwt = { publicKeyFile: pemFile('rsa-rs512.pem', rsa.publicKey), algorithms: ['RS512'] };
    expect(await identify(jwt, await sign({ sub: 'rs512' }, rsa.privateKey, 'RS512'))).toBe('rs512');
    expect(await identify(jwt, await sign({ sub: 'rs256' }, rsa.privateKey, 'RS256'))).toBe(
      'TOKEN_ALGORITHM_NOT_ALLOWED',
    );
  });

  it('verifies with the key of a JWKS file named by the token kid, and refuses an unknown kid', async () => {
    const file = path.join(directory, 'jwks.json');
    const keys = [
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES384', use: 'sig' },
    ];
    writeFileSync(file, JSON.stringify({ keys }));
    const jwt = { jwksFile: file };
    expect(
      await identify(jwt, await sign({ sub: 'by-rsa' }, rsa.privateKey, 'RS256', { kid: 'rsa-1' })),
    ).toBe('by-rsa');
    expect(await identify(jwt, await sign({ sub: 'by-ec' }, ec.privateKey, 'ES384', { kid: 'ec-1' }))).toBe(
      'by-ec',
    );
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect(await identify(jwt, await sign({ sub: 'x' }, stranger, 'RS256', { kid: 'rsa-2' }))).toBe(
      'TOKEN_KEY_UNKNOWN',
    );
  });

  it('accepts a token expired within the clock tolerance, and not beyond it', async () => {
    const jwt = { secret: SECRET, clockToleranceSeconds: 30 };
    const now = Math.floor(Date.now() / 1000);
    expect(await identify(jwt, await sign({ sub: 'late', exp: now - 10 }))).toBe('late');
    expect(await identify(jwt, await sign({ sub: 'late', exp: now - 60 }))).toBe('TOKEN_EXPIRED');
  });
});

describe('the verified-token cache', () => {
  function hookWith(jwt: Record<string, unknown>) {
    const auth = authConfig({ jwt: { secret: SECRET, ...jwt } }) as AuthConfig & { jwt: JwtConfig };
    return createJwtAuthentication({ auth, databaseSession: false });
  }
  function run(hook: ReturnType<typeof createJwtAuthentication>, token: string) {
    const state = { attributes: new Map() } as RequestState;
    const request: GatewayRequest = {
      method: 'POST',
      url: '/graphql',
      remoteAddress: undefined,
      header: (name) => (name === 'authorization' ? `Bearer ${token}` : undefined),
    };
    return { returned: hook.onRequest?.(request, state), state };
  }

  it('identifies a repeated token without verifying it again (synchronously, the same caller)', async () => {
    const hook = hookWith({});
    const token = await sign({ sub: 'repeat', role: 'reader' });
    const first = run(hook, token);
    expect(first.returned).toBeInstanceOf(Promise);
    await first.returned;
    const second = run(hook, token);
    expect(second.returned).toBeUndefined();
    expect(second.state.caller).toBe(first.state.caller);
  });

  it('verifies every time with the cache off', async () => {
    const hook = hookWith({ verifiedTokenCacheBytes: 0 });
    const token = await sign({ sub: 'repeat' });
    await run(hook, token).returned;
    expect(run(hook, token).returned).toBeInstanceOf(Promise);
  });

  it('forgets a token at its exp, which is then refused', async () => {
    const hook = hookWith({ clockToleranceSeconds: 0 });
    const exp = Math.floor(Date.now() / 1000) + 1;
    const token = await sign({ sub: 'short', exp });
    await run(hook, token).returned;
    expect(run(hook, token).returned).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
    await expect(run(hook, token).returned).rejects.toMatchObject({
      extensions: { reason: 'TOKEN_EXPIRED' },
    });
  });

  it('keeps its bytes under the budget however many tokens come', async () => {
    const hook = hookWith({ verifiedTokenCacheBytes: 4096 });
    const tokens = await Promise.all(
      Array.from({ length: 40 }, (_, index) => sign({ sub: `user-${index}` })),
    );
    for (const token of tokens) await run(hook, token).returned;
    // The latest tokens are remembered, the first ones were dropped.
    expect(run(hook, tokens.at(-1) as string).returned).toBeUndefined();
    expect(run(hook, tokens[0] as string).returned).toBeInstanceOf(Promise);
  });
});
