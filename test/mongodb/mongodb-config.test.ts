/**
 * The `mongodb` settings (src/server/config/mongodb-config.ts): read from the config file,
 * environment variables and flags like every section, refused with one line when wrong, and
 * handed to discovery: a suppressed relation is not inferred, a declared one is built.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MONGODB_CONFIG, readMongoDbConfig } from '../../src/server/config/mongodb-config.js';
import { loadConfig } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { loadChinook } from '../support/mongodb/chinook-mongodb.js';
import { type MongoTestServer, startMongoTestServer } from '../support/mongodb/mongodb-test-server.js';

describe('the mongodb settings', () => {
  it('default to the connector’s: 1,000 documents scanned, 100 reference values checked, relations inferred', () => {
    expect(readMongoDbConfig({ env: {} })).toEqual({
      sampleSize: 1000,
      sampling: 'scan',
      relationSampleSize: 100,
      inferRelations: true,
      relations: [],
    });
    expect(DEFAULT_MONGODB_CONFIG.sampleSize).toBe(1000);
  });

  it('take the config file, then environment variables, then flags', () => {
    const config = readMongoDbConfig({
      file: {
        sampleSize: 50,
        sampling: 'random',
        relations: [{ collection: 'album', field: 'artistId', target: null }],
      },
      env: { DISCOGRAPH_MONGODB_SAMPLE_SIZE: '200', DISCOGRAPH_MONGODB_INFER_RELATIONS: 'false' },
      flags: { relationSampleSize: 10 },
    });
    expect(config).toEqual({
      sampleSize: 200,
      sampling: 'random',
      relationSampleSize: 10,
      inferRelations: false,
      relations: [{ collection: 'album', field: 'artistId', target: null }],
    });
  });

  it('refuses a wrong value or an unknown key, naming the setting', () => {
    expect(() => readMongoDbConfig({ env: { DISCOGRAPH_MONGODB_SAMPLE_SIZE: '0' } })).toThrow(
      /^environment: "DISCOGRAPH_MONGODB_SAMPLE_SIZE" is "0"; expected a whole number from 1 to 1000000$/,
    );
    expect(() => readMongoDbConfig({ file: { sampling: 'all' }, env: {} })).toThrow(
      /^config file: "mongodb\.sampling" is "all"; expected one of "scan", "random"$/,
    );
    expect(() =>
      readMongoDbConfig({ file: { relations: [{ collection: 'album', field: 'artistId' }] }, env: {} }),
    ).toThrow(/^config file: "mongodb\.relations\.0\.target" is missing/);
    expect(() => readMongoDbConfig({ file: { samples: 5 }, env: {} })).toThrow(
      /^config file: unknown setting "mongodb\.samples"$/,
    );
  });
});

describe('the mongodb settings of a config file, on a MongoDB database', () => {
  const DATABASE = 'mongodb_config';
  let server: MongoTestServer;
  const gateways: RunningGateway[] = [];

  beforeAll(async () => {
    server = await startMongoTestServer();
    const client = new MongoClient(server.url(DATABASE));
    try {
      await loadChinook(client.db(DATABASE));
    } finally {
      await client.close();
    }
  });

  afterAll(async () => {
    for (const gateway of gateways) await gateway.stop();
    await server?.dropDatabase(DATABASE);
    await server?.stop();
  });

  async function serveWith(mongodb: unknown): Promise<RunningGateway> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'discograph-mongodb-config-'));
    const file = path.join(dir, 'discograph.config.json');
    writeFileSync(file, JSON.stringify({ mongodb, cacheDir: path.join(dir, 'cache'), port: 0 }));
    const config = loadConfig({ configFile: file, env: { DATABASE_URL: server.url(DATABASE) }, cwd: dir });
    const gateway = await startGateway(config);
    gateways.push(gateway);
    return gateway;
  }

  async function fieldsOf(gateway: RunningGateway, type: string): Promise<string[]> {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __type(name: "${type}") { fields { name } } }` }),
    });
    const body = (await response.json()) as { data: { __type: { fields: { name: string }[] } } };
    return body.data.__type.fields.map((field) => field.name);
  }

  it('suppresses an inferred relation and builds a declared one', async () => {
    const inferred = await serveWith({});
    expect(await fieldsOf(inferred, 'Album')).toContain('artist');
    const configured = await serveWith({
      relations: [
        { collection: 'album', field: 'artistId', target: null },
        { collection: 'track', field: 'genreId', target: 'genre' },
      ],
      inferRelations: false,
    });
    const album = await fieldsOf(configured, 'Album');
    expect(album).not.toContain('artist');
    expect(album).toContain('artistId');
    expect(await fieldsOf(configured, 'Track')).toContain('genre');
    expect(await fieldsOf(configured, 'Track')).not.toContain('album');
  });
});
