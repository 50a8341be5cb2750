/**
 * What a first-time user meets in the first hour, besides the schema cache: an occupied port,
 * a probe with a query string, the descriptions and types of a generated schema.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { captureIo } from '../support/cli-io.js';
import { CHINOOK_PG_URL } from '../support/databases.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'discograph-papercuts-'));
let gateway: RunningGateway;

beforeAll(async () => {
  gateway = await startGateway({ ...DEFAULT_CONFIG, databaseUrl: CHINOOK_PG_URL, port: 0, cacheDir });
});
afterAll(async () => {
  await gateway.stop();
});

describe('a first start', () => {
  it('on an occupied port prints one line naming the port, and exits 1', async () => {
    const occupied: Server = createServer();
    const port = await new Promise<number>((resolve) =>
      occupied.listen(0, '127.0.0.1', () => resolve((occupied.address() as { port: number }).port)),
    );
    try {
      const io = captureIo();
      const code = await runCli(
        ['serve', '--port', String(port), '--database-url', CHINOOK_PG_URL, '--cache-dir', cacheDir],
        io,
      );
      expect(code).toBe(1);
      const errors = io.stderr.filter((line) => line.startsWith('discograph serve:'));
      expect(errors).toEqual([
        `discograph serve: Cannot listen: port ${port} on 127.0.0.1 is already in use (is another Discograph running?); stop it or choose another port with --port or PORT [PORT_UNAVAILABLE]`,
      ]);
      expect(io.stderr.join('\n')).not.toMatch(/\n\s+at /);
    } finally {
      occupied.close();
    }
  });

  it('answers /healthz and /readyz probes that carry a query string', async () => {
    const base = gateway.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/healthz?probe=1`)).status).toBe(200);
    expect((await fetch(`${base}/readyz?probe=1`)).status).toBe(200);
  });
});

describe('the generated schema', () => {
  it('writes "an" before a type name that starts with a vowel sound', () => {
    const sdl = gateway.schema.sdl;
    expect(sdl).toContain('"""Creates an Album (validated first)."""');
    expect(sdl).toContain('"""Creates an InvoiceLine (validated first)."""');
    expect(sdl).toContain('"""Creates a Track (validated first)."""');
    expect(sdl).toContain('Conditions on an Int value');
    expect(sdl).not.toMatch(/\b[Aa] (Album|Artist|Employee|Invoice|InvoiceLine|Int)\b/);
    const demo = readFileSync(path.join(root, 'schema-cache', 'demo', 'schema.graphql'), 'utf8');
    expect(demo).toContain('"""Creates an Author (validated first)."""');
    expect(demo).not.toMatch(/\b[Aa] Author\b/);
  });

  it('leaves out GeoPoint, GeoPointInput and the filters of scalars no column has', () => {
    const sdl = gateway.schema.sdl;
    expect(sdl).not.toMatch(/\b(GeoPoint|GeoPointInput|FloatFilter|Base64|JSON)\b/);
    expect(sdl).toMatch(/^input DecimalFilter \{/m);
    // Chinook's timestamps have no zone: LocalDateTime, and no DateTime (no column is an instant).
    expect(sdl).toMatch(/^scalar LocalDateTime$/m);
    expect(sdl).not.toMatch(/^scalar DateTime$/m);
  });
});
