/**
 * A gateway on a Chinook database (read only) with `database` settings of a test's choosing, and a
 * client that posts GraphQL over HTTP and times each answer. For the database protections' tests
 * (statement and acquire timeouts, prepared-statement budget, hostile strings).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseConfig } from '../../src/server/config/database-config.js';
import type { LimitsConfig } from '../../src/server/config/limits-config.js';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { CHINOOK_MYSQL_URL, CHINOOK_PG_URL } from './databases.js';

/** A GraphQL answer and how long it took, in milliseconds. */
export interface TimedAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  ms: number;
}

/** A running gateway on Chinook and its client. */
export interface ChinookGateway {
  gateway: RunningGateway;
  /** Posts a query (with variables) and resolves to the answer and its duration. */
  post(query: string, variables?: Record<string, unknown>): Promise<TimedAnswer>;
  stop(): Promise<void>;
}

/** Options of `startChinookGateway`. */
export interface ChinookGatewayOptions {
  database?: Partial<DatabaseConfig>;
  /** Query limits to change (a test of the database's own protections may need larger documents). */
  limits?: Partial<LimitsConfig>;
  poolSize?: number;
}

/** Starts a gateway on PostgreSQL's or MariaDB's Chinook. */
export async function startChinookGateway(
  kind: 'postgresql' | 'mysql',
  options: ChinookGatewayOptions = {},
): Promise<ChinookGateway> {
  const gateway = await startGateway({
    ...DEFAULT_CONFIG,
    databaseUrl: kind === 'postgresql' ? CHINOOK_PG_URL : CHINOOK_MYSQL_URL,
    port: 0,
    poolSize: options.poolSize ?? DEFAULT_CONFIG.poolSize,
    database: { ...DEFAULT_CONFIG.database, ...options.database },
    limits: { ...DEFAULT_CONFIG.limits, ...options.limits },
    cacheDir: mkdtempSync(path.join(os.tmpdir(), `discograph-${kind}-database-`)),
  });
  return {
    gateway,
    async post(query, variables) {
      const started = performance.now();
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const answer = (await response.json()) as Omit<TimedAnswer, 'ms'>;
      return { ...answer, ms: performance.now() - started };
    },
    stop: async () => {
      await gateway.stop();
    },
  };
}

/**
 * A regular expression that matches no track name and that the database takes seconds to minutes over on all of them (a default page cannot end the scan early): PostgreSQL's
 * engine builds a huge automaton for nested bounded repeats, MariaDB's PCRE backtracks.
 */
export const SLOW_REGEXP: Record<'postgresql' | 'mysql', string> = {
  postgresql: '((.*){1,30}){1,30}~#~',
  mysql: '(.*)*(.*)*(.*)*Q$',
};
