// MySQL-specific error details: the wordings of MariaDB and MySQL 8 both parse. The codes and
// messages every dialect shares are tested on the real servers in test/connectors/errors.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MysqlConnector } from '../../src/connectors/mysql/mysql-connector.js';
import {
  duplicateKeyName,
  mapMysqlError,
  parseForeignKeyMessage,
} from '../../src/connectors/mysql/mysql-errors.js';
import { sqlModel } from '../support/connector-models.js';
import { createMysqlDatabase, dropMysqlDatabase } from '../support/databases.js';

const Account = sqlModel('Account', {
  id: { type: 'Number', id: 1, generated: true },
  email: { type: 'String', column: 'e_mail' },
  teamId: 'Number',
});

const target = { host: 'db.example', port: 3306, database: 'shop', user: 'app' };

/** A driver error as mysql2 reports it. */
function driverError(errno: number, sqlMessage: string, code = 'ER_X') {
  return Object.assign(new Error(sqlMessage), { errno, code, sqlMessage, sqlState: '23000' });
}

describe('MySQL error messages of both server flavours', () => {
  it("reads the key of a duplicate entry in MariaDB's and MySQL 8's wording, never the value", () => {
    expect(duplicateKeyName("Duplicate entry 'a@b' for key 'account_email_unique'", 'account')).toBe(
      'account_email_unique',
    );
    expect(duplicateKeyName("Duplicate entry 'a@b' for key 'account.account_email_unique'", 'account')).toBe(
      'account_email_unique',
    );
    expect(duplicateKeyName("Duplicate entry 'for key 'x'' for key 'PRIMARY'", 'account')).toBe('PRIMARY');
    const error = mapMysqlError(
      driverError(1062, "Duplicate entry 'a@b' for key 'account.account_email_unique'"),
      {
        ...target,
        model: Account,
        uniqueColumns: ['e_mail'],
      },
    );
    expect(error.message).toBe(
      'A row with the same `email` already exists in `account` (constraint account_email_unique)',
    );
    expect(error.message).not.toContain('a@b');
  });

  it('reads tables, constraint and columns of a foreign key failure', () => {
    expect(
      parseForeignKeyMessage(
        'Cannot add or update a child row: a foreign key constraint fails (`shop`.`account`, CONSTRAINT `account_team_fk` FOREIGN KEY (`team_id`) REFERENCES `team` (`id`))',
      ),
    ).toEqual({
      table: 'account',
      constraint: 'account_team_fk',
      columns: ['team_id'],
      referencedTable: 'team',
    });
    expect(
      parseForeignKeyMessage(
        'Cannot delete or update a parent row: a foreign key constraint fails (`shop`.`odd``name`, CONSTRAINT `fk` FOREIGN KEY (`a`, `b`) REFERENCES `t` (`x`, `y`))',
      ),
    ).toEqual({ table: 'odd`name', constraint: 'fk', columns: ['a', 'b'], referencedTable: 't' });
  });

  it("maps MySQL 8's check error 3819 and MariaDB's 4025 alike", () => {
    const mysql8 = mapMysqlError(
      driverError(3819, "Check constraint 'account_age_positive' is violated."),
      target,
    );
    const mariadb = mapMysqlError(
      driverError(4025, 'CONSTRAINT `account_age_positive` failed for `shop`.`account`'),
      target,
    );
    for (const error of [mysql8, mariadb]) {
      expect(error.code).toBe('CHECK_VIOLATION');
      expect(error.details.constraint).toBe('account_age_positive');
    }
  });

  it("maps MySQL 8's statement timeout 3024 and MariaDB's 1969 to QUERY_TIMEOUT", () => {
    expect(
      mapMysqlError(
        driverError(3024, 'Query execution was interrupted, maximum statement execution time exceeded'),
        target,
      ).code,
    ).toBe('QUERY_TIMEOUT');
    expect(
      mapMysqlError(
        driverError(1969, 'Query execution was interrupted (max_statement_time exceeded)'),
        target,
      ).code,
    ).toBe('QUERY_TIMEOUT');
  });

  it('names the column but not the value of an invalid value, in both wordings', () => {
    const mariadb = mapMysqlError(
      driverError(1366, "Incorrect integer value: 'oops' for column `shop`.`account`.`team_id` at row 1"),
      { ...target, model: Account },
    );
    const mysql8 = mapMysqlError(
      driverError(1366, "Incorrect integer value: 'oops' for column 'team_id' at row 1"),
      {
        ...target,
        model: Account,
      },
    );
    for (const error of [mariadb, mysql8]) {
      expect(error.code).toBe('INVALID_TEXT_REPRESENTATION');
      expect(error.details).toMatchObject({ type: 'integer', column: 'team_id', property: 'teamId' });
      expect(error.message).toBe('A value is not valid for the column type integer of `teamId`');
    }
  });

  it('shows a syntax error only by its number, since its message quotes the statement', () => {
    const error = mapMysqlError(
      driverError(
        1064,
        "You have an error in your SQL syntax; ... near 'secret' at line 1",
        'ER_PARSE_ERROR',
      ),
      target,
    );
    expect(error.message).toBe('MySQL refused the statement (error 1064, SQLSTATE 23000)');
  });
});

describe('MySQL error details on MariaDB', () => {
  const database = 'mysql_errors';
  let connector: MysqlConnector;

  beforeAll(async () => {
    connector = new MysqlConnector({ url: await createMysqlDatabase(database) });
    await connector.execute('create table team (id int primary key)');
    await connector.execute(`create table account (id int auto_increment primary key, e_mail varchar(100),
      team_id int, constraint account_email_unique unique (e_mail),
      constraint account_team_fk foreign key (team_id) references team (id))`);
  });

  afterAll(async () => {
    await connector.disconnect();
    await dropMysqlDatabase(database);
  });

  it('looks up the columns of the violated unique key inside the same transaction', async () => {
    await connector.transaction(async (transaction) => {
      await connector.create(Account, { email: 'x@example.com' }, { transaction });
      await expect(
        connector.create(Account, { email: 'x@example.com' }, { transaction }),
      ).rejects.toMatchObject({
        code: 'UNIQUE_VIOLATION',
        details: { columns: ['e_mail'], properties: ['email'] },
      });
    });
  });

  it('reports a missing default of a NOT NULL column as NOT_NULL_VIOLATION', async () => {
    await connector.execute('create table strict_thing (id int primary key, name varchar(10) not null)');
    await expect(connector.execute('insert into strict_thing (id) values (1)')).rejects.toMatchObject({
      code: 'NOT_NULL_VIOLATION',
      details: { column: 'name' },
    });
  });
});
