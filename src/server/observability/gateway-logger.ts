/**
 * The gateway's logger: pino, one JSON object per line by default (production, pipes, files),
 * pretty lines for people on a terminal (`logging.format`: `auto` picks), at `logging.level`,
 * with secrets redacted from fields and from text (redact-secrets.ts). Logs go to standard error,
 * so that standard output stays for command results (SDL, JSON).
 *
 * @example
 * const logger = await createGatewayLogger(config.logging, { production: false });
 * logger.info({ models: 11 }, 'discovery done');
 */
import type { Writable } from 'node:stream';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LoggingConfig } from '../config/observability-config.js';
import { BatchedLineDestination, type LineStream } from './batched-line-destination.js';
import { CENSORED, REDACTED_PATHS, redactSecrets } from './redact-secrets.js';

/** The gateway's logger (pino's). */
export type GatewayLogger = Logger;

/** The levels a plain-text log call may name. */
export type LineLevel = 'debug' | 'info' | 'warn' | 'error';

/** A line of progress or information for the operator, at `level` (default info). */
export type GatewayLog = (line: string, level?: LineLevel) => void;

/** Options of `createGatewayLogger`. */
export interface GatewayLoggerOptions {
  /** Production mode: `auto` format is JSON even on a terminal. */
  production: boolean;
  /** Where lines go (default: standard error). */
  destination?: DestinationStream | Writable;
  /** Whether the destination is a terminal (default: whether standard error is one). */
  terminal?: boolean;
}

/** Whether the logs are lines for people (`pretty`, or `auto` on a terminal outside production). */
export function wantsPretty(config: LoggingConfig, options: GatewayLoggerOptions): boolean {
  if (config.format !== 'auto') return config.format === 'pretty';
  return !options.production && (options.terminal ?? process.stderr.isTTY === true);
}

/** An error as a log field: name, message, code, correlation id and stack, with secrets redacted. */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: redactSecrets(String(error)) };
  const coded = error as Error & { code?: unknown; extensions?: { code?: unknown }; cause?: unknown };
  const code = coded.code ?? coded.extensions?.code;
  return {
    type: error.name,
    message: redactSecrets(error.message),
    ...(code !== undefined ? { code: String(code) } : {}),
    ...(error.stack ? { stack: redactSecrets(error.stack) } : {}),
    ...(coded.cause !== undefined ? { cause: serializeError(coded.cause) } : {}),
  };
}

/**
 * Bytes of log lines written to standard error at once: some 250 request lines. Each write costs
 * a thread-pool round trip and a system call whatever its size; at 12 KiB that was still 2.5 µs
 * per request line under load, at 64 KiB under 1 µs.
 */
const LINE_BATCH_BYTES = 64 * 1024;

/**
 * Standard error, written asynchronously (a slow reader never blocks a request) and in batches of
 * 64 KiB or every 100 ms, whichever comes first (batched-line-destination.ts): one write per line
 * was most of what a request line cost under load. `logger.flush()`, `flushSync()` and the
 * process's exit write what is pending.
 */
function bufferedStandardError(): DestinationStream {
  // minLength 1: sonic-boom writes each batch at once, and its flush(callback) waits for the write.
  const standardError = 2;
  const stream = pino.destination({
    dest: standardError,
    sync: false,
    minLength: 1,
    contentMode: 'buffer',
    maxWrite: LINE_BATCH_BYTES,
  });
  return new BatchedLineDestination(stream as unknown as LineStream, standardError, {
    batchBytes: LINE_BATCH_BYTES,
  });
}

/** Creates the logger `config` describes (pino-pretty is loaded only for pretty output). */
export async function createGatewayLogger(
  config: LoggingConfig,
  options: GatewayLoggerOptions,
): Promise<GatewayLogger> {
  let destination: DestinationStream | Writable;
  if (wantsPretty(config, options)) {
    const { default: pretty } = await import('pino-pretty');
    destination = pretty({
      destination: options.destination ?? 2,
      sync: true,
      colorize: options.destination === undefined && process.stderr.isTTY === true,
      translateTime: 'HH:MM:ss.l',
      ignore: 'pid,hostname',
    });
  } else {
    destination = options.destination ?? bufferedStandardError();
  }
  return pino(
    {
      level: config.level,
      base: undefined,
      redact: { paths: [...REDACTED_PATHS], censor: CENSORED },
      serializers: { err: serializeError },
      hooks: {
        logMethod(args, method) {
          for (let index = 0; index < args.length; index += 1) {
            const arg = args[index];
            if (typeof arg === 'string') (args as unknown[])[index] = redactSecrets(arg);
          }
          method.apply(this, args);
        },
      },
    },
    destination as DestinationStream,
  );
}

/**
 * Writes whole lines of JSON (request-log-line.ts) to `logger`'s destination, where its own lines
 * go (standard error in batches, pretty lines, a test's memory), bypassing pino's formatting.
 */
export function lineWriterOf(logger: GatewayLogger): (line: string) => void {
  const destination = (logger as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym];
  if (destination === undefined) throw new Error('the logger has no destination to write lines to');
  return (line) => {
    destination.write(line);
  };
}

/** A plain-text log function (the gateway's `log` option) writing to `logger` at `level` (default info). */
export function lineLogger(logger: GatewayLogger): GatewayLog {
  return (line, level = 'info') => logger[level](line);
}
