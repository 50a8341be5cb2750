/**
 * The shared builder on snapshots written by hand in another dialect's style (MySQL's
 * PascalCase Chinook): it knows no database, only the rows and the connector's type mapping.
 */
import { describe, expect, it } from 'vitest';
import type { DiscoveredPropertyType } from '../../src/juggler/connector/connector.js';
import type {
  CatalogSnapshot,
  CatalogTable,
  ForeignKeyRow,
  PropertyRow,
} from '../../src/juggler/discovery/discovery-types.js';
import { buildModelDefinitions, schemasFromSnapshot } from '../../src/juggler/discovery/index.js';
import type { ModelDefinition } from '../../src/juggler/model-definition.js';

const OWNER = 'Chinook';

function column(tableName: string, columnName: string, position: number, dataType = 'int'): PropertyRow {
  return {
    owner: OWNER,
    tableName,
    columnName,
    dataType,
    dataLength: dataType === 'varchar' ? 120 : null,
    dataPrecision: null,
    dataScale: null,
    nullable: false,
    position,
    columnDefault: null,
    generated: null,
    description: null,
    udtName: dataType,
    enumValues: null,
    arrayElementType: null,
    domainName: null,
    checks: [],
    updatable: true,
  };
}

function foreignKey(
  table: string,
  columns: string[],
  target: string,
  targetColumns: string[],
): ForeignKeyRow[] {
  return columns.map((fkColumnName, index) => ({
    fkOwner: OWNER,
    fkName: `FK_${table}${columns.join('')}`,
    fkTableName: table,
    fkColumnName,
    keySeq: index + 1,
    pkOwner: OWNER,
    pkName: 'PRIMARY',
    pkTableName: target,
    pkColumnName: targetColumns[index] ?? '',
  }));
}

function table(
  name: string,
  columns: [string, string?][],
  primaryKey: string[],
  foreignKeys: ForeignKeyRow[] = [],
): CatalogTable {
  return {
    owner: OWNER,
    name,
    kind: 'table',
    description: null,
    columns: columns.map(([columnName, dataType], index) => column(name, columnName, index + 1, dataType)),
    primaryKey: primaryKey.map((columnName, index) => ({
      owner: OWNER,
      tableName: name,
      columnName,
      keySeq: index + 1,
      pkName: 'PRIMARY',
    })),
    foreignKeys,
    uniqueConstraints: [],
    checkConstraints: [],
  };
}

/** A MySQL-like mapping: the builder must take whatever the connector says. */
function mapPropertyType(row: PropertyRow): DiscoveredPropertyType {
  if (row.dataType === 'varchar') return { type: 'String', length: row.dataLength };
  if (row.dataType === 'datetime') return { type: 'Date' };
  return { type: 'Number' };
}

const snapshot: CatalogSnapshot = {
  connector: 'mysql',
  database: 'Chinook',
  owners: [OWNER],
  defaultOwner: OWNER,
  statementCount: 4,
  tables: [
    table(
      'Employee',
      [['EmployeeId'], ['ReportsTo'], ['Mentor']],
      ['EmployeeId'],
      [...foreignKey('Employee', ['ReportsTo'], 'Employee', ['EmployeeId'])],
    ),
    table(
      'Friendship',
      [['EmployeeId'], ['FriendId'], ['CreatedAt', 'datetime']],
      ['EmployeeId', 'FriendId'],
      [
        ...foreignKey('Friendship', ['EmployeeId'], 'Employee', ['EmployeeId']),
        ...foreignKey('Friendship', ['FriendId'], 'Employee', ['EmployeeId']),
      ],
    ),
    table(
      'InvoiceLine',
      [['InvoiceLineId'], ['TrackId'], ['Track', 'varchar']],
      ['InvoiceLineId'],
      [...foreignKey('InvoiceLine', ['TrackId'], 'Track', ['TrackId'])],
    ),
    table('Track', [['TrackId'], ['Name', 'varchar']], ['TrackId']),
  ],
};

const byName = (definitions: ModelDefinition[]) => new Map(definitions.map((d) => [d.name, d]));

describe('the shared builder on a MySQL-style snapshot', () => {
  const models = byName(buildModelDefinitions(snapshot, { mapPropertyType, associations: true }));

  it('keeps PascalCase table names and camel-cases PascalCase columns', () => {
    expect([...models.keys()]).toEqual(['Employee', 'Friendship', 'InvoiceLine', 'Track']);
    expect(Object.keys(models.get('InvoiceLine')?.properties ?? {})).toEqual([
      'invoiceLineId',
      'trackId',
      'track',
    ]);
  });

  it("keeps column and table blocks under the snapshot's connector name", () => {
    const invoiceLine = models.get('InvoiceLine');
    expect(invoiceLine?.options?.mysql).toEqual({ schema: OWNER, table: 'InvoiceLine', kind: 'table' });
    expect(invoiceLine?.properties.trackId?.mysql).toMatchObject({ columnName: 'TrackId', nullable: 'NO' });
    expect(invoiceLine?.properties.trackId?.postgresql).toBeUndefined();
  });

  it('takes types and lengths from the connector mapping', () => {
    expect(models.get('Track')?.properties.name).toMatchObject({
      type: 'String',
      length: 120,
      required: true,
    });
  });

  it('appends the target model when the belongsTo name is a property already', () => {
    expect(models.get('InvoiceLine')?.options?.relations).toEqual({
      trackTrack: {
        type: 'belongsTo',
        model: 'Track',
        foreignKey: 'trackId',
        discograph: { constraint: 'FK_InvoiceLineTrackId' },
      },
    });
  });

  it('names both directions of a join table between a table and itself by their key', () => {
    const relations = models.get('Employee')?.options?.relations ?? {};
    expect(relations.employeesByFriendId).toEqual({
      type: 'hasManyThrough',
      model: 'Employee',
      through: 'Friendship',
      foreignKey: 'employeeId',
      keyThrough: 'friendId',
    });
    expect(relations.employeesByEmployeeId).toEqual({
      type: 'hasManyThrough',
      model: 'Employee',
      through: 'Friendship',
      foreignKey: 'friendId',
      keyThrough: 'employeeId',
    });
    expect(relations.friendshipsByEmployeeId).toMatchObject({ type: 'hasMany', foreignKey: 'employeeId' });
    expect(relations.friendshipsByFriendId).toMatchObject({ type: 'hasMany', foreignKey: 'friendId' });
    expect(relations.reportsToEmployee).toMatchObject({ type: 'belongsTo', foreignKey: 'reportsTo' });
  });

  it('builds only belongsTo relations with relations: true, and none by default', () => {
    const belongsTo = byName(buildModelDefinitions(snapshot, { mapPropertyType, relations: true }));
    expect(Object.keys(belongsTo.get('Employee')?.options?.relations ?? {})).toEqual(['reportsToEmployee']);
    const plain = buildModelDefinitions(snapshot, { mapPropertyType });
    expect(plain.every((definition) => definition.options?.relations === undefined)).toBe(true);
  });

  it('declares primaryKey when a foreign key references other columns than the primary key', () => {
    const tables = [
      table('Track', [['TrackId'], ['Code', 'varchar']], ['TrackId']),
      table(
        'Sample',
        [['SampleId'], ['TrackCode', 'varchar']],
        ['SampleId'],
        [...foreignKey('Sample', ['TrackCode'], 'Track', ['Code'])],
      ),
    ];
    const built = byName(
      buildModelDefinitions({ ...snapshot, tables }, { mapPropertyType, associations: true }),
    );
    expect(built.get('Sample')?.options?.relations?.trackCodeTrack).toEqual({
      type: 'belongsTo',
      model: 'Track',
      foreignKey: 'trackCode',
      primaryKey: 'code',
      discograph: { constraint: 'FK_SampleTrackCode' },
    });
    expect(built.get('Track')?.options?.relations?.samples).toEqual({
      type: 'hasMany',
      model: 'Sample',
      foreignKey: 'trackCode',
      primaryKey: 'code',
    });
  });

  it('makes a unique foreign key one-to-one: hasOne with a singular name, whether the key is the primary key or unique', () => {
    const withUnique = (base: CatalogTable, columns: string[]): CatalogTable => ({
      ...base,
      uniqueConstraints: [{ owner: OWNER, tableName: base.name, name: `UQ_${base.name}`, columns }],
    });
    const tables = [
      table('Employee', [['EmployeeId'], ['Name', 'varchar']], ['EmployeeId']),
      // Shares the employee's primary key.
      table(
        'EmployeeBadge',
        [['EmployeeId'], ['Code', 'varchar']],
        ['EmployeeId'],
        [...foreignKey('EmployeeBadge', ['EmployeeId'], 'Employee', ['EmployeeId'])],
      ),
      // A unique key column; the plural table name gives a singular relation name.
      withUnique(
        table(
          'Lockers',
          [['LockerId'], ['EmployeeId']],
          ['LockerId'],
          [...foreignKey('Lockers', ['EmployeeId'], 'Employee', ['EmployeeId'])],
        ),
        ['EmployeeId'],
      ),
      // Not unique: the key is only part of the primary key.
      table(
        'Shift',
        [['EmployeeId'], ['Day']],
        ['EmployeeId', 'Day'],
        [...foreignKey('Shift', ['EmployeeId'], 'Employee', ['EmployeeId'])],
      ),
    ];
    const built = byName(
      buildModelDefinitions({ ...snapshot, tables }, { mapPropertyType, associations: true }),
    );
    expect(built.get('Employee')?.options?.relations).toEqual({
      employeeBadge: { type: 'hasOne', model: 'EmployeeBadge', foreignKey: 'employeeId' },
      locker: { type: 'hasOne', model: 'Lockers', foreignKey: 'employeeId' },
      shifts: { type: 'hasMany', model: 'Shift', foreignKey: 'employeeId' },
    });
  });

  it('answers discoverSchemasSync from the snapshot, following keys from one table', () => {
    const schemas = schemasFromSnapshot(snapshot, 'InvoiceLine', { mapPropertyType, relations: true });
    expect(Object.keys(schemas)).toEqual(['Chinook.InvoiceLine', 'Chinook.Track']);
  });
});
