import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MysqlConnector } from '../../src/connectors/mysql/index.js';
import type { PostgresConnector } from '../../src/connectors/postgresql/index.js';
import type { ConnectorModel } from '../../src/juggler/connector/connector-model.js';
import { resolveConnectorModel } from '../../src/juggler/connector/resolve-connector-model.js';
import type { ModelClass } from '../../src/juggler/dao/model-class.js';
import type { DataSource } from '../../src/juggler/datasource.js';
import type { WhereNode } from '../../src/juggler/filter/filter-types.js';
import { SQL_HARNESSES } from '../connectors/harness/sql-harnesses.js';
import type { StatementEvent } from '../connectors/harness/suite-data-source.js';
import { countRows, readRows } from '../support/connector-reads.js';

const eq = (property: string, value: unknown): WhereNode => ({ kind: 'compare', property, op: 'eq', value });

describe.each(SQL_HARNESSES)('the statements the $name connector sends', (harness) => {
  const database = 'sql_statements';
  let dataSource: DataSource;
  let connector: PostgresConnector | MysqlConnector;
  const statements: StatementEvent[] = [];
  const models: Record<string, ModelClass> = {};
  /** The connector's view of a model, for the calls the DAO never makes. */
  const resolved = (name: string): ConnectorModel =>
    resolveConnectorModel(models[name]!.definition, connector);

  beforeAll(async () => {
    dataSource = await harness.createDataSource(database);
    connector = dataSource.connector as PostgresConnector | MysqlConnector;
    const id = { type: 'Number', id: true, generated: true };
    models.Contact = dataSource.createModel('Contact', {
      id,
      name: { type: 'String', length: 50 },
      email: { type: 'String', length: 50 },
      active: { type: 'Boolean' },
      badge: { type: 'String', length: 10, readOnly: true },
    });
    models.Post = dataSource.createModel('Post', {
      id,
      personId: { type: 'Number' },
      groupId: { type: 'Number' },
      title: { type: 'String', length: 20 },
    });
    models.Membership = dataSource.createModel(
      'Membership',
      {
        groupId: { type: 'Number', id: 1 },
        personId: { type: 'Number', id: 2 },
        role: { type: 'String', length: 20 },
      },
      { idInjection: false },
    );
    await dataSource.automigrate(['Contact', 'Post', 'Membership']);
    await models.Post!.create([
      { personId: 1, groupId: 1, title: 'a' },
      { personId: 1, groupId: 2, title: 'b' },
      { personId: 2, groupId: 1, title: 'c' },
    ]);
    connector.observeStatements((event) => statements.push(event));
  });

  beforeEach(() => {
    statements.length = 0;
  });

  afterAll(async () => {
    await dataSource.disconnect();
    await harness.dropDatabase(database);
  });

  it('creates in one statement where it can return the row, else an insert and a re-read in a transaction, sending the given values', async () => {
    await models.Contact!.create({ name: 'Ada', email: 'ada@example.com' });
    const insert = statements.find((event) => event.sql.startsWith('INSERT'));
    // PostgreSQL and MariaDB ≥ 10.5 return the row; MySQL: START TRANSACTION, INSERT, SELECT, COMMIT.
    expect(statements).toHaveLength(insert?.sql.includes(' RETURNING ') ? 1 : 4);
    expect(insert?.params).toEqual(['Ada', 'ada@example.com']);
    expect(insert?.rowCount).toBe(1);
  });

  it('reads the first rows of each parent with a window function, and every row with a plain IN select', async () => {
    const Post = models.Post!;
    await Post.findGrouped({
      partitionBy: ['personId'],
      keys: [[1], [2]],
      filter: { order: 'title', limit: 1 },
    });
    expect(statements).toHaveLength(1);
    expect(statements[0]?.sql).toContain('row_number() OVER (PARTITION BY');
    await Post.findGrouped({ partitionBy: ['personId'], keys: [[1], [2]], filter: { order: 'title' } });
    expect(statements[1]?.sql).not.toContain('row_number');
  });

  it('sends the values of composite partition keys as parameters, in key order', async () => {
    await models.Post!.findGrouped({
      partitionBy: ['personId', 'groupId'],
      keys: [
        [1, 1],
        [1, 2],
        [2, 1],
      ],
      filter: { limit: 1 },
    });
    expect(statements[0]?.params.slice(0, 6)).toEqual([1, 1, 1, 2, 2, 1]);
  });

  it('leaves read-only columns out of an update', async () => {
    const result = await connector.updateAll(resolved('Contact'), eq('name', 'Ada'), {
      active: false,
      badge: 'x',
    });
    expect(result).toEqual({ count: 1 });
    expect(statements).toHaveLength(1);
    expect(statements[0]?.params).toEqual([false, 'Ada']);
  });

  it('counts instead of updating when the data sets no column', async () => {
    expect(await connector.updateAll(resolved('Contact'), undefined, { unknown: 1 })).toEqual({ count: 1 });
    expect(statements).toHaveLength(1);
    expect(statements[0]?.sql).toMatch(/^SELECT count\(\*\)/);
  });

  it('inserts or updates with its own upsert, on a composite key, also when only the key is given', async () => {
    const Membership = resolved('Membership');
    const upsert = (data: Record<string, unknown>) => connector.upsert(Membership, data);
    expect(await upsert({ groupId: 1, personId: 1, role: 'owner' })).toEqual({
      groupId: 1,
      personId: 1,
      role: 'owner',
    });
    expect(await upsert({ groupId: 1, personId: 1, role: 'admin' })).toEqual({
      groupId: 1,
      personId: 1,
      role: 'admin',
    });
    expect(await upsert({ groupId: 1, personId: 1 })).toEqual({ groupId: 1, personId: 1, role: 'admin' });
    expect(await upsert({ groupId: 2, personId: 1 })).toEqual({ groupId: 2, personId: 1, role: null });
    expect(await countRows(connector, Membership, undefined)).toBe(2);
  });

  it('ends a transaction with COMMIT or ROLLBACK, and commits what transaction(work) wrote', async () => {
    const transaction = await harness.transactions!.begin(dataSource);
    await models.Contact!.create({ name: 'Ghost' }, { transaction: transaction.handle });
    await transaction.rollback();
    await connector.transaction(async (handle) => {
      await models.Contact!.create({ name: 'Kept' }, { transaction: handle });
    });
    expect(await models.Contact!.count({ name: { inq: ['Ghost', 'Kept'] } })).toBe(1);
    const texts = statements.map((event) => event.sql);
    expect(texts).toContain('ROLLBACK');
    expect(texts).toContain('COMMIT');
  });

  it('reads the catalog in one statement to tell whether many models are up to date', async () => {
    expect(await dataSource.isActual(['Contact', 'Post', 'Membership'])).toBe(true);
    expect(statements).toHaveLength(1);
  });

  it('refuses an unknown property before any statement when called without the juggler', async () => {
    const Contact = resolved('Contact');
    await expect(readRows(connector, Contact, { where: eq('colour', 'red') })).rejects.toMatchObject({
      code: 'UNKNOWN_PROPERTY',
      details: { model: 'Contact', property: 'colour' },
    });
    await expect(
      readRows(connector, Contact, { order: [{ property: 'colour', direction: 'ASC' }] }),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_PROPERTY',
    });
    const join = { as: 'post', model: resolved('Post'), from: ['id'], to: ['personId'] };
    await expect(
      readRows(connector, Contact, { fields: ['name'] }, { joins: [{ ...join, as: 'name' }] }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(
      readRows(connector, Contact, {}, { joins: [{ ...join, fields: ['nope'] }] }),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_PROPERTY',
    });
    expect(statements).toEqual([]);
  });
});
