/**
 * Runs the PostgreSQL catalog statements and assembles their rows: a whole snapshot in four
 * statements (context, relations, columns, constraints) whatever the number of tables, and the
 * single statements the per-table discovery calls need.
 */
import { assembleCatalogTables } from '../../juggler/discovery/catalog-assembly.js';
import type {
  CatalogSnapshot,
  DiscoveryOptions,
  ModelDefinitionRow,
  PropertyRow,
} from '../../juggler/discovery/discovery-types.js';
import { COLUMNS_SQL, CONSTRAINTS_SQL, CONTEXT_SQL, RELATIONS_SQL } from './postgresql-catalog-queries.js';
import {
  type RawConstraint,
  type RawRow,
  toCheckConstraintRow,
  toForeignKeyRows,
  toModelDefinitionRow,
  toPrimaryKeyRows,
  toPropertyRow,
  toRawConstraint,
  toUniqueConstraintRow,
} from './postgresql-catalog-rows.js';

/** Runs one parameterised statement and resolves to its rows (the seam to the driver). */
export type RunSql = (sql: string, params: readonly unknown[]) => Promise<RawRow[]>;

/** Which relations a read covers. */
export interface PostgresCatalogSelection {
  /** Schemas to read; null means `current_schema()`. */
  owners: string[] | null;
  /** Every non-system schema (ignores `owners`). */
  all: boolean;
  /** Table names to read; null means every table of the schemas. */
  tables: string[] | null;
}

/**
 * The selection the discovery options describe: `owner` (or `schema`) names one schema and wins
 * over `all`; without either, the current schema.
 */
export function postgresSelection(
  options: DiscoveryOptions & { tables?: readonly string[] },
): PostgresCatalogSelection {
  const owner = options.owner ?? options.schema;
  return {
    owners: owner ? [owner] : null,
    all: !owner && options.all === true,
    // No table's name holds a NUL byte, which PostgreSQL cannot even receive: such a name
    // selects nothing (an empty list, never null, which would select every table).
    tables: options.tables ? options.tables.filter((table) => !table.includes('\u0000')) : null,
  };
}

function params(selection: PostgresCatalogSelection): unknown[] {
  return [selection.owners, selection.all, selection.tables];
}

/** Tables, views, materialized views, partitioned and foreign tables of the selection (one statement). */
export async function readPostgresRelations(
  run: RunSql,
  selection: PostgresCatalogSelection,
): Promise<ModelDefinitionRow[]> {
  return (await run(RELATIONS_SQL, params(selection))).map(toModelDefinitionRow);
}

/** Columns of the selection (one statement). */
export async function readPostgresColumns(
  run: RunSql,
  selection: PostgresCatalogSelection,
): Promise<PropertyRow[]> {
  return (await run(COLUMNS_SQL, params(selection))).map(toPropertyRow);
}

/**
 * Constraints of the selection (one statement); with `exported`, instead the foreign keys of any
 * table that reference the selected ones.
 */
export async function readPostgresConstraints(
  run: RunSql,
  selection: PostgresCatalogSelection,
  options: { exported?: boolean } = {},
): Promise<RawConstraint[]> {
  return (await run(CONSTRAINTS_SQL, [...params(selection), options.exported === true])).map(toRawConstraint);
}

/** Reads a whole snapshot of the selection in four statements (run concurrently when `run` allows). */
export async function readPostgresCatalog(
  run: RunSql,
  selection: PostgresCatalogSelection,
): Promise<CatalogSnapshot> {
  let statementCount = 0;
  const counted: RunSql = (sql, values) => {
    statementCount += 1;
    return run(sql, values);
  };
  const [contextRows, relations, columns, constraints] = await Promise.all([
    counted(CONTEXT_SQL, [selection.owners, selection.all]),
    readPostgresRelations(counted, selection),
    readPostgresColumns(counted, selection),
    readPostgresConstraints(counted, selection),
  ]);
  const context = contextRows[0] ?? {};
  const byType = (type: RawConstraint['type']) =>
    constraints.filter((constraint) => constraint.type === type);
  const tables = assembleCatalogTables({
    relations,
    columns,
    primaryKeys: byType('p').flatMap(toPrimaryKeyRows),
    foreignKeys: byType('f').flatMap(toForeignKeyRows),
    uniqueConstraints: [...byType('u'), ...byType('i')].map(toUniqueConstraintRow),
    checkConstraints: byType('c').map(toCheckConstraintRow),
  });
  const currentSchema = typeof context.current_schema === 'string' ? context.current_schema : undefined;
  const snapshot: CatalogSnapshot = {
    connector: 'postgresql',
    database: typeof context.database === 'string' ? context.database : '',
    owners: Array.isArray(context.owners) ? context.owners.map(String) : [],
    tables,
    statementCount,
  };
  if (currentSchema !== undefined) snapshot.defaultOwner = currentSchema;
  return snapshot;
}
