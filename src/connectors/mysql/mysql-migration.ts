/**
 * automigrate / autoupdate / isActual for MySQL and MariaDB, with the PostgreSQL connector's
 * behaviour: the current columns of all the models' tables are read in ONE catalog statement;
 * autoupdate creates missing tables, adds missing columns, changes types and nullability, and
 * turns a generated integer id into an AUTO_INCREMENT column (which continues after the largest
 * existing id). It never drops a column, and columns the model does not name do not make
 * isActual false. Primary keys of existing tables are not changed.
 *
 * MySQL DDL is not transactional: instead of one transaction, each table's changes are one
 * `ALTER TABLE` statement, which the server applies completely or not at all.
 */

import type { ConnectorModel } from '../../juggler/connector/connector-model.js';
import type { Row } from '../../juggler/connector/model-type-name.js';
import { ReadOnlyModelError } from '../../juggler/errors.js';
import type { SqlModelPlan } from '../sql/model-plan.js';
import { type SqlFragment, sql } from '../sql/sql-template.js';
import { isAutoIncrementType, mysqlColumnType, sameColumnType } from './mysql-column-types.js';

/** What migration needs from the connector. */
export interface MysqlMigrationRunner {
  plan(model: ConnectorModel): SqlModelPlan;
  /** Runs one statement and resolves to its rows. */
  run(statement: SqlFragment): Promise<Row[]>;
}

interface ExistingColumn {
  type: string;
  notNull: boolean;
  autoIncrement: boolean;
}

interface WantedColumn {
  name: string;
  column: string;
  type: string;
  notNull: boolean;
  autoIncrement: boolean;
}

function wantedColumns(model: ConnectorModel): WantedColumn[] {
  const singleId = model.idProperties.length === 1;
  return model.properties.map((property) => {
    const type = mysqlColumnType(property);
    const isId = property.idIndex !== undefined;
    return {
      name: property.name,
      column: property.column,
      type,
      notNull: isId || !property.nullable,
      autoIncrement: isId && singleId && property.generated && isAutoIncrementType(type),
    };
  });
}

function columnDefinition(plan: SqlModelPlan, column: WantedColumn): SqlFragment {
  const notNull = column.notNull ? sql` NOT NULL` : sql` NULL`;
  const increment = column.autoIncrement ? sql` AUTO_INCREMENT` : sql.empty;
  return sql`${plan.column(column.name)} ${sql.typeName(column.type)}${notNull}${increment}`;
}

function createTable(plan: SqlModelPlan): SqlFragment {
  const columns = wantedColumns(plan.model).map((column) => columnDefinition(plan, column));
  const ids = [...plan.idProperties]
    .sort((a, b) => (a.idIndex ?? 0) - (b.idIndex ?? 0))
    .map((property) => plan.column(property.name));
  const primaryKey = ids.length > 0 ? [sql`PRIMARY KEY (${sql.join(ids)})`] : [];
  return sql`CREATE TABLE ${plan.table} (${sql.join([...columns, ...primaryKey])})`;
}

/** One ALTER TABLE with every change of a table, or undefined when it already matches. */
function alterTable(
  plan: SqlModelPlan,
  existing: ReadonlyMap<string, ExistingColumn>,
): SqlFragment | undefined {
  const changes: SqlFragment[] = [];
  for (const column of wantedColumns(plan.model)) {
    const current = existing.get(column.column);
    if (!current) {
      changes.push(sql`ADD COLUMN ${columnDefinition(plan, column)}`);
      continue;
    }
    const differs =
      !sameColumnType(current.type, column.type) ||
      current.notNull !== column.notNull ||
      (column.autoIncrement && !current.autoIncrement);
    // MODIFY restates the whole column: keep an existing AUTO_INCREMENT the model does not ask for.
    if (differs) {
      const keep = { ...column, autoIncrement: column.autoIncrement || current.autoIncrement };
      changes.push(sql`MODIFY COLUMN ${columnDefinition(plan, keep)}`);
    }
  }
  return changes.length > 0 ? sql`ALTER TABLE ${plan.table} ${sql.join(changes)}` : undefined;
}

/** One catalog statement: the columns of every table the models name (`NULL` schema: the current database). */
function readColumnsStatement(models: readonly ConnectorModel[]): SqlFragment {
  const pairs = models.map((model) => sql`(COALESCE(${model.schema ?? null}, DATABASE()), ${model.table})`);
  return sql`SELECT DATABASE() AS ${sql.id('current')}, TABLE_SCHEMA AS ${sql.id('schema')}, TABLE_NAME AS ${sql.id(
    'table',
  )}, COLUMN_NAME AS ${sql.id('column')}, COLUMN_TYPE AS ${sql.id('type')}, IS_NULLABLE AS ${sql.id(
    'nullable',
  )}, EXTRA AS ${sql.id('extra')} FROM information_schema.COLUMNS WHERE (TABLE_SCHEMA, TABLE_NAME) IN (${sql.join(pairs)})`;
}

async function readExisting(
  runner: MysqlMigrationRunner,
  models: readonly ConnectorModel[],
): Promise<(Map<string, ExistingColumn> | undefined)[]> {
  const rows = await runner.run(readColumnsStatement(models));
  const text = (value: unknown) => (Buffer.isBuffer(value) ? value.toString('utf8') : String(value ?? ''));
  // information_schema compares names case-insensitively: match them exactly here.
  const tables = new Map<string, Map<string, ExistingColumn>>();
  let current = '';
  for (const row of rows) {
    current = text(row.current);
    const key = `${text(row.schema)}\u0000${text(row.table)}`;
    let columns = tables.get(key);
    if (!columns) {
      columns = new Map();
      tables.set(key, columns);
    }
    columns.set(text(row.column), {
      type: text(row.type),
      notNull: text(row.nullable) === 'NO',
      autoIncrement: /auto_increment/i.test(text(row.extra)),
    });
  }
  return models.map((model) => tables.get(`${model.schema ?? current}\u0000${model.table}`));
}

function assertWritable(models: readonly ConnectorModel[]): void {
  for (const model of models) if (model.readOnly) throw new ReadOnlyModelError(model.name);
}

function databaseStatements(models: readonly ConnectorModel[]): SqlFragment[] {
  const schemas = new Set(models.flatMap((model) => (model.schema ? [model.schema] : [])));
  return [...schemas].map((schema) => sql`CREATE DATABASE IF NOT EXISTS ${sql.id(schema)}`);
}

/** The DDL autoupdate would run (empty when the database already matches the models). */
export async function planMysqlAutoupdate(
  runner: MysqlMigrationRunner,
  models: readonly ConnectorModel[],
): Promise<SqlFragment[]> {
  if (models.length === 0) return [];
  const existing = await readExisting(runner, models);
  const statements = databaseStatements(models.filter((_, index) => !existing[index]));
  models.forEach((model, index) => {
    const plan = runner.plan(model);
    const columns = existing[index];
    const statement = columns ? alterTable(plan, columns) : createTable(plan);
    if (statement) statements.push(statement);
  });
  return statements;
}

/** Drops and re-creates the models' tables (one `DROP TABLE IF EXISTS a, b`). */
export async function automigrateMysql(
  runner: MysqlMigrationRunner,
  models: readonly ConnectorModel[],
): Promise<void> {
  assertWritable(models);
  if (models.length === 0) return;
  const plans = models.map((model) => runner.plan(model));
  for (const statement of databaseStatements(models)) await runner.run(statement);
  await runner.run(sql`DROP TABLE IF EXISTS ${sql.join(plans.map((plan) => plan.table))}`);
  for (const plan of plans) await runner.run(createTable(plan));
}

/** Creates missing tables and adds/changes columns, keeping data. */
export async function autoupdateMysql(
  runner: MysqlMigrationRunner,
  models: readonly ConnectorModel[],
): Promise<void> {
  assertWritable(models);
  for (const statement of await planMysqlAutoupdate(runner, models)) await runner.run(statement);
}
