import { describe, expect, it } from 'vitest';
import { DEFAULT_DATABASE_CONFIG, readDatabaseConfig } from '../../src/server/config/database-config.js';

describe('the database settings', () => {
  it('are on by default: a 10 s statement timeout, 5 s to get or open a connection, 100 statements', () => {
    expect(readDatabaseConfig({ env: {} })).toEqual({
      statementTimeoutMs: 10_000,
      acquireTimeoutMs: 5_000,
      connectTimeoutMs: 5_000,
      clientTimeoutMs: 0,
      maxPreparedStatements: 100,
    });
    expect(DEFAULT_DATABASE_CONFIG.statementTimeoutMs).toBe(10_000);
  });

  it('take the config file, then environment variables, then flags', () => {
    const config = readDatabaseConfig({
      file: { statementTimeoutMs: 3_000, acquireTimeoutMs: 1_000 },
      env: { DISCOGRAPH_STATEMENT_TIMEOUT_MS: '0', DISCOGRAPH_MAX_PREPARED_STATEMENTS: '20' },
      flags: { maxPreparedStatements: 30 },
    });
    expect(config).toMatchObject({
      statementTimeoutMs: 0,
      acquireTimeoutMs: 1_000,
      maxPreparedStatements: 30,
    });
  });

  it('refuses a wrong value or an unknown key, naming the setting', () => {
    expect(() => readDatabaseConfig({ env: { DISCOGRAPH_STATEMENT_TIMEOUT_MS: 'soon' } })).toThrow(
      /^environment: "DISCOGRAPH_STATEMENT_TIMEOUT_MS" is "soon"; expected a whole number from 0 to 86400000$/,
    );
    expect(() => readDatabaseConfig({ file: { acquireTimeoutMs: -1 }, env: {} })).toThrow(
      /^config file: "database\.acquireTimeoutMs" is -1; expected a whole number from 0 to 86400000$/,
    );
    expect(() => readDatabaseConfig({ file: { statementTimeout: 5 }, env: {} })).toThrow(
      /^config file: unknown setting "database\.statementTimeout"$/,
    );
  });
});
