/**
 * The hostile suite (issue 15): a gateway process on a writable copy of Chinook, PostgreSQL and
 * MariaDB, with JWT authentication on, sent every hostile request of
 * test/support/hostile-suite-requests.ts twice while the canary keeps asking a cheap query. Each
 * request gets what its case says (a refusal with its code, or data), no answer is an internal
 * error or lacks a code, the process stays up and under its memory ceiling, the cheap query keeps
 * answering within a second, and no row of any table changed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GatewayProcess,
  type HostileOutcome,
  runCanary,
  startGatewayProcess,
} from '../support/canary.js';
import {
  createMysqlDatabase,
  createPgDatabase,
  dropMysqlDatabase,
  dropPgDatabase,
  runMysqlSql,
  runPgSql,
} from '../support/databases.js';
import { type HostileCase, hostileCases, validTokenHeader } from '../support/hostile-suite-requests.js';

const SECRET = 'hostile-suite-secret-of-at-least-32-bytes';
const RSS_CEILING_BYTES = Number(process.env.CANARY_RSS_CEILING_MB ?? 1024) * 1024 * 1024;
const PROBE_DEADLINE_MS = Number(process.env.CANARY_DEADLINE_MS ?? 1000);

interface Dialect {
  name: string;
  database: string;
  create(): Promise<string>;
  drop(): Promise<void>;
  /** Row count and a checksum of every table: equal before and after means nothing changed. */
  fingerprint(url: string): Promise<string>;
}

const dialects: Dialect[] = [
  {
    name: 'PostgreSQL',
    database: 'hostile_suite_pg',
    create: () => createPgDatabase('hostile_suite_pg', { template: 'chinook' }),
    drop: () => dropPgDatabase('hostile_suite_pg'),
    async fingerprint(url) {
      const tables = await runPgSql(
        url,
        "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
      );
      const parts: string[] = [];
      for (const { table_name: table } of tables.rows as { table_name: string }[]) {
        const { rows } = await runPgSql(
          url,
          `select count(*)::text as n, coalesce(sum(hashtext(t::text)::bigint), 0)::text as h from "${table}" t`,
        );
        parts.push(`${table}:${rows[0].n}:${rows[0].h}`);
      }
      return parts.join(' ');
    },
  },
  {
    name: 'MariaDB',
    database: 'hostile_suite_my',
    create: () => createMysqlDatabase('hostile_suite_my', { copyOf: 'Chinook' }),
    drop: () => dropMysqlDatabase('hostile_suite_my'),
    async fingerprint(url) {
      const tables = (await runMysqlSql(
        url,
        "select table_name as t from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE' order by 1",
      )) as { t: string }[];
      const sums = (await runMysqlSql(
        url,
        `checksum table ${tables.map(({ t }) => `\`${t}\``).join(', ')}`,
      )) as { Table: string; Checksum: number }[];
      return sums.map((row) => `${row.Table}:${row.Checksum}`).join(' ');
    },
  },
];

/** The codes of the GraphQL errors in an answer's body (empty when it holds none or is not JSON). */
function errorCodes(outcome: HostileOutcome): string[] {
  try {
    const parsed = JSON.parse(outcome.body ?? '') as { errors?: { extensions?: { code?: string } }[] };
    return (parsed.errors ?? []).map((error) => error.extensions?.code ?? '(no code)');
  } catch {
    return [];
  }
}

function answeredWithData(outcome: HostileOutcome): boolean {
  try {
    const parsed = JSON.parse(outcome.body ?? '') as { data?: unknown; errors?: unknown[] };
    return outcome.status === 200 && parsed.data !== undefined && parsed.data !== null && !parsed.errors;
  } catch {
    return false;
  }
}

/** What is wrong with the answer to `request`, or undefined when it is what the case says. */
function problemWith(request: HostileCase, outcome: HostileOutcome): string | undefined {
  if (outcome.status === undefined) return `no answer (${outcome.error})`;
  if (outcome.status >= 500) return `HTTP ${outcome.status}`;
  const codes = errorCodes(outcome);
  if (codes.includes('INTERNAL_SERVER_ERROR')) return 'an internal error';
  if (codes.includes('(no code)')) return 'an error without a code';
  if (request.expect === 'answered') return answeredWithData(outcome) ? undefined : 'no data';
  if (request.expect === 'refused') {
    if (!codes.some((code) => request.codes?.includes(code))) return `codes ${codes.join(', ') || 'none'}`;
    return outcome.status >= 400 || codes.length > 0 ? undefined : 'not refused';
  }
  return codes.length > 0 || answeredWithData(outcome) ? undefined : 'neither data nor a coded error';
}

describe.each(dialects)('the hostile suite on $name', (dialect) => {
  let url: string;
  let gateway: GatewayProcess;
  let configDir: string;
  let before: string;

  beforeAll(async () => {
    url = await dialect.create();
    before = await dialect.fingerprint(url);
    configDir = mkdtempSync(path.join(os.tmpdir(), 'discograph-hostile-'));
    const configFile = path.join(configDir, 'discograph.config.json');
    writeFileSync(configFile, JSON.stringify({ auth: { jwt: { secret: SECRET } } }));
    gateway = await startGatewayProcess({ databaseUrl: url, args: ['--config', configFile] });
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
    await dialect.drop();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  it('answers every hostile request with its code or its data, keeps serving within a second, stays under the memory ceiling and changes no row', async () => {
    const cases = hostileCases(SECRET);
    const report = await runCanary({ gateway, hostile: cases, probeDeadlineMs: PROBE_DEADLINE_MS });
    const byName = new Map(cases.map((request) => [request.name, request]));
    const problems = report.outcomes.flatMap((outcome) => {
      const request = byName.get(outcome.name) as HostileCase;
      const problem = problemWith(request, outcome);
      return problem
        ? [`${outcome.name}: ${problem} — ${outcome.status} ${outcome.body?.slice(0, 300)}`]
        : [];
    });
    const summary = `probes ${report.probes.length}, slowest ${Math.round(report.slowestProbeMs)} ms, max RSS ${Math.round(report.maxRssBytes / 2 ** 20)} MB`;
    if (process.env.CANARY_REPORT) console.log(`${dialect.name}: ${cases.length} cases × 2, ${summary}`);
    expect(problems, summary).toEqual([]);
    expect(report.outcomes).toHaveLength(cases.length * 2);
    expect(report.alive, gateway.log().slice(-2_000)).toBe(true);
    expect(report.failedProbes, summary).toEqual([]);
    expect(report.maxRssBytes, summary).toBeLessThan(RSS_CEILING_BYTES);
    expect(await dialect.fingerprint(url)).toBe(before);
  }, 300_000);

  it('still serves a verified caller after the hostile requests', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...validTokenHeader(SECRET) },
      body: JSON.stringify({ query: '{ tracks(limit: 2, order: [TRACK_ID_ASC]) { name } }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { tracks: [{ name: 'For Those About To Rock (We Salute You)' }, { name: 'Balls to the Wall' }] },
    });
  });
});
