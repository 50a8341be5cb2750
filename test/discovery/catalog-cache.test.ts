/**
 * The catalog snapshot in `schema-cache/catalog.<connector>.json`, and the `...Sync` discovery
 * calls answered from it: the same answers as the asynchronous calls on the real database.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CatalogSnapshot,
  discoverSchemas,
  exportedForeignKeysFromSnapshot,
  foreignKeysFromSnapshot,
  loadCatalogSnapshotSync,
  modelDefinitionsFromSnapshot,
  primaryKeysFromSnapshot,
  propertiesFromSnapshot,
  saveCatalogSnapshot,
  schemasFromSnapshot,
} from '../../src/juggler/discovery/index.js';
import { CHINOOK_PG_URL } from '../support/databases.js';
import { openPgDiscovery, type PgDiscoveryHandle } from './support/pg-discovery.js';

let handle: PgDiscoveryHandle;
let cacheDir: string;
let snapshot: CatalogSnapshot;

beforeAll(async () => {
  handle = openPgDiscovery(CHINOOK_PG_URL);
  cacheDir = await mkdtemp(path.join(tmpdir(), 'discograph-catalog-'));
  await saveCatalogSnapshot(cacheDir, await handle.discovery.discoverCatalog({}));
  snapshot = loadCatalogSnapshotSync(cacheDir, 'postgresql');
});

afterAll(async () => {
  await handle.close();
  await rm(cacheDir, { recursive: true, force: true });
});

describe('the catalog snapshot file', () => {
  it('is written as catalog.<connector>.json and reads back equal', async () => {
    const fresh = await handle.discovery.discoverCatalog({});
    expect(snapshot).toEqual(fresh);
    expect(snapshot.tables).toHaveLength(11);
  });

  it('holds the same bytes when the catalog has not changed, with sorted keys', async () => {
    const file = path.join(cacheDir, 'catalog.postgresql.json');
    const first = await readFile(file, 'utf8');
    await saveCatalogSnapshot(cacheDir, await handle.discovery.discoverCatalog({}));
    const second = await readFile(file, 'utf8');
    expect(second).toBe(first);
    expect(first.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(first))).toEqual([
      'connector',
      'database',
      'defaultOwner',
      'owners',
      'statementCount',
      'tables',
    ]);
  });

  it('fails with SCHEMA_CACHE_MISSING naming the file and the command that writes it', () => {
    const missing = path.join(cacheDir, 'nowhere');
    expect(() => loadCatalogSnapshotSync(missing, 'mysql')).toThrowError(
      expect.objectContaining({
        code: 'SCHEMA_CACHE_MISSING',
        message: expect.stringContaining(path.join(missing, 'catalog.mysql.json')),
      }),
    );
    expect(() => loadCatalogSnapshotSync(missing, 'mysql')).toThrowError(/discograph discover/);
  });

  it('refuses a file that is not a snapshot of that connector', async () => {
    await writeFile(path.join(cacheDir, 'catalog.mysql.json'), '{"connector": "postgresql"}');
    expect(() => loadCatalogSnapshotSync(cacheDir, 'mysql')).toThrowError(
      expect.objectContaining({ code: 'SCHEMA_CACHE_MISSING' }),
    );
    await writeFile(path.join(cacheDir, 'catalog.mysql.json'), 'not json');
    expect(() => loadCatalogSnapshotSync(cacheDir, 'mysql')).toThrowError(/not valid JSON/);
  });

  it('refuses a connector name that cannot name a file', () => {
    expect(() => loadCatalogSnapshotSync(cacheDir, '../etc')).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});

describe('the ...Sync discovery calls from the snapshot', () => {
  it('discoverModelDefinitionsSync answers like discoverModelDefinitions', async () => {
    const options = { views: true, limit: 4, offset: 1 };
    expect(modelDefinitionsFromSnapshot(snapshot, options)).toEqual(
      await handle.discovery.discoverModelDefinitions(options),
    );
    expect(modelDefinitionsFromSnapshot(snapshot, { owner: 'other' })).toEqual([]);
  });

  it.each(['invoice_line', 'employee', 'playlist_track', 'track'])(
    'the per-table Sync calls answer like the async ones for %s',
    async (table) => {
      expect(propertiesFromSnapshot(snapshot, table)).toEqual(
        await handle.discovery.discoverModelProperties(table, {}),
      );
      expect(primaryKeysFromSnapshot(snapshot, table)).toEqual(
        await handle.discovery.discoverPrimaryKeys(table, {}),
      );
      expect(foreignKeysFromSnapshot(snapshot, table)).toEqual(
        await handle.discovery.discoverForeignKeys(table, {}),
      );
      expect(exportedForeignKeysFromSnapshot(snapshot, table)).toEqual(
        await handle.discovery.discoverExportedForeignKeys(table, {}),
      );
    },
  );

  it('an unknown table has no properties or keys', () => {
    expect(propertiesFromSnapshot(snapshot, 'nope')).toEqual([]);
    expect(exportedForeignKeysFromSnapshot(snapshot, 'nope')).toEqual([]);
  });

  it('discoverSchemasSync answers like discoverSchemas', async () => {
    const options = { associations: true };
    expect(
      schemasFromSnapshot(snapshot, 'album', {
        ...options,
        mapPropertyType: handle.discovery.mapPropertyType,
      }),
    ).toEqual(await discoverSchemas(handle.discovery, 'album', options));
  });
});
