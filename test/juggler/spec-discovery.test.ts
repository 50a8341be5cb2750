import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DiscoveryConnector, StatementEvent } from '../../src/juggler/connector/connector.js';
import type { ModelClass } from '../../src/juggler/dao/model-class.js';
import { DataSource } from '../../src/juggler/datasource.js';
import { saveCatalogSnapshot } from '../../src/juggler/discovery/index.js';
import { CHINOOK_PG_URL } from '../support/databases.js';

// Read-only use of the shared Chinook database: discovery and reads only.
const ds = new DataSource('postgresql', { url: CHINOOK_PG_URL });

afterAll(async () => {
  await ds.disconnect();
});

describe('discovery through the DataSource (PostgreSQL Chinook, read only)', () => {
  it('loads the postgresql connector lazily by an alias and connects', async () => {
    const aliased = new DataSource('pg', { url: CHINOOK_PG_URL });
    await aliased.ready();
    expect(aliased.connector?.name).toBe('postgresql');
    expect(aliased.isRelational()).toBe(true);
    await aliased.disconnect();
  });

  it('delegates the per-table discovery calls to the connector', async () => {
    const tables = await ds.discoverModelDefinitions({ limit: 20 });
    expect(tables.map((table) => table.name)).toContain('invoice_line');
    const columns = await ds.discoverModelProperties('invoice_line');
    expect(columns.map((column) => column.columnName)).toContain('unit_price');
    expect((await ds.discoverPrimaryKeys('invoice_line')).map((key) => key.columnName)).toEqual([
      'invoice_line_id',
    ]);
    const foreignKeys = await ds.discoverForeignKeys('invoice_line');
    expect(foreignKeys.map((key) => key.pkTableName).sort()).toEqual(['invoice', 'track']);
    const exported = await ds.discoverExportedForeignKeys('track');
    expect(exported.map((key) => key.fkTableName)).toContain('invoice_line');
    const schema = await ds.discoverSchema('invoice_line');
    expect(schema.name).toBe('InvoiceLine');
  });

  it('discoverAndBuildModels({visited, associations}) builds attached models with relations (the spec example)', async () => {
    const models = await new Promise<Record<string, ModelClass>>((resolve, reject) =>
      ds.discoverAndBuildModels(
        'invoice_line',
        { visited: {}, associations: true },
        (err: unknown, built?: Record<string, ModelClass>) => (err ? reject(err) : resolve(built ?? {})),
      ),
    );
    expect(Object.keys(models)).toEqual(expect.arrayContaining(['InvoiceLine', 'Track', 'Invoice', 'Album']));
    const line = await models.InvoiceLine!.findOne({ order: 'invoiceLineId' });
    expect(line.invoiceLineId).toBe(1);
    const track = await line.track();
    expect(track.trackId).toBe(line.trackId);
    expect(models.InvoiceLine!.relations.track).toMatchObject({ type: 'belongsTo', modelTo: 'Track' });
  });

  it('includes relations over real SQL with one statement per relation per level', async () => {
    const models = await ds.discoverAndBuildModels('album', { associations: true });
    const statements: StatementEvent[] = [];
    const stop = ds.connector?.observeStatements((event) => statements.push(event));
    const albums = await models.Album!.find({
      where: { artistId: { inq: [1, 2, 3] } },
      order: 'albumId',
      include: ['artist', { relation: 'tracks', scope: { order: 'trackId', limit: 2 } }],
    });
    stop?.();
    expect(statements).toHaveLength(3);
    expect(albums.length).toBeGreaterThan(2);
    const first = albums[0];
    expect((await first.artist()).name).toBe('AC/DC');
    const tracks = await first.tracks();
    expect(tracks.length).toBe(2);
    expect(tracks[0].albumId).toBe(first.albumId);
  });

  it('answers the ...Sync variants from the cached catalog snapshot', async () => {
    await ds.ready();
    const snapshot = await (ds.connector as unknown as DiscoveryConnector).discoverCatalog({});
    const dir = await mkdtemp(path.join(tmpdir(), 'discograph-datasource-'));
    try {
      await saveCatalogSnapshot(dir, snapshot);
      const cached = new DataSource('postgresql', { url: CHINOOK_PG_URL, schemaCacheDir: dir });
      await cached.ready();
      expect(cached.discoverModelDefinitionsSync().map((table) => table.name)).toContain('invoice_line');
      expect(cached.discoverModelPropertiesSync('invoice_line').map((column) => column.columnName)).toContain(
        'unit_price',
      );
      expect(cached.discoverPrimaryKeysSync('invoice_line').map((key) => key.columnName)).toEqual([
        'invoice_line_id',
      ]);
      expect(cached.discoverForeignKeysSync('invoice_line')).toHaveLength(2);
      expect(cached.discoverExportedForeignKeysSync('track').map((key) => key.fkTableName)).toContain(
        'invoice_line',
      );
      expect(cached.discoverSchemaSync('invoice_line').name).toBe('InvoiceLine');
      expect(Object.keys(cached.discoverSchemasSync('invoice_line', { relations: true }))).toContain(
        'public.track',
      );
      const models = cached.discoverAndBuildModelsSync('invoice_line', { relations: true });
      expect((await models.InvoiceLine!.findById(1)).invoiceLineId).toBe(1);
      await cached.disconnect();
      const missing = new DataSource('postgresql', {
        url: CHINOOK_PG_URL,
        schemaCacheDir: path.join(dir, 'none'),
      });
      expect(() => missing.discoverModelDefinitionsSync()).toThrow(
        expect.objectContaining({ code: 'SCHEMA_CACHE_MISSING' }),
      );
      await missing.disconnect();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
