/**
 * Columns that look like secrets are hidden by default (one log line at start says which) and
 * served with `exposeSecretColumns`, on PostgreSQL and MariaDB.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looksSecret } from '../../src/server/access/secret-columns.js';
import { DEFAULT_CONFIG, type GatewayConfig } from '../../src/server/config.js';
import { startGateway } from '../../src/server/gateway.js';
import { postAs } from '../support/caller-requests.js';
import { runMysqlSql, runPgSql } from '../support/databases.js';
import { DIALECTS } from '../support/dialects.js';

describe('looksSecret', () => {
  it.each([
    'password',
    'password_hash',
    'passwd',
    'secret',
    'client_secret',
    'token',
    'reset_token',
    'api_key',
    'apiKey',
    'salt',
    'private_key',
    'password_digest',
    'Password',
  ])('takes %s for a secret', (name) => {
    expect(looksSecret(name)).toBe(true);
  });

  it.each(['token_count', 'passport', 'first_name', 'keyword', 'salty_snack', 'secretary'])(
    'takes %s for an ordinary column',
    (name) => {
      expect(looksSecret(name)).toBe(false);
    },
  );
});

const STAFF_FIELDS = '{ __type(name: "Staff") { fields { name } } }';

describe.each(DIALECTS)('secret columns on $name', (dialect) => {
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await dialect.createDatabase('secret_columns');
    const ddl =
      'create table staff (staff_id int primary key, username varchar(40) not null, password varchar(40), api_key varchar(40), token_count int)';
    const insert = "insert into staff values (1, 'mike', 'hunter2', 'k-123', 3)";
    if (dialect.name === 'postgresql') {
      await runPgSql(databaseUrl, ddl);
      await runPgSql(databaseUrl, insert);
    } else {
      await runMysqlSql(databaseUrl, ddl);
      await runMysqlSql(databaseUrl, insert);
    }
  });
  afterAll(() => dialect.dropDatabase('secret_columns'));

  const serve = async (overrides: Partial<GatewayConfig>, log: (line: string) => void = () => {}) =>
    startGateway(
      {
        ...DEFAULT_CONFIG,
        port: 0,
        databaseUrl,
        cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-secrets-')),
        ...overrides,
      },
      { log },
    );

  it('hides them by default and says so once in the log', async () => {
    const lines: string[] = [];
    const gateway = await serve({}, (line) => lines.push(line));
    try {
      const { body } = await postAs(gateway.url, undefined, STAFF_FIELDS);
      expect(body.data.__type.fields.map((field: { name: string }) => field.name)).toEqual([
        'staffId',
        'username',
        'tokenCount',
      ]);
      const rows = await postAs(gateway.url, undefined, '{ staffs { username password } }');
      expect(rows.body.errors?.[0]?.message).toMatch(/Cannot query field "password" on type "Staff"/);
      expect(rows.text).not.toMatch(/hunter2|k-123/);
      expect(lines.filter((line) => /look like secrets/.test(line))).toEqual([
        'hid 2 column(s) that look like secrets: staff.password, staff.api_key (set exposeSecretColumns to serve them)',
      ]);
    } finally {
      await gateway.stop();
    }
  });

  it('serves them with exposeSecretColumns', async () => {
    const gateway = await serve({ exposeSecretColumns: true });
    try {
      const { body } = await postAs(gateway.url, undefined, '{ staffs { password apiKey } }');
      expect(body.errors).toBeUndefined();
      expect(body.data.staffs).toEqual([{ password: 'hunter2', apiKey: 'k-123' }]);
    } finally {
      await gateway.stop();
    }
  });
});
