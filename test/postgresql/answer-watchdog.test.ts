/**
 * The client-side statement timeout (postgresql-answer-watchdog.ts) on a real PostgreSQL: a
 * statement unanswered for the timeout fails with the client-timeout error, one answered in time
 * is untouched, and statements in flight arm no timer of their own (pg's `query_timeout` armed one
 * per statement, which kept every statement's objects alive across young-generation collections).
 */
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CLIENT_TIMEOUT_MESSAGE,
  watchAnswers,
} from '../../src/connectors/postgresql/postgresql-answer-watchdog.js';
import { isClientTimeout } from '../../src/connectors/postgresql/postgresql-errors.js';
import { lookIntervalOf } from '../../src/connectors/sql/unanswered-statements.js';
import { PG_ADMIN_URL } from '../support/databases.js';

const pools: pg.Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});

function watchedPool(timeoutMs: number, max = 4): pg.Pool {
  // No idle timers: a connection's idle timer would come and go with its statements.
  const pool = new pg.Pool({ connectionString: PG_ADMIN_URL, max, idleTimeoutMillis: 0 });
  watchAnswers(pool, timeoutMs);
  pools.push(pool);
  return pool;
}

describe('the PostgreSQL answer watchdog', () => {
  it('fails a statement left unanswered past the timeout with the client-timeout error, within two looks', async () => {
    const pool = watchedPool(300);
    await pool.query('SELECT 1');
    const started = performance.now();
    const error = await pool.query('SELECT pg_sleep(3)').then(
      () => undefined,
      (failure: unknown) => failure,
    );
    const waited = performance.now() - started;
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(CLIENT_TIMEOUT_MESSAGE);
    expect(isClientTimeout(error)).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(300);
    expect(waited).toBeLessThan(300 + 2 * lookIntervalOf(300) + 250);
  });

  it('leaves statements answered within the timeout alone, also many in a row on one connection', async () => {
    const pool = watchedPool(400, 1);
    for (let i = 0; i < 20; i++) {
      const { rows } = await pool.query('SELECT pg_sleep(0.03), $1::int AS n', [i]);
      expect(rows[0].n).toBe(i);
    }
  });

  it('arms no timer per statement (pg with query_timeout arms one each)', async () => {
    const armed = async (pool: pg.Pool) => {
      await Promise.all(Array.from({ length: 8 }, () => pool.query('SELECT 1')));
      const setTimeoutCalls = vi.spyOn(globalThis, 'setTimeout');
      try {
        await Promise.all(Array.from({ length: 8 }, () => pool.query('SELECT pg_sleep(0.05)')));
        return setTimeoutCalls.mock.calls.length;
      } finally {
        setTimeoutCalls.mockRestore();
      }
    };
    expect(await armed(watchedPool(30_000, 8))).toBe(0);
    const withQueryTimeout = new pg.Pool({
      connectionString: PG_ADMIN_URL,
      max: 8,
      idleTimeoutMillis: 0,
      query_timeout: 30_000,
    });
    pools.push(withQueryTimeout);
    expect(await armed(withQueryTimeout)).toBe(8);
  });

  it('looks every twentieth of the timeout, at most every second and at least every 10 ms', () => {
    expect(lookIntervalOf(2_000)).toBe(100);
    expect(lookIntervalOf(35_000)).toBe(1_000);
    expect(lookIntervalOf(50)).toBe(10);
  });
});
