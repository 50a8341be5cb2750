/**
 * The drain timeout of a graceful shutdown (`shutdownTimeoutMs`, `--shutdown-timeout-ms`): the
 * real gateway process gets SIGTERM while a request runs (an insert whose trigger sleeps). A
 * request that outlasts the drain timeout is cut off, named in a warning, and the process exits
 * with code 3 (its statement cancelled with its client: nothing written); one that finishes within
 * it is answered and the process exits with 0.
 * The gateway runs as built in dist/ (`npm run build` after changing src/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUT_OFF_EXIT_CODE } from '../../src/cli/serve-command.js';
import { startGatewayProcess } from '../support/canary.js';
import { createPgDatabase, dropPgDatabase, runPgSql } from '../support/databases.js';

const DATABASE = 'shutdown_drain_timeout';

/** Posts a create of a row whose insert sleeps `seconds`; settles with the answer or the failure. */
function createSlow(url: string, id: number, seconds: number): Promise<{ status?: number; error?: string }> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation { createSlowEntry(data: { id: ${id}, seconds: ${seconds} }) { id } }`,
    }),
  }).then(
    async (response) => ({ status: response.status, body: await response.text() }),
    (error: unknown) => ({ error: String((error as { cause?: unknown }).cause ?? error) }),
  );
}

/** Resolves once the database is running the sleeping insert of a request. */
async function insertRunning(url: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { rows } = await runPgSql(
      url,
      "SELECT 1 FROM pg_stat_activity WHERE query LIKE 'INSERT INTO%slow_entry%' AND state = 'active'",
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the slow insert never started');
}

describe('the drain timeout of a graceful shutdown', () => {
  let url: string;

  beforeAll(async () => {
    url = await createPgDatabase(DATABASE);
    await runPgSql(
      url,
      `CREATE TABLE slow_entry (id int PRIMARY KEY, seconds float8 NOT NULL);
       CREATE FUNCTION slow_entry() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(NEW.seconds); RETURN NEW; END $$;
       CREATE TRIGGER slow_entry BEFORE INSERT ON slow_entry FOR EACH ROW EXECUTE FUNCTION slow_entry();`,
    );
  });

  afterAll(async () => {
    await dropPgDatabase(DATABASE);
  });

  it('cuts off a request still running at the drain timeout, names it in a warning, and exits with code 3', async () => {
    const gateway = await startGatewayProcess({ databaseUrl: url, args: ['--shutdown-timeout-ms', '300'] });
    try {
      const answer = createSlow(gateway.url, 1, 5);
      await insertRunning(url);
      const signalled = performance.now();
      process.kill(gateway.pid, 'SIGTERM');
      const exit = await gateway.exited;
      expect(exit).toEqual({ code: CUT_OFF_EXIT_CODE, signal: null });
      // It waited for the drain timeout, not for the request (5 s).
      expect(performance.now() - signalled).toBeLessThan(4_000);
      expect((await answer).status).toBeUndefined();
      const log = gateway.log();
      expect(log).toContain('finishing in-flight requests (for at most 300 ms)');
      expect(log).toMatch(
        /the drain timeout \(300 ms\) passed with 1 request still running; cut off: POST \/graphql \(running \d+\.\d s\)/,
      );
      expect(log).toContain(`cutting off 1 request at the drain timeout (exit code ${CUT_OFF_EXIT_CODE})`);
      // Its client gone, its statement was cancelled: the unanswered create wrote nothing.
      expect((await runPgSql(url, 'SELECT id FROM slow_entry WHERE id = 1')).rows).toEqual([]);
    } finally {
      await gateway.stop();
    }
  });

  it('answers a request that finishes within the drain timeout, and exits with code 0', async () => {
    const gateway = await startGatewayProcess({
      databaseUrl: url,
      env: { DISCOGRAPH_SHUTDOWN_TIMEOUT_MS: '5000' },
    });
    try {
      const answer = createSlow(gateway.url, 2, 0.5);
      await insertRunning(url);
      process.kill(gateway.pid, 'SIGTERM');
      expect(await gateway.exited).toEqual({ code: 0, signal: null });
      expect(await answer).toEqual({
        status: 200,
        body: JSON.stringify({ data: { createSlowEntry: { id: 2 } } }),
      });
      expect(gateway.log()).not.toContain('cut off');
    } finally {
      await gateway.stop();
    }
  });
});
