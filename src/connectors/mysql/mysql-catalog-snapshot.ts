/**
 * Assembles the raw result sets of the catalog statements (mysql-catalog-queries.ts) into
 * catalog tables: lookups built once in memory, so the work is linear in the schema's size.
 * Output is deterministic: tables by owner then name, columns by position, keys by keySeq,
 * names compared by code unit (not by the server's case-insensitive collation), with the
 * orderings shared by every connector (juggler/discovery/catalog-assembly.ts).
 */

import { compareImportedKeys, compareText, tableKey } from '../../juggler/discovery/catalog-assembly.js';
import type {
  CatalogTable,
  CheckConstraintRow,
  ForeignKeyRow,
  PrimaryKeyRow,
  PropertyRow,
  UniqueConstraintRow,
} from '../../juggler/discovery/discovery-types.js';
import type { CatalogScope, MysqlServerInfo } from './mysql-catalog-queries.js';
import {
  identifiersIn,
  isJsonValidCheck,
  numberOf,
  type RawRow,
  textOf,
  toPropertyRow,
} from './mysql-catalog-rows.js';

/** The result sets of one catalog read. */
export interface RawCatalog {
  tables: RawRow[];
  columns: RawRow[];
  keys: RawRow[];
  checks: RawRow[];
}

function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * Foreign key rows from the keys statement's result: KEY_COLUMN_USAGE rows that reference a
 * column, with `pkName` (the referenced key) from the REFERENTIAL_CONSTRAINTS half.
 */
export function foreignKeysOf(keys: readonly RawRow[]): ForeignKeyRow[] {
  const referencedKey = new Map<string, string | null>();
  for (const row of keys) {
    if (row.source !== 'referential') continue;
    const key = tableKey(
      tableKey(textOf(row.owner) ?? '', textOf(row.tableName) ?? ''),
      textOf(row.constraintName) ?? '',
    );
    referencedKey.set(key, textOf(row.pkName));
  }
  const foreignKeys: ForeignKeyRow[] = [];
  for (const row of keys) {
    if (row.source !== 'key' || row.pkTableName === null || row.pkTableName === undefined) continue;
    const fkOwner = textOf(row.owner) ?? '';
    const fkTableName = textOf(row.tableName) ?? '';
    const fkName = textOf(row.constraintName);
    foreignKeys.push({
      fkOwner,
      fkName,
      fkTableName,
      fkColumnName: textOf(row.columnName) ?? '',
      keySeq: numberOf(row.keySeq) ?? 0,
      pkOwner: textOf(row.pkOwner) ?? fkOwner,
      pkName: referencedKey.get(tableKey(tableKey(fkOwner, fkTableName), fkName ?? '')) ?? null,
      pkTableName: textOf(row.pkTableName) ?? '',
      pkColumnName: textOf(row.pkColumnName) ?? '',
    });
  }
  return foreignKeys;
}

/** A table's primary key and unique constraints. */
export interface TableKeys {
  primaryKey: PrimaryKeyRow[];
  uniqueConstraints: UniqueConstraintRow[];
}

/** Primary key and unique constraint rows per table (see `tableKey`), from the `key` rows without a referenced table. */
export function ownKeysByTable(keys: readonly RawRow[]): Map<string, TableKeys> {
  const byConstraint = groupBy(
    keys.filter((row) => row.source === 'key' && (row.pkTableName === null || row.pkTableName === undefined)),
    (row) =>
      tableKey(
        tableKey(textOf(row.owner) ?? '', textOf(row.tableName) ?? ''),
        textOf(row.constraintName) ?? '',
      ),
  );
  const result = new Map<string, TableKeys>();
  for (const rows of byConstraint.values()) {
    rows.sort((a, b) => (numberOf(a.keySeq) ?? 0) - (numberOf(b.keySeq) ?? 0));
    const first = rows[0];
    if (!first) continue;
    const owner = textOf(first.owner) ?? '';
    const tableName = textOf(first.tableName) ?? '';
    const name = textOf(first.constraintName) ?? '';
    const entry = result.get(tableKey(owner, tableName)) ?? { primaryKey: [], uniqueConstraints: [] };
    result.set(tableKey(owner, tableName), entry);
    if (name === 'PRIMARY') {
      for (const row of rows) {
        const columnName = textOf(row.columnName) ?? '';
        entry.primaryKey.push({
          owner,
          tableName,
          columnName,
          keySeq: numberOf(row.keySeq) ?? 0,
          pkName: name,
        });
      }
      continue;
    }
    const columns = rows.map((row) => textOf(row.columnName));
    // A unique index over an expression (MySQL 8 functional key part) is not a column uniqueness.
    if (columns.every((column): column is string => column !== null)) {
      entry.uniqueConstraints.push({ owner, tableName, name, columns });
    }
  }
  for (const entry of result.values()) entry.uniqueConstraints.sort((a, b) => compareText(a.name, b.name));
  return result;
}

/**
 * Check constraints per table. MariaDB rows carry their table; on MySQL 8 the `check` rows carry
 * the expression and the `table` rows (from TABLE_CONSTRAINTS) the table, matched by name.
 */
function checksByTable(checks: readonly RawRow[]): Map<string, { name: string; expression: string }[]> {
  const expressions = new Map<string, string>();
  for (const row of checks) {
    if (row.source === 'check' && row.tableName === null) {
      expressions.set(
        tableKey(textOf(row.owner) ?? '', textOf(row.name) ?? ''),
        textOf(row.expression) ?? '',
      );
    }
  }
  const result = new Map<string, { name: string; expression: string }[]>();
  for (const row of checks) {
    const owner = textOf(row.owner) ?? '';
    const tableName = textOf(row.tableName);
    const name = textOf(row.name) ?? '';
    if (tableName === null) continue;
    const expression =
      row.source === 'check' ? (textOf(row.expression) ?? '') : expressions.get(tableKey(owner, name));
    if (expression === undefined) continue;
    const key = tableKey(owner, tableName);
    const list = result.get(key) ?? [];
    list.push({ name, expression });
    result.set(key, list);
  }
  return result;
}

const TEXT_TYPES = new Set(['longtext', 'mediumtext', 'text', 'tinytext']);

/** Builds the catalog tables of a scope from the four result sets. */
export function assembleCatalog(
  raw: RawCatalog,
  scope: CatalogScope,
  server: MysqlServerInfo,
): CatalogTable[] {
  const owners = scope.owners === 'all' ? null : new Set(scope.owners);
  const names = scope.tables ? new Set(scope.tables) : null;
  const viewUpdatable = new Map<string, boolean>();
  for (const row of raw.tables) {
    if (row.source === 'view') {
      viewUpdatable.set(
        tableKey(textOf(row.owner) ?? '', textOf(row.name) ?? ''),
        textOf(row.isUpdatable) === 'YES',
      );
    }
  }
  const columnsByTable = groupBy(raw.columns, (row) =>
    tableKey(textOf(row.owner) ?? '', textOf(row.tableName) ?? ''),
  );
  const keysByTable = ownKeysByTable(raw.keys);
  const foreignKeysByTable = groupBy(foreignKeysOf(raw.keys), (row) =>
    tableKey(row.fkOwner, row.fkTableName),
  );
  const checks = checksByTable(raw.checks);

  const tables: CatalogTable[] = [];
  for (const row of raw.tables) {
    if (row.source !== 'table') continue;
    const owner = textOf(row.owner) ?? '';
    const name = textOf(row.name) ?? '';
    // information_schema matched the lists case-insensitively; names are case-sensitive.
    if ((owners && !owners.has(owner)) || (names && !names.has(name))) continue;
    const key = tableKey(owner, name);
    const kind = textOf(row.tableType) === 'VIEW' ? 'view' : 'table';
    const rawColumns = (columnsByTable.get(key) ?? []).sort(
      (a, b) => (numberOf(a.position) ?? 0) - (numberOf(b.position) ?? 0),
    );
    const columnNames = new Set(rawColumns.map((column) => textOf(column.columnName) ?? ''));
    const jsonColumns = new Set<string>();
    const checkConstraints: CheckConstraintRow[] = [];
    for (const check of checks.get(key) ?? []) {
      const columns = identifiersIn(check.expression).filter((column) => columnNames.has(column));
      const only = columns.length === 1 ? columns[0] : undefined;
      const type = rawColumns.find((column) => textOf(column.columnName) === only)?.dataType;
      if (
        only !== undefined &&
        TEXT_TYPES.has(String(textOf(type)).toLowerCase()) &&
        isJsonValidCheck(check.expression, only)
      ) {
        jsonColumns.add(only);
        continue;
      }
      checkConstraints.push({
        owner,
        tableName: name,
        name: check.name,
        expression: check.expression,
        columns,
      });
    }
    checkConstraints.sort((a, b) => compareText(a.name, b.name));
    const columns: PropertyRow[] = rawColumns.map((column) => {
      const columnName = textOf(column.columnName) ?? '';
      return toPropertyRow(column, {
        server,
        inView: kind === 'view',
        viewUpdatable: viewUpdatable.get(key) ?? false,
        isJson: jsonColumns.has(columnName),
        checks: checkConstraints
          .filter((check) => check.columns.length === 1 && check.columns[0] === columnName)
          .map((check) => check.expression),
      });
    });
    const own = keysByTable.get(key);
    tables.push({
      owner,
      name,
      kind,
      // Views report the comment `VIEW` on both servers; tables without a comment report ''.
      description: kind === 'view' ? null : textOf(row.comment) || null,
      columns,
      primaryKey: (own?.primaryKey ?? []).sort((a, b) => a.keySeq - b.keySeq),
      foreignKeys: (foreignKeysByTable.get(key) ?? []).sort(compareImportedKeys),
      uniqueConstraints: own?.uniqueConstraints ?? [],
      checkConstraints,
    });
  }
  return tables.sort((a, b) => compareText(a.owner, b.owner) || compareText(a.name, b.name));
}
