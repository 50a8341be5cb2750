/**
 * Graceful shutdown under write load: the real gateway process (`dist/cli/main.js serve`) gets
 * SIGTERM while 10 writers create rows as fast as it answers. Every create answered with success
 * is in the database (no acknowledged write lost), no create answered with an error or refused
 * wrote its row (no silent commit), requests under way when the signal came are finished, and
 * the ones that arrive after it are refused with SHUTTING_DOWN (never run) or not connected at all;
 * a request whose connection broke without an answer was not written either.
 * Each insert sleeps 20 ms in a trigger, so that writes are always under way.
 * The gateway runs as built in dist/ (`npm run build` after changing src/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayProcess } from '../support/canary.js';
import {
  createMysqlDatabase,
  createPgDatabase,
  dropMysqlDatabase,
  dropPgDatabase,
  runMysqlSql,
  runPgSql,
} from '../support/databases.js';

const DATABASE = 'graceful_shutdown';
const WRITERS = 10;

interface Dialect {
  kind: 'postgresql' | 'mysql';
  create(): Promise<string>;
  drop(): Promise<void>;
  ids(url: string): Promise<number[]>;
}

const DIALECTS: Dialect[] = [
  {
    kind: 'postgresql',
    async create() {
      const url = await createPgDatabase(DATABASE);
      await runPgSql(
        url,
        `CREATE TABLE entry (id int PRIMARY KEY, writer int NOT NULL);
         CREATE FUNCTION slow_entry() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.02); RETURN NEW; END $$;
         CREATE TRIGGER slow_entry BEFORE INSERT ON entry FOR EACH ROW EXECUTE FUNCTION slow_entry();`,
      );
      return url;
    },
    drop: () => dropPgDatabase(DATABASE),
    ids: async (url) => (await runPgSql(url, 'SELECT id FROM entry')).rows.map((row) => Number(row.id)),
  },
  {
    kind: 'mysql',
    async create() {
      const url = await createMysqlDatabase(DATABASE);
      await runMysqlSql(url, 'CREATE TABLE entry (id int PRIMARY KEY, writer int NOT NULL)');
      await runMysqlSql(
        url,
        'CREATE TRIGGER slow_entry BEFORE INSERT ON entry FOR EACH ROW BEGIN DO SLEEP(0.02); END',
      );
      return url;
    },
    drop: () => dropMysqlDatabase(DATABASE),
    ids: async (url) =>
      ((await runMysqlSql(url, 'SELECT id FROM entry')) as { id: number }[]).map((row) => Number(row.id)),
  },
];

/** How one create was answered. */
type Outcome =
  /** 200 with the row: acknowledged. */
  | 'acknowledged'
  /** 503 SHUTTING_DOWN: refused before it ran. */
  | 'refused'
  /** No connection could be made (the port is closed): never sent. */
  | 'not-connected'
  /** An answer with errors. */
  | 'error'
  /** The connection broke without an answer (a request sent as the server closed the connection). */
  | 'no-answer';

interface Attempt {
  id: number;
  outcome: Outcome;
  /** When the answer (or failure) came, ms since the test's start. */
  at: number;
  detail?: string;
}

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code;
}

async function create(url: string, id: number, writer: number): Promise<Omit<Attempt, 'at'>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation ($id: Int!, $writer: Int!) { createEntry(data: { id: $id, writer: $writer }) { id } }',
        variables: { id, writer },
      }),
    });
  } catch (error) {
    const code = causeCode(error);
    return { id, outcome: code === 'ECONNREFUSED' ? 'not-connected' : 'no-answer', detail: code };
  }
  let body: {
    data?: { createEntry?: { id?: number } | null } | null;
    errors?: { extensions?: { code?: string } }[];
  };
  try {
    body = (await response.json()) as typeof body;
  } catch (error) {
    return { id, outcome: 'no-answer', detail: causeCode(error) ?? String(error) };
  }
  const code = body.errors?.[0]?.extensions?.code;
  if (response.status === 503 && code === 'SHUTTING_DOWN') return { id, outcome: 'refused' };
  if (response.status === 200 && !body.errors && body.data?.createEntry?.id === id) {
    return { id, outcome: 'acknowledged' };
  }
  return { id, outcome: 'error', detail: `${response.status} ${JSON.stringify(body)}` };
}

describe.each(DIALECTS)('graceful shutdown on $kind', (dialect) => {
  let url: string;

  beforeAll(async () => {
    url = await dialect.create();
  });

  afterAll(async () => {
    await dialect.drop();
  });

  it('loses no acknowledged write and answers no unwritten one as written when SIGTERM comes during 10 concurrent writers', async () => {
    const gateway = await startGatewayProcess({ databaseUrl: url });
    const started = performance.now();
    const attempts: Attempt[] = [];
    let signalledAt: number | undefined;
    try {
      const writers = Array.from({ length: WRITERS }, async (_, writer) => {
        for (let seq = 1; ; seq += 1) {
          const attempt = await create(gateway.url, writer * 100_000 + seq, writer);
          attempts.push({ ...attempt, at: performance.now() - started });
          // A writer stops once the gateway stopped taking work (or broke a connection).
          if (attempt.outcome !== 'acknowledged' && attempt.outcome !== 'error') return;
          if (signalledAt === undefined && seq > 2000) throw new Error('SIGTERM never came');
        }
      });
      // Under load for a while, then the signal.
      while (attempts.filter((attempt) => attempt.outcome === 'acknowledged').length < 100) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      signalledAt = performance.now() - started;
      process.kill(gateway.pid, 'SIGTERM');
      await Promise.all(writers);
      const exit = await gateway.exited;
      expect(exit, gateway.log()).toEqual({ code: 0, signal: null });
    } finally {
      await gateway.stop();
    }

    const stored = new Set(await dialect.ids(url));
    const of = (outcome: Outcome) => attempts.filter((attempt) => attempt.outcome === outcome);
    const acknowledged = of('acknowledged');
    // Every acknowledged create is stored...
    expect(acknowledged.filter((attempt) => !stored.has(attempt.id))).toEqual([]);
    // ...and nothing refused, never sent, or answered with an error was written.
    expect(
      [...of('refused'), ...of('not-connected'), ...of('error')].filter((a) => stored.has(a.id)),
    ).toEqual([]);
    // No create failed for another reason than the shutdown.
    expect(of('error')).toEqual([]);
    // Every stored row was asked for (and answered, or its connection broke).
    const asked = new Set(attempts.map((attempt) => attempt.id));
    expect([...stored].filter((id) => !asked.has(id))).toEqual([]);
    // Writes under way when the signal came were finished and acknowledged.
    expect(acknowledged.filter((attempt) => attempt.at > (signalledAt ?? 0)).length).toBeGreaterThan(0);
    // A request whose connection broke without an answer never ran: the server answers every
    // request it runs before it closes a connection, and refuses the rest.
    const unknown = of('no-answer');
    expect(unknown.filter((attempt) => stored.has(attempt.id))).toEqual([]);
    console.info(
      `${dialect.kind}: ${acknowledged.length} acknowledged (${acknowledged.filter((a) => a.at > (signalledAt ?? 0)).length} after SIGTERM), ${of('refused').length} refused with SHUTTING_DOWN, ${of('not-connected').length} not connected, ${unknown.length} without an answer (none of them written)`,
    );
  }, 60_000);
});
