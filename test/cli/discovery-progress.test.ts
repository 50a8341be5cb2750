/**
 * Progress of a discovery: on a terminal showing pretty logs, a status line names the phase under
 * way (catalog, models, cache) and is cleared before each log line and at the end; anywhere else
 * nothing is painted and each phase ends with a log line.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { type CapturedIo, captureIo } from '../support/cli-io.js';
import { CHINOOK_PG_URL } from '../support/databases.js';

const CLEAR_LINE = '\r\u001b[2K';

/** A captured io whose standard error is (or is not) a terminal, recording what is painted on it. */
function ioWithTerminal(isTTY: boolean): CapturedIo & { painted: string[] } {
  const painted: string[] = [];
  return Object.assign(captureIo(), {
    painted,
    terminal: { isTTY, write: (text: string) => painted.push(text) },
  });
}

function discoverArgs(format: string): string[] {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'discograph-progress-'));
  return ['discover', '--database-url', CHINOOK_PG_URL, '--cache-dir', cacheDir, '--log-format', format];
}

describe('discovery progress', () => {
  it('on a terminal paints the phase under way (catalog, models, cache) and clears it before each log line', async () => {
    const io = ioWithTerminal(true);
    expect(await runCli(discoverArgs('pretty'), io)).toBe(0);
    const phases = io.painted
      .filter((text) => text !== CLEAR_LINE)
      // `\r<clear>⠋ <phase>… 0.1 s` → `<phase>`
      .map((text) => text.slice(CLEAR_LINE.length + 2).replace(/… \d+\.\d s$/, ''));
    expect([...new Set(phases)]).toEqual([
      `discovery: connecting to ${CHINOOK_PG_URL}`,
      'discovery: reading the catalog of public',
      'discovery: building the models of 11 tables and views',
      'discovery: building the GraphQL schema of 11 models',
      'discovery: writing the cache: 11 model definitions',
    ]);
    expect(io.painted.at(-1)).toBe(CLEAR_LINE);
    const log = io.stderr.join('\n');
    expect(log).toMatch(/discovery: tables read: 11 tables and views of public/);
    expect(log).toMatch(/discovery: models built: 11 model definitions/);
    expect(log).toMatch(/discovery: cache written: 11 model definitions/);
  });

  it('serve on a terminal paints the discovery phases too, and leaves no status line behind', async () => {
    const io = ioWithTerminal(true);
    const running = runCli(['serve', '--port', '0', ...discoverArgs('pretty').slice(1)], io);
    await expect.poll(() => io.stderr.join('\n'), { timeout: 10_000 }).toMatch(/GraphQL at http/);
    io.signal('SIGTERM');
    expect(await running).toBe(0);
    expect(io.painted.join('')).toContain('discovery: reading the catalog of public… ');
    expect(io.painted.at(-1)).toBe(CLEAR_LINE);
  });

  it('off a terminal paints nothing and writes a log line per phase', async () => {
    const io = ioWithTerminal(false);
    expect(await runCli(discoverArgs('json'), io)).toBe(0);
    expect(io.painted).toEqual([]);
    const messages = io.stderr.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages.filter((message) => message.startsWith('discovery: '))).toEqual([
      `discovery: connecting to ${CHINOOK_PG_URL}`,
      expect.stringMatching(
        /^discovery: tables read: 11 tables and views of public in \d+ statements, \d+ ms$/,
      ),
      expect.stringMatching(/^discovery: models built: 11 model definitions in \d+ ms$/),
      expect.stringMatching(/^discovery: schema built: \d+ characters of SDL in \d+ ms$/),
      expect.stringMatching(
        /^discovery: cache written: 11 model definitions, the catalog snapshot and schema\.graphql to /,
      ),
    ]);
  });
});
