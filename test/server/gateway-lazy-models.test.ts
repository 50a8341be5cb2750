import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSchemaCache } from '../../src/cache/schema-cache.js';
import { buildGraphQLSchemaWithNames, printSortedSchema } from '../../src/graphql/index.js';
import { fromDefinedModels } from '../../src/graphql/model-source.js';
import { DataSource } from '../../src/juggler/datasource.js';
import type { ModelDefinition } from '../../src/juggler/model-definition.js';
import { DEFAULT_CONFIG, type GatewayConfig } from '../../src/server/config.js';
import { loadDefinitions, type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { type GatewaySource, openGatewaySource } from '../../src/server/gateway-source.js';
import { CHINOOK_PG_URL } from '../support/databases.js';
import type { ResponseData } from '../support/json.js';

function configFor(): GatewayConfig {
  return {
    ...DEFAULT_CONFIG,
    databaseUrl: CHINOOK_PG_URL,
    port: 0,
    cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-lazy-models-')),
  };
}

/** Discovers Chinook and writes its schema cache, as `discograph discover` does. */
async function discoverInto(config: GatewayConfig): Promise<ModelDefinition[]> {
  const source = await openGatewaySource(config);
  try {
    const { definitions } = await loadDefinitions(source, config, { checkCache: false });
    writeSchemaCache(config.cacheDir, {
      source: { connector: 'postgresql', database: 'chinook' },
      options: {},
      definitions,
    });
    return definitions;
  } finally {
    await source.close();
  }
}

async function post(url: string, query: string): Promise<ResponseData> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as ResponseData;
}

/** The models whose class is built (an entry of `dataSource.models` that is a value, not an accessor). */
function builtModels(source: GatewaySource): string[] {
  const { models } = source.dataSource;
  return Object.keys(models)
    .filter((name) => Object.getOwnPropertyDescriptor(models, name)?.get === undefined)
    .sort();
}

describe('a gateway started from a schema cache', () => {
  let config: GatewayConfig;
  let definitions: ModelDefinition[];
  let gateway: RunningGateway;
  let source: GatewaySource;

  beforeAll(async () => {
    config = configFor();
    definitions = await discoverInto(config);
    gateway = await startGateway(config, {
      fromCache: true,
      onSource: (opened) => {
        source = opened;
      },
    });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('builds no model class before a query needs one', async () => {
    expect(Object.keys(source.dataSource.models)).toHaveLength(definitions.length);
    expect(builtModels(source)).toEqual([]);
    const { data } = await post(gateway.url, '{ __typename }');
    expect(data).toEqual({ __typename: 'Query' });
    expect(builtModels(source)).toEqual([]);
  });

  it('serves the schema that building every class gives', () => {
    const models = new DataSource('postgresql', { url: CHINOOK_PG_URL }).buildModelsFrom(definitions);
    const sources = fromDefinedModels(Object.values(models), definitions);
    // As the gateway builds it for a SQL database: with `directive @atomic`.
    const eager = buildGraphQLSchemaWithNames(models, { sources, atomicMutations: true }).schema;
    expect(gateway.schema.sdl).toBe(printSortedSchema(eager));
    expect(builtModels(source)).toEqual([]);
  });

  it('builds the class of the queried model, and those its relations reach only when selected', async () => {
    const first = await post(gateway.url, '{ albums(limit: 2, order: [ALBUM_ID_ASC]) { title } }');
    expect(first.errors?.[0]?.message).toBeUndefined();
    expect(first.data).toEqual({
      albums: [{ title: 'For Those About To Rock We Salute You' }, { title: 'Balls to the Wall' }],
    });
    expect(builtModels(source)).toEqual(['Album']);
    const second = await post(gateway.url, '{ album(albumId: 1) { title artist { name } } }');
    expect(second.errors).toBeUndefined();
    expect(second.data).toEqual({
      album: { title: 'For Those About To Rock We Salute You', artist: { name: 'AC/DC' } },
    });
    expect(builtModels(source)).toEqual(['Album', 'Artist']);
  });
});

describe('a gateway started from a schema cache with a bad relation', () => {
  it('fails to start with the error building every class gives', async () => {
    const config = configFor();
    const definitions = await discoverInto(config);
    // A hasMany over a key its target lacks (the configuration's selection keeps it: it drops
    // only relations over columns it hid).
    const album = definitions.find((definition) => definition.name === 'Album') as ModelDefinition;
    (album.options?.relations as Record<string, unknown>).tracks = {
      type: 'hasMany',
      model: 'Track',
      foreignKey: 'albumKey',
    };
    writeSchemaCache(config.cacheDir, {
      source: { connector: 'postgresql', database: 'chinook' },
      options: {},
      definitions,
    });
    let expected: unknown;
    try {
      const models = new DataSource('memory').buildModelsFrom(definitions);
      fromDefinedModels(Object.values(models), definitions);
    } catch (error) {
      expected = error;
    }
    expect((expected as { code?: string }).code).toBe('UNKNOWN_PROPERTY');
    const started = startGateway(config, { fromCache: true });
    // Stop a gateway that started after all, so that a failure leaves nothing running.
    started.then((gateway) => gateway.stop()).catch(() => {});
    await expect(started).rejects.toMatchObject({
      code: 'UNKNOWN_PROPERTY',
      message: (expected as Error).message,
      details: (expected as { details: unknown }).details,
    });
  });
});
