import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';

/** A config file holding `settings` in a folder of its own. */
function configFile(settings: Record<string, unknown>): string {
  const file = path.join(
    mkdtempSync(path.join(os.tmpdir(), 'discograph-config-errors-')),
    'discograph.config.json',
  );
  writeFileSync(file, JSON.stringify(settings));
  return file;
}

async function serveWith(args: string[]) {
  const io = captureIo();
  const code = await runCli(['serve', ...args], io);
  return { code, stderr: io.stderr };
}

describe('a configuration value that cannot be used', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it.each([
    [{ hideColumns: '*.email' }, '"hideColumns" is "*.email"; expected a list (JSON array)'],
    [{ graphiql: 'false' }, '"graphiql" is "false"; expected true or false (a JSON boolean, not a string)'],
    [
      { maxRequestBodyBytes: -5 },
      '"maxRequestBodyBytes" is -5; expected a whole number from 1 to 1000000000',
    ],
    [
      { hideColumns: ['email'] },
      '"hideColumns.0" is "email"; expected a list of "table.column" patterns (`*` wildcard)',
    ],
    [{ limits: { maxDepth: 0 } }, '"limits.maxDepth" is 0; expected a whole number from 1 to 1000000000'],
    [
      { database: { acquireTimeoutMs: '5s' } },
      '"database.acquireTimeoutMs" is "5s"; expected a whole number from 0 to 86400000',
    ],
    [
      { logging: { level: 'loud' } },
      '"logging.level" is "loud"; expected one of "trace", "debug", "info", "warn", "error", "fatal", "silent"',
    ],
    [{ metrics: { access: 'all' } }, '"metrics.access" is "all"; expected one of "local", "any"'],
    [{ prot: 4000 }, 'unknown setting "prot"'],
    [{ logging: { colour: true } }, 'unknown setting "logging.colour"'],
  ])(
    'in the config file (%j) is one line naming the file, key, value and expectation, exit code 2',
    async (settings, expected) => {
      const file = configFile(settings);
      const { code, stderr } = await serveWith(['--config', file]);
      expect(code).toBe(2);
      expect(stderr).toEqual([`discograph serve: ${file}: ${expected}`]);
    },
  );

  it('in an environment variable names the variable, exit code 2', async () => {
    process.env.DISCOGRAPH_POOL_SIZE = 'lots';
    const { code, stderr } = await serveWith(['--config', configFile({})]);
    expect(code).toBe(2);
    expect(stderr).toEqual([
      'discograph serve: environment: "DISCOGRAPH_POOL_SIZE" is "lots"; expected a whole number from 1 to 1000',
    ]);
  });

  it('in a flag is one line too, exit code 2', async () => {
    const { code, stderr } = await serveWith(['--config', configFile({}), '--log-level', 'loud']);
    expect(code).toBe(2);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^discograph serve: flag: "logging\.level" is "loud"; expected one of "trace"/);
  });

  it('environment booleans accept true/false words, while the file wants JSON booleans', async () => {
    process.env.DISCOGRAPH_GRAPHIQL = 'off';
    const { loadConfig } = await import('../../src/server/config.js');
    const config = loadConfig({ configFile: configFile({ hideColumns: ['*.email'] }) });
    expect(config.graphiql).toBe(false);
    expect(config.hideColumns).toEqual(['*.email']);
  });
});

describe('discograph --version', () => {
  it('prints the package version and exits 0, without starting a server', async () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const io = captureIo();
      expect(await runCli([flag], io)).toBe(0);
      expect(io.stdout).toEqual([`discograph ${manifest.version}`]);
      expect(io.stderr).toEqual([]);
    }
  });
});

describe('flags for the model selection', () => {
  it('take repeated values and comma lists for --include-tables, --exclude-tables and --hide-columns', async () => {
    const { overridesFromFlags, parseCommandArgs } = await import('../../src/cli/cli-args.js');
    const { values } = parseCommandArgs(
      [
        '--include-tables',
        'album,artist',
        '--include-tables',
        'track',
        '--exclude-tables',
        'audit_*',
        '--hide-columns',
        '*.email,employee.birth_date',
      ],
      {},
    );
    expect(overridesFromFlags(values)).toEqual({
      includeTables: ['album', 'artist', 'track'],
      excludeTables: ['audit_*'],
      hideColumns: ['*.email', 'employee.birth_date'],
    });
  });
});
