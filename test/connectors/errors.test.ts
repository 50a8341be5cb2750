import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseError } from '../../src/juggler/errors.js';
import { sqlModel } from '../support/connector-models.js';
import { DIALECTS, type TestConnector } from '../support/dialects.js';

const Account = sqlModel('Account', {
  id: { type: 'Number', id: 1, generated: true },
  email: { type: 'String', column: 'e_mail' },
  age: { type: 'Number', dataType: 'integer' },
  code: { type: 'String', length: 3 },
  small: { type: 'Number', dataType: 'smallint' },
  teamId: 'Number',
});

const Team = sqlModel('Team', { id: { type: 'Number', id: 1 } });

const SECRET = 's3cr3t-pa55';

/** Runs `action`, expects a DatabaseError with a safe message, and returns it. */
async function failure(action: () => Promise<unknown>): Promise<DatabaseError> {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseError);
    const databaseError = error as DatabaseError;
    expect(databaseError.message).not.toMatch(/INSERT|SELECT|UPDATE|DELETE|postgres:\/\/|mysql:\/\//i);
    expect(databaseError.message).not.toContain(SECRET);
    expect(databaseError.cause).toBeDefined();
    return databaseError;
  }
  throw new Error('expected the action to fail');
}

describe.each(DIALECTS)('$name errors become DatabaseErrors with stable codes', (dialect) => {
  const database = 'conn_errors';
  let connector: TestConnector;

  beforeAll(async () => {
    connector = dialect.open(await dialect.createDatabase(database), { statementTimeout: 300 });
    await dialect.createTables(connector, ['team', 'account']);
    await connector.execute('insert into team (id) values (1)');
  });

  afterAll(async () => {
    await connector.disconnect();
    await dialect.dropDatabase(database);
  });

  it('reports a duplicate key as UNIQUE_VIOLATION naming the constraint and property, never the value', async () => {
    await connector.create(Account, { email: 'taken@example.com' });
    const error = await failure(() => connector.create(Account, { email: 'taken@example.com' }));
    expect(error.code).toBe('UNIQUE_VIOLATION');
    expect(error.statusCode).toBe(409);
    expect(error.details).toMatchObject({
      constraint: 'account_email_unique',
      table: 'account',
      columns: ['e_mail'],
      properties: ['email'],
    });
    expect(error.message).toBe(
      'A row with the same `email` already exists in `account` (constraint account_email_unique)',
    );
    expect(error.message).not.toContain('taken@example.com');
  });

  it('reports a duplicate primary key naming the id property', async () => {
    await connector.create(Team, { id: 2 });
    const error = await failure(() => connector.create(Team, { id: 2 }));
    expect(error.code).toBe('UNIQUE_VIOLATION');
    expect(error.details).toMatchObject({ columns: ['id'], properties: ['id'] });
  });

  it('reports a missing referenced row as FOREIGN_KEY_VIOLATION on insert', async () => {
    const error = await failure(() => connector.create(Account, { teamId: 42 }));
    expect(error.code).toBe('FOREIGN_KEY_VIOLATION');
    expect(error.details).toMatchObject({
      constraint: 'account_team_fk',
      properties: ['teamId'],
      referencedTable: 'team',
    });
    expect(error.message).not.toContain('42');
  });

  it('reports deleting a referenced row as FOREIGN_KEY_VIOLATION', async () => {
    await connector.create(Account, { teamId: 1 });
    const error = await failure(() =>
      connector.destroyAll(Team, { kind: 'compare', property: 'id', op: 'eq', value: 1 }),
    );
    expect(error.code).toBe('FOREIGN_KEY_VIOLATION');
    expect(error.message).toContain('still referenced from `account`');
  });

  it('reports a null in a NOT NULL column as NOT_NULL_VIOLATION naming the column', async () => {
    const error = await failure(() => connector.execute('insert into team (id) values (null)'));
    expect(error.code).toBe('NOT_NULL_VIOLATION');
    expect(error.details).toMatchObject({ column: 'id' });
    expect(error.message).toMatch(/^`id` cannot be null/);
  });

  it('reports a failed check as CHECK_VIOLATION naming the constraint', async () => {
    const error = await failure(() => connector.create(Account, { age: -5 }));
    expect(error.code).toBe('CHECK_VIOLATION');
    expect(error.details).toMatchObject({ constraint: 'account_age_positive', table: 'account' });
  });

  it('reports text that is not a number as INVALID_TEXT_REPRESENTATION without echoing it', async () => {
    const error = await failure(() => connector.create(Account, { age: 'not-a-number' }));
    expect(error.code).toBe('INVALID_TEXT_REPRESENTATION');
    expect(error.details.type).toBe('integer');
    expect(error.message).not.toContain('not-a-number');
  });

  it('reports a number too large for its column as NUMERIC_OUT_OF_RANGE', async () => {
    const error = await failure(() => connector.create(Account, { small: 100000 }));
    expect(error.code).toBe('NUMERIC_OUT_OF_RANGE');
  });

  it('reports a string too long for its column as VALUE_TOO_LONG, without the value', async () => {
    const error = await failure(() => connector.create(Account, { code: 'toolong' }));
    expect(error.code).toBe('VALUE_TOO_LONG');
    expect(error.message).not.toContain('toolong');
  });

  it('reports a statement stopped by the statement timeout as QUERY_TIMEOUT', async () => {
    const error = await failure(() => connector.execute(dialect.sleepSql(3)));
    expect(error.code).toBe('QUERY_TIMEOUT');
    expect(await connector.count(Team, undefined)).toBe(2);
  });

  it('reports an unknown table as DATABASE_ERROR naming it', async () => {
    const error = await failure(() => connector.execute('select * from no_such_table'));
    expect(error.code).toBe('DATABASE_ERROR');
    expect(error.message).toContain('no_such_table');
  });

  it('keeps a syntax error message free of the statement text', async () => {
    const error = await failure(() =>
      connector.execute(`select * from team where id = 'secret-literal' oops`),
    );
    expect(error.code).toBe('DATABASE_ERROR');
    expect(error.message).not.toContain('secret-literal');
  });
});

describe.each(DIALECTS)('$name connection errors', (dialect) => {
  it('reports a refused connection with host and port and what to check, never the password', async () => {
    const connector = dialect.open(dialect.urlWith({ user: 'root', password: SECRET, port: 5999 }));
    const error = await failure(() => connector.connect());
    expect(error.code).toBe('CONNECTION_FAILED');
    expect(error.statusCode).toBe(503);
    expect(error.message).toMatch(
      /^cannot reach (PostgreSQL|MySQL) at 127\.0\.0\.1:5999: connection refused; check that/,
    );
    expect(error.details).toEqual({ host: '127.0.0.1', port: 5999, reason: 'ECONNREFUSED' });
    await connector.disconnect();
  });

  it('reports a refused connection for queries too, and the process survives', async () => {
    const connector = dialect.open(dialect.urlWith({ user: 'root', password: SECRET, port: 1 }));
    const error = await failure(() => connector.ping());
    expect(error.code).toBe('CONNECTION_FAILED');
    expect(error.message).toContain('127.0.0.1:1');
    await expect(connector.find(Team, {})).rejects.toMatchObject({ code: 'CONNECTION_FAILED' });
    await connector.disconnect();
  });

  it('reports an unknown host as CONNECTION_FAILED', async () => {
    const connector = dialect.open(dialect.urlWith({ user: 'root', password: SECRET, port: 1234 }), {
      url: undefined,
      host: 'no-such-host.invalid',
      port: 1234,
      user: 'root',
      connectionTimeout: 5000,
    });
    const error = await failure(() => connector.connect());
    expect(error.code).toBe('CONNECTION_FAILED');
    expect(error.message).toContain('no-such-host.invalid:1234');
  });

  it('reports an unknown user as AUTHENTICATION_FAILED', async () => {
    const connector = dialect.open(
      dialect.urlWith({
        user: 'nobody_here',
        password: SECRET,
        port: dialect.name === 'mysql' ? 3306 : 5432,
      }),
    );
    const error = await failure(() => connector.connect());
    expect(error.code).toBe('AUTHENTICATION_FAILED');
    expect(error.message).toMatch(
      /refused the credentials of user `nobody_here`; check the user name and password$/,
    );
  });

  it('reports an unknown database as DATABASE_NOT_FOUND', async () => {
    const connector = dialect.open(dialect.missingDatabaseUrl());
    const error = await failure(() => connector.connect());
    expect(error.code).toBe('DATABASE_NOT_FOUND');
    expect(error.message).toMatch(
      /^Database `no_such_database_here` does not exist on (PostgreSQL|MySQL) at 127\.0\.0\.1:/,
    );
  });

  it('rejects malformed settings with INVALID_CONFIGURATION', () => {
    expect(() => dialect.open('not a url')).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIGURATION' }),
    );
    expect(() => dialect.open(dialect.chinook.url, { max: -1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIGURATION' }),
    );
  });
});
