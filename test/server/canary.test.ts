import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayProcess, runCanary, startGatewayProcess } from '../support/canary.js';
import { CHINOOK_PG_URL } from '../support/databases.js';
import { HOSTILE_REQUESTS } from '../support/hostile-requests.js';

/** The RSS the gateway process must stay under (`CANARY_RSS_CEILING_MB`, default 1 GB). */
const RSS_CEILING_BYTES = Number(process.env.CANARY_RSS_CEILING_MB ?? 1024) * 1024 * 1024;
/** How long the cheap query may take, each time (`CANARY_DEADLINE_MS`, default 1 s). */
const PROBE_DEADLINE_MS = Number(process.env.CANARY_DEADLINE_MS ?? 1000);

describe('the canary', () => {
  let gateway: GatewayProcess;

  beforeAll(async () => {
    gateway = await startGatewayProcess({ databaseUrl: CHINOOK_PG_URL });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('keeps answering a cheap query within a second, stays up and under the RSS ceiling while hostile requests run', async () => {
    const report = await runCanary({
      gateway,
      hostile: HOSTILE_REQUESTS,
      probeDeadlineMs: PROBE_DEADLINE_MS,
    });
    const summary = [
      ...report.outcomes.map(
        (outcome) =>
          `${outcome.name}: ${outcome.status ?? outcome.error} in ${Math.round(outcome.ms)} ms ${outcome.body?.slice(0, 120) ?? ''}`,
      ),
      `probes: ${report.probes.length}, slowest ${Math.round(report.slowestProbeMs)} ms, max RSS ${Math.round(report.maxRssBytes / 2 ** 20)} MB`,
      ...report.failedProbes.map((probe) => `failed probe at ${Math.round(probe.at)} ms: ${probe.problem}`),
    ].join('\n');
    // CANARY_REPORT=1 prints what the canary saw, also when it passes.
    if (process.env.CANARY_REPORT) console.log(summary);
    expect(report.outcomes).toHaveLength(HOSTILE_REQUESTS.length * 2);
    expect(report.alive, `${summary}\n${gateway.log().slice(-2_000)}`).toBe(true);
    expect(report.failedProbes, summary).toEqual([]);
    expect(report.probes.length).toBeGreaterThanOrEqual(3);
    expect(report.maxRssBytes, summary).toBeGreaterThan(0);
    expect(report.maxRssBytes, summary).toBeLessThan(RSS_CEILING_BYTES);
  }, 180_000);
});
