import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type AuditResult, serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { CHINOOK_PG_URL } from '../support/databases.js';

let gateway: RunningGateway;
beforeAll(async () => {
  gateway = await startGateway({
    ...DEFAULT_CONFIG,
    databaseUrl: CHINOOK_PG_URL,
    port: 0,
    cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-audit-')),
  });
});
afterAll(async () => {
  await gateway?.stop();
});

describe('the GraphQL over HTTP audit (graphql-http)', () => {
  it('passes every MUST audit and reports the SHOULD/MAY ones', async () => {
    const audits = serverAudits({ url: gateway.url, fetchFn: fetch });
    const results = await Promise.all(audits.map(async (audit) => ({ audit, result: await audit.fn() })));
    const failures = results.filter(({ result }) => result.status === 'error');
    const warnings = results.filter(({ result }) => result.status === 'warn');
    const passed = results.length - failures.length - warnings.length;
    console.info(
      `graphql-http audit: ${passed} passed, ${warnings.length} warnings, ${failures.length} errors of ${results.length}`,
    );
    const reason = (result: AuditResult) => ('reason' in result ? result.reason : '');
    for (const { audit, result } of warnings) console.info(`  warn: ${audit.name}: ${reason(result)}`);
    expect(failures.map(({ audit, result }) => `${audit.name}: ${reason(result)}`)).toEqual([]);
    expect(results.length).toBeGreaterThan(40);
  });
});
