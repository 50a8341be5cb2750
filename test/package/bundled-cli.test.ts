import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

/** Starts `node [nodeArgs] dist/cli/main.js serve` on a free port (stopping one started before); its GraphQL URL and log. */
function serve(nodeArgs: string[] = []): Promise<{ url: string; log: () => string }> {
  server?.kill('SIGTERM');
  return new Promise((resolve, reject) => {
    let log = '';
    server = spawn(
      process.execPath,
      [
        ...nodeArgs,
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

  // scripts/bundle-cli.mjs, "Closures made per request": with request logs and metrics on (the
  // defaults), on the fast path, for a list, a filtered list and a nested read with variables.
  it('sets no function’s name while it answers queries (each costs V8 ~3,900 instructions)', async () => {
    const preload = path.join(root, 'test', 'support', 'count-function-renames.mjs');
    const { url, log } = await serve(['--import', preload]);
    const queries = [
      { query: '{ tracks(limit: 5) { trackId name unitPrice } }' },
      { query: '{ tracks(where: {unitPrice: {gt: 0.99}}, order: [NAME_ASC], limit: 5) { trackId name } }' },
      {
        query:
          'query Nested($id: Int!) { customer(customerId: $id) { firstName invoices { total invoiceLines { quantity track { name album { title artist { name } } } } } } }',
        variables: { id: 1 },
      },
    ];
    const askAll = async (times: number) => {
      for (let round = 0; round < times; round += 1) {
        for (const body of queries) {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          expect((await response.json()) as { errors?: unknown }).not.toHaveProperty('errors');
        }
      }
    };
    // Compiled with graphql-jit from 0.5 s after listen; the first answers prepare each operation.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await askAll(3);
    server?.kill('SIGUSR2');
    await expect.poll(log, { timeout: 5_000 }).toContain('function renames: counting');
    await askAll(10);
    server?.kill('SIGUSR2');
    await expect.poll(log, { timeout: 5_000 }).toMatch(/function renames: \{/);
    const counts = JSON.parse(/function renames: (\{.*\})/.exec(log())?.[1] ?? 'null') as unknown;
    expect(counts).toEqual({});
  }, 30_000);

  it('exits at once with one line when serve --from-cache finds another database’s cache', async () => {
    const demoCache = path.join(root, 'schema-cache', 'demo');
    const { code, stderr, ms } = await runToExit([
      'serve',
      '--from-cache',
      '--port',
      '0',
      '--database-url',
      CHINOOK_PG_URL,
      '--cache-dir',
      demoCache,
      '--log-level',
      'warn',
    ]);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      /made from the embedded demo database, not from postgresql database "chinook"; .*\[SCHEMA_CACHE_SOURCE_MISMATCH\]$/m,
    );
    expect(ms).toBeLessThan(5000);
  });

  it('serves your own database from a fresh clone without reporting the demo’s models as drift', async () => {
    const clone = mkdtempSync(path.join(os.tmpdir(), 'discograph-fresh-clone-'));
    cpSync(path.join(root, 'package.json'), path.join(clone, 'package.json'));
    cpSync(path.join(root, 'schema-cache', 'demo'), path.join(clone, 'schema-cache', 'demo'), {
      recursive: true,
    });
    try {
      const child = spawn(process.execPath, [path.join(cliDir, 'main.js'), 'serve'], {
        cwd: clone,
        env: { ...process.env, DATABASE_URL: CHINOOK_PG_URL, PORT: '0', DISCOGRAPH_LOG_FORMAT: 'json' },
      });
      let log = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        log += chunk.toString('utf8');
      });
      await expect.poll(() => log, { timeout: 15_000 }).toMatch(/GraphQL at http/);
      // The comparison with the cache runs half a second after the gateway listens.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      const messages = log
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { msg: string }).msg)
        .join('\n');
      expect(messages).toMatch(/11 models, 24 relations by discovery of postgresql database "chinook"/);
      expect(messages).not.toMatch(/BREAKING|differs|change\(s\)|Author|schema cache/);
      expect(readdirSync(path.join(clone, 'schema-cache'))).toEqual(['demo']);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('exits with code 2 and one line, no stack trace, for a bad flag value', async () => {
    const { code, stderr } = await runToExit(['serve', '--port', 'abc', '--database-url', CHINOOK_PG_URL]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'discograph serve: flag: "--port" is "abc"; expected a whole number from 0 to 65535\n',
    );
  });
});

/** Runs `node dist/cli/main.js …` to its end; its exit code, standard error and run time. */
function runToExit(args: string[]): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    let stderr = '';
    const child = spawn(process.execPath, [path.join(cliDir, 'main.js'), ...args], {
      env: { ...process.env, DISCOGRAPH_LOG_FORMAT: 'json' },
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, ms: performance.now() - started });
    });
  });
}
