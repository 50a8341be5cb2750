/**
 * The one boundary where a domain error becomes a GraphQLError. Validation failures keep their
 * per-property details; database constraint errors get client codes and the connector's safe
 * message; the database's protections get codes of their own with their limit (`TIMEOUT` with
 * `statementTimeoutMs`, `DATABASE_BUSY` with `acquireTimeoutMs`); an unreachable database is
 * `DATABASE_UNAVAILABLE` without its host (logged with a correlation id); a request whose client
 * disconnected is `CLIENT_CLOSED_REQUEST` (nginx's 499), never an internal error; anything else is masked
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
const REQUEST_CODES = new Set([
  'INVALID_FILTER',
  'INVALID_ARGUMENT',
  'UNKNOWN_PROPERTY',
  'UNKNOWN_RELATION',
  'ORDER_BY_EMBEDDED_LIST',
]);

const DEFAULT_LOGGER: ErrorLogger = (error, correlationId) => {
  console.error(`[discograph] internal error ${correlationId}:`, error);
};

/** Property name → GraphQL field name of the model a resolver is about (`ModelNames.fields`). */
export type FieldNames = ReadonlyMap<string, string>;

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

/**
 * The GraphQL fields a database error is about: its properties as the schema names them. Database
 * column names never reach a client (`artistId`, not `artist_id`); without properties there are none.
 */
function fieldsOf(error: DatabaseError, fields: FieldNames | undefined): string[] | undefined {
  const properties =
    stringList(error.details.properties) ??
    (typeof error.details.property === 'string' ? [error.details.property] : undefined);
  return properties?.map((property) => fields?.get(property) ?? property);
}

/**
 * Safe details of a database error: the constraint's name, the GraphQL `fields` it concerns, and
 * what a message needs besides (`maximum` length, the `type`); never a value, table or column.
 * A single field is also `extensions.field`, the name every error about one field uses.
 */
function databaseExtensions(
  error: DatabaseError,
  fields: FieldNames | undefined,
): { field?: string; details: Record<string, unknown> } {
  const details: Record<string, unknown> = {};
  if (typeof error.details.constraint === 'string') details.constraint = error.details.constraint;
  const named = fieldsOf(error, fields);
  if (named && named.length > 0) details.fields = named;
  for (const key of ['maximum', 'type']) {
    if (error.details[key] !== undefined) details[key] = error.details[key];
  }
  return named?.length === 1 ? { field: named[0], details } : { details };
}

/** The fields of a validation failure, renamed as the schema names them (LoopBack's shape kept). */
function renameKeys<T>(record: Record<string, T>, fields: FieldNames | undefined): Record<string, T> {
  if (!fields) return record;
  const renamed: Record<string, T> = {};
  for (const [key, value] of Object.entries(record)) renamed[fields.get(key) ?? key] = value;
  return renamed;
}

/**
 * Maps any error thrown while resolving to the GraphQLError a client may see. `fields` names the
 * resolver's model's properties as the schema does, so that details say `artistId`, never a column.
 *
 * @example
 * toGraphQLError(new ValidationError({context: 'Track', codes: {name: ['presence']}, messages: {name: ["can't be blank"]}}));
 * // GraphQLError { extensions: { code: 'VALIDATION_FAILED', details: { context: 'Track', codes, messages } } }
 */
export function toGraphQLError(
  error: unknown,
  logger: ErrorLogger = DEFAULT_LOGGER,
  fields?: FieldNames,
): GraphQLError {
  if (error instanceof GraphQLError) {
    if (error.originalError && !(error.originalError instanceof GraphQLError))
      return toGraphQLError(error.originalError, logger, fields);
    return error;
  }
  if (error instanceof ValidationError) {
    const { context, codes, messages } = error.details;
    const failed = Object.keys(renameKeys(codes, fields));
    return new GraphQLError(error.message, {
      extensions: {
        code: 'VALIDATION_FAILED',
        ...(failed.length === 1 ? { field: failed[0] } : {}),
        details: {
          context,
          codes: renameKeys(codes, fields),
          messages: renameKeys(messages, fields),
          fields: failed,
        },
      },
    });
  }
  if (error instanceof DatabaseError && CONFLICT_CODES.has(error.code)) {
    return new GraphQLError(error.message, {
      extensions: { code: 'CONFLICT', reason: error.code, ...databaseExtensions(error, fields) },
    });
  }
  if (error instanceof DatabaseError && BAD_INPUT_CODES.has(error.code)) {
    return new GraphQLError(error.message, {
      extensions: { code: 'BAD_USER_INPUT', reason: error.code, ...databaseExtensions(error, fields) },
    });
  }
  if (error instanceof DatabaseError && error.code === 'NOT_POPULATED') {
    return new GraphQLError(error.message, { extensions: { code: 'NOT_POPULATED' } });
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
      extensions: { code: 'FORBIDDEN', reason: error.code, details: { table: error.details.table } },
    });
  }
  if (error instanceof DiscographError && error.code === 'CLIENT_CLOSED_REQUEST') {
    // Nobody reads this answer (the client is gone); it is the request log's and metrics' to count.
    return new GraphQLError(error.message, {
      extensions: { code: 'CLIENT_CLOSED_REQUEST', http: { status: 499 } },
    });
  }
  if (error instanceof DiscographError && REQUEST_CODES.has(error.code)) {
    return new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', reason: error.code } });
  }
  if (error instanceof DiscographError && (error.code === 'NOT_FOUND' || error.code === 'READ_ONLY_MODEL')) {
    return new GraphQLError(error.message, { extensions: { code: error.code } });
  }
  if (error instanceof DiscographError && error.code === 'ROLLED_BACK') {
    return new GraphQLError(error.message, { extensions: { code: 'ROLLED_BACK', details: error.details } });
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
  fields?: FieldNames,
): (...args: TArgs) => Promise<TResult> {
  const rethrow = (error: unknown): never => {
    throw toGraphQLError(error, logger, fields);
  };
  return (...args: TArgs): Promise<TResult> => {
    let result: TResult | Promise<TResult>;
    try {
      result = resolver(...args);
    } catch (error) {
      return Promise.reject(toGraphQLError(error, logger, fields));
    }
    return Promise.resolve(result).then(undefined, rethrow);
  };
}
