/**
 * Every mutation field is one transaction, on both SQL dialects, with and without JWT database
 * sessions: a field that sends two writes (its own and an operation hook's, as a library user's
 * audit trail or cascade would) keeps neither when the second fails, while the other fields of
 * the document keep their own results. A field whose write is its one write adds no statement.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import type { ModelClass } from '../../src/juggler/dao/model-class.js';
import type { DeleteHookContext, SaveHookContext } from '../../src/juggler/model-types.js';
import { readAuthConfig } from '../../src/server/config/auth-config.js';
import { DEFAULT_CONFIG, type GatewayConfig } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import type { GatewayHooks } from '../../src/server/pipeline/gateway-hooks.js';
import { sqlTestDatabases } from '../support/sql-test-databases.js';

const DATABASE = 'mutation_field_atomicity';
const SECRET = 'a-test-secret-of-more-than-32-characters';

// `audit.entry` refuses 'refused' (a CHECK), `pin` keeps its note from being deleted (a foreign key).
const DIALECTS = sqlTestDatabases(DATABASE, {
  postgresql: `CREATE TABLE note (id int PRIMARY KEY, title text NOT NULL);
         CREATE TABLE audit (id serial PRIMARY KEY, note_id int NOT NULL, entry text NOT NULL CHECK (entry <> 'refused'));
         CREATE TABLE pin (id int PRIMARY KEY, note_id int NOT NULL REFERENCES note (id))`,
  mysql: `CREATE TABLE note (id int PRIMARY KEY, title varchar(50) NOT NULL);
         CREATE TABLE audit (id int AUTO_INCREMENT PRIMARY KEY, note_id int NOT NULL, entry varchar(50) NOT NULL CHECK (entry <> 'refused'));
         CREATE TABLE pin (id int PRIMARY KEY, note_id int NOT NULL, FOREIGN KEY (note_id) REFERENCES note (id))`,
});

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** How requests reach the database: on the pool, or each in a JWT database session. */
const MODES = ['without a session', 'with JWT database sessions'] as const;
type Mode = (typeof MODES)[number];

/**
 * The hooks a library user might add: every saved note writes an audit entry (its title), and a
 * note's audit entries are deleted before the note is.
 */
function addAuditHooks(gateway: RunningGateway): void {
  const Note = gateway.schema.models.Note as ModelClass;
  const Audit = gateway.schema.models.Audit as ModelClass;
  Note.observe('after save', async (context: SaveHookContext) => {
    const note = context.instance?.__data ?? {};
    await Audit.create({ noteId: note.id, entry: note.title }, context.options);
  });
  Note.observe('before delete', async (context: DeleteHookContext) => {
    await Audit.destroyAll({ noteId: (context.where as { id?: unknown }).id }, context.options);
  });
}

describe.each(DIALECTS)('mutation fields on $kind', (dialect) => {
  let url: string;
  const gateways = {} as Record<Mode, RunningGateway>;
  const statements: string[] = [];
  /** What the `onResult` hooks heard: each operation's name and its errors' codes. */
  const reported: { operation: string | undefined; codes: unknown[] }[] = [];
  const resultRecorder: GatewayHooks = {
    name: 'result-recorder',
    onResult: ({ operation, result }) =>
      reported.push({
        operation: operation.name,
        codes: (result.errors ?? []).map((error) => error.extensions?.code),
      }),
  };
  let token: string;

  beforeAll(async () => {
    url = await dialect.create();
    const config = (mode: Mode): GatewayConfig => ({
      ...DEFAULT_CONFIG,
      databaseUrl: url,
      port: 0,
      cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-field-atomicity-')),
      ...(mode === 'with JWT database sessions'
        ? {
            auth: readAuthConfig({
              file: { jwt: { secret: SECRET }, databaseSession: true },
              env: {},
              cwd: process.cwd(),
            }),
          }
        : {}),
    });
    for (const mode of MODES) {
      gateways[mode] = await startGateway(config(mode), {
        hooks: [resultRecorder],
        onSource: (source) =>
          source.dataSource.connector?.observeStatements((event: StatementEvent) =>
            statements.push(event.sql),
          ),
      });
      addAuditHooks(gateways[mode]);
    }
    token = await new SignJWT({ sub: 'writer' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
  }, 60_000);

  afterAll(async () => {
    for (const mode of MODES) await gateways[mode]?.stop();
    await dialect.drop();
  });

  beforeEach(async () => {
    await dialect.sql(url, 'DELETE FROM pin');
    await dialect.sql(url, 'DELETE FROM audit');
    await dialect.sql(url, 'DELETE FROM note');
    statements.length = 0;
  });

  const column = async (text: string, name: string) => (await dialect.sql(url, text)).map((row) => row[name]);
  const notes = () => column('SELECT title FROM note ORDER BY id', 'title');
  const entries = () => column('SELECT entry FROM audit ORDER BY id', 'entry');

  describe.each(MODES)('%s', (mode) => {
    const post = async (query: string): Promise<Answer> => {
      const response = await fetch(gateways[mode].url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(mode === 'with JWT database sessions' ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as Answer;
    };

    it('commits a field of two writes (the note and its audit entry) when both succeed', async () => {
      const answer = await post('mutation { createNote(data: { id: 1, title: "kept" }) { id title } }');
      expect(answer).toEqual({ data: { createNote: { id: 1, title: 'kept' } } });
      expect(await notes()).toEqual(['kept']);
      expect(await entries()).toEqual(['kept']);
    });

    it('leaves nothing written when the second write of a create (the audit entry) fails', async () => {
      const answer = await post('mutation { createNote(data: { id: 1, title: "refused" }) { id } }');
      expect(answer.data).toEqual({ createNote: null });
      expect(answer.errors?.map((error) => error.path)).toEqual([['createNote']]);
      expect(await notes()).toEqual([]);
      expect(await entries()).toEqual([]);
    });

    it('leaves nothing written when the second write of an update fails', async () => {
      await post('mutation { createNote(data: { id: 1, title: "before" }) { id } }');
      const answer = await post('mutation { updateNote(id: 1, data: { title: "refused" }) { title } }');
      expect(answer.data).toEqual({ updateNote: null });
      expect(await notes()).toEqual(['before']);
      expect(await entries()).toEqual(['before']);
    });

    it('undoes a delete’s first write (its audit entries) when the delete itself fails', async () => {
      await post('mutation { createNote(data: { id: 1, title: "pinned" }) { id } }');
      await dialect.sql(url, 'INSERT INTO pin (id, note_id) VALUES (1, 1)');
      const answer = await post('mutation { deleteNote(id: 1) { id } }');
      expect(answer.data).toEqual({ deleteNote: null });
      expect(await notes()).toEqual(['pinned']);
      expect(await entries()).toEqual(['pinned']);
    });

    it('keeps per-field results: a failed field writes nothing, the fields around it keep both their writes', async () => {
      const answer = await post(`mutation {
        a: createNote(data: { id: 1, title: "first" }) { id }
        b: createNote(data: { id: 2, title: "refused" }) { id }
        c: createNote(data: { id: 3, title: "third" }) { id }
      }`);
      expect(answer.data).toEqual({ a: { id: 1 }, b: null, c: { id: 3 } });
      expect(answer.errors?.map((error) => error.path)).toEqual([['b']]);
      expect(await notes()).toEqual(['first', 'third']);
      expect(await entries()).toEqual(['first', 'third']);
    });

    it('@atomic: a field whose second write fails rolls back every field', async () => {
      const answer = await post(`mutation Both @atomic {
        a: createNote(data: { id: 1, title: "first" }) { id }
        b: createNote(data: { id: 2, title: "refused" }) { id }
      }`);
      expect(answer.data).toEqual({ a: null, b: null });
      expect(answer.errors?.find((error) => error.path?.[0] === 'a')?.extensions?.code).toBe('ROLLED_BACK');
      expect(await notes()).toEqual([]);
      expect(await entries()).toEqual([]);
    });

    it('@atomic: the result hooks (the request log, metrics) hear the answer sent, rolled back', async () => {
      reported.length = 0;
      const answer = await post(`mutation RolledBack @atomic {
        a: createNote(data: { id: 1, title: "first" }) { id }
        b: createNote(data: { id: 2, title: "refused" }) { id }
      }`);
      const codes = answer.errors?.map((error) => error.extensions?.code);
      expect(codes).toContain('ROLLED_BACK');
      expect(reported).toEqual([{ operation: 'RolledBack', codes }]);
    });

    it('adds no statement to a field whose write is its only statement (a model without hooks)', async () => {
      await dialect.sql(url, "INSERT INTO note (id, title) VALUES (1, 'n')");
      statements.length = 0;
      const answer = await post('mutation { createPin(data: { id: 1, noteId: 1 }) { id } }');
      expect(answer).toEqual({ data: { createPin: { id: 1 } } });
      const control = statements.filter((sql) => /^(BEGIN|START TRANSACTION|COMMIT|SAVEPOINT)/.test(sql));
      // On the pool: no BEGIN/COMMIT. In a session (PostgreSQL): the session's own, as before.
      expect(control).toEqual(
        mode === 'with JWT database sessions' && dialect.kind === 'postgresql'
          ? [expect.stringMatching(/^BEGIN; SELECT set_config/), 'SAVEPOINT discograph_statement', 'COMMIT']
          : [],
      );
    });
  });
});
