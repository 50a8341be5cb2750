import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import {
  DEFAULT_TRUSTED_DOCUMENTS_CONFIG,
  type TrustedDocumentsConfig,
} from '../../src/server/config/trusted-documents-config.js';
import { ConfigError, DEFAULT_CONFIG, type GatewayConfig, loadConfig } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { operationDocuments } from '../../src/server/trusted-documents/operation-documents.js';
import { loadTrustedDocuments } from '../../src/server/trusted-documents/read-trusted-documents.js';
import { captureIo } from '../support/cli-io.js';
import { CHINOOK_PG_URL } from '../support/databases.js';
import type { ResponseData } from '../support/json.js';

/** Two operations sharing a fragment (which uses another), as codegen reads them. */
const ALBUM_OPERATIONS = `# Albums of the client.
query FirstAlbums {
  albums(limit: 2, order: [TITLE_DESC]) { ...AlbumFields }
}

query OneAlbum($id: Int!) {
  album(albumId: $id) { ...AlbumFields }
}

fragment AlbumFields on Album { albumId title ...AlbumArtist }
fragment AlbumArtist on Album { artist { name } }
`;

/** A third operation, in a subfolder. */
const ARTIST_OPERATIONS = 'query ArtistCount { artistsCount }\n';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A folder of operation files like examples/operations. */
function operationsFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'discograph-trusted-'));
  writeFileSync(path.join(folder, 'albums.graphql'), ALBUM_OPERATIONS);
  mkdirSync(path.join(folder, 'artists'));
  writeFileSync(path.join(folder, 'artists', 'count.graphql'), ARTIST_OPERATIONS);
  return folder;
}

/** The manifest `discograph trusted-documents` prints for `folder`. */
async function manifestOf(folder: string): Promise<Record<string, string>> {
  const io = captureIo();
  expect(await runCli(['trusted-documents', '--folder', folder], io)).toBe(0);
  return JSON.parse(io.stdout.join('\n')) as Record<string, string>;
}

/** The hash of the manifest's document for the operation `name`. */
function hashOf(manifest: Record<string, string>, name: string): string {
  const found = Object.entries(manifest).find(([, text]) => text.startsWith(`query ${name}`));
  if (!found) throw new Error(`no document for ${name}`);
  return found[0];
}

function configFor(trustedDocuments: Partial<TrustedDocumentsConfig>, httpFastPath = true): GatewayConfig {
  return {
    ...DEFAULT_CONFIG,
    databaseUrl: CHINOOK_PG_URL,
    port: 0,
    httpFastPath,
    cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-trusted-cache-')),
    trustedDocuments: { ...DEFAULT_TRUSTED_DOCUMENTS_CONFIG, ...trustedDocuments },
  };
}

interface Answer {
  status: number;
  body: ResponseData;
}

async function post(gateway: RunningGateway, body: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function get(gateway: RunningGateway, params: Record<string, unknown>): Promise<Answer> {
  const search = new URLSearchParams(
    Object.entries(params).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );
  const response = await fetch(`${gateway.url}?${search}`, { headers: { accept: 'application/json' } });
  return { status: response.status, body: await response.json() };
}

const persistedQuery = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });
const UNKNOWN_HASH = 'f'.repeat(64);

describe('discograph trusted-documents', () => {
  it('prints one document per operation, with the fragments it uses, keyed by the SHA-256 of its text', async () => {
    const folder = operationsFolder();
    const io = captureIo();
    expect(await runCli(['trusted-documents', '--folder', folder], io)).toBe(0);
    const manifest = JSON.parse(io.stdout.join('\n')) as Record<string, string>;
    expect(Object.keys(manifest)).toHaveLength(3);
    for (const [hash, text] of Object.entries(manifest)) expect(hash).toBe(sha256(text));
    const oneAlbum = manifest[hashOf(manifest, 'OneAlbum')];
    expect(oneAlbum).toContain('fragment AlbumFields on Album');
    expect(oneAlbum).toContain('fragment AlbumArtist on Album');
    expect(oneAlbum).not.toContain('FirstAlbums');
    expect(manifest[hashOf(manifest, 'ArtistCount')]).toBe('query ArtistCount {\n  artistsCount\n}');
    expect(io.stderr.join('\n')).toContain(
      `${hashOf(manifest, 'ArtistCount')}  ArtistCount  artists/count.graphql`,
    );
  });

  it('reads the folder codegen reads by default (examples/operations)', async () => {
    const io = captureIo();
    expect(await runCli(['trusted-documents'], io)).toBe(0);
    const manifest = JSON.parse(io.stdout.join('\n')) as Record<string, string>;
    expect(Object.values(manifest).some((text) => text.startsWith('query CheapBooks('))).toBe(true);
  });

  it('refuses a folder whose operation uses a fragment no file defines', () => {
    expect(() =>
      operationDocuments([{ file: 'broken.graphql', text: 'query Broken { albums { ...Missing } }' }]),
    ).toThrow(/uses the fragment Missing, which no operation file defines/);
  });
});

describe.each([
  { path: 'the fast path', httpFastPath: true },
  { path: 'yoga', httpFastPath: false },
])('trusted documents on, through $path', ({ httpFastPath }) => {
  let gateway: RunningGateway;
  let manifest: Record<string, string>;

  beforeAll(async () => {
    const folder = operationsFolder();
    manifest = await manifestOf(folder);
    gateway = await startGateway(configFor({ enabled: true, folder }, httpFastPath));
  });
  afterAll(() => gateway?.stop());

  /** Checks that the requests since `before` were answered by the path under test. */
  const answeredBy = (before: { fast: number; yoga: number }) => {
    const counts = gateway.http.requestCounts;
    if (httpFastPath) expect(counts.fast).toBeGreaterThan(before.fast);
    else expect(counts.yoga).toBeGreaterThan(before.yoga);
  };

  it('runs a trusted document named by its hash, as the APQ extension or documentId, on POST and GET', async () => {
    const before = { ...gateway.http.requestCounts };
    const oneAlbum = hashOf(manifest, 'OneAlbum');
    const expected = { album: { albumId: 5, title: 'Big Ones', artist: { name: 'Aerosmith' } } };
    const answers = [
      await post(gateway, { extensions: persistedQuery(oneAlbum), variables: { id: 5 } }),
      await post(gateway, { documentId: `sha256:${oneAlbum}`, variables: { id: 5 } }),
      await get(gateway, { extensions: persistedQuery(oneAlbum), variables: { id: 5 } }),
      await get(gateway, { documentId: `sha256:${oneAlbum}`, variables: { id: 5 } }),
    ];
    for (const answer of answers) expect(answer).toEqual({ status: 200, body: { data: expected } });
    answeredBy(before);
  });

  it('refuses an unknown hash with PERSISTED_QUERY_NOT_FOUND (HTTP 404) on POST and GET', async () => {
    const answers = [
      await post(gateway, { extensions: persistedQuery(UNKNOWN_HASH) }),
      await post(gateway, { documentId: `sha256:${UNKNOWN_HASH}` }),
      await get(gateway, { extensions: persistedQuery(UNKNOWN_HASH) }),
      await get(gateway, { documentId: `sha256:${UNKNOWN_HASH}` }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect(answer.body.data).toBeUndefined();
    }
  });

  it('runs the full text of a trusted document', async () => {
    const text = manifest[hashOf(manifest, 'ArtistCount')] as string;
    expect(await post(gateway, { query: text })).toEqual({
      status: 200,
      body: { data: { artistsCount: 275 } },
    });
    expect(await get(gateway, { query: text })).toEqual({
      status: 200,
      body: { data: { artistsCount: 275 } },
    });
  });

  it('refuses any other text with DOCUMENT_NOT_TRUSTED (HTTP 403) before parsing it, introspection included', async () => {
    const documentsBefore = gateway.http.operations.usage.documents;
    const refused = [
      await post(gateway, { query: '{ artistsCount }' }),
      await post(gateway, { query: 'query ArtistCount { artistsCount }' }),
      await post(gateway, { query: '{ __schema { queryType { name } } }' }),
      await post(gateway, { query: '{ not graphql' }),
      await get(gateway, { query: '{ artistsCount }' }),
    ];
    for (const answer of refused) {
      expect(answer.status).toBe(403);
      expect(answer.body.errors[0].extensions.code).toBe('DOCUMENT_NOT_TRUSTED');
      expect(answer.body.data).toBeUndefined();
    }
    expect(gateway.http.operations.usage.documents).toBe(documentsBefore);
  });
});

describe('trusted documents with allowArbitrary, from a manifest file', () => {
  let gateway: RunningGateway;
  let manifest: Record<string, string>;

  beforeAll(async () => {
    manifest = await manifestOf(operationsFolder());
    const file = path.join(
      mkdtempSync(path.join(os.tmpdir(), 'discograph-manifest-')),
      'persisted-documents.json',
    );
    writeFileSync(file, JSON.stringify(manifest));
    gateway = await startGateway(
      configFor({
        enabled: true,
        folder: path.join(os.tmpdir(), 'no-such-folder'),
        manifest: file,
        allowArbitrary: true,
      }),
    );
  });
  afterAll(() => gateway?.stop());

  it('runs any full text, and still runs the manifest documents by hash and refuses unknown hashes', async () => {
    expect(await post(gateway, { query: '{ artistsCount }' })).toEqual({
      status: 200,
      body: { data: { artistsCount: 275 } },
    });
    const byHash = await post(gateway, { documentId: hashOf(manifest, 'FirstAlbums') });
    expect(byHash.status).toBe(200);
    expect(byHash.body.data.albums).toHaveLength(2);
    const unknown = await get(gateway, { extensions: persistedQuery(UNKNOWN_HASH) });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuses at start a manifest whose SHA-256 key is not the hash of its text', () => {
    const file = path.join(
      mkdtempSync(path.join(os.tmpdir(), 'discograph-manifest-')),
      'persisted-documents.json',
    );
    writeFileSync(file, JSON.stringify({ [UNKNOWN_HASH]: '{ artistsCount }' }));
    expect(() =>
      loadTrustedDocuments({
        ...DEFAULT_TRUSTED_DOCUMENTS_CONFIG,
        enabled: true,
        folder: '/nonexistent',
        manifest: file,
      }),
    ).toThrow(/does not have that SHA-256/);
  });
});

describe('trusted documents off (the default)', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway(configFor({}));
  });
  afterAll(() => gateway?.stop());

  it('runs any document, and a request by hash only is a bad request as before', async () => {
    expect(DEFAULT_CONFIG.trustedDocuments.enabled).toBe(false);
    expect(await post(gateway, { query: '{ artistsCount }' })).toEqual({
      status: 200,
      body: { data: { artistsCount: 275 } },
    });
    const byHash = await post(gateway, { extensions: persistedQuery(sha256('{ artistsCount }')) });
    expect(byHash.status).toBe(400);
    expect(byHash.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    const byId = await post(gateway, { documentId: `sha256:${sha256('{ artistsCount }')}` });
    expect(byId.status).toBe(400);
    expect(byId.body.errors[0].message).toMatch(/Unexpected parameter "documentId"/);
  });
});

describe('the trustedDocuments settings', () => {
  it('are off by default, with the folder codegen reads', () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'discograph-trusted-config-'));
    const config = loadConfig({ env: {}, cwd });
    expect(config.trustedDocuments).toEqual({
      enabled: false,
      folder: path.join(cwd, 'examples/operations'),
      allowArbitrary: false,
    });
  });

  it('are read from the config file and environment variables, and checked', () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'discograph-trusted-config-'));
    writeFileSync(
      path.join(cwd, 'discograph.config.json'),
      JSON.stringify({ trustedDocuments: { folder: 'ops', allowArbitrary: true } }),
    );
    const config = loadConfig({
      env: { DISCOGRAPH_TRUSTED_DOCUMENTS: 'on', DISCOGRAPH_TRUSTED_DOCUMENTS_MANIFEST: 'pd.json' },
      cwd,
    });
    expect(config.trustedDocuments).toEqual({
      enabled: true,
      folder: path.join(cwd, 'ops'),
      manifest: path.join(cwd, 'pd.json'),
      allowArbitrary: true,
    });
    expect(() => loadConfig({ env: { DISCOGRAPH_TRUSTED_DOCUMENTS: 'maybe' }, cwd })).toThrow(ConfigError);
    writeFileSync(
      path.join(cwd, 'discograph.config.json'),
      JSON.stringify({ trustedDocuments: { enabled: 'yes' } }),
    );
    expect(() => loadConfig({ env: {}, cwd })).toThrow(
      /: "trustedDocuments\.enabled" is "yes"; expected true or false \(a JSON boolean, not a string\)$/,
    );
  });

  it('stop the start when enabled with a folder that does not exist and no manifest', async () => {
    await expect(
      startGateway(configFor({ enabled: true, folder: path.join(os.tmpdir(), 'no-such-operations') })),
    ).rejects.toThrow(/trustedDocuments\.folder: .* is not a folder/);
  });
});
