/**
 * The gateway's JSON logger writing into memory: each line parsed into `lines`, for tests that
 * read the request lines and error lines a gateway writes.
 *
 * @example
 * const lines: Record<string, unknown>[] = [];
 * const gateway = await startGateway(config, { logger: await memoryLogger(lines) });
 */
import { Writable } from 'node:stream';
import { createGatewayLogger, type GatewayLogger } from '../../src/server/observability/gateway-logger.js';

/** A JSON logger at info, with request lines, whose lines land in `lines`, parsed. */
export function memoryLogger(lines: Record<string, unknown>[]): Promise<GatewayLogger> {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return createGatewayLogger(
    { level: 'info', format: 'json', requests: true },
    { production: false, destination },
  );
}
