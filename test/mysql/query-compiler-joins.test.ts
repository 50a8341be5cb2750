// The SQL text of belongsTo joins on MySQL/MariaDB, then the same statements run on the real Chinook.
// What joined reads return is tested for every dialect in test/connectors/joins.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MysqlConnector } from '../../src/connectors/mysql/mysql-connector.js';
import { createMysqlDialect, renderMysqlInline } from '../../src/connectors/mysql/mysql-query-compiler.js';
import { joinCompiler } from '../../src/connectors/sql/join-compiler.js';
import { ModelPlanCache, type SqlModelPlan } from '../../src/connectors/sql/model-plan.js';
import { buildJoinedGroupedSelect, buildJoinedSelect } from '../../src/connectors/sql/statement-builders.js';
import type { JoinRequest } from '../../src/juggler/connector/join-request.js';
import { sqlModel } from '../support/connector-models.js';
import { CHINOOK_MYSQL_URL } from '../support/databases.js';

/** Chinook's MySQL columns are PascalCase (`TrackId`). */
const column = (name: string) => ({ column: name.charAt(0).toUpperCase() + name.slice(1) });
const Track = sqlModel(
  'Track',
  {
    trackId: { type: 'Number', id: 1, dataType: 'int', ...column('trackId') },
    name: { type: 'String', ...column('name') },
    albumId: { type: 'Number', dataType: 'int', ...column('albumId') },
    genreId: { type: 'Number', dataType: 'int', ...column('genreId') },
    unitPrice: { type: 'Decimal', dataType: 'decimal', precision: 10, scale: 2, ...column('unitPrice') },
  },
  { table: 'Track' },
);
const Genre = sqlModel(
  'Genre',
  {
    genreId: { type: 'Number', id: 1, dataType: 'int', ...column('genreId') },
    name: { type: 'String', ...column('name') },
  },
  { table: 'Genre' },
);
const Employee = sqlModel(
  'Employee',
  {
    employeeId: { type: 'Number', id: 1, dataType: 'int', ...column('employeeId') },
    firstName: { type: 'String', ...column('firstName') },
    reportsTo: { type: 'Number', dataType: 'int', ...column('reportsTo') },
  },
  { table: 'Employee' },
);

const dialect = createMysqlDialect('mariadb');
const plans = new ModelPlanCache(dialect);
/** The joins of one read, compiled against the plans above. */
const joins = {
  compiler: (parent: SqlModelPlan, requests: readonly JoinRequest[]) =>
    joinCompiler(parent, requests, (model) => plans.get(model)),
};
const genre: JoinRequest = {
  as: 'genre',
  model: Genre,
  from: ['genreId'],
  to: ['genreId'],
  fields: ['name'],
};
const manager = (join?: JoinRequest[]): JoinRequest => ({
  as: 'manager',
  model: Employee,
  from: ['reportsTo'],
  to: ['employeeId'],
  fields: ['firstName', 'reportsTo'],
  ...(join ? { join } : {}),
});

describe('the MySQL SQL of belongsTo joins', () => {
  it('aliases tables and joined columns, qualifies the filter and binds values inline', () => {
    const plan = plans.get(Track);
    const { statement } = buildJoinedSelect(
      plan,
      {
        fields: ['name', 'unitPrice'],
        where: { kind: 'compare', property: 'unitPrice', op: 'gt', value: '0.99' },
        order: [{ property: 'name', direction: 'ASC' }],
        limit: 3,
      },
      joins.compiler(plan, [genre]),
    );
    expect(renderMysqlInline(statement)).toBe(
      'SELECT `t0`.`Name` AS `name`, `t0`.`UnitPrice` AS `unitPrice`, `t1`.`Name` AS `j1_0`, `t1`.`GenreId` AS `j1_1` ' +
        'FROM `Track` AS `t0` LEFT JOIN `Genre` AS `t1` ON `t1`.`GenreId` = `t0`.`GenreId` ' +
        "WHERE `t0`.`UnitPrice` > '0.99' ORDER BY `t0`.`Name` ASC LIMIT 3",
    );
  });

  it('gives each level of a self-join its own table alias', () => {
    const plan = plans.get(Employee);
    const { statement } = buildJoinedSelect(
      plan,
      { fields: ['employeeId'] },
      joins.compiler(plan, [manager([manager()])]),
    );
    expect(renderMysqlInline(statement)).toBe(
      'SELECT `t0`.`EmployeeId` AS `employeeId`, `t1`.`FirstName` AS `j1_0`, `t1`.`ReportsTo` AS `j1_1`, `t1`.`EmployeeId` AS `j1_2`, ' +
        '`t2`.`FirstName` AS `j2_0`, `t2`.`ReportsTo` AS `j2_1`, `t2`.`EmployeeId` AS `j2_2` FROM `Employee` AS `t0` ' +
        'LEFT JOIN `Employee` AS `t1` ON `t1`.`EmployeeId` = `t0`.`ReportsTo` ' +
        'LEFT JOIN `Employee` AS `t2` ON `t2`.`EmployeeId` = `t1`.`ReportsTo`',
    );
  });

  it('joins the outer query of a paged grouped read', () => {
    const plan = plans.get(Track);
    const built = buildJoinedGroupedSelect(
      plan,
      { partitionBy: ['albumId'], keys: [[1], [2]], filter: { fields: ['name'], limit: 1, skip: 1 } },
      joins.compiler(plan, [genre]),
    );
    expect(built && renderMysqlInline(built.statement)).toBe(
      'SELECT `__grouped`.`Name` AS `name`, `__grouped`.`AlbumId` AS `albumId`, `t1`.`Name` AS `j1_0`, `t1`.`GenreId` AS `j1_1` ' +
        'FROM (SELECT `__t`.*, row_number() OVER (PARTITION BY `AlbumId` ORDER BY `TrackId` ASC) AS `__discograph_rn` ' +
        'FROM `Track` AS `__t` WHERE `AlbumId` IN (1, 2)) AS `__grouped` ' +
        'LEFT JOIN `Genre` AS `t1` ON `t1`.`GenreId` = `__grouped`.`GenreId` ' +
        'WHERE `__grouped`.`__discograph_rn` > 1 AND `__grouped`.`__discograph_rn` <= 2 ' +
        'ORDER BY `__grouped`.`AlbumId` ASC, `__grouped`.`__discograph_rn`',
    );
  });

  describe('on the real Chinook database', () => {
    const connector = new MysqlConnector({ url: CHINOOK_MYSQL_URL });

    beforeAll(async () => {
      await connector.connect();
    });

    afterAll(async () => {
      await connector.disconnect();
    });

    it('runs the compiled statements and nests the rows, exact decimals and readers applied', async () => {
      const plan = plans.get(Track);
      const { statement, joins: compiled } = buildJoinedSelect(
        plan,
        { fields: ['trackId', 'unitPrice'], order: [{ property: 'trackId', direction: 'ASC' }], limit: 1 },
        joins.compiler(plan, [genre]),
      );
      const rows = compiled.shapeRows(await connector.execute(renderMysqlInline(statement)));
      expect(rows).toEqual([{ trackId: 1, unitPrice: '0.99', genre: { name: 'Rock', genreId: 1 } }]);
      const employees = plans.get(Employee);
      const self = buildJoinedSelect(
        employees,
        { fields: ['employeeId'], order: [{ property: 'employeeId', direction: 'ASC' }], limit: 3 },
        joins.compiler(employees, [manager([manager()])]),
      );
      const chain = self.joins.shapeRows(await connector.execute(renderMysqlInline(self.statement)));
      expect(chain).toEqual([
        { employeeId: 1, manager: null },
        { employeeId: 2, manager: { firstName: 'Andrew', reportsTo: null, employeeId: 1, manager: null } },
        {
          employeeId: 3,
          manager: {
            firstName: 'Nancy',
            reportsTo: 1,
            employeeId: 2,
            manager: { firstName: 'Andrew', reportsTo: null, employeeId: 1 },
          },
        },
      ]);
    });
  });
});
