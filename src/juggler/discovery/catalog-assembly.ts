/**
 * Groups flat discovery rows (as a connector's few catalog statements return them) into the
 * sorted `CatalogTable`s of a `CatalogSnapshot`. Shared by every relational connector, so that
 * every snapshot is ordered the same way and diffs cleanly.
 */
import type {
  CatalogTable,
  CheckConstraintRow,
  ForeignKeyRow,
  ModelDefinitionRow,
  PrimaryKeyRow,
  PropertyRow,
  UniqueConstraintRow,
} from './discovery-types.js';

/** Compares strings by code unit, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The key of a table in lookups: owner and name joined by a character no identifier holds. */
export function tableKey(owner: string, name: string): string {
  return `${owner}\u0000${name}`;
}

/**
 * Orders a table's foreign key rows as JDBC's getImportedKeys does (and LoopBack's
 * `discoverForeignKeys`): by referenced owner and table, then constraint name, then keySeq.
 */
export function compareImportedKeys(a: ForeignKeyRow, b: ForeignKeyRow): number {
  return (
    compareText(a.pkOwner, b.pkOwner) ||
    compareText(a.pkTableName, b.pkTableName) ||
    compareText(a.fkName ?? '', b.fkName ?? '') ||
    a.keySeq - b.keySeq
  );
}

/**
 * Orders exported key rows as the spec says (`discoverExportedForeignKeys`): by referencing
 * owner and table, then constraint name, then keySeq.
 */
export function compareExportedKeys(a: ForeignKeyRow, b: ForeignKeyRow): number {
  return (
    compareText(a.fkOwner, b.fkOwner) ||
    compareText(a.fkTableName, b.fkTableName) ||
    compareText(a.fkName ?? '', b.fkName ?? '') ||
    a.keySeq - b.keySeq
  );
}

/** The flat rows a connector read, all for the same selection of tables. */
export interface CatalogParts {
  relations: readonly ModelDefinitionRow[];
  columns: readonly PropertyRow[];
  primaryKeys: readonly PrimaryKeyRow[];
  foreignKeys: readonly ForeignKeyRow[];
  uniqueConstraints: readonly UniqueConstraintRow[];
  checkConstraints: readonly CheckConstraintRow[];
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/**
 * Builds the snapshot's tables: sorted by owner then name, columns by position, primary keys by
 * keySeq, foreign keys by referenced table, constraint name, keySeq, unique and check constraints by name.
 * Rows of tables that are not among `relations` are dropped.
 */
export function assembleCatalogTables(parts: CatalogParts): CatalogTable[] {
  const columns = groupBy(parts.columns, (row) => tableKey(row.owner, row.tableName));
  const primaryKeys = groupBy(parts.primaryKeys, (row) => tableKey(row.owner, row.tableName));
  const foreignKeys = groupBy(parts.foreignKeys, (row) => tableKey(row.fkOwner, row.fkTableName));
  const uniques = groupBy(parts.uniqueConstraints, (row) => tableKey(row.owner, row.tableName));
  const checks = groupBy(parts.checkConstraints, (row) => tableKey(row.owner, row.tableName));
  const byName = (a: { name: string }, b: { name: string }) => compareText(a.name, b.name);
  return [...parts.relations]
    .sort((a, b) => compareText(a.owner, b.owner) || compareText(a.name, b.name))
    .map((relation): CatalogTable => {
      const key = tableKey(relation.owner, relation.name);
      return {
        owner: relation.owner,
        name: relation.name,
        kind: relation.kind ?? (relation.type === 'view' ? 'view' : 'table'),
        description: relation.description ?? null,
        columns: [...(columns.get(key) ?? [])].sort((a, b) => a.position - b.position),
        primaryKey: [...(primaryKeys.get(key) ?? [])].sort((a, b) => a.keySeq - b.keySeq),
        foreignKeys: [...(foreignKeys.get(key) ?? [])].sort(compareImportedKeys),
        uniqueConstraints: [...(uniques.get(key) ?? [])].sort(byName),
        checkConstraints: [...(checks.get(key) ?? [])].sort(byName),
      };
    });
}

/**
 * The rows of one table when a per-table call with `all: true` (or no owner) matched same-named
 * tables of several owners: those of the default owner when it has the table, otherwise those of
 * the first owner by name, the table `discoverSchema` (`findTable`) picks for the same call.
 *
 * @example
 * rowsOfOneOwner(columnsOfPublicAndOtherPerson, (row) => row.owner, 'public') // public.person's columns
 */
export function rowsOfOneOwner<R>(
  rows: readonly R[],
  ownerOf: (row: R) => string,
  defaultOwner: string,
): R[] {
  const owners = [...new Set(rows.map(ownerOf))].sort(compareText);
  if (owners.length <= 1) return [...rows];
  const owner = owners.includes(defaultOwner) ? defaultOwner : (owners[0] as string);
  return rows.filter((row) => ownerOf(row) === owner);
}
