import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CHINOOK_PG_URL } from '../support/databases.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cliDir = path.join(root, 'dist', 'cli');

let server: ChildProcess | undefined;
const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'discograph-bundled-cli-'));
afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(cacheDir, { recursive: true, force: true });
});

/** Starts `node dist/cli/main.js serve` on a free port; resolves to its GraphQL URL and its log. */
function serve(): Promise<{ url: string; log: () => string }> {
  return new Promise((resolve, reject) => {
    let log = '';
    server = spawn(
      process.execPath,
      [
        path.join(cliDir, 'main.js'),
        'serve',
        '--port',
        '0',
        '--database-url',
        CHINOOK_PG_URL,
        '--cache-dir',
        cacheDir,
      ],
      { env: { ...process.env, NODE_ENV: 'production' } },
    );
    const onOutput = (chunk: Buffer) => {
      log += chunk.toString('utf8');
      const url = /GraphQL at (http:[^\s"]+)/.exec(log)?.[1];
      if (url) resolve({ url, log: () => log });
    };
    server.stdout?.on('data', onOutput);
    server.stderr?.on('data', onOutput);
    server.once('exit', (code) => reject(new Error(`discograph exited with ${code}: ${log}`)));
  });
}

// The package is consumed compiled: `npm ci` runs `prepare`, which bundles dist/cli/.
describe('the bundled discograph CLI', () => {
  it('leaves out graphql-jit’s optional JSON serializer compiler and ajv under it', () => {
    const chunks = readdirSync(path.join(cliDir, 'chunks')).filter((file) => file.endsWith('.js'));
    const bundled = [path.join(cliDir, 'main.js'), ...chunks.map((file) => path.join(cliDir, 'chunks', file))]
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    expect(bundled).toContain('node_modules/graphql-jit/');
    expect(bundled).not.toContain('node_modules/ajv/');
    expect(bundled).not.toContain('node_modules/fast-json-stringify/');
  });

  it('loads graphql-jit after listen and answers with it', async () => {
    const { url, log } = await serve();
    const ask = async () => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ genres(limit: 2, order: [GENRE_ID_ASC]) { genreId name } }' }),
      });
      return response.json();
    };
    const expected = {
      data: {
        genres: [
          { genreId: 1, name: 'Rock' },
          { genreId: 2, name: 'Jazz' },
        ],
      },
    };
    expect(await ask()).toEqual(expected);
    // graphql-jit and yoga are preloaded 0.5 s after listen; operations are compiled from then on.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await ask()).toEqual(expected);
    expect(await ask()).toEqual(expected);
    expect(log()).not.toContain('preloading failed');
  }, 30_000);
});
