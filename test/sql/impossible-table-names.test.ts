/**
 * A name no table can have (issue 18 item 23): a NUL byte on PostgreSQL (which cannot receive
 * it), a character above U+FFFF on MariaDB (whose information_schema is utf8mb3). The discovery
 * calls answer as for any table that does not exist — `[]`, or UNKNOWN_TABLE for discoverSchema —
 * never DATABASE_ERROR.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from '../../src/juggler/datasource.js';
import { SQL_HARNESSES } from '../connectors/harness/sql-harnesses.js';

const IMPOSSIBLE: Record<string, string> = { postgresql: 'tra\u0000ck', mysql: 'track🤖' };

describe.each(SQL_HARNESSES)('discovery of a name no table can have on $name', (harness) => {
  const database = 'impossible_names';
  let dataSource: DataSource;
  const name = IMPOSSIBLE[harness.name] as string;

  beforeAll(async () => {
    dataSource = await harness.createDataSource(database);
    await harness.sql.execute(dataSource, 'create table track (id int primary key)');
  });
  afterAll(async () => {
    await dataSource.disconnect();
    await harness.dropDatabase(database);
  });

  it('answers no columns, keys or foreign keys', async () => {
    await expect(dataSource.discoverModelProperties(name)).resolves.toEqual([]);
    await expect(dataSource.discoverPrimaryKeys(name)).resolves.toEqual([]);
    await expect(dataSource.discoverForeignKeys(name)).resolves.toEqual([]);
    await expect(dataSource.discoverExportedForeignKeys(name)).resolves.toEqual([]);
  });

  it('answers UNKNOWN_TABLE to discoverSchema', async () => {
    await expect(dataSource.discoverSchema(name)).rejects.toMatchObject({ code: 'UNKNOWN_TABLE' });
  });

  it('still finds the table of the name without the character', async () => {
    await expect(dataSource.discoverPrimaryKeys('track')).resolves.toHaveLength(1);
  });
});
