import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorCapabilities, StatementEvent } from '../../src/connectors/connector.js';
import { postgresDialect } from '../../src/connectors/postgresql/postgresql-query-compiler.js';
import { SqlConnector, type SqlQueryResult } from '../../src/connectors/sql/sql-connector.js';
import type { SqlDialect } from '../../src/connectors/sql/sql-dialect.js';
import type { CompiledSql } from '../../src/connectors/sql/sql-template.js';
import { sqlModel } from '../support/connector-models.js';
import { createPgDatabase, dropPgDatabase } from '../support/databases.js';

/** PostgreSQL's dialect without RETURNING: the path a MySQL connector takes (insertId, then a re-read). */
const noReturningDialect: SqlDialect = { ...postgresDialect, name: 'no-returning', supportsReturning: false };

/** A minimal SQL connector on one pg client that reports `insertId` as MySQL's driver does. */
class InsertIdConnector extends SqlConnector {
  readonly name = 'no-returning';
  readonly capabilities: ConnectorCapabilities = {
    relational: true,
    discovery: false,
    migration: false,
    returning: false,
    groupedFind: true,
    ilike: true,
    regexp: true,
  };

  constructor(private readonly client: pg.Client) {
    super(noReturningDialect);
  }

  async connect(): Promise<void> {}
  async disconnect(): Promise<void> {}
  async ping(): Promise<void> {
    await this.client.query('select 1');
  }
  defaultTableName(modelName: string): string {
    return modelName.toLowerCase();
  }
  defaultColumnName(propertyName: string): string {
    return propertyName.toLowerCase();
  }

  protected async query(statement: CompiledSql): Promise<SqlQueryResult> {
    const result = await this.client.query(statement.text, statement.values);
    const rows = result.rows as Record<string, unknown>[];
    if (!statement.text.startsWith('INSERT')) return { rows, rowCount: result.rowCount };
    const { rows: last } = await this.client.query('select lastval()::int as id');
    return { rows, rowCount: result.rowCount, insertId: last[0]?.id };
  }
}

const Gadget = sqlModel('Gadget', {
  id: { type: 'Number', id: 1, generated: true },
  label: 'String',
  stock: 'Number',
});

describe('the shared SQL connector on a dialect without RETURNING', () => {
  const database = 'sql_connector_no_returning';
  let client: pg.Client;
  let connector: InsertIdConnector;
  const statements: StatementEvent[] = [];

  beforeAll(async () => {
    const url = await createPgDatabase(database);
    client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('create table gadget (id serial primary key, label text, stock int default 5)');
    connector = new InsertIdConnector(client);
    connector.observeStatements((event) => statements.push(event));
  });

  afterAll(async () => {
    await client.end();
    await dropPgDatabase(database);
  });

  it('creates with the generated insertId and re-reads the stored row with its defaults', async () => {
    statements.length = 0;
    expect(await connector.create(Gadget, { label: 'lamp' })).toEqual({ id: 1, label: 'lamp', stock: 5 });
    expect(statements.map((event) => event.sql)).toEqual([
      'INSERT INTO "gadget" ("label") VALUES ($1)',
      'SELECT "id", "label", "stock" FROM "gadget" WHERE "id" = $1 LIMIT $2',
    ]);
  });

  it('upserts by the given id and re-reads the row', async () => {
    statements.length = 0;
    expect(await connector.upsert(Gadget, { id: 1, stock: 9 })).toEqual({ id: 1, label: 'lamp', stock: 9 });
    expect(statements[0]?.sql).toBe(
      'INSERT INTO "gadget" ("id", "stock") VALUES ($1, $2) ON CONFLICT ("id") DO UPDATE SET "stock" = EXCLUDED."stock"',
    );
    expect(await connector.upsert(Gadget, { id: 7, label: 'desk' })).toEqual({
      id: 7,
      label: 'desk',
      stock: 5,
    });
  });

  it('shares find, count, updateAll and destroyAll with every dialect', async () => {
    expect(await connector.count(Gadget, undefined)).toBe(2);
    expect(await connector.updateAll(Gadget, undefined, { stock: 0 })).toEqual({ count: 2 });
    expect(
      await connector.find(Gadget, { order: [{ property: 'id', direction: 'DESC' }], fields: ['id'] }),
    ).toEqual([{ id: 7 }, { id: 1 }]);
    expect(
      await connector.destroyAll(Gadget, { kind: 'compare', property: 'id', op: 'eq', value: 7 }),
    ).toEqual({
      count: 1,
    });
  });
});
