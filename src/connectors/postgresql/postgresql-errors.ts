/**
 * pg driver errors → DatabaseError with stable codes. Messages are safe to show a client: they
 * name constraints, columns (and properties when the model is known), types, host and port,
 * never a value, SQL text, password or connection string. The driver error is kept as `cause`.
 */

import type { ConnectorModel } from '../../juggler/connector/connector-model.js';
import { DatabaseError, type DatabaseErrorCode } from '../../juggler/errors.js';
import { checkConstraintProperties, propertyOfType } from '../sql/constraint-properties.js';
import { CLIENT_TIMEOUT_MESSAGE } from './postgresql-answer-watchdog.js';
import { ACQUIRE_TIMEOUT_MESSAGE } from './postgresql-pool-acquire.js';

/** What the error mapper knows about the connection and the statement. */
export interface PostgresErrorContext {
  host: string;
  port: number;
  database?: string;
  user?: string;
  /** The statement timeout in force (milliseconds), reported with QUERY_TIMEOUT. */
  statementTimeoutMs?: number;
  /** The pool's acquire timeout (milliseconds), reported with DATABASE_BUSY. */
  acquireTimeoutMs?: number;
  /** The client-side timeout of a statement (milliseconds), reported when the server did not answer. */
  queryTimeoutMs?: number;
  /** The model the failed statement was about: columns are then also named as properties. */
  model?: ConnectorModel;
}

/** The fields of pg's DatabaseError (and Node's system errors) we read. */
interface DriverError {
  code?: string;
  message?: string;
  detail?: string;
  constraint?: string;
  column?: string;
  table?: string;
  schema?: string;
}

const CONNECTION_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
};

/**
 * Splits the column list of a constraint detail (`Key (a, "b c")=(...)`) into column names.
 * Only the part before `)=(` is read: the values after it are never looked at.
 */
export function parseDetailColumns(detail: string | undefined): string[] {
  if (!detail) return [];
  const match = /^Key \((.*?)\)=\(/s.exec(detail);
  if (!match?.[1]) return [];
  const columns: string[] = [];
  let current = '';
  let quoted = false;
  const text = match[1];
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') {
      if (quoted && text[i + 1] === '"') {
        current += '"';
        i++;
      } else {
        quoted = !quoted;
      }
    } else if (char === ',' && !quoted) {
      columns.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  columns.push(current.trim());
  return columns.filter((column) => column.length > 0);
}

function propertiesOf(model: ConnectorModel | undefined, columns: readonly string[]): string[] | undefined {
  if (!model) return undefined;
  const names = columns.map(
    (column) => model.properties.find((property) => property.column === column)?.name,
  );
  return names.every((name): name is string => name !== undefined) ? names : undefined;
}

function quoteList(names: readonly string[]): string {
  return names.map((name) => `\`${name}\``).join(', ');
}

function referencedTable(detail: string | undefined): string | undefined {
  return detail ? /table "([^"]+)"/.exec(detail)?.[1] : undefined;
}

/** Maps any error thrown by pg (or the network) to a DatabaseError; DatabaseErrors pass through. */
export function mapPostgresError(error: unknown, context: PostgresErrorContext): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const driver: DriverError = typeof error === 'object' && error !== null ? (error as DriverError) : {};
  const code = driver.code ?? '';
  const make = (errorCode: DatabaseErrorCode, message: string, details: Record<string, unknown> = {}) =>
    new DatabaseError(errorCode, message, { details, cause: error });
  const server = `${context.host}:${context.port}`;
  const table = driver.table;

  // No pooled connection came free within the acquire timeout (postgresql-pool-acquire.ts).
  if (!code && driver.message === ACQUIRE_TIMEOUT_MESSAGE) {
    return make(
      'DATABASE_BUSY',
      `Every database connection stayed busy for ${context.acquireTimeoutMs ?? 'the acquire timeout in'} ms; try again later`,
      { acquireTimeoutMs: context.acquireTimeoutMs },
    );
  }
  if (!code && isClientTimeout(error)) {
    return make(
      'CONNECTION_FAILED',
      `PostgreSQL at ${server} did not answer within ${context.queryTimeoutMs ?? 'the client-side timeout in'} ms; the connection was dropped`,
      { host: context.host, port: context.port, reason: 'no answer', queryTimeoutMs: context.queryTimeoutMs },
    );
  }
  const connectionReason = CONNECTION_CODES[code] ?? connectionMessageReason(driver.message);
  if (connectionReason) {
    return make(
      'CONNECTION_FAILED',
      `cannot reach PostgreSQL at ${server}: ${connectionReason}; check that the server runs and the host and port are right`,
      { host: context.host, port: context.port, reason: code || connectionReason },
    );
  }

  switch (code) {
    case '23505': {
      const columns = parseDetailColumns(driver.detail);
      const properties = propertiesOf(context.model, columns);
      const what = quoteList(properties ?? columns) || 'the unique key';
      return make(
        'UNIQUE_VIOLATION',
        `A row with the same ${what} already exists${table ? ` in \`${table}\`` : ''} (constraint ${driver.constraint ?? 'unknown'})`,
        { constraint: driver.constraint, table, columns, properties },
      );
    }
    case '23503': {
      const columns = parseDetailColumns(driver.detail);
      const properties = propertiesOf(context.model, columns);
      const referenced = referencedTable(driver.detail);
      const stillReferenced = driver.detail?.includes('is still referenced') ?? false;
      const message = stillReferenced
        ? `The row is still referenced from \`${referenced ?? 'another table'}\` (constraint ${driver.constraint ?? 'unknown'})`
        : `The value of ${quoteList(properties ?? columns) || 'the foreign key'} does not match any row of \`${referenced ?? 'the referenced table'}\` (constraint ${driver.constraint ?? 'unknown'})`;
      return make('FOREIGN_KEY_VIOLATION', message, {
        constraint: driver.constraint,
        table,
        columns,
        properties,
        referencedTable: referenced,
      });
    }
    case '23502': {
      const property = propertiesOf(context.model, driver.column ? [driver.column] : [])?.[0];
      return make(
        'NOT_NULL_VIOLATION',
        `\`${property ?? driver.column ?? 'a column'}\` cannot be null${table ? ` in \`${table}\`` : ''}`,
        { table, column: driver.column, property },
      );
    }
    case '23514': {
      const properties = checkConstraintProperties(context.model, 'postgresql', driver.constraint);
      return make(
        'CHECK_VIOLATION',
        `The row does not satisfy the check constraint ${driver.constraint ?? 'unknown'}${table ? ` of \`${table}\`` : ''}${properties ? ` (on ${quoteList(properties)})` : ''}`,
        { constraint: driver.constraint, table, properties },
      );
    }
    case '22P02':
    case '22007':
    case '22008':
    case '42601': {
      // Input conversion of a value: `invalid input syntax for type uuid`, `invalid input value for
      // enum mood`, `syntax error in tsvector`, `invalid input syntax for type interval`. A 42601
      // that is not about a value (a statement's own syntax) stays a DATABASE_ERROR.
      const type =
        /invalid input (?:syntax|value) for (?:type|enum) ([\w ]+?)(?::|$)/.exec(driver.message ?? '')?.[1] ??
        /^syntax error in (\w+)/.exec(driver.message ?? '')?.[1];
      if (code === '42601' && type === undefined) return statementError(code, driver, table, make);
      const property = propertyOfType(context.model, type);
      return make(
        'INVALID_TEXT_REPRESENTATION',
        `A value is not valid for the column type${type ? ` ${type}` : ''}${property ? ` of \`${property}\`` : ''}`,
        { type, property },
      );
    }
    case '55000':
      if (/has not been populated/.test(driver.message ?? '')) {
        const view = /materialized view "([^"]+)"/.exec(driver.message ?? '')?.[1] ?? context.model?.table;
        return make(
          'NOT_POPULATED',
          `The materialized view \`${view ?? 'unknown'}\` has no data yet: it was created WITH NO DATA and not refreshed (REFRESH MATERIALIZED VIEW)`,
          { table: view },
        );
      }
      return statementError(code, driver, table, make);
    case '22021':
    case '22P05':
      // A NUL byte (\u0000) in a text value, or a character the database's encoding lacks.
      return make(
        'INVALID_TEXT_REPRESENTATION',
        'A text value holds a character the database cannot store (such as a NUL byte, \\u0000)',
        { sqlState: code },
      );
    case '22003': {
      const property = outOfRangeProperty(driver, context.model);
      return make(
        'NUMERIC_OUT_OF_RANGE',
        `A numeric value is out of the range of its column type${property ? ` of \`${property}\`` : ''}`,
        { property },
      );
    }
    case '22001': {
      const type = /value too long for type (.+)$/.exec(driver.message ?? '')?.[1];
      const maximum = Number(/\((\d+)\)$/.exec(type ?? '')?.[1]) || undefined;
      return make(
        'VALUE_TOO_LONG',
        `A value is too long for the column type${type ? ` ${type}` : ''}${maximum ? `: at most ${maximum} characters` : ''}`,
        { type, maximum },
      );
    }
    case '28P01':
    case '28000':
      return make(
        'AUTHENTICATION_FAILED',
        `PostgreSQL at ${server} refused the credentials${context.user ? ` of user \`${context.user}\`` : ''}; check the user name and password`,
        { host: context.host, port: context.port, user: context.user },
      );
    case '3D000':
      return make(
        'DATABASE_NOT_FOUND',
        `Database \`${context.database ?? 'unknown'}\` does not exist on PostgreSQL at ${server}`,
        { host: context.host, port: context.port, database: context.database },
      );
    case '42501': {
      // `permission denied for table t`, `new row violates row-level security policy for table "t"`,
      // `permission denied to set role "r"`: names of tables and roles, never values.
      const target =
        table ?? /(?:for table|for view|for sequence) "?([^"\s]+)"?/.exec(driver.message ?? '')?.[1];
      const rowSecurity = /row-level security/.test(driver.message ?? '');
      return make(
        'PERMISSION_DENIED',
        rowSecurity
          ? `A row-level security policy of \`${target ?? 'the table'}\` refuses this row to the caller`
          : `The caller's database role may not do this${target ? ` on \`${target}\`` : ''} (${driver.message ?? 'permission denied'})`,
        { table: target, rowSecurity },
      );
    }
    case '22023': {
      // `SET LOCAL ROLE` of a request's session to a role the server does not have.
      const role = /^role "(.+)" does not exist$/.exec(driver.message ?? '')?.[1];
      if (role === undefined)
        return make('DATABASE_ERROR', `PostgreSQL refused the statement (SQLSTATE ${code})`, {
          sqlState: code,
        });
      return make('PERMISSION_DENIED', `The database has no role \`${role}\` for the caller to run as`, {
        role,
      });
    }
    case '57014':
      return make(
        'QUERY_TIMEOUT',
        `The statement was cancelled because it ran longer than the statement timeout${context.statementTimeoutMs ? ` of ${context.statementTimeoutMs} ms` : ''}`,
        { statementTimeoutMs: context.statementTimeoutMs },
      );
    case '57P01':
    case '57P02':
    case '57P03':
      return make(
        'CONNECTION_FAILED',
        `cannot reach PostgreSQL at ${server}: the server closed the connection; check that the server runs and the host and port are right`,
        { host: context.host, port: context.port, reason: code },
      );
    default:
      if (/query read timeout/i.test(driver.message ?? '')) {
        return make('QUERY_TIMEOUT', 'The statement took longer than the query timeout', {});
      }
      return statementError(code, driver, table, make);
  }
}

/**
 * The property a PostgreSQL overflow is about, where the model makes it unambiguous: the one
 * writable column of the type the message names (`value "70000" is out of range for type
 * smallint`), or of the precision and scale the detail names (`numeric field overflow`: `A field
 * with precision 4, scale 2 must round to ...`). PostgreSQL itself names no column.
 */
function outOfRangeProperty(driver: DriverError, model: ConnectorModel | undefined): string | undefined {
  if (!model) return undefined;
  const type = /out of range for type (\w+(?: \w+)*)/.exec(driver.message ?? '')?.[1];
  if (type) return propertyOfType(model, type);
  const size = /precision (\d+), scale (\d+)/.exec(driver.detail ?? '');
  if (!size) return undefined;
  const [precision, scale] = [Number(size[1]), Number(size[2])];
  const matching = model.properties.filter(
    (property) => !property.readOnly && property.precision === precision && (property.scale ?? 0) === scale,
  );
  return matching.length === 1 ? matching[0]?.name : undefined;
}

/** A refused statement with no code of its own: DATABASE_ERROR, naming identifiers of class 42 only. */
function statementError(
  code: string,
  driver: DriverError,
  table: string | undefined,
  make: (errorCode: DatabaseErrorCode, message: string, details?: Record<string, unknown>) => DatabaseError,
): DatabaseError {
  // Class 42 (undefined table/column, syntax) names identifiers, never values: worth showing.
  return make(
    'DATABASE_ERROR',
    code.startsWith('42') && driver.message
      ? `PostgreSQL refused the statement: ${driver.message} (SQLSTATE ${code})`
      : `PostgreSQL refused the statement (SQLSTATE ${code || 'unknown'})`,
    {
      sqlState: code || undefined,
      table,
    },
  );
}

function connectionMessageReason(message: string | undefined): string | undefined {
  if (!message) return undefined;
  if (/timeout expired|connection timeout/i.test(message)) return 'connection timed out';
  if (/Connection terminated/i.test(message)) return 'connection terminated';
  return undefined;
}

/** Whether the client gave up waiting for a statement's answer (postgresql-answer-watchdog.ts): the server may be frozen. */
export function isClientTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === CLIENT_TIMEOUT_MESSAGE;
}
