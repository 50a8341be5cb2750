import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDatabaseUrl } from '../../src/server/config.js';

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'discograph-config-'));
}

describe('loadConfig', () => {
  it('uses the defaults when nothing is configured', () => {
    const cwd = tempDir();
    const config = loadConfig({ env: {}, cwd });
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.cacheDir).toBe(path.join(cwd, 'schema-cache', 'demo'));
  });

  it('lets flags override environment variables, which override the config file', () => {
    const cwd = tempDir();
    writeFileSync(
      path.join(cwd, 'discograph.config.json'),
      JSON.stringify({
        port: 5000,
        host: '0.0.0.0',
        hideColumns: ['*.password_hash'],
        databaseUrl: 'postgres://file/db',
      }),
    );
    const config = loadConfig({
      env: { PORT: '6000', DATABASE_URL: 'mysql://root@127.0.0.1:3306/Chinook' },
      cwd,
      overrides: { port: 7000 },
    });
    expect(config.port).toBe(7000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.databaseUrl).toBe('mysql://root@127.0.0.1:3306/Chinook');
    expect(config.hideColumns).toEqual(['*.password_hash']);
    expect(config.configFile).toBe(path.join(cwd, 'discograph.config.json'));
  });

  it('reads lists from comma-separated environment variables', () => {
    const config = loadConfig({ env: { DISCOGRAPH_EXCLUDE_TABLES: 'audit_*, secrets' }, cwd: tempDir() });
    expect(config.excludeTables).toEqual(['audit_*', 'secrets']);
  });

  it('rejects an unknown setting in the config file, naming it', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'discograph.config.json'), JSON.stringify({ prot: 1 }));
    expect(() => loadConfig({ env: {}, cwd })).toThrow(/discograph\.config\.json: unknown setting "prot"$/);
  });

  it('reads the shutdown drain timeout from the file, the environment and --shutdown-timeout-ms, 10 s by default', () => {
    const cwd = tempDir();
    expect(loadConfig({ env: {}, cwd }).shutdownTimeoutMs).toBe(10_000);
    writeFileSync(path.join(cwd, 'discograph.config.json'), JSON.stringify({ shutdownTimeoutMs: 2000 }));
    expect(loadConfig({ env: {}, cwd }).shutdownTimeoutMs).toBe(2000);
    expect(loadConfig({ env: { DISCOGRAPH_SHUTDOWN_TIMEOUT_MS: '0' }, cwd }).shutdownTimeoutMs).toBe(0);
    const flag = { shutdownTimeoutMs: '30000' as unknown as number };
    expect(loadConfig({ env: {}, cwd, overrides: flag }).shutdownTimeoutMs).toBe(30_000);
    expect(() => loadConfig({ env: { DISCOGRAPH_SHUTDOWN_TIMEOUT_MS: '-1' }, cwd })).toThrow(
      /DISCOGRAPH_SHUTDOWN_TIMEOUT_MS.*-1/,
    );
  });

  it('rejects a port that is not a number', () => {
    expect(() => loadConfig({ env: { PORT: 'eighty' }, cwd: tempDir() })).toThrow(ConfigError);
  });

  it('says which config file is missing', () => {
    expect(() => loadConfig({ env: {}, cwd: tempDir(), configFile: 'nope.json' })).toThrow(
      /nope\.json does not exist/,
    );
  });
});

describe('parseDatabaseUrl', () => {
  it('knows PostgreSQL, MySQL and MongoDB URLs and their default ports', () => {
    expect(parseDatabaseUrl('postgres://u@db.example/app')).toMatchObject({
      kind: 'postgresql',
      port: 5432,
      database: 'app',
    });
    expect(parseDatabaseUrl('mysql://root@127.0.0.1/Chinook')).toMatchObject({ kind: 'mysql', port: 3306 });
    expect(parseDatabaseUrl('mongodb://127.0.0.1:27018/shop')).toMatchObject({
      kind: 'mongodb',
      port: 27018,
    });
  });

  it('never shows the password', () => {
    expect(parseDatabaseUrl('postgres://app:s3cret@db:5433/app').redacted).toBe(
      'postgres://app:***@db:5433/app',
    );
  });

  it('explains a bad URL and an unsupported scheme', () => {
    expect(() => parseDatabaseUrl('not a url')).toThrow(/not a valid URL; expected e\.g\. postgres:\/\//);
    expect(() => parseDatabaseUrl('oracle://db/x')).toThrow(/unsupported scheme "oracle"/);
  });
});
