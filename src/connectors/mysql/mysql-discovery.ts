/**
 * LoopBack discovery for MySQL 8 and MariaDB (≥ 10.2.7) over information_schema: the spec's
 * calls (discoverModelDefinitions, discoverModelProperties, discoverPrimaryKeys,
 * discoverForeignKeys, discoverExportedForeignKeys) and `discoverCatalog`, which reads whole
 * databases in four statements (plus a server probe, once per discovery object) for the shared
 * definition builder in juggler/discovery/. The owner of a table is its database.
 *
 * @example
 * const pool = mysql.createPool('mysql://root@127.0.0.1:3306/Chinook');
 * const discovery = createMysqlDiscovery(async (sql, params) => (await pool.query(sql, params))[0]);
 * await discovery.discoverPrimaryKeys('InvoiceLine', {});
 * // [{owner: 'Chinook', tableName: 'InvoiceLine', columnName: 'InvoiceLineId', keySeq: 1, pkName: 'PRIMARY'}]
 */

import type { DiscoveryConnector } from '../../juggler/connector/connector.js';
import {
  compareExportedKeys,
  compareImportedKeys,
  compareText,
  tableKey,
} from '../../juggler/discovery/catalog-assembly.js';
import type {
  CatalogSnapshot,
  CatalogTable,
  DiscoveryOptions,
  ForeignKeyRow,
  ModelDefinitionRow,
  PrimaryKeyRow,
  PropertyRow,
} from '../../juggler/discovery/discovery-types.js';
import { DiscographError, InvalidArgumentError } from '../../juggler/errors.js';
import {
  type CatalogScope,
  checksStatement,
  columnsStatement,
  exportedKeysStatement,
  keysStatement,
  type MysqlServerInfo,
  parseServerInfo,
  SERVER_INFO_SQL,
  tablesStatement,
} from './mysql-catalog-queries.js';
import type { RawRow } from './mysql-catalog-rows.js';
import { textOf } from './mysql-catalog-rows.js';
import { assembleCatalog, foreignKeysOf, ownKeysByTable } from './mysql-catalog-snapshot.js';
import { mapMysqlPropertyType } from './mysql-catalog-types.js';

/** Runs one parameterised statement (`?` placeholders) and resolves to its rows. */
export type MysqlRun = (sql: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>;

/** Options of `createMysqlDiscovery`. */
export interface MysqlDiscoveryOptions {
  /** The default owner when a call names none; otherwise the connection's `database()`. */
  database?: string;
}

/** MySQL/MariaDB discovery, plus the server facts it detected. */
export interface MysqlDiscovery extends DiscoveryConnector {
  /** The server's dialect, version and current database (probed once, then cached). */
  serverInfo(): Promise<MysqlServerInfo>;
}

type CatalogPart = 'columns' | 'keys' | 'checks';

function checkPaging(options: DiscoveryOptions): void {
  for (const key of ['limit', 'offset'] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw new InvalidArgumentError(`discoverModelDefinitions: \`${key}\` must be a non-negative integer`, {
        [key]: value,
      });
    }
  }
}

/**
 * Creates MySQL/MariaDB discovery on a `run` function (a mysql2 pool's `query` or `execute`
 * returning rows). Statements that do not depend on each other are issued together, so a
 * pool runs them concurrently.
 */
/**
 * Whether `name` can be a table's name at all: information_schema is utf8mb3, which holds no
 * character above U+FFFF, so comparing such a name with it fails ("Illegal mix of collations")
 * where the answer is simply that no table has it.
 */
function canNameTable(name: string): boolean {
  return !/[\u{10000}-\u{10FFFF}]/u.test(name);
}

export function createMysqlDiscovery(run: MysqlRun, options: MysqlDiscoveryOptions = {}): MysqlDiscovery {
  let server: Promise<MysqlServerInfo> | undefined;

  /** Runs a statement and counts it in `counter`. */
  async function counted(counter: { statements: number }, sql: string, params: readonly unknown[]) {
    counter.statements += 1;
    return run(sql, params);
  }

  function serverInfo(counter: { statements: number } = { statements: 0 }): Promise<MysqlServerInfo> {
    if (!server) {
      server = counted(counter, SERVER_INFO_SQL, []).then((rows) => parseServerInfo(rows[0]));
      server.catch(() => {
        server = undefined;
      });
    }
    return server;
  }

  async function defaultOwner(counter?: { statements: number }): Promise<string> {
    if (options.database) return options.database;
    const info = await serverInfo(counter);
    if (info.currentDatabase) return info.currentDatabase;
    throw new DiscographError(
      'INVALID_CONFIGURATION',
      'MySQL discovery needs a database: the connection has none selected (database() is NULL). ' +
        'Connect with a database, pass {database} to createMysqlDiscovery, or name an owner in the call.',
    );
  }

  async function ownerOf(callOptions: DiscoveryOptions, counter?: { statements: number }): Promise<string> {
    return callOptions.owner ?? callOptions.schema ?? defaultOwner(counter);
  }

  async function scopeOf(
    callOptions: DiscoveryOptions & { tables?: string[] },
    counter?: { statements: number },
  ): Promise<CatalogScope> {
    const owners = callOptions.all ? 'all' : [await ownerOf(callOptions, counter)];
    return { owners, tables: callOptions.tables, views: callOptions.views === true };
  }

  /** Reads the catalog of a scope: the tables statement plus the requested parts, concurrently. */
  async function readCatalog(
    scope: CatalogScope,
    parts: readonly CatalogPart[],
    counter: { statements: number },
  ): Promise<CatalogTable[]> {
    if (scope.tables) scope = { ...scope, tables: scope.tables.filter(canNameTable) };
    if (scope.tables?.length === 0 || (scope.owners !== 'all' && scope.owners.length === 0)) return [];
    const info = await serverInfo(counter);
    const read = (
      part: CatalogPart,
      statement: () => { sql: string; params: unknown[] },
    ): Promise<RawRow[]> => {
      if (!parts.includes(part)) return Promise.resolve([]);
      const { sql, params } = statement();
      return counted(counter, sql, params);
    };
    const table = tablesStatement(scope);
    const [tables, columns, keys, checks] = await Promise.all([
      counted(counter, table.sql, table.params),
      read('columns', () => columnsStatement(scope)),
      read('keys', () => keysStatement(scope)),
      info.hasCheckConstraints ? read('checks', () => checksStatement(scope, info)) : Promise.resolve([]),
    ]);
    return assembleCatalog({ tables, columns, keys, checks }, scope, info);
  }

  async function discoverModelDefinitions(callOptions: DiscoveryOptions = {}): Promise<ModelDefinitionRow[]> {
    checkPaging(callOptions);
    const counter = { statements: 0 };
    const scope = await scopeOf(callOptions, counter);
    const tables = await readCatalog(scope, [], counter);
    const rows = tables.map(
      (table): ModelDefinitionRow => ({
        type: table.kind === 'view' ? 'view' : 'table',
        name: table.name,
        owner: table.owner,
        kind: table.kind,
        description: table.description,
      }),
    );
    const start = callOptions.offset ?? 0;
    return rows.slice(start, callOptions.limit === undefined ? undefined : start + callOptions.limit);
  }

  async function discoverModelProperties(
    table: string,
    callOptions: DiscoveryOptions = {},
  ): Promise<PropertyRow[]> {
    const counter = { statements: 0 };
    const owner = await ownerOf(callOptions, counter);
    const tables = await readCatalog(
      { owners: [owner], tables: [table], views: true },
      ['columns', 'checks'],
      counter,
    );
    return tables[0]?.columns ?? [];
  }

  /** The keys statement for one table: its primary key, unique and foreign key columns. */
  async function readKeys(
    table: string,
    callOptions: DiscoveryOptions,
  ): Promise<{ owner: string; keys: RawRow[] }> {
    const owner = await ownerOf(callOptions);
    if (!canNameTable(table)) return { owner, keys: [] };
    const { sql, params } = keysStatement({ owners: [owner], tables: [table], views: true });
    return { owner, keys: await run(sql, params) };
  }

  async function discoverPrimaryKeys(
    table: string,
    callOptions: DiscoveryOptions = {},
  ): Promise<PrimaryKeyRow[]> {
    const { owner, keys } = await readKeys(table, callOptions);
    return ownKeysByTable(keys).get(tableKey(owner, table))?.primaryKey ?? [];
  }

  async function discoverForeignKeys(
    table: string,
    callOptions: DiscoveryOptions = {},
  ): Promise<ForeignKeyRow[]> {
    const { owner, keys } = await readKeys(table, callOptions);
    return foreignKeysOf(keys)
      .filter((row) => row.fkOwner === owner && row.fkTableName === table)
      .sort(compareImportedKeys);
  }

  async function discoverExportedForeignKeys(
    table: string,
    callOptions: DiscoveryOptions = {},
  ): Promise<ForeignKeyRow[]> {
    const owner = await ownerOf(callOptions);
    if (!canNameTable(table)) return [];
    // Keys from the table's own database, or from every database with `all` (a slow full scan).
    const { sql, params } = exportedKeysStatement(owner, table, callOptions.all ? 'all' : [owner]);
    const rows = foreignKeysOf(await run(sql, params)).filter(
      (row) => row.pkOwner === owner && row.pkTableName === table,
    );
    // The spec's order for exported keys: by referencing owner, table, then keySeq.
    return rows.sort(compareExportedKeys);
  }

  async function discoverCatalog(
    callOptions: DiscoveryOptions & { tables?: string[] } = {},
  ): Promise<CatalogSnapshot> {
    const counter = { statements: 0 };
    // Views are always read: the snapshot also answers the cached `...Sync` calls, which filter
    // views by their own `views` option (as PostgreSQL's discoverCatalog does).
    const scope = { ...(await scopeOf(callOptions, counter)), views: true };
    const tables = await readCatalog(scope, ['columns', 'keys', 'checks'], counter);
    const info = await serverInfo(counter);
    const owners =
      scope.owners === 'all' ? [...new Set(tables.map((table) => table.owner))] : [...scope.owners];
    const owner = options.database ?? info.currentDatabase;
    return {
      connector: 'mysql',
      database: owner ?? textOf(owners[0]) ?? '',
      owners: owners.sort(compareText),
      ...(owner ? { defaultOwner: owner } : {}),
      tables,
      statementCount: counter.statements,
    };
  }

  return {
    discoverModelDefinitions,
    discoverModelProperties,
    discoverPrimaryKeys,
    discoverForeignKeys,
    discoverExportedForeignKeys,
    discoverCatalog,
    defaultOwner: () => defaultOwner(),
    mapPropertyType: mapMysqlPropertyType,
    serverInfo: () => serverInfo(),
  };
}
