/**
 * The logger of a command, made from the `logging` settings: on the process's own standard error
 * pino writes there directly (buffered, flushed when the command ends); with another `CommandIo`
 * (tests) each line goes to its `err`.
 */
import { Writable } from 'node:stream';
import type { GatewayConfig } from '../server/config.js';
import {
  createGatewayLogger,
  type GatewayLogger,
  wantsPretty,
} from '../server/observability/gateway-logger.js';
import { type CommandIo, processIo } from './command-io.js';
import { createDiscoveryProgress, type DiscoveryProgress } from './discovery-progress.js';

/** A stream writing each line it receives to `io.err`. */
function lineStream(io: CommandIo): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line !== '') io.err(line);
      done();
    },
  });
}

/** The command's logger (pretty on a terminal outside production, JSON otherwise, unless configured). */
export function createCommandLogger(
  config: Pick<GatewayConfig, 'logging' | 'production'>,
  io: CommandIo,
): Promise<GatewayLogger> {
  if (io === processIo) return createGatewayLogger(config.logging, { production: config.production });
  return createGatewayLogger(config.logging, {
    production: config.production,
    destination: lineStream(io),
    terminal: false,
  });
}

/** The status line of a command's discovery: painted when standard error is a terminal showing pretty logs. */
export function createCommandProgress(
  config: Pick<GatewayConfig, 'logging' | 'production'>,
  io: CommandIo,
): DiscoveryProgress {
  const terminal = io.terminal?.isTTY === true;
  return createDiscoveryProgress(
    io.terminal,
    wantsPretty(config.logging, { production: config.production, terminal }),
  );
}
