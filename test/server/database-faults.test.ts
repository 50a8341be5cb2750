/**
 * Database faults, on servers of the test's own (never the shared ones): stopped, frozen (SIGSTOP)
 * and killed under load. The gateway must answer fast with a code, tell `/readyz`, and recover by
 * itself. Every measured time is printed (`[faults]` lines) for the record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOwnServer,
  type FaultAnswer,
  type FaultGateway,
  type OwnServer,
  startFaultGateway,
  untilAnswered,
} from '../support/own-database-gateway.js';

const READ = '{ notes { id body } }';

function report(kind: string, what: string, ms: number): void {
  console.log(`[faults] ${kind}: ${what} ${Math.round(ms)} ms`);
}

function codeOf(answer: FaultAnswer): unknown {
  return answer.errors?.[0]?.extensions?.code;
}

describe.each(['postgresql', 'mysql'] as const)('database faults on %s', (kind) => {
  let server: OwnServer;
  let client: FaultGateway;

  beforeAll(async () => {
    server = await createOwnServer(kind);
    await server.sql("INSERT INTO note (body) VALUES ('first')");
    client = await startFaultGateway(server.url);
    expect((await client.post(READ)).errors).toBeUndefined();
    // graphql-jit and yoga load 0.5 s after listen, and the first answer with errors sets up
    // yoga's result processor: neither inside a timed request.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(codeOf(await client.post('{ notes(limit: 1000000) { id } }'))).toBe('PAGE_SIZE_EXCEEDED');
  });

  afterAll(async () => {
    await client?.stop();
    await server?.destroy();
  });

  it('answers DATABASE_UNAVAILABLE in under a second while the database is stopped, /readyz says why, and recovers without a restart', async () => {
    await server.stop();
    const answer = await client.post(READ);
    report(kind, 'stopped database: DATABASE_UNAVAILABLE after', answer.ms);
    expect(codeOf(answer), JSON.stringify(answer)).toBe('DATABASE_UNAVAILABLE');
    expect(answer.ms).toBeLessThan(1_000);
    const ready = await client.get('/readyz');
    report(kind, 'stopped database: /readyz 503 after', ready.ms);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ ready: false, code: 'DATABASE_UNAVAILABLE' });
    expect(String(ready.body.reason)).toMatch(/connection refused|server closed|terminated|cannot reach/);
    expect(ready.ms).toBeLessThan(1_000);
    const restarted = performance.now();
    await server.start();
    report(kind, 'server start took', performance.now() - restarted);
    const recovery = await untilAnswered(client, READ);
    report(kind, 'stopped database: first answer after the server was back', recovery);
    expect(recovery).toBeLessThan(2_000);
    expect((await client.get('/readyz')).status).toBe(200);
  });

  it('answers a coded error within the client-side timeout while the database is frozen (SIGSTOP), and recovers when it thaws', async () => {
    server.freeze();
    try {
      const answer = await client.post(READ);
      report(kind, `frozen database: ${String(codeOf(answer))} after`, answer.ms);
      expect(['TIMEOUT', 'DATABASE_UNAVAILABLE']).toContain(codeOf(answer));
      // The client-side timeout is the statement timeout (1 s here) plus a margin of 1 s.
      expect(answer.ms).toBeLessThan(2_500);
      const ready = await client.get('/readyz');
      report(kind, 'frozen database: /readyz 503 after', ready.ms);
      expect(ready.status).toBe(503);
      expect(ready.ms).toBeLessThan(1_500);
      const next = await client.post(READ);
      report(kind, `frozen database, next request: ${String(codeOf(next))} after`, next.ms);
      expect(['TIMEOUT', 'DATABASE_UNAVAILABLE']).toContain(codeOf(next));
      expect(next.ms).toBeLessThan(2_500);
    } finally {
      server.thaw();
    }
    const recovery = await untilAnswered(client, READ);
    report(kind, 'frozen database: first answer after the thaw', recovery);
    expect(recovery).toBeLessThan(3_000);
  });

  it('stays up when the database is killed in the middle of sustained load: errors come back fast, and it recovers', async () => {
    const answers: { at: number; answer: FaultAnswer }[] = [];
    const started = performance.now();
    let running = true;
    // Four clients in a loop on loopback, for a bounded time.
    const loops = Array.from({ length: 4 }, async () => {
      while (running) answers.push({ at: performance.now() - started, answer: await client.post(READ) });
    });
    let killedAt = 0;
    let restartedAt = 0;
    let recovery = Number.POSITIVE_INFINITY;
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      killedAt = performance.now() - started;
      await server.stop(true);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await server.start();
      restartedAt = performance.now() - started;
      recovery = await untilAnswered(client, READ);
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      running = false;
      await Promise.all(loops);
    }
    const failures = answers.filter(({ answer }) => answer.errors);
    const failureTimes = failures.map(({ answer }) => answer.ms).sort((a, b) => a - b);
    const slowestFailure = failureTimes.at(-1) ?? 0;
    const medianFailure = failureTimes[Math.floor(failureTimes.length / 2)] ?? 0;
    report(
      kind,
      `killed under load: ${answers.length} requests, ${failures.length} failed; median failure`,
      medianFailure,
    );
    report(kind, 'killed under load: slowest failure', slowestFailure);
    report(kind, 'killed under load: first answer after the restart', recovery);
    expect(answers.filter(({ at, answer }) => at + answer.ms < killedAt && answer.errors)).toEqual([]);
    expect(failures.length).toBeGreaterThan(0);
    const codes = new Set(failures.map(({ answer }) => codeOf(answer)));
    expect(
      [...codes].filter((code) => code !== 'DATABASE_UNAVAILABLE'),
      JSON.stringify(failures[0]),
    ).toEqual([]);
    // A statement in flight when the server died waits at most the client-side timeout (2 s here).
    // (On a loaded 2-core machine; an idle one answers in tens of milliseconds.)
    expect(medianFailure).toBeLessThan(1_500);
    expect(slowestFailure).toBeLessThan(3_000);
    expect(recovery).toBeLessThan(2_000);
    const after = answers.filter(({ at }) => at > restartedAt + recovery + 100);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter(({ answer }) => answer.errors)).toEqual([]);
  });
});
