import { execFileSync } from 'node:child_process';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM script without type declarations (shared with .ci/run).
import { sharedDir } from '../../scripts/setup-test-databases.mjs';
import { SYSTEM_DATABASES } from '../../src/connectors/mysql/mysql-catalog-queries.js';
import { createMysqlDiscovery, type MysqlRun } from '../../src/connectors/mysql/mysql-discovery.js';
import {
  createMysqlDatabase,
  dropMysqlDatabase,
  MYSQL_ADMIN_URL,
  runMysqlSql,
} from '../support/databases.js';

const SMALL = 'mysql_discovery_scale_5';
const LARGE = 'mysql_discovery_scale_50';

/** The synthetic wide schema (shared/datasets/synthetic) with `tables` tables, as MariaDB SQL. */
function wideSchema(tables: number): string {
  const script = path.join(sharedDir() as string, 'datasets', 'synthetic', 'make-wide-schema.mjs');
  return execFileSync(process.execPath, [script, '--tables', String(tables), '--dialect', 'mariadb'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

let pool: mysql.Pool;

function countingRun(target: mysql.Pool, sent: string[]): MysqlRun {
  return async (sql, params) => {
    sent.push(sql);
    const [rows] = await target.query(sql, [...params]);
    return rows as Record<string, unknown>[];
  };
}

beforeAll(async () => {
  await runMysqlSql(await createMysqlDatabase(SMALL), wideSchema(5));
  await runMysqlSql(await createMysqlDatabase(LARGE), wideSchema(50));
  pool = mysql.createPool({ uri: MYSQL_ADMIN_URL, connectionLimit: 4 });
});

afterAll(async () => {
  await pool?.end();
  await dropMysqlDatabase(SMALL);
  await dropMysqlDatabase(LARGE);
});

describe('MySQL whole-schema discovery cost', () => {
  it('sends the same small number of statements for 5 tables as for 50', async () => {
    const sent: string[] = [];
    const discovery = createMysqlDiscovery(countingRun(pool, sent));
    const small = await discovery.discoverCatalog({ owner: SMALL });
    const large = await discovery.discoverCatalog({ owner: LARGE });
    expect(small.tables.filter((t) => t.kind === 'table')).toHaveLength(5 + 1);
    expect(large.tables.filter((t) => t.kind === 'table')).toHaveLength(50 + 1);
    // 5 = the server probe (first call only) + tables, columns, keys, checks.
    expect([small.statementCount, large.statementCount]).toEqual([5, 4]);
    expect(sent).toHaveLength(9);
  });

  it('finds every foreign key of the 50-table schema, two to the same table included', async () => {
    const discovery = createMysqlDiscovery(countingRun(pool, []));
    const snapshot = await discovery.discoverCatalog({ owner: LARGE });
    const [[expected]] = (await pool.query(
      'select count(*) as n from information_schema.KEY_COLUMN_USAGE where TABLE_SCHEMA = ? and REFERENCED_TABLE_NAME is not null',
      [LARGE],
    )) as unknown as [[{ n: number }]];
    const foreignKeys = snapshot.tables.flatMap((t) => t.foreignKeys);
    expect(foreignKeys).toHaveLength(Number(expected.n));
    expect(foreignKeys.some((fk) => /_id_2$/.test(fk.fkColumnName))).toBe(true);
    const join = snapshot.tables.find((t) => t.name.startsWith('link_'));
    expect(join?.primaryKey).toHaveLength(2);
    expect(join?.foreignKeys).toHaveLength(2);
  });

  it('reports the synthetic JSON columns as json on MariaDB', async () => {
    const snapshot = await createMysqlDiscovery(countingRun(pool, [])).discoverCatalog({ owner: LARGE });
    const payloads = snapshot.tables.flatMap((t) => t.columns.filter((c) => c.columnName === 'payload'));
    expect(payloads.length).toBeGreaterThan(0);
    expect(new Set(payloads.map((c) => c.dataType))).toEqual(new Set(['json']));
    expect(snapshot.tables.flatMap((t) => t.checkConstraints)).toEqual([]);
  });

  it('reads every non-system database with {all: true}, still in four statements', async () => {
    const discovery = createMysqlDiscovery(countingRun(pool, []));
    await discovery.serverInfo();
    const snapshot = await discovery.discoverCatalog({ all: true });
    expect(snapshot.statementCount).toBe(4);
    expect(snapshot.owners).toEqual(expect.arrayContaining(['Chinook', SMALL, LARGE]));
    for (const system of SYSTEM_DATABASES) expect(snapshot.owners).not.toContain(system);
    const definitions = await discovery.discoverModelDefinitions({ all: true });
    expect(definitions.filter((row) => row.owner === SMALL)).toHaveLength(5 + 1);
    expect(definitions.find((row) => row.owner === 'Chinook' && row.name === 'InvoiceLine')).toMatchObject({
      type: 'table',
    });
  });

  it('fails with INVALID_CONFIGURATION when no database is selected and none is named', async () => {
    const discovery = createMysqlDiscovery(countingRun(pool, []));
    await expect(discovery.defaultOwner()).rejects.toMatchObject({ code: 'INVALID_CONFIGURATION' });
    await expect(discovery.discoverModelDefinitions({})).rejects.toMatchObject({
      code: 'INVALID_CONFIGURATION',
    });
  });

  it('uses the database given to createMysqlDiscovery as the default owner', async () => {
    const discovery = createMysqlDiscovery(countingRun(pool, []), { database: SMALL });
    expect(await discovery.defaultOwner()).toBe(SMALL);
    const snapshot = await discovery.discoverCatalog({});
    expect(snapshot).toMatchObject({ database: SMALL, owners: [SMALL], defaultOwner: SMALL });
  });
});
