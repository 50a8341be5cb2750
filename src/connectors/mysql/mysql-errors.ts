/**
 * mysql2 driver errors → DatabaseError with stable codes. Messages are safe to show a client:
 * they name constraints, columns (and properties when the model is known), types, host and port,
 * never a value, SQL text, password or connection string. The driver error is kept as `cause`.
 *
 * MySQL 8 and MariaDB word some messages differently (`for key 't.k'` vs `for key 'k'`, check
 * errors 3819 vs 4025, statement timeouts 3024 vs 1969): both are recognised.
 */

import type { ConnectorModel } from '../../juggler/connector/connector-model.js';
import { DatabaseError, type DatabaseErrorCode } from '../../juggler/errors.js';
import { checkConstraintProperties } from '../sql/constraint-properties.js';

/** What the error mapper knows about the connection and the statement. */
export interface MysqlErrorContext {
  host: string;
  port: number;
  database?: string;
  user?: string;
  /** The statement timeout in force (milliseconds), reported with QUERY_TIMEOUT. */
  statementTimeoutMs?: number;
  /** The client-side timeout of a statement (milliseconds), reported when the server did not answer. */
  queryTimeoutMs?: number;
  /** The pool's acquire timeout (milliseconds), reported with DATABASE_BUSY. */
  acquireTimeoutMs?: number;
  /** The model the failed statement was about: columns are then also named as properties. */
  model?: ConnectorModel;
  /** The columns of the unique key a duplicate-key error names, when the connector looked them up. */
  uniqueColumns?: readonly string[];
}

/** The fields of mysql2's errors (and Node's system errors) we read. */
interface DriverError {
  code?: string;
  errno?: number;
  sqlState?: string;
  sqlMessage?: string;
  message?: string;
}

/** The `code` of mysql2's error when a statement's answer did not come within its `timeout`. */
export const CLIENT_TIMEOUT = 'PROTOCOL_SEQUENCE_TIMEOUT';

/** The `code` of the error the connector's pool raises when no connection came free in time. */
export const POOL_ACQUIRE_TIMEOUT = 'POOL_ACQUIRE_TIMEOUT';

const CONNECTION_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  PROTOCOL_CONNECTION_LOST: 'the server closed the connection',
};

const TIMEOUT_ERRNOS = new Set([1969, 3024, 1317]);

function propertiesOf(model: ConnectorModel | undefined, columns: readonly string[]): string[] | undefined {
  if (!model || columns.length === 0) return undefined;
  const names = columns.map(
    (column) => model.properties.find((property) => property.column === column)?.name,
  );
  return names.every((name): name is string => name !== undefined) ? names : undefined;
}

function quoteList(names: readonly string[]): string {
  return names.map((name) => `\`${name}\``).join(', ');
}

/** Splits a backquoted identifier list (`` `a`, `b``c` ``) into names. */
function backquotedNames(text: string | undefined): string[] {
  if (!text) return [];
  return [...text.matchAll(/`((?:[^`]|``)*)`/g)].map((match) => match[1]!.replaceAll('``', '`'));
}

/** The key name of a duplicate-key message (`... for key 'k'` or MySQL 8's `'table.k'`). */
export function duplicateKeyName(message: string | undefined, table: string | undefined): string | undefined {
  const key = /for key '((?:[^']|'')*)'\s*$/.exec(message ?? '')?.[1];
  if (!key) return undefined;
  if (table && key.startsWith(`${table}.`)) return key.slice(table.length + 1);
  return key;
}

/** The parts of a foreign-key failure message: child table, constraint, columns, referenced table. */
export function parseForeignKeyMessage(message: string | undefined): {
  table?: string;
  constraint?: string;
  columns: string[];
  referencedTable?: string;
} {
  const match =
    /\((`(?:[^`]|``)*`(?:\.`(?:[^`]|``)*`)?), CONSTRAINT (`(?:[^`]|``)*`) FOREIGN KEY \(([^)]*)\) REFERENCES (`(?:[^`]|``)*`)/.exec(
      message ?? '',
    );
  if (!match) return { columns: [] };
  const tableNames = backquotedNames(match[1]);
  return {
    table: tableNames[tableNames.length - 1],
    constraint: backquotedNames(match[2])[0],
    columns: backquotedNames(match[3]),
    referencedTable: backquotedNames(match[4])[0],
  };
}

/** The column a message names as `column 'c'`, `` column `db`.`t`.`c` `` or `Field 'c'`. */
function namedColumn(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const quoted = /(?:[Cc]olumn|Field) '((?:[^']|'')*)'/.exec(message)?.[1];
  if (quoted !== undefined) return quoted.replaceAll("''", "'");
  const backquoted = /column ((?:`(?:[^`]|``)*`\.?)+)/.exec(message)?.[1];
  const names = backquotedNames(backquoted);
  return names[names.length - 1];
}

function checkConstraint(errno: number, message: string | undefined): string | undefined {
  if (errno === 3819) return /Check constraint '((?:[^']|'')*)'/.exec(message ?? '')?.[1];
  return backquotedNames(/CONSTRAINT (`(?:[^`]|``)*`)/.exec(message ?? '')?.[1])[0];
}

/** Maps any error thrown by mysql2 (or the network) to a DatabaseError; DatabaseErrors pass through. */
export function mapMysqlError(error: unknown, context: MysqlErrorContext): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const driver: DriverError = typeof error === 'object' && error !== null ? (error as DriverError) : {};
  const code = driver.code ?? '';
  const errno = typeof driver.errno === 'number' ? driver.errno : 0;
  const message = driver.sqlMessage ?? driver.message;
  const make = (errorCode: DatabaseErrorCode, text: string, details: Record<string, unknown> = {}) =>
    new DatabaseError(errorCode, text, { details, cause: error });
  const server = `${context.host}:${context.port}`;
  const model = context.model;
  const table = model?.table;

  const connectionReason = CONNECTION_CODES[code];
  if (connectionReason) {
    return make(
      'CONNECTION_FAILED',
      `cannot reach MySQL at ${server}: ${connectionReason}; check that the server runs and the host and port are right`,
      { host: context.host, port: context.port, reason: code },
    );
  }
  if (code === CLIENT_TIMEOUT) {
    return make(
      'CONNECTION_FAILED',
      `MySQL at ${server} did not answer within ${context.queryTimeoutMs ?? 'the client-side timeout in'} ms; the connection was dropped`,
      { host: context.host, port: context.port, reason: 'no answer', queryTimeoutMs: context.queryTimeoutMs },
    );
  }
  if (TIMEOUT_ERRNOS.has(errno)) {
    return make(
      'QUERY_TIMEOUT',
      `The statement was stopped because it ran longer than the statement timeout${context.statementTimeoutMs ? ` of ${context.statementTimeoutMs} ms` : ''}`,
      { statementTimeoutMs: context.statementTimeoutMs },
    );
  }
  if (code === POOL_ACQUIRE_TIMEOUT || (!code && driver.message === 'Queue limit reached.')) {
    return make(
      'DATABASE_BUSY',
      `Every database connection stayed busy for ${context.acquireTimeoutMs ?? 'the acquire timeout in'} ms; try again later`,
      { acquireTimeoutMs: context.acquireTimeoutMs },
    );
  }

  switch (errno) {
    case 1062: {
      const constraint = duplicateKeyName(message, table);
      const columns = [...(context.uniqueColumns ?? [])];
      const properties = propertiesOf(model, columns);
      const what = quoteList(properties ?? columns) || 'the unique key';
      return make(
        'UNIQUE_VIOLATION',
        `A row with the same ${what} already exists${table ? ` in \`${table}\`` : ''} (constraint ${constraint ?? 'unknown'})`,
        { constraint, table, columns, properties },
      );
    }
    case 1451:
    case 1452: {
      const parsed = parseForeignKeyMessage(message);
      const constraint = parsed.constraint ?? 'unknown';
      if (errno === 1451) {
        return make(
          'FOREIGN_KEY_VIOLATION',
          `The row is still referenced from \`${parsed.table ?? 'another table'}\` (constraint ${constraint})`,
          {
            constraint: parsed.constraint,
            table: parsed.table,
            columns: parsed.columns,
            referencingTable: parsed.table,
          },
        );
      }
      const properties = model?.table === parsed.table ? propertiesOf(model, parsed.columns) : undefined;
      return make(
        'FOREIGN_KEY_VIOLATION',
        `The value of ${quoteList(properties ?? parsed.columns) || 'the foreign key'} does not match any row of \`${parsed.referencedTable ?? 'the referenced table'}\` (constraint ${constraint})`,
        {
          constraint: parsed.constraint,
          table: parsed.table,
          columns: parsed.columns,
          properties,
          referencedTable: parsed.referencedTable,
        },
      );
    }
    case 1048:
    case 1364: {
      const column = namedColumn(message);
      const property = propertiesOf(model, column ? [column] : [])?.[0];
      return make(
        'NOT_NULL_VIOLATION',
        `\`${property ?? column ?? 'a column'}\` cannot be null${table ? ` in \`${table}\`` : ''}`,
        { table, column, property },
      );
    }
    case 3819:
    case 4025: {
      const constraint = checkConstraint(errno, message);
      const properties = checkConstraintProperties(model, 'mysql', constraint);
      return make(
        'CHECK_VIOLATION',
        `The row does not satisfy the check constraint ${constraint ?? 'unknown'}${table ? ` of \`${table}\`` : ''}${properties ? ` (on ${quoteList(properties)})` : ''}`,
        { constraint, table, properties },
      );
    }
    case 1366:
    case 1292:
    case 1265:
    case 1367: {
      const column = namedColumn(message);
      const type = /^Incorrect (\w+) value/.exec(message ?? '')?.[1]?.toLowerCase();
      const property = propertiesOf(model, column ? [column] : [])?.[0];
      return make(
        'INVALID_TEXT_REPRESENTATION',
        `A value is not valid for the column type${type ? ` ${type}` : ''}${column ? ` of \`${property ?? column}\`` : ''}`,
        { type, column, property },
      );
    }
    case 1264:
    case 1690: {
      const column = namedColumn(message);
      const property = propertiesOf(model, column ? [column] : [])?.[0];
      return make(
        'NUMERIC_OUT_OF_RANGE',
        `A numeric value is out of the range of its column type${property ? ` of \`${property}\`` : ''}`,
        { column, property },
      );
    }
    case 1267:
    case 1270:
    case 1271:
      // "Illegal mix of collations": a text value with characters the column's character set
      // lacks (an emoji against a utf8mb3 column) compared with that column.
      return make(
        'INVALID_TEXT_REPRESENTATION',
        "A text value holds characters the column's character set cannot hold, so it cannot be compared with it",
        { errno },
      );
    case 1406: {
      const column = namedColumn(message);
      const property = propertiesOf(model, column ? [column] : [])?.[0];
      const maximum = property ? (model?.propertyByName.get(property)?.length ?? undefined) : undefined;
      return make(
        'VALUE_TOO_LONG',
        `A value is too long for the column${column ? ` \`${property ?? column}\`` : ''}${maximum ? `: at most ${maximum} characters` : ''}`,
        { column, property, maximum },
      );
    }
    case 1044:
    case 1045:
      return make(
        'AUTHENTICATION_FAILED',
        `MySQL at ${server} refused the credentials${context.user ? ` of user \`${context.user}\`` : ''}; check the user name and password`,
        { host: context.host, port: context.port, user: context.user },
      );
    case 1142:
    case 1143:
      // `SELECT command denied to user 'u'@'h' for table 't'`: names of the command and the table.
      return make('PERMISSION_DENIED', `The database user may not do this: ${message} (error ${errno})`, {
        table: /for table [`']?([^`'\s]+)/.exec(message ?? '')?.[1] ?? table,
      });
    case 1049:
      return make(
        'DATABASE_NOT_FOUND',
        `Database \`${context.database ?? 'unknown'}\` does not exist on MySQL at ${server}`,
        { host: context.host, port: context.port, database: context.database },
      );
    default: {
      // Unknown table/column errors name identifiers, never values: worth showing.
      const safe = errno === 1146 || errno === 1054 || errno === 1051;
      return make(
        'DATABASE_ERROR',
        safe && message
          ? `MySQL refused the statement: ${message} (error ${errno})`
          : `MySQL refused the statement (error ${errno || code || 'unknown'}${driver.sqlState ? `, SQLSTATE ${driver.sqlState}` : ''})`,
        { errno: errno || undefined, sqlState: driver.sqlState, table },
      );
    }
  }
}
