/**
 * One schema per role: what a role may not read, the fields it does not see and the operations it
 * may not make are absent from its schema — introspected through the HTTP server (the fast path)
 * and on yoga asked directly — built once per role; `readOnly` takes every mutation away.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_UNAVAILABLE_NOTE } from '../../src/server/access/schema-sources.js';
import { DEFAULT_CONFIG, type GatewayConfig } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { CALLER_HOOKS, callerWithRole, postAs } from '../support/caller-requests.js';
import { CHINOOK_MYSQL_URL, CHINOOK_PG_URL } from '../support/databases.js';

const ROLES: GatewayConfig['roles'] = {
  viewer: { Track: { read: true, hidden: ['unitPrice', 'albumId'] }, Album: { read: true } },
  editor: {
    Track: { read: true, create: true, update: true },
    Album: { read: true },
    Genre: { read: true },
    MediaType: { read: true },
  },
  limited: { Track: { read: true, create: true, update: true, hidden: ['milliseconds'] } },
};

function configFor(databaseUrl: string, overrides: Partial<GatewayConfig> = {}): GatewayConfig {
  return {
    ...DEFAULT_CONFIG,
    port: 0,
    databaseUrl,
    cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-role-schema-')),
    hooks: [CALLER_HOOKS],
    ...overrides,
  };
}

/** Whether a request goes to yoga directly rather than through the HTTP server (the fast path). */
let yogaFetch: ((url: string, init: RequestInit) => Promise<Response>) | undefined;

async function post(url: string, role: string | undefined, query: string, viaYoga = false) {
  const options = viaYoga && yogaFetch ? { fetch: yogaFetch } : {};
  return (await postAs(url, role ? callerWithRole(role) : undefined, query, options)).body;
}

const INTROSPECT = `{
  __schema { types { name } mutationType { fields { name } } }
  track: __type(name: "Track") { description fields { name } }
}`;

interface Introspection {
  types: string[];
  mutations: string[] | undefined;
  trackFields: string[];
  trackDescription: string | null;
}

async function introspect(url: string, role: string, viaYoga = false): Promise<Introspection> {
  const body = await post(url, role, INTROSPECT, viaYoga);
  expect(body.errors).toBeUndefined();
  return {
    types: body.data.__schema.types.map((type: { name: string }) => type.name),
    mutations: body.data.__schema.mutationType?.fields.map((field: { name: string }) => field.name),
    trackFields: body.data.track.fields.map((field: { name: string }) => field.name),
    trackDescription: body.data.track.description,
  };
}

describe.each([
  ['postgresql', CHINOOK_PG_URL],
  ['mysql', CHINOOK_MYSQL_URL],
])('schemas per role on %s', (_name, databaseUrl) => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway(configFor(databaseUrl, { roles: ROLES }));
    const yoga = await gateway.http.yoga();
    yogaFetch = async (url, init) => yoga.fetch(url, init);
  }, 60_000);
  afterAll(async () => {
    await gateway?.stop();
  });

  it.each([false, true])(
    'leaves out models, fields and mutations a role does not get (yoga asked directly: %s)',
    async (viaYoga) => {
      const viewer = await introspect(gateway.url, 'viewer', viaYoga);
      expect(viewer.types).toContain('Album');
      expect(viewer.types).not.toContain('Customer');
      expect(viewer.types).not.toContain('InvoiceLine');
      expect(viewer.mutations).toBeUndefined();
      expect(viewer.trackFields).toContain('album');
      expect(viewer.trackFields).not.toContain('unitPrice');
      expect(viewer.trackFields).not.toContain('albumId');
      // Relations to models the role may not read go with them.
      expect(viewer.trackFields).not.toContain('invoiceLines');
      expect(viewer.trackFields).not.toContain('genre');
      const editor = await introspect(gateway.url, 'editor', viaYoga);
      expect(editor.trackFields).toContain('unitPrice');
      expect(editor.mutations).toEqual(expect.arrayContaining(['createTrack', 'updateTrack', 'upsertTrack']));
      expect(editor.mutations).not.toContain('deleteTrack');
      expect(editor.mutations).not.toContain('createAlbum');
    },
  );

  it('answers a relation over a key the role does not see', async () => {
    const body = await post(gateway.url, 'viewer', '{ tracks(limit: 2) { name album { title } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data.tracks).toEqual([
      {
        name: 'For Those About To Rock (We Salute You)',
        album: { title: 'For Those About To Rock We Salute You' },
      },
      { name: 'Balls to the Wall', album: { title: 'Balls to the Wall' } },
    ]);
  });

  it('refuses a field the role does not see as an unknown field', async () => {
    const body = await post(gateway.url, 'viewer', '{ tracks(limit: 1) { unitPrice } customers { email } }');
    expect(body.errors?.map((error: { message: string }) => error.message)).toEqual([
      'Cannot query field "unitPrice" on type "Track".',
      'Cannot query field "customers" on type "Query".',
    ]);
  });

  it('takes create away from a role that does not see a column a create needs, and says why without naming it', async () => {
    const limited = await introspect(gateway.url, 'limited');
    expect(limited.mutations).toEqual(['updateTrack']);
    expect(limited.trackDescription).toContain(CREATE_UNAVAILABLE_NOTE);
    expect(JSON.stringify(limited)).not.toMatch(/milliseconds/i);
  });

  it('builds each role’s schema once', () => {
    const roles = gateway.schema.roles;
    expect(roles?.forRole('viewer')).toBe(roles?.forRole('viewer'));
    expect(roles?.forRole('viewer').schema).not.toBe(roles?.forRole('editor').schema);
  });
});

describe('readOnly', () => {
  it('serves no mutation at all', async () => {
    const gateway = await startGateway(configFor(CHINOOK_PG_URL, { readOnly: true }));
    try {
      const body = await post(gateway.url, undefined, '{ __schema { mutationType { name } } }');
      expect(body.data.__schema.mutationType).toBeNull();
      const refused = await post(gateway.url, undefined, 'mutation { deleteGenre(genreId: 1) { name } }');
      expect(refused.errors?.[0]?.message).toMatch(/Schema is not configured to execute mutation operation/);
    } finally {
      await gateway.stop();
    }
  });
});
