import { describe, expect, it } from 'vitest';
import { DataSource } from '../../src/juggler/datasource.js';
import { DatabaseError } from '../../src/juggler/errors.js';
import { SQL_HARNESSES } from '../connectors/harness/sql-harnesses.js';

const SECRET = 's3cr3t-pa55';

/** Connects a data source with `settings`, expects a DatabaseError without the password or a URL, and returns it. */
async function connectionFailure(
  connector: string,
  settings: Record<string, unknown>,
): Promise<DatabaseError> {
  const dataSource = new DataSource(connector, settings);
  try {
    const error = await dataSource.connect().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DatabaseError);
    const databaseError = error as DatabaseError;
    expect(databaseError.message).not.toContain(SECRET);
    expect(databaseError.message).not.toMatch(/postgres:\/\/|mysql:\/\//);
    expect(databaseError.cause).toBeDefined();
    return databaseError;
  } finally {
    await dataSource.disconnect();
  }
}

describe.each(SQL_HARNESSES)('connection errors on $name', (harness) => {
  const { sql } = harness;

  it('reports a refused connection with host and port and what to check, never the password', async () => {
    const error = await connectionFailure(harness.name, {
      url: sql.url({ user: 'root', password: SECRET, port: 5999 }),
    });
    expect(error.code).toBe('CONNECTION_FAILED');
    expect(error.statusCode).toBe(503);
    expect(error.message).toMatch(
      /^cannot reach (PostgreSQL|MySQL) at 127\.0\.0\.1:5999: connection refused; check that/,
    );
    expect(error.details).toEqual({ host: '127.0.0.1', port: 5999, reason: 'ECONNREFUSED' });
  });

  it('reports a refused connection to reads too, and the process survives', async () => {
    const dataSource = new DataSource(harness.name, {
      url: sql.url({ user: 'root', password: SECRET, port: 1 }),
    });
    dataSource.on('error', () => {});
    const Team = dataSource.createModel('Team', { id: { type: 'Number', id: true } });
    try {
      await expect(Team.find()).rejects.toMatchObject({
        code: 'CONNECTION_FAILED',
        message: expect.stringContaining('127.0.0.1:1'),
      });
      await expect(Team.count()).rejects.toMatchObject({ code: 'CONNECTION_FAILED' });
    } finally {
      await dataSource.disconnect();
    }
  });

  it('reports an unknown host as CONNECTION_FAILED', async () => {
    const error = await connectionFailure(harness.name, {
      host: 'no-such-host.invalid',
      port: 1234,
      user: 'root',
      password: SECRET,
      connectionTimeout: 5000,
    });
    expect(error.code).toBe('CONNECTION_FAILED');
    expect(error.message).toContain('no-such-host.invalid:1234');
  });

  it('reports an unknown user as AUTHENTICATION_FAILED', async () => {
    const error = await connectionFailure(harness.name, {
      url: sql.url({ user: 'nobody_here', password: SECRET, port: sql.port }),
    });
    expect(error.code).toBe('AUTHENTICATION_FAILED');
    expect(error.message).toMatch(
      /refused the credentials of user `nobody_here`; check the user name and password$/,
    );
  });

  it('reports an unknown database as DATABASE_NOT_FOUND', async () => {
    const error = await connectionFailure(harness.name, { url: sql.missingDatabaseUrl() });
    expect(error.code).toBe('DATABASE_NOT_FOUND');
    expect(error.message).toMatch(
      /^Database `no_such_database_here` does not exist on (PostgreSQL|MySQL) at 127\.0\.0\.1:/,
    );
  });

  it('rejects malformed settings with INVALID_CONFIGURATION', async () => {
    for (const settings of [{ url: 'not a url' }, { url: sql.missingDatabaseUrl(), max: -1 }]) {
      await expect(
        (async () => {
          const dataSource = new DataSource(harness.name, settings);
          await dataSource.connect();
        })(),
      ).rejects.toMatchObject({ code: 'INVALID_CONFIGURATION' });
    }
  });
});
