import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresConnector } from '../../src/connectors/postgresql/postgresql-connector.js';
import { connectorOf } from '../../src/server/gateway-source.js';
import { type ChinookGateway, SLOW_REGEXP, startChinookGateway } from '../support/chinook-gateway.js';
import { CHINOOK_MYSQL_URL, CHINOOK_PG_URL, runMysqlSql, runPgSql } from '../support/databases.js';

const TIMEOUT_MS = 600;

/** Per database: how its server lists the gateway's running regexp statements, and the session's limit. */
const SERVERS = {
  postgresql: {
    async activeRegexpStatements(): Promise<number> {
      const { rows } = await runPgSql(
        CHINOOK_PG_URL,
        `select count(*)::int as n from pg_stat_activity
          where datname = 'chinook' and application_name = 'discograph' and state = 'active'
            and query like '%"name" ~ $1%'`,
      );
      return Number((rows[0] as { n: number }).n);
    },
    limitSql: 'show statement_timeout',
    limitRow: { statement_timeout: `${TIMEOUT_MS}ms` },
    // PostgreSQL cancels at once.
    lateness: 1_500,
  },
  mysql: {
    async activeRegexpStatements(): Promise<number> {
      // Also once marked `Killed`: MariaDB's regexp engine notices the kill between steps.
      const rows = (await runMysqlSql(
        CHINOOK_MYSQL_URL,
        "select count(*) as n from information_schema.PROCESSLIST where INFO like '%`Name` USING utf8mb4) REGEXP%' and ID <> CONNECTION_ID()",
      )) as { n: number }[];
      return Number(rows[0]?.n);
    },
    limitSql: 'select @@max_statement_time as limit_s',
    limitRow: { limit_s: TIMEOUT_MS / 1000 },
    lateness: 3_000,
  },
} as const;

describe.each(['postgresql', 'mysql'] as const)('the statement timeout on %s', (kind) => {
  const server = SERVERS[kind];
  const slowTracks = `{ tracks(where: { name: { regexp: ${JSON.stringify(SLOW_REGEXP[kind])} } }) { trackId } }`;
  let client: ChinookGateway;

  beforeAll(async () => {
    client = await startChinookGateway(kind, { database: { statementTimeoutMs: TIMEOUT_MS } });
  });

  afterAll(async () => {
    await client?.stop();
  });

  it('stops a slow regexp filter on the server and answers TIMEOUT with the limit', async () => {
    const slow = client.post(slowTracks);
    let running = 0;
    // Seen running on the server (the first request also plans the operation: poll for it).
    for (let poll = 0; poll < 40 && running === 0; poll++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      running = await server.activeRegexpStatements();
    }
    expect(running).toBe(1);
    const answer = await slow;
    expect(answer.errors?.[0]?.extensions).toEqual({
      code: 'TIMEOUT',
      reason: 'QUERY_TIMEOUT',
      statementTimeoutMs: TIMEOUT_MS,
    });
    expect(answer.ms).toBeLessThan(TIMEOUT_MS + server.lateness);
    // The server itself stopped it: nothing is left running once the client has its answer.
    expect(await server.activeRegexpStatements()).toBe(0);
  });

  it('keeps answering cheap queries after a timeout, sending no statement of its own to set the limit', async () => {
    await client.post(slowTracks);
    const connector = connectorOf(client.gateway.source);
    const sent: string[] = [];
    const stop = connector.observeStatements((event) => sent.push(event.sql));
    const answer = await client.post('{ track(trackId: 1) { name } }');
    stop();
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ track: { name: 'For Those About To Rock (We Salute You)' } });
    expect(sent).toEqual([expect.stringMatching(/^SELECT /)]);
    // Set once per connection when it opens (a startup parameter on PostgreSQL).
    expect(await connector.execute?.(server.limitSql)).toEqual([server.limitRow]);
  });
});

describe('the statement timeout inside a PostgreSQL transaction', () => {
  it('holds on the connection a transaction keeps, without a SET of its own', async () => {
    const connector = new PostgresConnector({ url: CHINOOK_PG_URL, statementTimeout: 300, max: 1 });
    try {
      const started = performance.now();
      const failure = await connector
        .transaction((transaction) => connector.execute('select pg_sleep(5)', [], { transaction }))
        .catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 'QUERY_TIMEOUT', details: { statementTimeoutMs: 300 } });
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      await connector.disconnect();
    }
  });
});
