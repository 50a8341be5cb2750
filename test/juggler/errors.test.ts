import { describe, expect, it } from 'vitest';
import { DatabaseError, DiscographError, FilterError, ValidationError } from '../../src/juggler/errors.js';

describe('ValidationError', () => {
  const details = {
    context: 'User',
    codes: { email: ['presence'], password: ['length.min'] },
    messages: { email: ["can't be blank"], password: ['too short'] },
  };

  it('keeps LoopBack’s shape: statusCode 422 and details.codes/messages per property', () => {
    const error = new ValidationError(details);
    expect(error.statusCode).toBe(422);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.codes).toEqual(details.codes);
    expect(error.details.messages).toEqual(details.messages);
    expect(error.name).toBe('ValidationError');
  });

  it('names the model and each failing property in its message', () => {
    const error = new ValidationError(details);
    expect(error.message).toBe(
      "The `User` instance is not valid. Details: `email` can't be blank; `password` too short.",
    );
  });

  it('is a DiscographError and an Error', () => {
    const error = new ValidationError(details);
    expect(error).toBeInstanceOf(DiscographError);
    expect(error).toBeInstanceOf(Error);
  });
});

describe('DatabaseError', () => {
  it('keeps the driver error as cause and answers 503 when the database cannot be reached', () => {
    const cause = new Error('connect ECONNREFUSED 127.0.0.1:1');
    const error = new DatabaseError('CONNECTION_FAILED', 'cannot reach PostgreSQL at 127.0.0.1:1', { cause });
    expect(error.cause).toBe(cause);
    expect(error.statusCode).toBe(503);
  });

  it('answers 409 for constraint violations', () => {
    expect(new DatabaseError('UNIQUE_VIOLATION', 'duplicate').statusCode).toBe(409);
  });
});

describe('FilterError', () => {
  it('is a client error with the offending property in details', () => {
    const error = new FilterError('Unknown property `unitprice`; did you mean `unitPrice`?', {
      property: 'unitprice',
    });
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('INVALID_FILTER');
    expect(error.details).toEqual({ property: 'unitprice' });
  });
});
