/**
 * The one boundary where a domain error becomes a GraphQLError. Validation failures keep their
 * per-property details; database constraint errors get client codes and the connector's safe
 * message; the database's protections get codes of their own with their limit (`TIMEOUT` with
 * `statementTimeoutMs`, `DATABASE_BUSY` with `acquireTimeoutMs`); an unreachable database is
 * `DATABASE_UNAVAILABLE` without its host (logged with a correlation id); anything else is masked
 * (no SQL, stack or connection string reaches a client) and logged with a correlation id the
 * client sees.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { DatabaseError, DiscographError, ValidationError } from '../juggler/errors.js';

/** Receives every masked error with the correlation id returned to the client. */
export type ErrorLogger = (error: unknown, correlationId: string) => void;

const CONFLICT_CODES = new Set(['UNIQUE_VIOLATION', 'FOREIGN_KEY_VIOLATION']);
const BAD_INPUT_CODES = new Set([
  'NOT_NULL_VIOLATION',
  'CHECK_VIOLATION',
  'INVALID_TEXT_REPRESENTATION',
  'NUMERIC_OUT_OF_RANGE',
  'VALUE_TOO_LONG',
]);
/** Errors of reaching the database: the client learns it is unavailable, the log learns where and why. */
const UNAVAILABLE_CODES = new Set(['CONNECTION_FAILED', 'AUTHENTICATION_FAILED', 'DATABASE_NOT_FOUND']);
const REQUEST_CODES = new Set(['INVALID_FILTER', 'INVALID_ARGUMENT', 'UNKNOWN_PROPERTY', 'UNKNOWN_RELATION']);

const DEFAULT_LOGGER: ErrorLogger = (error, correlationId) => {
  console.error(`[discograph] internal error ${correlationId}:`, error);
};

/** Safe detail keys of database errors (names of constraints and columns, never values). */
function safeDatabaseDetails(error: DatabaseError): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  for (const key of ['constraint', 'columns', 'column', 'table']) {
    if (error.details[key] !== undefined) details[key] = error.details[key];
  }
  return details;
}

/**
 * Maps any error thrown while resolving to the GraphQLError a client may see.
 *
 * @example
 * toGraphQLError(new ValidationError({context: 'Track', codes: {name: ['presence']}, messages: {name: ["can't be blank"]}}));
 * // GraphQLError { extensions: { code: 'VALIDATION_FAILED', details: { context: 'Track', codes, messages } } }
 */
export function toGraphQLError(error: unknown, logger: ErrorLogger = DEFAULT_LOGGER): GraphQLError {
  if (error instanceof GraphQLError) {
    if (error.originalError && !(error.originalError instanceof GraphQLError))
      return toGraphQLError(error.originalError, logger);
    return error;
  }
  if (error instanceof ValidationError) {
    const { context, codes, messages } = error.details;
    return new GraphQLError(error.message, {
      extensions: { code: 'VALIDATION_FAILED', details: { context, codes, messages } },
    });
  }
  if (error instanceof DatabaseError && CONFLICT_CODES.has(error.code)) {
    return new GraphQLError(error.message, {
      extensions: { code: 'CONFLICT', reason: error.code, details: safeDatabaseDetails(error) },
    });
  }
  if (error instanceof DatabaseError && BAD_INPUT_CODES.has(error.code)) {
    return new GraphQLError(error.message, {
      extensions: { code: 'BAD_USER_INPUT', reason: error.code, details: safeDatabaseDetails(error) },
    });
  }
  if (error instanceof DatabaseError && error.code === 'QUERY_TIMEOUT') {
    return new GraphQLError(error.message, {
      extensions: {
        code: 'TIMEOUT',
        reason: error.code,
        statementTimeoutMs: error.details.statementTimeoutMs,
      },
    });
  }
  if (error instanceof DatabaseError && error.code === 'DATABASE_BUSY') {
    return new GraphQLError(error.message, {
      extensions: { code: 'DATABASE_BUSY', acquireTimeoutMs: error.details.acquireTimeoutMs },
    });
  }
  if (error instanceof DatabaseError && UNAVAILABLE_CODES.has(error.code)) {
    const correlationId = randomUUID();
    logger(error, correlationId);
    return new GraphQLError(
      `The database cannot be reached now; try again later (quote ${correlationId} when reporting it).`,
      { extensions: { code: 'DATABASE_UNAVAILABLE', reason: error.code, correlationId } },
    );
  }
  if (error instanceof DatabaseError && error.code === 'PERMISSION_DENIED') {
    return new GraphQLError(error.message, {
      extensions: { code: 'FORBIDDEN', reason: error.code, details: safeDatabaseDetails(error) },
    });
  }
  if (error instanceof DiscographError && REQUEST_CODES.has(error.code)) {
    return new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', reason: error.code } });
  }
  if (error instanceof DiscographError && (error.code === 'NOT_FOUND' || error.code === 'READ_ONLY_MODEL')) {
    return new GraphQLError(error.message, { extensions: { code: error.code } });
  }
  if (error instanceof DiscographError && error.code === 'FORBIDDEN') {
    return new GraphQLError(error.message, { extensions: { code: 'FORBIDDEN', details: error.details } });
  }
  const correlationId = randomUUID();
  logger(error, correlationId);
  return new GraphQLError(`Unexpected error; quote ${correlationId} when reporting it.`, {
    extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId },
  });
}

/**
 * Wraps a resolver so that whatever it throws (or rejects with) crosses the boundary through
 * `toGraphQLError`. The wrapper is a plain function chaining one rejection handler (no async
 * frame, no rest array per call): resolvers run once per field per request.
 */
export function guardResolver<TArgs extends unknown[], TResult>(
  resolver: (...args: TArgs) => TResult | Promise<TResult>,
  logger?: ErrorLogger,
): (...args: TArgs) => Promise<TResult> {
  const rethrow = (error: unknown): never => {
    throw toGraphQLError(error, logger);
  };
  return (...args: TArgs): Promise<TResult> => {
    let result: TResult | Promise<TResult>;
    try {
      result = resolver(...args);
    } catch (error) {
      return Promise.reject(toGraphQLError(error, logger));
    }
    return Promise.resolve(result).then(undefined, rethrow);
  };
}
