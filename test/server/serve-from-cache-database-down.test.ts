/**
 * `serve --from-cache` while the database is down: the replica listens, `/healthz` answers 200,
 * `/readyz` 503 (and requests `DATABASE_UNAVAILABLE`) until the database answers, then it serves
 * without a restart. On a PostgreSQL server of the test's own.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverCommand } from '../../src/cli/discover-command.js';
import { captureIo } from '../support/cli-io.js';
import {
  createOwnServer,
  type FaultGateway,
  type OwnServer,
  startFaultGateway,
  untilAnswered,
} from '../support/own-database-gateway.js';

describe('serve --from-cache with the database down', () => {
  let server: OwnServer;
  let client: FaultGateway | undefined;
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'discograph-from-cache-down-'));

  beforeAll(async () => {
    server = await createOwnServer('postgresql');
    await server.sql("INSERT INTO note (body) VALUES ('cached')");
    const io = captureIo();
    expect(await discoverCommand(['--database-url', server.url, '--cache-dir', cacheDir], io)).toBe(0);
    await server.stop();
  });

  afterAll(async () => {
    await client?.stop();
    await server?.destroy();
  });

  it('listens with /healthz 200 and /readyz 503 until the database answers, then serves without a restart', async () => {
    const lines: string[] = [];
    const started = performance.now();
    client = await startFaultGateway(
      server.url,
      { cacheDir },
      { fromCache: true, log: (line) => lines.push(line) },
    );
    console.log(
      `[faults] from-cache start with the database down: listening after ${Math.round(performance.now() - started)} ms`,
    );
    expect((await client.get('/healthz')).status).toBe(200);
    const notReady = await client.get('/readyz');
    expect(notReady.status).toBe(503);
    expect(notReady.body).toMatchObject({ ready: false, code: 'DATABASE_UNAVAILABLE' });
    const refused = await client.post('{ notes { body } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
    expect(lines.join('\n')).toMatch(/does not answer yet/);
    await server.start();
    const recovery = await untilAnswered(client, '{ notes { body } }');
    console.log(`[faults] from-cache: first answer ${Math.round(recovery)} ms after the database was back`);
    expect((await client.get('/readyz')).status).toBe(200);
    expect((await client.post('{ notes { body } }')).data).toEqual({ notes: [{ body: 'cached' }] });
  });
});
