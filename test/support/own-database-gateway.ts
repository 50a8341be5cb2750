/**
 * A gateway on a database server of the test's own (own-postgres.ts, own-mariadb.ts), with one
 * table `note`, and a client that times every answer: for the fault tests, which stop, kill and
 * freeze that server.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/server/config/database-config.js';
import { DEFAULT_CONFIG, type GatewayConfig } from '../../src/server/config.js';
import { type RunningGateway, type StartGatewayOptions, startGateway } from '../../src/server/gateway.js';
import { OwnMariaDb } from './own-mariadb.js';
import { OwnPostgres } from './own-postgres.js';

/** A GraphQL answer, its HTTP status and how long it took, in milliseconds. */
export interface FaultAnswer {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
  ms: number;
}

/** A database server of the test's own, either kind. */
export interface OwnServer {
  kind: 'postgresql' | 'mysql';
  /** The URL of the test database on it. */
  url: string;
  /** Stops it cleanly (`kill`: as a crash). */
  stop(kill?: boolean): Promise<void>;
  start(): Promise<void>;
  freeze(): void;
  thaw(): void;
  /** Runs SQL on the test database. */
  sql(text: string): Promise<unknown[]>;
  destroy(): Promise<void>;
}

const NOTE_TABLE: Record<OwnServer['kind'], string> = {
  postgresql:
    'CREATE TABLE note (id serial PRIMARY KEY, body text NOT NULL UNIQUE, hits int NOT NULL DEFAULT 0)',
  mysql:
    'CREATE TABLE note (id int AUTO_INCREMENT PRIMARY KEY, body varchar(200) NOT NULL UNIQUE, hits int NOT NULL DEFAULT 0)',
};

/** Creates a server of `kind` with a database `faults` holding the table `note`. */
export async function createOwnServer(kind: OwnServer['kind']): Promise<OwnServer> {
  if (kind === 'postgresql') {
    const server = await OwnPostgres.create();
    const admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE faults');
    await admin.end();
    const url = server.url('faults');
    const sql = async (text: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const result = await client.query(text);
        return result.rows as unknown[];
      } finally {
        await client.end();
      }
    };
    await sql(NOTE_TABLE.postgresql);
    return {
      kind,
      url,
      stop: (kill) => server.stop(kill ? 'immediate' : 'fast'),
      start: () => server.start(),
      freeze: () => server.freeze(),
      thaw: () => server.thaw(),
      sql,
      destroy: () => server.destroy(),
    };
  }
  const server = await OwnMariaDb.create();
  await server.sql(`CREATE DATABASE faults; USE faults; ${NOTE_TABLE.mysql}`);
  const url = server.url('faults');
  return {
    kind,
    url,
    stop: (kill) => server.stop(kill ? 'SIGKILL' : 'SIGTERM'),
    start: () => server.start(),
    freeze: () => server.freeze(),
    thaw: () => server.thaw(),
    sql: async (text) => {
      const connection = await mysql.createConnection(url);
      try {
        const [rows] = await connection.query(text);
        return rows as unknown[];
      } finally {
        await connection.end();
      }
    },
    destroy: () => server.destroy(),
  };
}

/** A gateway on an own server and its client. */
export interface FaultGateway {
  gateway: RunningGateway;
  post(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<FaultAnswer>;
  /** GET of a path (`/readyz`, `/healthz`): status, body and duration. */
  get(pathname: string): Promise<{ status: number; body: Record<string, unknown>; ms: number }>;
  stop(): Promise<void>;
}

/** The fault tests' database settings: a short connect timeout, so an unreachable server is known in well under a second. */
export const FAULT_DATABASE_CONFIG: Partial<DatabaseConfig> = {
  connectTimeoutMs: 500,
  statementTimeoutMs: 1_000,
  acquireTimeoutMs: 1_000,
  clientTimeoutMs: 2_000,
};

/** Starts a gateway on `url` (with `config` changes and start options). */
export async function startFaultGateway(
  url: string,
  config: Partial<GatewayConfig> = {},
  options: StartGatewayOptions = {},
): Promise<FaultGateway> {
  const gateway = await startGateway(
    {
      ...DEFAULT_CONFIG,
      databaseUrl: url,
      port: 0,
      readinessDetails: true,
      cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-faults-')),
      ...config,
      database: { ...DEFAULT_CONFIG.database, ...FAULT_DATABASE_CONFIG, ...config.database },
    },
    options,
  );
  const base = gateway.url.replace(/\/graphql$/, '');
  return {
    gateway,
    async post(query, variables, headers = {}) {
      const started = performance.now();
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const answer = (await response.json()) as Omit<FaultAnswer, 'ms' | 'status'>;
      return { ...answer, status: response.status, ms: performance.now() - started };
    },
    async get(pathname) {
      const started = performance.now();
      const response = await fetch(`${base}${pathname}`);
      const body = (await response.json()) as Record<string, unknown>;
      return { status: response.status, body, ms: performance.now() - started };
    },
    stop: async () => {
      await gateway.stop();
    },
  };
}

/** Posts `query` until it answers without errors (every `intervalMs`, at most `timeoutMs`); resolves to the time it took. */
export async function untilAnswered(
  client: FaultGateway,
  query: string,
  timeoutMs = 10_000,
  intervalMs = 50,
): Promise<number> {
  const started = performance.now();
  for (;;) {
    const answer = await client.post(query);
    if (!answer.errors) return performance.now() - started;
    if (performance.now() - started > timeoutMs) {
      throw new Error(`no answer without errors within ${timeoutMs} ms: ${JSON.stringify(answer.errors)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
