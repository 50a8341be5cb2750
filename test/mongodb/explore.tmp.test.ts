import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { startGateway } from '../../src/server/gateway.js';
import { listOperations } from '../graphql/support/golden-files.js';
import { loadChinook } from '../support/mongodb/chinook-mongodb.js';
import { startMongoTestServer } from '../support/mongodb/mongodb-test-server.js';

it('explore', async () => {
  const server = await startMongoTestServer();
  const client = new MongoClient(server.url('chinook'));
  await loadChinook(client.db('chinook'));
  await client.close();
  const statements: string[] = [];
  const gateway = await startGateway(
    {
      ...DEFAULT_CONFIG,
      databaseUrl: server.url('chinook'),
      port: 0,
      cacheDir: mkdtempSync(path.join(os.tmpdir(), 'dg-mongo-')),
    },
    {
      onSource: (source) => source.dataSource.connector?.observeStatements(({ sql }) => statements.push(sql)),
    },
  );
  const dir = path.resolve('test/graphql/operations/chinook');
  for (const op of listOperations(dir)) {
    if (op.mutation) continue;
    statements.length = 0;
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: op.query, variables: op.variables }),
    });
    const body = await response.json();
    const goldenFile = path.join(dir, `${op.name}.result.json`);
    const golden = existsSync(goldenFile) ? JSON.parse(readFileSync(goldenFile, 'utf8')) : undefined;
    const same = JSON.stringify(body.data) === JSON.stringify(golden?.data);
    console.log(
      op.name,
      same ? 'SAME' : 'DIFF',
      statements.length,
      statements.join(' | '),
      same ? '' : JSON.stringify(body).slice(0, 400),
    );
  }
  await gateway.stop();
  await server.stop();
});
