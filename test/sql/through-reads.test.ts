// Reads through a join model (`ReadRequest.partition.through`, what a hasManyThrough level is):
// the join table joined to the targets in one statement for every parent key, the key read from
// the join rows, the targets' where, order and page applied per parent — composite parent keys
// included. The SQL text each dialect sends, then the rows it answers.
import { describe, expect, it } from 'vitest';
import type { MysqlConnector } from '../../src/connectors/mysql/mysql-connector.js';
import type { PostgresConnector } from '../../src/connectors/postgresql/postgresql-connector.js';
import type { ConnectorModel } from '../../src/juggler/connector/connector-model.js';
import { linkedRows, ReadParameter, type ReadRequest } from '../../src/juggler/connector/prepared-read.js';
import { resolveConnectorModel } from '../../src/juggler/connector/resolve-connector-model.js';
import { MEMBERSHIP, MEMBERSHIP_KEYS, PERSON } from '../connectors/fixtures/people.js';
import { SQL_HARNESSES } from '../connectors/harness/sql-harnesses.js';
import { useDataSource } from '../connectors/harness/suite-data-source.js';

const PEOPLE = ['Ann', 'Bob', 'Cy'];

describe.each(SQL_HARNESSES)('reads through a join model on $name', (harness) => {
  const db = useDataSource(harness, 'sql_through_reads', [PERSON, MEMBERSHIP], async (models) => {
    for (const name of PEOPLE) await models.Person?.create({ name });
    await models.Membership?.create(MEMBERSHIP_KEYS.map(([groupId, personId]) => ({ groupId, personId })));
  });
  const connector = () => db.dataSource.connector as unknown as PostgresConnector | MysqlConnector;
  const model = (name: string): ConnectorModel =>
    resolveConnectorModel(db.model(name).definition, connector());
  /** The people of groups (keys: group ids) through memberships. */
  const peopleOfGroups = (filter: ReadRequest['filter'], keys: ReadRequest['partition']): ReadRequest => ({
    model: model('Person'),
    filter,
    ...(keys ? { partition: keys } : {}),
  });
  const through = () => ({ model: model('Membership'), to: ['personId'], targetKeys: ['id'] });
  const names = (rows: readonly { key: readonly unknown[]; row: Record<string, unknown> }[]) =>
    rows.map(({ key, row }) => [...key, row.name]);

  it('joins the join table to the targets in one statement, ordered by parent key then by the targets’ ids', async () => {
    const read = connector().prepareRead(
      peopleOfGroups(
        { fields: ['id', 'name'] },
        { by: ['groupId'], keys: new ReadParameter(0, 'keys'), through: through() },
      ),
    );
    const rows = linkedRows(await read.run([[[3], [1], [2], [9]]]));
    expect(names(rows)).toEqual([
      [1, 'Ann'],
      [1, 'Bob'],
      [2, 'Ann'],
      [2, 'Cy'],
      [3, 'Bob'],
    ]);
    // Each target row holds its own properties only.
    expect(rows[0]?.row).toEqual({ id: 1, name: 'Ann' });
    expect(db.statements).toHaveLength(1);
    expect(db.statements[0]?.sql).toBe(
      harness.name === 'postgresql'
        ? 'SELECT "t0"."id", "t0"."name", "__link"."groupid" AS "__discograph_link_0" FROM "membership" AS "__link" JOIN "person" AS "t0" ON "t0"."id" = "__link"."personid" WHERE "__link"."groupid" = ANY($1) ORDER BY "__link"."groupid" ASC, "t0"."id" ASC'
        : 'SELECT `t0`.`id`, `t0`.`name`, `__link`.`groupId` AS `__discograph_link_0` FROM `Membership` AS `__link` JOIN `Person` AS `t0` ON `t0`.`id` = `__link`.`personId` WHERE `__link`.`groupId` IN (?, ?, ?, ?) ORDER BY `__link`.`groupId` ASC, `t0`.`id` ASC',
    );
    expect(await read.run([[]])).toEqual([]);
    expect(db.statements).toHaveLength(1);
  });

  it('pages and filters the targets per parent with a window over the joined rows', async () => {
    const read = connector().prepareRead(
      peopleOfGroups(
        {
          fields: ['name'],
          where: { kind: 'compare', property: 'name', op: 'neq', value: new ReadParameter(1, '$not') },
          order: [{ property: 'name', direction: 'DESC' }],
          limit: new ReadParameter(2, '$limit'),
          skip: new ReadParameter(3, '$skip'),
        },
        { by: ['groupId'], keys: new ReadParameter(0, 'keys'), through: through() },
      ),
    );
    expect(names(linkedRows(await read.run([[[1], [2], [3]], 'Nobody', 1, 0])))).toEqual([
      [1, 'Bob'],
      [2, 'Cy'],
      [3, 'Bob'],
    ]);
    expect(names(linkedRows(await read.run([[[1], [2], [3]], 'Cy', 1, 1])))).toEqual([[1, 'Ann']]);
    // One statement text for both runs (the page bounds are parameters).
    expect(db.statements).toHaveLength(2);
    expect(db.statements[1]?.sql).toBe(db.statements[0]?.sql);
    expect(db.statements[0]?.sql).toBe(
      harness.name === 'postgresql'
        ? 'SELECT "__grouped"."name", "__grouped"."__discograph_link_0" FROM (SELECT "__t".*, "__link"."groupid" AS "__discograph_link_0", row_number() OVER (PARTITION BY "__link"."groupid" ORDER BY "__t"."name" DESC) AS "__discograph_rn" FROM "membership" AS "__link" JOIN "person" AS "__t" ON "__t"."id" = "__link"."personid" WHERE "__link"."groupid" = ANY($1) AND "__t"."name" <> $2) AS "__grouped" WHERE "__grouped"."__discograph_rn" > $3 AND "__grouped"."__discograph_rn" <= $4 ORDER BY "__grouped"."__discograph_link_0" ASC, "__grouped"."__discograph_rn"'
        : 'SELECT `__grouped`.`name`, `__grouped`.`__discograph_link_0` FROM (SELECT `__t`.*, `__link`.`groupId` AS `__discograph_link_0`, row_number() OVER (PARTITION BY `__link`.`groupId` ORDER BY `__t`.`name` DESC) AS `__discograph_rn` FROM `Membership` AS `__link` JOIN `Person` AS `__t` ON `__t`.`id` = `__link`.`personId` WHERE `__link`.`groupId` IN (?, ?, ?) AND `__t`.`name` <> ?) AS `__grouped` WHERE `__grouped`.`__discograph_rn` > ? AND `__grouped`.`__discograph_rn` <= ? ORDER BY `__grouped`.`__discograph_link_0` ASC, `__grouped`.`__discograph_rn`',
    );
  });

  it('matches composite parent keys against the join rows, tuple by tuple', async () => {
    const read = connector().prepareRead(
      peopleOfGroups(
        { fields: ['name'], limit: 5 },
        { by: ['groupId', 'personId'], keys: new ReadParameter(0, 'keys'), through: through() },
      ),
    );
    const rows = linkedRows(
      await read.run([
        [
          [2, 3],
          [1, 1],
          [1, 3],
          [2, null],
        ],
      ]),
    );
    expect(names(rows)).toEqual([
      [1, 1, 'Ann'],
      [2, 3, 'Cy'],
    ]);
    expect(db.statements[0]?.sql).toContain(
      harness.name === 'postgresql'
        ? 'row_number() OVER (PARTITION BY "__link"."groupid", "__link"."personid" ORDER BY "__t"."id" ASC) AS "__discograph_rn" FROM "membership" AS "__link" JOIN "person" AS "__t" ON "__t"."id" = "__link"."personid" WHERE ("__link"."groupid", "__link"."personid") IN (($1, $2), ($3, $4), ($5, $6))'
        : 'row_number() OVER (PARTITION BY `__link`.`groupId`, `__link`.`personId` ORDER BY `__t`.`id` ASC) AS `__discograph_rn` FROM `Membership` AS `__link` JOIN `Person` AS `__t` ON `__t`.`id` = `__link`.`personId` WHERE (`__link`.`groupId`, `__link`.`personId`) IN ((?, ?), (?, ?), (?, ?))',
    );
  });
});
