/**
 * Hidden columns (`hideColumns`) on PostgreSQL and MariaDB: a hidden key column keeps its
 * relations working (read, never exposed), a hidden NOT NULL column without a default takes create
 * away (the schema says why, without the column's name) unless `hiddenColumnValues` gives it a
 * value (a literal or a claim), and no answer ever names a hidden column.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_UNAVAILABLE_NOTE } from '../../src/server/access/schema-sources.js';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { CALLER_HOOKS, callerWithRole, postAs } from '../support/caller-requests.js';
import { runMysqlSql, runPgSql } from '../support/databases.js';
import { DIALECTS } from '../support/dialects.js';

const HIDDEN = /albumId|milliseconds|email|supportRepId/i;

async function post(url: string, query: string, claims?: Record<string, unknown>): Promise<string> {
  return (await postAs(url, claims ? callerWithRole('user', claims) : undefined, query)).text;
}

describe.each(DIALECTS)('hidden columns on $name', (dialect) => {
  let gateway: RunningGateway;
  let databaseUrl: string;
  const sql = async (text: string): Promise<Record<string, unknown>[]> =>
    dialect.name === 'postgresql'
      ? (await runPgSql(databaseUrl, text)).rows
      : ((await runMysqlSql(databaseUrl, text)) as Record<string, unknown>[]);

  beforeAll(async () => {
    databaseUrl = await dialect.createDatabase('hidden_columns', { chinook: true });
    gateway = await startGateway({
      ...DEFAULT_CONFIG,
      port: 0,
      databaseUrl,
      cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-hidden-')),
      hooks: [CALLER_HOOKS],
      // Property and column forms; table names match case-insensitively (track / Track).
      hideColumns: ['track.albumId', 'track.milliseconds', '*.email', 'customer.supportRepId'],
      hiddenColumnValues: { 'track.milliseconds': 1234, 'employee.email': '$claims.email' },
    });
  }, 60_000);
  afterAll(async () => {
    await gateway?.stop();
    await dialect.dropDatabase('hidden_columns');
  });

  it('starts with a hidden foreign key and answers its relations both ways', async () => {
    const body = JSON.parse(
      await post(
        gateway.url,
        '{ tracks(limit: 2) { name album { title } } albums(limit: 1) { tracks(limit: 1) { name } } }',
      ),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      tracks: [
        {
          name: 'For Those About To Rock (We Salute You)',
          album: { title: 'For Those About To Rock We Salute You' },
        },
        { name: 'Balls to the Wall', album: { title: 'Balls to the Wall' } },
      ],
      albums: [{ tracks: [{ name: 'For Those About To Rock (We Salute You)' }] }],
    });
    const customer = JSON.parse(
      await post(gateway.url, '{ customer(customerId: 1) { firstName supportRep { lastName } } }'),
    );
    expect(customer.data.customer).toEqual({ firstName: 'Luís', supportRep: { lastName: 'Peacock' } });
  });

  it('takes create away when a hidden NOT NULL column has no value, and names no hidden column anywhere', async () => {
    const introspection = await post(
      gateway.url,
      '{ __schema { types { name description fields { name } inputFields { name } enumValues { name } } mutationType { fields { name } } } }',
    );
    const schema = JSON.parse(introspection).data.__schema;
    const mutations = schema.mutationType.fields.map((field: { name: string }) => field.name);
    expect(mutations).not.toContain('createCustomer');
    expect(mutations).not.toContain('upsertCustomer');
    expect(mutations).toContain('updateCustomer');
    const customerType = schema.types.find((type: { name: string }) => type.name === 'Customer');
    expect(customerType.description).toContain(CREATE_UNAVAILABLE_NOTE);
    // Every field, input field and enum value of every type: no hidden column's name.
    const names: string[] = schema.types.flatMap(
      (type: {
        name: string;
        fields: { name: string }[] | null;
        inputFields: { name: string }[] | null;
        enumValues: { name: string }[] | null;
      }) =>
        [...(type.fields ?? []), ...(type.inputFields ?? []), ...(type.enumValues ?? [])].map(
          (field) => `${type.name}.${field.name}`,
        ),
    );
    expect(names).toContain('Album.albumId');
    expect(names).toContain('TrackOrder.NAME_ASC');
    const hidden =
      /^(Track\w*\.(albumId|milliseconds|ALBUM_ID_\w+|MILLISECONDS_\w+)|\w+\.(email|EMAIL_\w+)|Customer\w*\.(supportRepId|SUPPORT_REP_ID_\w+))$/;
    expect(names.filter((name) => hidden.test(name))).toEqual([]);
    const refused = await post(
      gateway.url,
      'mutation { createCustomer(data: { firstName: "A", lastName: "B" }) { customerId } }',
    );
    expect(refused).toMatch(/Cannot query field \\?"createCustomer\\?"/);
    expect(refused).not.toMatch(HIDDEN);
    const filtered = await post(gateway.url, '{ tracks(where: { milliseconds: { gt: 1 } }) { name } }');
    expect(filtered).not.toMatch(/Did you mean/);
  });

  it('gives a hidden NOT NULL column its configured value on create: a literal, or the caller’s claim', async () => {
    const track = await post(
      gateway.url,
      'mutation { createTrack(data: { trackId: 90001, name: "Hidden length", mediaTypeId: 1, unitPrice: "0.99" }) { trackId name } }',
    );
    expect(JSON.parse(track).errors).toBeUndefined();
    expect(track).not.toMatch(HIDDEN);
    const trackColumns =
      dialect.name === 'postgresql'
        ? 'milliseconds from track where track_id'
        : 'Milliseconds as milliseconds from Track where TrackId';
    expect(await sql(`select ${trackColumns} = 90001`)).toEqual([{ milliseconds: 1234 }]);
    const employee = await post(
      gateway.url,
      'mutation { createEmployee(data: { employeeId: 90001, lastName: "Claimed", firstName: "E" }) { employeeId } }',
      { email: 'claimed@example.com' },
    );
    expect(JSON.parse(employee).errors).toBeUndefined();
    const employeeColumns =
      dialect.name === 'postgresql'
        ? 'email from employee where employee_id'
        : 'Email as email from Employee where EmployeeId';
    expect(await sql(`select ${employeeColumns} = 90001`)).toEqual([{ email: 'claimed@example.com' }]);
    const noClaim = JSON.parse(
      await post(
        gateway.url,
        'mutation { createEmployee(data: { employeeId: 90002, lastName: "N", firstName: "E" }) { employeeId } }',
        {},
      ),
    );
    expect(noClaim.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
