import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorFactory, MysqlConnector } from '../../src/connectors/mysql/index.js';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import { getConnectorFactory } from '../../src/juggler/connector/connector-registry.js';
import { chinookModels, sqlModel } from '../support/connector-models.js';
import { countRows, readRows } from '../support/connector-reads.js';
import {
  CHINOOK_MYSQL_URL,
  createMysqlDatabase,
  dropMysqlDatabase,
  MYSQL_ADMIN_URL,
  runMysqlSql,
} from '../support/databases.js';

describe('the MySQL connector module', () => {
  it('exports a factory named mysql that builds the connector, also through the registry as mariadb', async () => {
    expect(connectorFactory.name).toBe('mysql');
    expect(await getConnectorFactory('mariadb')).toBe(connectorFactory);
    const connector = connectorFactory.create({
      host: '127.0.0.1',
      port: 3306,
      user: 'root',
      database: 'Chinook',
    });
    expect(connector).toBeInstanceOf(MysqlConnector);
    expect(connector.capabilities).toEqual({
      relational: true,
      discovery: true,
      migration: true,
      returning: false,
      groupedFind: true,
      ilike: false,
      regexp: true,
      nestedLists: false,
      joins: true,
      throughReads: true,
    });
    await connector.ping();
    expect(await countRows(connector, chinookModels('pascal').track, undefined)).toBe(3503);
    await connector.disconnect();
  });

  it('keeps model and property names for default table and column names, as LoopBack does', () => {
    const connector = new MysqlConnector({});
    expect(connector.naming.defaultTableName('InvoiceLine')).toBe('InvoiceLine');
    expect(connector.naming.defaultColumnName('unitPrice')).toBe('unitPrice');
  });

  it('accepts mysql:// and mariadb:// URLs and rejects others with INVALID_CONFIGURATION', () => {
    expect(() => new MysqlConnector({ url: 'mariadb://root@127.0.0.1/Chinook' })).not.toThrow();
    for (const url of ['postgres://root@127.0.0.1/x', 'not a url']) {
      expect(() => new MysqlConnector({ url })).toThrow(
        expect.objectContaining({ code: 'INVALID_CONFIGURATION' }),
      );
    }
    expect(() => new MysqlConnector({ statementTimeout: -5 })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIGURATION' }),
    );
  });
});

describe('MySQL sessions', () => {
  const database = 'mysql_connector_sessions';
  let url: string;
  let connector: MysqlConnector;

  beforeAll(async () => {
    url = await createMysqlDatabase(database);
    connector = new MysqlConnector({ url, max: 2, statementTimeout: 1500 });
  });

  afterAll(async () => {
    await connector.disconnect();
    await dropMysqlDatabase(database);
  });

  it('detects the MariaDB flavour when the pool opens', async () => {
    await connector.connect();
    expect(connector.flavour).toBe('mariadb');
  });

  it('runs every pooled session in UTC, with backslash escapes on and the statement timeout set', async () => {
    const sessions = await Promise.all(
      Array.from({ length: 4 }, () =>
        connector.execute(
          'select @@session.time_zone as tz, @@session.sql_mode as mode, @@session.max_statement_time as timeout, sleep(0.05) as s',
        ),
      ),
    );
    for (const [row] of sessions) {
      expect(row).toMatchObject({ tz: '+00:00', timeout: 1.5 });
      expect(String(row?.mode)).not.toContain('NO_BACKSLASH_ESCAPES');
    }
  });

  it('qualifies tables with the schema setting, which is also the discovery owner', async () => {
    await connector.execute('create table widget (id int primary key, label varchar(10))');
    await connector.execute("insert into widget values (1, 'w')");
    const scoped = new MysqlConnector({ url: MYSQL_ADMIN_URL, schema: database });
    const Widget = sqlModel('Widget', { id: { type: 'Number', id: 1 }, label: 'String' });
    const statements: StatementEvent[] = [];
    scoped.observeStatements((event) => statements.push(event));
    expect(await readRows(scoped, Widget, {})).toEqual([{ id: 1, label: 'w' }]);
    expect(statements[0]?.sql).toBe(`SELECT \`id\`, \`label\` FROM \`${database}\`.\`widget\``);
    expect(await scoped.defaultOwner()).toBe(database);
    expect((await scoped.discoverModelDefinitions({})).map((table) => table.name)).toEqual(['widget']);
    await scoped.disconnect();
  });

  it('keeps working after its pooled connections are killed by the server', async () => {
    await connector.ping();
    const ids = (await runMysqlSql(
      MYSQL_ADMIN_URL,
      'select id from information_schema.processlist where db = ?',
      [database],
    )) as { id: number }[];
    expect(ids.length).toBeGreaterThan(0);
    for (const { id } of ids) await runMysqlSql(MYSQL_ADMIN_URL, `kill ${Number(id)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    let recovered = false;
    for (let attempt = 0; attempt < 5 && !recovered; attempt++) {
      recovered = await connector.ping().then(
        () => true,
        (error: { code?: string }) => {
          expect(error.code).toBe('CONNECTION_FAILED');
          return false;
        },
      );
    }
    expect(recovered).toBe(true);
  });
});

describe('discovery through the MySQL connector', () => {
  let connector: MysqlConnector;

  beforeAll(() => {
    connector = new MysqlConnector({ url: CHINOOK_MYSQL_URL });
  });

  afterAll(async () => {
    await connector.disconnect();
  });

  it('reads the whole Chinook catalog in a few observed statements, owner = the database', async () => {
    const statements: StatementEvent[] = [];
    const stop = connector.observeStatements((event) => statements.push(event));
    const snapshot = await connector.discoverCatalog({});
    stop();
    expect(snapshot.defaultOwner).toBe('Chinook');
    expect(snapshot.tables.map((table) => table.name)).toContain('InvoiceLine');
    expect(statements.length).toBe(snapshot.statementCount);
    expect(statements.length).toBeLessThanOrEqual(5);
    const exported = await connector.discoverExportedForeignKeys('Album', {});
    expect(exported.map((key) => `${key.fkTableName}.${key.fkColumnName}`)).toEqual(['Track.AlbumId']);
  });

  it('maps tinyint(1) to Boolean and bigint to BigInt', () => {
    const column = {
      owner: 'x',
      tableName: 't',
      columnName: 'c',
      dataLength: null,
      dataPrecision: null,
      dataScale: null,
      nullable: true,
      position: 1,
      columnDefault: null,
      generated: null,
      description: null,
      enumValues: null,
      arrayElementType: null,
      domainName: null,
      checks: [],
      updatable: true,
    };
    expect(connector.mapPropertyType({ ...column, dataType: 'tinyint', udtName: 'tinyint(1)' }).type).toBe(
      'Boolean',
    );
    expect(connector.mapPropertyType({ ...column, dataType: 'bigint', udtName: 'bigint(20)' }).type).toBe(
      'BigInt',
    );
  });
});
