/**
 * The client-side statement timeout (mysql-answer-watchdog.ts) on a real MariaDB: a statement
 * unanswered for the timeout fails with mysql2's own timeout error, one answered in time is
 * untouched, and statements in flight arm no timer of their own (mysql2's `timeout` option armed
 * one per statement, which kept every statement's objects alive across young-generation collections).
 */
import timers from 'node:timers';
import mysql from 'mysql2/promise';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchAnswers } from '../../src/connectors/mysql/mysql-answer-watchdog.js';
import { CLIENT_TIMEOUT } from '../../src/connectors/mysql/mysql-errors.js';
import { lookIntervalOf } from '../../src/connectors/sql/unanswered-statements.js';
import { MYSQL_ADMIN_URL } from '../support/databases.js';

const pools: mysql.Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});

function watchedPool(timeoutMs: number, connectionLimit = 4): mysql.Pool {
  const pool = mysql.createPool({ uri: MYSQL_ADMIN_URL, connectionLimit });
  watchAnswers(pool.pool, timeoutMs);
  pools.push(pool);
  return pool;
}

describe('the MySQL answer watchdog', () => {
  it("fails a statement left unanswered past the timeout with mysql2's timeout error, within two looks", async () => {
    const pool = watchedPool(300);
    await pool.query('SELECT 1');
    const started = performance.now();
    const error = await pool.query('SELECT SLEEP(3)').then(
      () => undefined,
      (failure: unknown) => failure,
    );
    const waited = performance.now() - started;
    expect((error as { code?: string }).code).toBe(CLIENT_TIMEOUT);
    expect(waited).toBeGreaterThanOrEqual(300);
    expect(waited).toBeLessThan(300 + 2 * lookIntervalOf(300) + 250);
  });

  it('leaves statements answered within the timeout alone, also many in a row on one connection', async () => {
    const pool = watchedPool(400, 1);
    for (let i = 0; i < 20; i++) {
      const [rows] = await pool.query('SELECT SLEEP(0.03) AS slept, ? AS n', [i]);
      expect((rows as Array<{ n: number }>)[0]?.n).toBe(i);
    }
  });

  it('arms no timer per statement (mysql2 with the timeout option arms one each)', async () => {
    const armed = async (pool: mysql.Pool, options: { timeout?: number }) => {
      await Promise.all(Array.from({ length: 8 }, () => pool.query('SELECT 1')));
      const setTimeoutCalls = vi.spyOn(timers, 'setTimeout');
      try {
        await Promise.all(
          Array.from({ length: 8 }, () => pool.query({ sql: 'SELECT SLEEP(0.05)', ...options })),
        );
        return setTimeoutCalls.mock.calls.length;
      } finally {
        setTimeoutCalls.mockRestore();
      }
    };
    expect(await armed(watchedPool(30_000, 8), {})).toBe(0);
    const unwatched = mysql.createPool({ uri: MYSQL_ADMIN_URL, connectionLimit: 8 });
    pools.push(unwatched);
    expect(await armed(unwatched, { timeout: 30_000 })).toBe(8);
  });
});
