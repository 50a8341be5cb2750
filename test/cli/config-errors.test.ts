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
    [{ auth: { anonymous: 'maybe' } }, '"auth.anonymous" is "maybe"; expected one of "allow", "refuse"'],
    [{ auth: { jwt: { leeway: 5 } } }, 'unknown setting "auth.jwt.leeway"'],
    [{ rateLimit: { burst: 0 } }, '"rateLimit.burst" is 0; expected a whole number from 1 to 1000000'],
    [
      { rateLimit: { redisUrl: 'http://user:hunter2@cache' } },
      '"rateLimit.redisUrl" is "http://user:***@cache"; expected a redis:// or rediss:// URL',
    ],
    [
      { cors: { origins: 'https://app.example.com' } },
      '"cors.origins" is "https://app.example.com"; expected a list (JSON array)',
    ],
    [{ cors: { origin: ['*'] } }, 'unknown setting "cors.origin"'],
    [
      { introspection: 'no' },
      '"introspection" is "no"; expected true or false (a JSON boolean, not a string)',
    ],
    [{ maxResponseBytes: 0 }, '"maxResponseBytes" is 0; expected a whole number from 1 to 536870888'],
    [
      { roles: { viewer: { Invoice: { read: 'yes' } } } },
      '"roles.viewer.Invoice.read" is "yes"; expected true or false (a JSON boolean, not a string)',
    ],
    [{ roles: { viewer: { Invoice: { reed: true } } } }, 'unknown setting "roles.viewer.Invoice.reed"'],
    [
      { models: { Invoice: { operations: { remove: false } } } },
      'unknown setting "models.Invoice.operations.remove"',
    ],
    [
      { hiddenColumnValues: { email: 'x' } },
      'a key of "hiddenColumnValues" is "email"; expected a key that is table.column (or Model.property)',
    ],
    [
      { exposeSecretColumns: 1 },
      '"exposeSecretColumns" is 1; expected true or false (a JSON boolean, not a string)',
    ],
    [
      { trustedDocuments: { enabled: 'yes' } },
      '"trustedDocuments.enabled" is "yes"; expected true or false (a JSON boolean, not a string)',
    ],
    [{ trustedDocuments: { folders: ['ops'] } }, 'unknown setting "trustedDocuments.folders"'],
    [{ rename: { model: { A: 'B' } } }, 'unknown setting "rename.model"'],
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

  it.each([
    [
      { limits: { defaultPageSize: 500, maxPageSize: 100 } },
      '"limits.defaultPageSize" is 500; expected at most limits.maxPageSize (100)',
    ],
    [
      { cors: { origins: ['*'], credentials: true } },
      '"cors.credentials" is true; expected false with the origin "*" (cors.origins): list the origins that may send credentials',
    ],
    [{ csrfHeaders: [] }, '"csrfHeaders" is []; expected at least one header while csrfPrevention is on'],
  ])(
    'that only makes sense with another (%j) is one line naming it once every source is merged, exit code 2',
    async (settings, expected) => {
      const { code, stderr } = await serveWith(['--config', configFile(settings)]);
      expect(code).toBe(2);
      expect(stderr).toEqual([`discograph serve: ${expected}`]);
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

  it.each([
    [
      { DISCOGRAPH_MAX_DEPTH: 'ten' },
      '"DISCOGRAPH_MAX_DEPTH" is "ten"; expected a whole number from 1 to 1000000000',
    ],
    [
      { DISCOGRAPH_RATE_LIMIT_BY: 'user' },
      '"DISCOGRAPH_RATE_LIMIT_BY" is "user"; expected one of "caller", "ip"',
    ],
    [
      { DISCOGRAPH_AUTH_SET_ROLE: 'perhaps' },
      '"DISCOGRAPH_AUTH_SET_ROLE" is "perhaps"; expected true or false (or 1/0, yes/no, on/off)',
    ],
    [
      { DISCOGRAPH_CORS_CREDENTIALS: 'sure' },
      '"DISCOGRAPH_CORS_CREDENTIALS" is "sure"; expected true or false (or 1/0, yes/no, on/off)',
    ],
    [
      { DISCOGRAPH_TRUSTED_DOCUMENTS: 'maybe' },
      '"DISCOGRAPH_TRUSTED_DOCUMENTS" is "maybe"; expected true or false (or 1/0, yes/no, on/off)',
    ],
    [
      { DISCOGRAPH_ROLES: '{"viewer": {"Invoice": {"read": "yes"}}}' },
      '"DISCOGRAPH_ROLES" (at viewer.Invoice.read) is "yes"; expected true or false (a JSON boolean, not a string)',
    ],
    [
      { DISCOGRAPH_JWT_SECRET: 'too-short-to-be-safe' },
      '"auth.jwt.secret" is (hidden); expected at least 32 characters (DISCOGRAPH_JWT_SECRET too): a shorter HMAC secret can be guessed',
    ],
    [
      { DATABASE_URL: 'oracle://app:tiny-token@db/x' },
      '"DATABASE_URL" is "oracle://app:***@db/x"; expected a postgres://, mysql:// or mongodb:// URL (the scheme "oracle" is not supported)',
    ],
    [
      { DATABASE_READ_URLS: 'postgres://replica-1/app,replica-2' },
      '"DATABASE_READ_URLS" (item 2) is "replica-2"; expected a URL such as postgres://user:password@host:5432/database, mysql://user@host:3306/database or mongodb://host:27017/database',
    ],
    [
      { DISCOGRAPH_METRICS_TOKEN: 'tiny-token' },
      '"DISCOGRAPH_METRICS_TOKEN" is (hidden); expected text of at least 16 characters',
    ],
  ])(
    'in the environment (%j) names the variable, never shows a secret, exit code 2',
    async (env, expected) => {
      Object.assign(process.env, env);
      const { code, stderr } = await serveWith(['--config', configFile({})]);
      expect(code).toBe(2);
      expect(stderr).toHaveLength(1);
      expect(stderr[0]).toMatch(/^discograph serve: (environment: )?"/);
      expect(stderr[0]?.endsWith(expected)).toBe(true);
      expect(stderr[0]).not.toMatch(/too-short-to-be-safe|tiny-token/);
    },
  );

  it.each([
    [['--port', 'abc'], 'flag: "--port" is "abc"; expected a whole number from 0 to 65535'],
    [['--port', '70000'], 'flag: "--port" is "70000"; expected a whole number from 0 to 65535'],
    [
      ['--hide-columns', '*.email,password'],
      'flag: "--hide-columns" (item 2) is "password"; expected a list of "table.column" patterns (`*` wildcard)',
    ],
    [['--log-format', 'xml'], 'flag: "--log-format" is "xml"; expected one of "auto", "json", "pretty"'],
  ])(
    'in a flag (%j) is one line naming the flag as written, without the usage text, exit code 2',
    async (args, expected) => {
      const { code, stderr } = await serveWith(['--config', configFile({}), ...args]);
      expect(code).toBe(2);
      expect(stderr).toEqual([`discograph serve: ${expected}`]);
    },
  );

  it('in a flag is one line too, exit code 2', async () => {
    const { code, stderr } = await serveWith(['--config', configFile({}), '--log-level', 'loud']);
    expect(code).toBe(2);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^discograph serve: flag: "--log-level" is "loud"; expected one of "trace"/);
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

  it('prints the version after a command name too (serve --version), without starting a server', async () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    for (const args of [
      ['serve', '--version'],
      ['export-schema', '-V'],
    ]) {
      const io = captureIo();
      expect(await runCli(args, io)).toBe(0);
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

describe('a rename in the configuration', () => {
  it('onto the name of an existing model stops serve with one line naming both, exit code 2', async () => {
    const { CHINOOK_PG_URL } = await import('../support/databases.js');
    const file = configFile({ rename: { models: { InvoiceLine: 'Invoice' } } });
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'discograph-rename-'));
    const { code, stderr } = await serveWith([
      '--config',
      file,
      '--database-url',
      CHINOOK_PG_URL,
      '--cache-dir',
      cacheDir,
      '--port',
      '0',
      '--log-level',
      'warn',
    ]);
    expect(code).toBe(2);
    expect(stderr).toEqual([
      'discograph serve: "rename.models.InvoiceLine" is "Invoice"; expected a name no other model has: "Invoice" is the name of another model (the discovered "Invoice"); choose another name, or rename "Invoice" too',
    ]);
  });
});
