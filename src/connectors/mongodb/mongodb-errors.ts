/**
 * MongoDB driver errors → DatabaseError with the codes the SQL connectors use: a duplicate key
 * (E11000) is a UNIQUE_VIOLATION naming the index and its fields (never the values); a server
 * that cannot be reached within the connect timeout (the driver's server selection) is
 * CONNECTION_FAILED, as on SQL, which GraphQL answers as `DATABASE_UNAVAILABLE` (reason
 * CONNECTION_FAILED) and `/readyz` as 503, and so is a command whose answer did not come within the
 * client-side limit (`socketTimeoutMS`, reason `no answer`); a command the server stopped at its
 * `maxTimeMS` is QUERY_TIMEOUT (GraphQL `TIMEOUT`); no pooled connection within the acquire
 * timeout is DATABASE_BUSY; a refused login AUTHENTICATION_FAILED. The
 * driver error stays in `cause` for logs; messages never hold a value or a connection string.
 */
import type { ConnectorModel } from '../../juggler/connector/connector-model.js';
import { DatabaseError, DiscographError } from '../../juggler/errors.js';

/** Where the failed command went, for messages. */
export interface MongoErrorContext {
  /** `host:port` of the first seed (never credentials). */
  server: string;
  database: string;
  model?: ConnectorModel;
  /** The client-side limit of a command's answer (milliseconds), reported when it passed. */
  queryTimeoutMs?: number | undefined;
  /** The server-side limit of a command (`maxTimeMS`), reported with QUERY_TIMEOUT. */
  statementTimeoutMs?: number | undefined;
  /** The longest wait for a pooled connection (`waitQueueTimeoutMS`), reported with DATABASE_BUSY. */
  acquireTimeoutMs?: number | undefined;
}

/** The fields of the driver's errors we read. */
interface DriverError {
  name?: string;
  code?: number | string;
  codeName?: string;
  message?: string;
  keyPattern?: Record<string, unknown>;
  errorResponse?: { keyPattern?: Record<string, unknown> };
  /** Set by the driver on network errors raised while a connection was still being opened. */
  beforeHandshake?: boolean;
}

const CONNECTION_ERROR_NAMES = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoTopologyClosedError',
  'MongoNotConnectedError',
]);

/** What the socket said, in words (the driver's message names the address, which a message already does). */
function networkReason(message: string | undefined): string | undefined {
  if (!message) return undefined;
  if (/ECONNREFUSED/.test(message)) return 'connection refused';
  if (/ECONNRESET|closed/i.test(message)) return 'connection closed';
  if (/ETIMEDOUT|timed out/i.test(message)) return 'connection timed out';
  if (/ENOTFOUND|getaddrinfo/.test(message)) return 'host not found';
  return undefined;
}

/** The index name of an E11000 message (`... index: name_1 dup key: ...`); the values after it are never read. */
function duplicateIndexName(message: string | undefined): string | undefined {
  return message ? /index: (\S+)/.exec(message)?.[1] : undefined;
}

function propertiesOfFields(
  model: ConnectorModel | undefined,
  fields: readonly string[],
): string[] | undefined {
  if (!model) return undefined;
  return fields.map((field) => {
    if (field === '_id' && model.idProperties.length === 1) return model.idProperties[0] as string;
    return model.properties.find((property) => property.column === field)?.name ?? field;
  });
}

/**
 * A driver error as a DatabaseError (a DiscographError passes through unchanged).
 *
 * @example
 * toDatabaseError(e11000, {server: '127.0.0.1:27017', database: 'chinook', model: Artist})
 * // DatabaseError UNIQUE_VIOLATION 'A document with the same `name` already exists in `Artist` (index name_1)'
 */
export function toDatabaseError(error: unknown, context: MongoErrorContext): Error {
  if (error instanceof DiscographError) return error;
  const driver = (error ?? {}) as DriverError;
  const collection = context.model?.table;
  if (driver.code === 11000 || driver.code === 11001) {
    const keyPattern = driver.keyPattern ?? driver.errorResponse?.keyPattern;
    const fields = keyPattern ? Object.keys(keyPattern) : [];
    const properties = propertiesOfFields(context.model, fields);
    const index = duplicateIndexName(driver.message);
    const what = (properties ?? fields).map((name) => `\`${name}\``).join(', ') || 'the unique key';
    return new DatabaseError(
      'UNIQUE_VIOLATION',
      `A document with the same ${what} already exists${collection ? ` in \`${collection}\`` : ''}${index ? ` (index ${index})` : ''}`,
      { details: { index, collection, fields, properties }, cause: error },
    );
  }
  // No pooled connection came free (or opened) within the acquire timeout (`waitQueueTimeoutMS`).
  if (driver.name === 'MongoWaitQueueTimeoutError') {
    return new DatabaseError(
      'DATABASE_BUSY',
      `Every database connection stayed busy for ${context.acquireTimeoutMs ?? 'the acquire timeout in'} ms; try again later`,
      { details: { acquireTimeoutMs: context.acquireTimeoutMs }, cause: error },
    );
  }
  // The client-side command limit (`socketTimeoutMS`) passed: the driver closed the connection.
  if (driver.name === 'MongoNetworkTimeoutError' && driver.beforeHandshake !== true) {
    return new DatabaseError(
      'CONNECTION_FAILED',
      `MongoDB at ${context.server} did not answer within ${context.queryTimeoutMs ?? 'the client-side timeout in'} ms; the connection was dropped`,
      {
        details: { server: context.server, reason: 'no answer', queryTimeoutMs: context.queryTimeoutMs },
        cause: error,
      },
    );
  }
  if (
    CONNECTION_ERROR_NAMES.has(driver.name ?? '') ||
    /ECONNREFUSED|getaddrinfo|connect ETIMEDOUT/.test(driver.message ?? '')
  ) {
    const why = networkReason(driver.message);
    return new DatabaseError(
      'CONNECTION_FAILED',
      `cannot reach MongoDB at ${context.server}${why ? ` (${why})` : ''}; check that the server runs and the host and port are right`,
      { details: { server: context.server, reason: driver.name }, cause: error },
    );
  }
  if (driver.code === 18 || driver.codeName === 'AuthenticationFailed') {
    return new DatabaseError(
      'AUTHENTICATION_FAILED',
      `MongoDB at ${context.server} refused the credentials`,
      {
        details: { server: context.server },
        cause: error,
      },
    );
  }
  if (driver.code === 13 || driver.codeName === 'Unauthorized') {
    return new DatabaseError(
      'PERMISSION_DENIED',
      `MongoDB refused the command on \`${collection ?? context.database}\``,
      {
        details: { collection, codeName: driver.codeName },
        cause: error,
      },
    );
  }
  if (driver.code === 50 || driver.codeName === 'MaxTimeMSExpired') {
    return new DatabaseError(
      'QUERY_TIMEOUT',
      `The command was stopped because it ran longer than the statement timeout${context.statementTimeoutMs ? ` of ${context.statementTimeoutMs} ms` : ''}`,
      { details: { statementTimeoutMs: context.statementTimeoutMs }, cause: error },
    );
  }
  return new DatabaseError(
    'DATABASE_ERROR',
    `MongoDB failed the command${collection ? ` on \`${collection}\`` : ''}`,
    {
      details: { collection, codeName: driver.codeName, code: driver.code },
      cause: error,
    },
  );
}
