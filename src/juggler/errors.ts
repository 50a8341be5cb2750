/**
 * Errors of the juggler and its connectors: classes with stable SCREAMING_SNAKE codes,
 * structured `details` and an optional `cause`. The GraphQL layer maps them to
 * `extensions.code` at one boundary; nothing else inspects messages.
 */

/** Stable error codes. Add new ones here, never reuse one for a different meaning. */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'INVALID_FILTER'
  | 'INVALID_ARGUMENT'
  | 'UNKNOWN_MODEL'
  | 'UNKNOWN_PROPERTY'
  | 'UNKNOWN_RELATION'
  /** Discovery was asked for a table or view the catalog does not have. */
  | 'UNKNOWN_TABLE'
  | 'NOT_FOUND'
  | 'READ_ONLY_MODEL'
  /** updateAttributes was given another id than the instance's. */
  | 'ID_CHANGE_REFUSED'
  /** The caller's role may not do this (a role rule of the configuration, or a row it may not touch). */
  | 'FORBIDDEN'
  | 'DISCOVERY_NOT_SUPPORTED'
  | 'OPERATION_NOT_SUPPORTED'
  | 'NOT_ATTACHED'
  | 'SCHEMA_CACHE_MISSING'
  /** The schema cache was discovered from another database than the one configured. */
  | 'SCHEMA_CACHE_SOURCE_MISMATCH'
  | 'UNIQUE_VIOLATION'
  | 'FOREIGN_KEY_VIOLATION'
  | 'NOT_NULL_VIOLATION'
  | 'CHECK_VIOLATION'
  | 'INVALID_TEXT_REPRESENTATION'
  | 'NUMERIC_OUT_OF_RANGE'
  | 'VALUE_TOO_LONG'
  | 'CONNECTION_FAILED'
  | 'AUTHENTICATION_FAILED'
  | 'DATABASE_NOT_FOUND'
  | 'QUERY_TIMEOUT'
  /** Every pooled connection stayed busy for longer than the acquire timeout. */
  | 'DATABASE_BUSY'
  /** The database refused the statement to the role it ran as (a missing GRANT, a row-level security policy). */
  | 'PERMISSION_DENIED'
  /** A materialized view that was never populated (`WITH NO DATA`, no REFRESH since). */
  | 'NOT_POPULATED'
  | 'DATABASE_ERROR'
  | 'INVALID_CONFIGURATION'
  /** The gateway could not listen on its port (taken, or privileged). */
  | 'PORT_UNAVAILABLE'
  /** A DataSource method needs its connector, which is still being loaded or connected. */
  | 'NOT_CONNECTED'
  /**
   * A write that did not last, or never ran: a field of an atomic mutation whose transaction was
   * rolled back, or a request whose COMMIT failed.
   */
  | 'ROLLED_BACK'
  /** The request's client disconnected before its answer: its statements were not sent, or were cancelled. */
  | 'CLIENT_CLOSED_REQUEST'
  /** An order names a field inside a list of embedded documents (`lines.unitPrice`): no one value to sort by. */
  | 'ORDER_BY_EMBEDDED_LIST';

/** Options shared by every Discograph error. */
export interface DiscographErrorOptions {
  details?: Record<string, unknown>;
  cause?: unknown;
  statusCode?: number;
}

/** Base class of every error Discograph throws on purpose. */
export class DiscographError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  readonly statusCode: number;

  constructor(code: ErrorCode, message: string, options: DiscographErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details ?? {};
    this.statusCode = options.statusCode ?? 500;
  }
}

/** A filter names an unknown property or operator, or carries a value of the wrong type. */
export class FilterError extends DiscographError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INVALID_FILTER', message, { details, statusCode: 400 });
  }
}

/**
 * An order names a field inside a list of embedded documents (`order: 'lines.unitPrice ASC'`).
 * Refused rather than given MongoDB's meaning (an array sorts by its least element ascending and
 * its greatest descending, so DESC is not ASC reversed): filter by the list (`where: {lines: …}`)
 * or order by a field of a single embedded document (`address.city`).
 */
export class EmbeddedListOrderError extends DiscographError {
  constructor(model: string, path: string, list: string) {
    super(
      'ORDER_BY_EMBEDDED_LIST',
      `Cannot order ${model} by \`${path}\`: \`${list}\` is a list of embedded documents, which has no one value to sort by; order by a field of the model or of a single embedded document instead`,
      { details: { model, property: path, list }, statusCode: 400 },
    );
  }
}

/** An argument of a public API call is of the wrong shape. */
export class InvalidArgumentError extends DiscographError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INVALID_ARGUMENT', message, { details, statusCode: 400 });
  }
}

/** A model, property or relation name does not exist. */
export class UnknownNameError extends DiscographError {
  constructor(
    code: 'UNKNOWN_MODEL' | 'UNKNOWN_PROPERTY' | 'UNKNOWN_RELATION',
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(code, message, { details, statusCode: 400 });
  }
}

/** The record addressed by id does not exist. */
export class NotFoundError extends DiscographError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('NOT_FOUND', message, { details, statusCode: 404 });
  }
}

/**
 * A write that was undone, or not attempted, because the transaction it belonged to was rolled
 * back: another field of an atomic mutation failed, or the COMMIT did. `details.failedField` names
 * the field that failed (when one did), `details.ran` says whether this one had run.
 */
export class RolledBackError extends DiscographError {
  constructor(message: string, details: Record<string, unknown> = {}, cause?: unknown) {
    super('ROLLED_BACK', message, { details, statusCode: 409, ...(cause === undefined ? {} : { cause }) });
  }
}

/** The caller may not do what it asked (a role rule forbids it); `details` says which rule. */
export class ForbiddenError extends DiscographError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('FORBIDDEN', message, { details, statusCode: 403 });
  }
}

/** `updateAttributes` was given another id than the instance's (LoopBack refuses to change an id). */
export class IdChangeError extends DiscographError {
  constructor(modelName: string, property: string, from: unknown, to: unknown) {
    super(
      'ID_CHANGE_REFUSED',
      `The id \`${property}\` of a ${modelName} cannot be changed from ${JSON.stringify(from)} to ${JSON.stringify(to)} by updateAttributes; create a new instance instead`,
      { details: { model: modelName, property, from, to }, statusCode: 400 },
    );
  }
}

/** A write was attempted on a model discovered from a view. */
export class ReadOnlyModelError extends DiscographError {
  constructor(modelName: string) {
    super('READ_ONLY_MODEL', `Model ${modelName} is read-only (it was discovered from a view)`, {
      details: { model: modelName },
      statusCode: 405,
    });
  }
}

/** The connector does not implement an operation (discovery on the memory connector, say). */
export class OperationNotSupportedError extends DiscographError {
  constructor(connectorName: string, operation: string, code: ErrorCode = 'OPERATION_NOT_SUPPORTED') {
    super(code, `The ${connectorName} connector does not support ${operation}`, {
      details: { connector: connectorName, operation },
      statusCode: 501,
    });
  }
}

/** A model is used for data access before being attached to a data source. */
export class NotAttachedError extends DiscographError {
  constructor(modelName: string) {
    super(
      'NOT_ATTACHED',
      `Model ${modelName} is not attached to a data source; use dataSource.attach(${modelName}) or dataSource.define(...)`,
      { details: { model: modelName } },
    );
  }
}

/** Per-property validation failure codes and messages, LoopBack's `ValidationError.details` shape. */
export interface ValidationErrorDetails {
  context: string;
  codes: Record<string, string[]>;
  messages: Record<string, string[]>;
}

/**
 * An instance failed validation. LoopBack's shape: `statusCode` 422, `details.codes` and
 * `details.messages` keyed by property.
 */
export class ValidationError extends DiscographError {
  declare readonly details: Record<string, unknown> & ValidationErrorDetails;

  constructor(details: ValidationErrorDetails) {
    const summary = Object.entries(details.messages)
      .map(([property, messages]) => `\`${property}\` ${messages.join('; ')}`)
      .join('; ');
    super('VALIDATION_FAILED', `The \`${details.context}\` instance is not valid. Details: ${summary}.`, {
      details: { ...details },
      statusCode: 422,
    });
  }
}

/** Database error codes a connector maps its driver's errors to. */
export type DatabaseErrorCode = Extract<
  ErrorCode,
  | 'UNIQUE_VIOLATION'
  | 'FOREIGN_KEY_VIOLATION'
  | 'NOT_NULL_VIOLATION'
  | 'CHECK_VIOLATION'
  | 'INVALID_TEXT_REPRESENTATION'
  | 'NUMERIC_OUT_OF_RANGE'
  | 'VALUE_TOO_LONG'
  | 'CONNECTION_FAILED'
  | 'AUTHENTICATION_FAILED'
  | 'DATABASE_NOT_FOUND'
  | 'QUERY_TIMEOUT'
  | 'DATABASE_BUSY'
  | 'PERMISSION_DENIED'
  | 'NOT_POPULATED'
  | 'DATABASE_ERROR'
>;

const STATUS_BY_CODE: Partial<Record<DatabaseErrorCode, number>> = {
  CONNECTION_FAILED: 503,
  DATABASE_BUSY: 503,
  QUERY_TIMEOUT: 504,
  PERMISSION_DENIED: 403,
  NOT_POPULATED: 503,
};

/**
 * A database refused a statement or could not be reached. `message` is safe to show a client
 * (no SQL, no connection string); the driver error stays in `cause` for logs.
 */
export class DatabaseError extends DiscographError {
  declare readonly code: DatabaseErrorCode;

  constructor(code: DatabaseErrorCode, message: string, options: DiscographErrorOptions = {}) {
    super(code, message, {
      ...options,
      statusCode: options.statusCode ?? STATUS_BY_CODE[code] ?? 409,
    });
  }
}
