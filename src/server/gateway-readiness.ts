/**
 * `/readyz`'s check of the database: a `SELECT 1` that must answer within the connect timeout.
 * A stopped server refuses at once; a frozen one (a hung host, a partition) accepts and never
 * answers, so the check gives up on its own clock rather than waiting for the driver's.
 */
import type { GatewaySource } from './gateway-source.js';
import type { Readiness } from './http-server.js';

/**
 * How much longer than the connect timeout the check waits: a driver that waits out the connect
 * timeout itself before it gives up (MongoDB's server selection, `serverSelectionTimeoutMS`)
 * then reports its own reason (`cannot reach MongoDB at …: connection refused`), not the
 * check's clock.
 */
export const READINESS_MARGIN_MS = 250;

/**
 * Pings the source's database; not ready (`DATABASE_UNAVAILABLE`) when it fails or takes longer
 * than `connectTimeoutMs` (plus READINESS_MARGIN_MS).
 */
export async function checkReadiness(source: GatewaySource, connectTimeoutMs: number): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the database did not answer within ${connectTimeoutMs} ms`)),
      connectTimeoutMs + READINESS_MARGIN_MS,
    );
  });
  try {
    await Promise.race([pingSource(source), late]);
    return { ready: true };
  } catch (error) {
    return { ready: false, reason: (error as Error).message, code: 'DATABASE_UNAVAILABLE' };
  } finally {
    clearTimeout(timer);
  }
}

/** Connects first when the source is not connected yet (a start from the cache), then pings. */
async function pingSource(source: GatewaySource): Promise<void> {
  await source.dataSource.ready();
  const connector = source.dataSource.connector;
  if (!connector) throw new Error('the data source has no connector');
  await connector.ping();
}
