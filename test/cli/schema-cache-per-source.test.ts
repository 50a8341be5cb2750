/**
 * The newcomer's path through the schema cache, end to end in a folder laid out like a clone
 * (Discograph's package.json and the committed demo cache in schema-cache/demo/): serving your
 * own database is never compared with the demo's cache, `discover` writes a folder of its own,
 * and a cache is never served for another database.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { loadConfig } from '../../src/server/config.js';
import { startGateway } from '../../src/server/gateway.js';
import { captureIo } from '../support/cli-io.js';
import { createPgDatabase, dropPgDatabase, runPgSql } from '../support/databases.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DATABASE = 'cache_per_source';
const clone = mkdtempSync(path.join(os.tmpdir(), 'discograph-clone-'));
const demoCache = path.join(clone, 'schema-cache', 'demo');
const ownCache = path.join(clone, 'schema-cache', `postgresql-${DATABASE}`);
const startedIn = process.cwd();
let url: string;

/** Starts the gateway as `npm start` would in the clone; resolves to its log once the drift check ran. */
async function serveOnce(env: NodeJS.ProcessEnv): Promise<string[]> {
  const lines: string[] = [];
  const gateway = await startGateway(loadConfig({ env: { ...env, PORT: '0' }, cwd: clone }), {
    log: (line) => lines.push(line),
  });
  // The comparison with the cache runs half a second after the gateway listens.
  await new Promise((resolve) => setTimeout(resolve, 800));
  await gateway.stop();
  return lines;
}

beforeAll(async () => {
  url = await createPgDatabase(DATABASE, { template: 'chinook' });
  cpSync(path.join(root, 'package.json'), path.join(clone, 'package.json'));
  cpSync(path.join(root, 'schema-cache', 'demo'), demoCache, { recursive: true });
  process.chdir(clone);
});
afterAll(async () => {
  process.chdir(startedIn);
  rmSync(clone, { recursive: true, force: true });
  await dropPgDatabase(DATABASE);
});

describe('the schema cache belongs to one database', () => {
  it('serving your own database from a clone reports none of the demo’s models as changes', async () => {
    const log = (await serveOnce({ DATABASE_URL: url })).join('\n');
    expect(log).toMatch(/discograph: 11 models/);
    expect(log).not.toMatch(/BREAKING|differs|Author|embedded demo/);
  });

  it('discover writes your database’s cache in a folder of its own and leaves the demo’s untouched', async () => {
    const demoManifest = readFileSync(path.join(demoCache, 'manifest.json'), 'utf8');
    const io = captureIo();
    expect(await runCli(['discover', '--database-url', url], io)).toBe(0);
    expect(io.stderr.join('\n')).toContain(`to ${ownCache}`);
    const manifest = JSON.parse(readFileSync(path.join(ownCache, 'manifest.json'), 'utf8'));
    expect(manifest.source).toMatchObject({ connector: 'postgresql', database: DATABASE });
    expect(existsSync(path.join(ownCache, 'schema.graphql'))).toBe(true);
    expect(readFileSync(path.join(demoCache, 'manifest.json'), 'utf8')).toBe(demoManifest);
  });

  it('a later start compares with your own cache only, with advice that runs in a clone', async () => {
    await runPgSql(url, 'alter table playlist_track rename to playlist_entry');
    try {
      const log = (await serveOnce({ DATABASE_URL: url })).join('\n');
      expect(log).toMatch(/BREAKING model PlaylistTrack was removed/);
      expect(log).not.toMatch(/Author|Book/);
      expect(log).toContain('run `npm run discograph -- discover` to update the cache');
    } finally {
      await runPgSql(url, 'alter table playlist_entry rename to playlist_track');
    }
  });

  it('serve --from-cache refuses a cache made from another database, naming both', async () => {
    const io = captureIo();
    const code = await runCli(
      ['serve', '--from-cache', '--port', '0', '--database-url', url, '--cache-dir', demoCache],
      io,
    );
    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toMatch(
      /The schema cache in .*schema-cache\/demo was made from the embedded demo database, not from postgresql database "cache_per_source"; .* \[SCHEMA_CACHE_SOURCE_MISMATCH\]/,
    );
  });

  it('a cache given with --cache-dir that another database made is not compared on a start', async () => {
    const log = (await serveOnce({ DATABASE_URL: url, DISCOGRAPH_CACHE_DIR: demoCache })).join('\n');
    expect(log).toMatch(/made from the embedded demo database, not this database: not compared/);
    expect(log).not.toMatch(/BREAKING/);
  });

  it('export-schema --from-cache without a database reads the demo’s cache and starts no database', async () => {
    const io = captureIo();
    const started = performance.now();
    expect(await runCli(['export-schema', '--from-cache'], io)).toBe(0);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(io.stderr.join('\n')).not.toMatch(/embedded demo database/);
    expect(`${io.stdout.join('\n')}\n`).toBe(readFileSync(path.join(demoCache, 'schema.graphql'), 'utf8'));
  });
});
