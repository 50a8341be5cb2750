import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSchemaCache } from '../../src/cache/schema-cache.js';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';
import { DIALECTS } from '../support/dialects.js';

// Issue 18 item 24: LoopBack's procedure is to save discovered definitions as
// common/models/<model>.json and run them in a LoopBack app. `discograph discover` writes the
// schema cache's models/ in that form; this loads them with the real loopback-datasource-juggler.
const require = createRequire(import.meta.url);
const DATABASE = 'loopback_model_files';

interface LoopBackModel {
  create(data: Record<string, unknown>): Promise<Record<string, unknown> & LoopBackInstance>;
  findById(id: unknown): Promise<LoopBackInstance>;
  definition: { properties: Record<string, { type: unknown }> };
}
type LoopBackInstance = Record<string, unknown> & {
  [relation: string]: unknown;
};

describe.each(DIALECTS)('$name: discovered model files', (dialect) => {
  let cacheDir: string;
  let url: string;

  beforeAll(async () => {
    url = await dialect.createDatabase(DATABASE, { chinook: true });
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'discograph-loopback-models-'));
    expect(await runCli(['discover', '--database-url', url, '--cache-dir', cacheDir], captureIo())).toBe(0);
  }, 60_000);
  afterAll(() => dialect.dropDatabase(DATABASE));

  function modelFiles(): Record<string, unknown>[] {
    const dir = path.join(cacheDir, 'models');
    return readdirSync(dir).map((file) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
  }

  it('load in LoopBack juggler 6 and navigate belongsTo, hasMany and a many-to-many through its join table', async () => {
    const { DataSource } = require('loopback-datasource-juggler');
    const ds = new DataSource('memory');
    for (const json of modelFiles() as { name: string; properties: object; options: object }[]) {
      ds.createModel(json.name, json.properties, json.options);
    }
    const { Artist, Album, Track, Playlist, PlaylistTrack, MediaType, InvoiceLine, Invoice } =
      ds.models as Record<string, LoopBackModel>;
    // Decimal and the date-times are LoopBack types (Number, Date), not placeholder models.
    expect(InvoiceLine?.definition.properties.unitPrice?.type).toBe(Number);
    expect(Invoice?.definition.properties.invoiceDate?.type).toBe(Date);
    const artist = await Artist!.create({ artistId: 1, name: 'Miles Davis' });
    const album = await Album!.create({ albumId: 1, title: 'Kind of Blue', artistId: artist.artistId });
    const mediaType = await MediaType!.create({ mediaTypeId: 1, name: 'MPEG' });
    const track = await Track!.create({
      trackId: 1,
      name: 'So What',
      albumId: album.albumId,
      mediaTypeId: mediaType.mediaTypeId,
      milliseconds: 545000,
      unitPrice: 0.99,
    });
    const playlist = await Playlist!.create({ playlistId: 1, name: 'Jazz' });
    await PlaylistTrack!.create({ playlistId: playlist.playlistId, trackId: track.trackId });

    const found = (await Track!.findById(1)) as LoopBackInstance & {
      album: { get(): Promise<{ title: string }> };
    };
    expect((await found.album.get()).title).toBe('Kind of Blue');
    const foundArtist = (await Artist!.findById(1)) as LoopBackInstance & {
      albums: { find(): Promise<{ title: string }[]> };
    };
    expect((await foundArtist.albums.find()).map((a) => a.title)).toEqual(['Kind of Blue']);
    const foundPlaylist = (await Playlist!.findById(1)) as LoopBackInstance & {
      tracks: { find(): Promise<{ name: string }[]> };
    };
    expect((await foundPlaylist.tracks.find()).map((t) => t.name)).toEqual(['So What']);
  });

  it("write LoopBack's spellings: hasMany with through/keyThrough, number/date types, jsonSchema nullable, and the connector's nullable", () => {
    // biome-ignore lint/suspicious/noExplicitAny: the files are JSON whose shape this test asserts.
    const byName = new Map(modelFiles().map((json) => [json.name as string, json as Record<string, any>]));
    expect(byName.get('Playlist')?.options.relations.tracks).toEqual({
      type: 'hasMany',
      model: 'Track',
      through: 'PlaylistTrack',
      foreignKey: 'playlistId',
      keyThrough: 'trackId',
    });
    const unitPrice = byName.get('InvoiceLine')?.properties.unitPrice;
    expect(unitPrice).toMatchObject({
      type: 'number',
      jsonSchema: { nullable: false },
      discograph: { type: 'Decimal' },
    });
    expect(unitPrice[dialect.name]).toMatchObject({
      dataType: dialect.name === 'mysql' ? 'decimal' : 'numeric',
    });
    expect(unitPrice[dialect.name].nullable).toBe(dialect.name === 'mysql' ? 'N' : 'NO');
    const composer = byName.get('Track')?.properties.composer;
    expect(composer.jsonSchema).toEqual({ nullable: true });
    expect(composer[dialect.name].nullable).toBe(dialect.name === 'mysql' ? 'Y' : 'YES');
    const invoiceDate = byName.get('Invoice')?.properties.invoiceDate;
    expect(invoiceDate).toMatchObject({
      type: 'date',
      discograph: { type: expect.stringMatching(/DateTime$/) },
    });
  });

  it('read back by Discograph exactly as discovered: the cache matches the database and keeps Decimal', async () => {
    const cached = readSchemaCache(cacheDir);
    const line = cached.definitions.find((definition) => definition.name === 'InvoiceLine');
    expect(line?.properties.unitPrice).toMatchObject({ type: 'Decimal' });
    expect(JSON.stringify(cached.definitions)).not.toMatch(/"jsonSchema"|"nullable":"[YN]"/);
    const io = captureIo();
    // `check` compares the cache with a fresh discovery of the same database: nothing changed.
    const manifest = JSON.parse(readFileSync(path.join(cacheDir, 'manifest.json'), 'utf8'));
    expect(manifest.formatVersion).toBe(2);
    expect(await runCli(['check', '--cache-dir', cacheDir, '--database-url', url], io)).toBe(0);
    expect(io.stdout.join('\n')).toBe('no changes');
  });
});
