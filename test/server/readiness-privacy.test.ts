import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../src/server/gateway.js';
import { CHINOOK_PG_URL } from '../support/databases.js';
import { startSecurityGateway } from '../support/security-gateways.js';

/** A TCP relay to the test database that can be cut, so the gateway loses its database for real. */
async function startRelay(): Promise<{ url: string; port: number; cut: () => Promise<void> }> {
  const target = new URL(CHINOOK_PG_URL);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const url = new URL(CHINOOK_PG_URL);
  url.host = `127.0.0.1:${port}`;
  return {
    url: url.toString(),
    port,
    cut: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

const started: RunningGateway[] = [];
afterAll(async () => {
  await Promise.all(started.map((gateway) => gateway.stop()));
});

async function readyz(gateway: RunningGateway): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(gateway.url.replace(/\/graphql$/, '/readyz'));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('/readyz', () => {
  it('does not tell the database host or port when the database is gone; the log does', async () => {
    const relay = await startRelay();
    const { gateway, lines } = await startSecurityGateway(relay.url);
    started.push(gateway);
    expect(await readyz(gateway)).toEqual({ status: 200, body: { ready: true } });
    await relay.cut();
    const answer = await readyz(gateway);
    expect(answer).toEqual({
      status: 503,
      body: { ready: false, reason: 'database unreachable', code: 'DATABASE_UNAVAILABLE' },
    });
    expect(JSON.stringify(answer.body)).not.toContain(String(relay.port));
    const logged = lines.filter((line) => line.startsWith('readiness: not ready'));
    expect(logged.length).toBe(1);
    expect(logged[0]).toContain(String(relay.port));
    // A second probe with the same reason is not logged again.
    await readyz(gateway);
    expect(lines.filter((line) => line.startsWith('readiness: not ready')).length).toBe(1);
  });

  it('tells the reason with readinessDetails: true', async () => {
    const relay = await startRelay();
    const { gateway } = await startSecurityGateway(relay.url, { readinessDetails: true });
    started.push(gateway);
    await relay.cut();
    const answer = await readyz(gateway);
    expect(answer.status).toBe(503);
    expect(String(answer.body.reason)).toContain(String(relay.port));
  });
});
