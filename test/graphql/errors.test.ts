import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { guardResolver, toGraphQLError } from '../../src/graphql/errors.js';
import { DatabaseError, FilterError, ValidationError } from '../../src/juggler/errors.js';

describe('toGraphQLError', () => {
  it('turns a ValidationError into VALIDATION_FAILED with the per-property details', () => {
    const error = toGraphQLError(
      new ValidationError({
        context: 'Track',
        codes: { name: ['presence'] },
        messages: { name: ["can't be blank"] },
      }),
    );
    expect(error.message).toBe("The `Track` instance is not valid. Details: `name` can't be blank.");
    expect(error.extensions).toEqual({
      code: 'VALIDATION_FAILED',
      field: 'name',
      details: {
        context: 'Track',
        codes: { name: ['presence'] },
        messages: { name: ["can't be blank"] },
        fields: ['name'],
      },
    });
  });

  it('turns unique and foreign key violations into CONFLICT with names but no values', () => {
    const error = toGraphQLError(
      new DatabaseError(
        'UNIQUE_VIOLATION',
        'A row with the same name already exists (constraint genre_name_key)',
        {
          details: {
            constraint: 'genre_name_key',
            columns: ['genre_name'],
            properties: ['genreName'],
            table: 'genre',
            value: 'secret',
          },
        },
      ),
      undefined,
      new Map([['genreName', 'name']]),
    );
    // GraphQL field names (as the schema names the properties), never columns or the table.
    expect(error.extensions).toEqual({
      code: 'CONFLICT',
      reason: 'UNIQUE_VIOLATION',
      field: 'name',
      details: { constraint: 'genre_name_key', fields: ['name'] },
    });
    expect(toGraphQLError(new DatabaseError('FOREIGN_KEY_VIOLATION', 'x')).extensions.code).toBe('CONFLICT');
  });

  it('turns NOT NULL, CHECK and invalid text errors into BAD_USER_INPUT', () => {
    for (const code of ['NOT_NULL_VIOLATION', 'CHECK_VIOLATION', 'INVALID_TEXT_REPRESENTATION'] as const) {
      expect(toGraphQLError(new DatabaseError(code, 'safe')).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: code,
      });
    }
    expect(toGraphQLError(new FilterError('bad filter')).extensions.code).toBe('BAD_USER_INPUT');
  });

  it('masks anything else and logs it with the correlation id the client sees', () => {
    const logged: [unknown, string][] = [];
    const leak = new Error('syntax error at or near "SELECT" in postgres://admin:hunter2@db/prod');
    const error = toGraphQLError(leak, (cause, id) => logged.push([cause, id]));
    expect(error.message).not.toContain('SELECT');
    expect(error.message).not.toContain('hunter2');
    expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(logged).toEqual([[leak, error.extensions.correlationId]]);
    expect(error.message).toContain(String(error.extensions.correlationId));
  });

  it('tells a client the database is unavailable without its host, and logs where it was', () => {
    const logged: [unknown, string][] = [];
    const unreachable = new DatabaseError(
      'CONNECTION_FAILED',
      'cannot reach PostgreSQL at db-7.internal:5432',
    );
    const error = toGraphQLError(unreachable, (cause, id) => logged.push([cause, id]));
    expect(error.extensions).toMatchObject({ code: 'DATABASE_UNAVAILABLE', reason: 'CONNECTION_FAILED' });
    expect(error.message).not.toContain('db-7.internal');
    expect(logged).toEqual([[unreachable, error.extensions.correlationId]]);
  });

  it('gives a statement timeout the code TIMEOUT and a busy pool DATABASE_BUSY, each with its limit', () => {
    const timeout = new DatabaseError('QUERY_TIMEOUT', 'cancelled after 250 ms', {
      details: { statementTimeoutMs: 250 },
    });
    expect(toGraphQLError(timeout).extensions).toEqual({
      code: 'TIMEOUT',
      reason: 'QUERY_TIMEOUT',
      statementTimeoutMs: 250,
    });
    const busy = new DatabaseError('DATABASE_BUSY', 'busy for 100 ms', {
      details: { acquireTimeoutMs: 100 },
    });
    expect(toGraphQLError(busy).extensions).toEqual({ code: 'DATABASE_BUSY', acquireTimeoutMs: 100 });
  });

  it('passes GraphQL errors this layer made through unchanged', () => {
    const own = new GraphQLError('bad cursor', { extensions: { code: 'BAD_USER_INPUT' } });
    expect(toGraphQLError(own)).toBe(own);
  });
});

describe('guardResolver', () => {
  it('maps rejections of a resolver through the boundary', async () => {
    const resolver = guardResolver(async () => {
      throw new DatabaseError('CHECK_VIOLATION', 'price must be positive');
    });
    await expect(resolver()).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});
