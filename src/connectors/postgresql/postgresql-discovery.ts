/**
 * PostgreSQL discovery: LoopBack's discovery calls answered from pg_catalog. A whole schema is a
 * snapshot read in four statements (`discoverCatalog`); each per-table call is one statement.
 * The PostgreSQL connector delegates its discovery methods to the object built here.
 */

import type { DiscoveryConnector } from '../../juggler/connector/connector.js';
import {
  compareExportedKeys,
  compareImportedKeys,
  compareText,
  rowsOfOneOwner,
} from '../../juggler/discovery/catalog-assembly.js';
import type {
  DiscoveryOptions,
  ForeignKeyRow,
  ModelDefinitionRow,
} from '../../juggler/discovery/discovery-types.js';
import { CURRENT_SCHEMA_SQL } from './postgresql-catalog-queries.js';
import {
  postgresSelection,
  type RunSql,
  readPostgresCatalog,
  readPostgresColumns,
  readPostgresConstraints,
  readPostgresRelations,
} from './postgresql-catalog-read.js';
import { toForeignKeyRows, toPrimaryKeyRows } from './postgresql-catalog-rows.js';
import { mapPostgresPropertyType } from './postgresql-catalog-types.js';

/** Applies `offset` then `limit` (LoopBack's page options) to a sorted list. */
function page<T>(rows: T[], options: DiscoveryOptions): T[] {
  const offset = options.offset && options.offset > 0 ? options.offset : 0;
  const end = options.limit && options.limit > 0 ? offset + options.limit : undefined;
  return rows.slice(offset, end);
}

function byOwnerAndName(a: ModelDefinitionRow, b: ModelDefinitionRow): number {
  return compareText(a.owner, b.owner) || compareText(a.name, b.name);
}

/**
 * Creates PostgreSQL discovery over `run`, which executes one parameterised statement (a pool's
 * `query`, the connector's executor) and resolves to its rows.
 *
 * @example
 * const pool = new pg.Pool({connectionString});
 * const discovery = createPostgresDiscovery(async (sql, params) => (await pool.query(sql, [...params])).rows);
 * await discovery.discoverModelDefinitions({views: true}); // [{type: 'table', name: 'album', owner: 'public'}, ...]
 */
export function createPostgresDiscovery(run: RunSql): DiscoveryConnector {
  const currentSchema = async (): Promise<string> => {
    const [row] = await run(CURRENT_SCHEMA_SQL, []);
    return typeof row?.schema === 'string' ? row.schema : 'public';
  };
  // A per-table call that names no owner may match same-named tables of several schemas (with
  // `all: true`): it answers one table, the one discoverSchema picks (catalog-assembly.ts).
  const oneTable = async <R>(rows: R[], ownerOf: (row: R) => string): Promise<R[]> =>
    new Set(rows.map(ownerOf)).size > 1 ? rowsOfOneOwner(rows, ownerOf, await currentSchema()) : rows;
  return {
    async discoverModelDefinitions(options = {}) {
      const rows = await readPostgresRelations(run, postgresSelection(options));
      return page(
        rows.filter((row) => options.views === true || row.type === 'table').sort(byOwnerAndName),
        options,
      );
    },

    async discoverModelProperties(table, options = {}) {
      const columns = await readPostgresColumns(run, postgresSelection({ ...options, tables: [table] }));
      return (await oneTable(columns, (column) => column.owner)).sort((a, b) => a.position - b.position);
    },

    async discoverPrimaryKeys(table, options = {}) {
      const constraints = await readPostgresConstraints(
        run,
        postgresSelection({ ...options, tables: [table] }),
      );
      const rows = constraints.filter((constraint) => constraint.type === 'p').flatMap(toPrimaryKeyRows);
      return (await oneTable(rows, (row) => row.owner)).sort((a, b) => a.keySeq - b.keySeq);
    },

    async discoverForeignKeys(table, options = {}) {
      const constraints = await readPostgresConstraints(
        run,
        postgresSelection({ ...options, tables: [table] }),
      );
      const rows = constraints.filter((constraint) => constraint.type === 'f').flatMap(toForeignKeyRows);
      return (await oneTable(rows, (row) => row.fkOwner)).sort(compareImportedKeys);
    },

    async discoverExportedForeignKeys(table, options = {}) {
      const selection = postgresSelection({ ...options, tables: [table] });
      const constraints = await readPostgresConstraints(run, selection, { exported: true });
      const rows = constraints.flatMap(toForeignKeyRows);
      return (await oneTable(rows, (row) => row.pkOwner)).sort(compareExportedKeys) satisfies ForeignKeyRow[];
    },

    discoverCatalog(options = {}) {
      return readPostgresCatalog(run, postgresSelection(options));
    },

    defaultOwner: currentSchema,

    mapPropertyType: mapPostgresPropertyType,
  };
}
