import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { CHINOOK_PG_URL } from '../support/databases.js';
import { firstErrorCode, rawRequest, startSecurityGateway } from '../support/security-gateways.js';

const INTROSPECTION = '{ __schema { queryType { name } } }';
const TYPE_QUERY = '{ __type(name: "Album") { name } }';
const started: RunningGateway[] = [];
let production: RunningGateway;
let productionYoga: RunningGateway;
let explicit: RunningGateway;
let development: RunningGateway;
let withFiles: RunningGateway;
let folder: string;

async function start(overrides: Parameters<typeof startSecurityGateway>[1]): Promise<RunningGateway> {
  const { gateway } = await startSecurityGateway(CHINOOK_PG_URL, overrides);
  started.push(gateway);
  return gateway;
}

beforeAll(async () => {
  production = await start({ production: true });
  productionYoga = await start({ production: true, httpFastPath: false });
  explicit = await start({ production: true, introspection: true, graphiql: true });
  development = await start({});
  // A gateway configured from files, as an operator would: their paths must never reach a browser.
  folder = mkdtempSync(path.join(os.tmpdir(), 'discograph-private-folder-'));
  const hooksFile = path.join(folder, 'request-log-hooks.mjs');
  writeFileSync(hooksFile, 'export default { name: "request log", onResult() {} };\n');
  const configFile = path.join(folder, 'discograph.config.json');
  writeFileSync(
    configFile,
    JSON.stringify({ databaseUrl: CHINOOK_PG_URL, port: 0, hooks: [hooksFile], cacheDir: folder }),
  );
  withFiles = await startGateway(loadConfig({ configFile, cwd: folder, env: {} }));
  started.push(withFiles);
});
afterAll(async () => {
  await Promise.all(started.map((gateway) => gateway.stop()));
});

const postQuery = (url: string, query: string) =>
  rawRequest(url, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
const getQuery = (url: string, query: string) =>
  rawRequest(`${url}?query=${encodeURIComponent(query)}`, { method: 'GET' });
const browserGet = (url: string) => rawRequest(url, { method: 'GET', headers: { accept: 'text/html' } });

describe('production mode', () => {
  it('refuses __schema and __type with INTROSPECTION_DISABLED on both paths, POST and GET', async () => {
    for (const gateway of [production, productionYoga]) {
      for (const query of [
        INTROSPECTION,
        TYPE_QUERY,
        `{ ...F } fragment F on Query { __schema { types { name } } }`,
      ]) {
        for (const answer of [await postQuery(gateway.url, query), await getQuery(gateway.url, query)]) {
          // A validation error: 200 with application/json, as GraphQL over HTTP asks (400 below).
          expect(answer.status).toBe(200);
          expect(firstErrorCode(answer.body)).toBe('INTROSPECTION_DISABLED');
          expect(JSON.parse(answer.body).data).toBeUndefined();
        }
      }
    }
  });

  it('answers the refusal with 400 to a client accepting application/graphql-response+json', async () => {
    const answer = await rawRequest(production.url, {
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: INTROSPECTION }),
    });
    expect(answer.status).toBe(400);
    expect(firstErrorCode(answer.body)).toBe('INTROSPECTION_DISABLED');
  });

  it('still answers __typename', async () => {
    const answer = await postQuery(production.url, '{ __typename albums(limit: 1) { __typename title } }');
    expect(JSON.parse(answer.body)).toEqual({
      data: {
        __typename: 'Query',
        albums: [{ __typename: 'Album', title: 'For Those About To Rock We Salute You' }],
      },
    });
  });

  it('serves no GraphiQL page to a browser', async () => {
    const answer = await browserGet(production.url);
    expect(answer.body).not.toMatch(/graphiql/i);
  });

  it('puts no originalError, stack or parser message in an answer', async () => {
    const invalidJson = await rawRequest(production.url, {
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(invalidJson.status).toBe(400);
    expect(JSON.parse(invalidJson.body)).toEqual({
      errors: [{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
    const outsideProduction = await rawRequest(development.url, {
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(JSON.parse(outsideProduction.body).errors[0].extensions.originalError).toBeDefined();
  });

  it('answers introspection and serves GraphiQL when enabled explicitly', async () => {
    expect(JSON.parse((await postQuery(explicit.url, INTROSPECTION)).body)).toEqual({
      data: { __schema: { queryType: { name: 'Query' } } },
    });
    expect((await browserGet(explicit.url)).body).toMatch(/renderYogaGraphiQL/);
  });

  it('is on with NODE_ENV=production or DISCOGRAPH_PRODUCTION=true, and off otherwise', () => {
    const load = (env: NodeJS.ProcessEnv) => loadConfig({ env, cwd: '/nonexistent' }).production;
    expect(load({ NODE_ENV: 'production' })).toBe(true);
    expect(load({ DISCOGRAPH_PRODUCTION: 'true' })).toBe(true);
    expect(load({ NODE_ENV: 'production', DISCOGRAPH_PRODUCTION: 'false' })).toBe(false);
    expect(load({ NODE_ENV: 'test' })).toBe(false);
  });
});

describe('outside production', () => {
  it('keeps introspection and GraphiQL on', async () => {
    expect(JSON.parse((await postQuery(development.url, TYPE_QUERY)).body)).toEqual({
      data: { __type: { name: 'Album' } },
    });
    expect((await browserGet(development.url)).body).toMatch(/renderYogaGraphiQL/);
  });

  it('shows no server file path on the GraphiQL page (config file, hook modules, working folder)', async () => {
    const page = (await browserGet(withFiles.url)).body;
    expect(page).toMatch(/renderYogaGraphiQL/);
    for (const secret of [
      folder,
      'request-log-hooks',
      'discograph.config.json',
      process.cwd(),
      os.homedir(),
    ]) {
      expect(page.includes(secret), secret).toBe(false);
    }
    const options = page.slice(page.lastIndexOf('renderYogaGraphiQL('));
    expect(options).not.toMatch(/"(path|moduleFile|configFile|hooks|cacheDir)"/);
  });
});
