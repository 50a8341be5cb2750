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
 * Bytes of log lines gathered before standard error is written (one write for many lines): some
 * 50 request lines; each write is a thread-pool round trip, which at 4 KiB still cost 2–3 % of a
 * loaded process. Below sonic-boom's `maxWrite` (16 KiB), which a buffer must stay under.
 */
const LINE_BUFFER_BYTES = 12 * 1024;
/** The longest a line waits in that buffer, in milliseconds. */
const LINE_FLUSH_INTERVAL_MS = 100;

/**
 * Standard error, written asynchronously (a slow reader never blocks a request) and in batches of
 * about 12 KiB or every 100 ms, whichever comes first: one write per line (a thread-pool round
 * trip each) was most of what a request line cost under load. `logger.flush()` and pino's exit
 * handling write what is pending.
 */
function bufferedStandardError(): DestinationStream {
  return pino.destination({
    dest: 2,
    sync: false,
    minLength: LINE_BUFFER_BYTES,
    periodicFlush: LINE_FLUSH_INTERVAL_MS,
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
 * The logger of request lines: `logger` without its field redaction, which walks every field of
 * every line (pino's `*.` paths) and was the larger part of what a request line cost. Request lines
 * carry only fields the gateway fills (operation, hash, counts, codes, ids), never headers, tokens
 * or values; their message text is still redacted like every line's.
 */
export function requestLineLogger(logger: GatewayLogger): GatewayLogger {
  return logger.child({}, { redact: { paths: [] } });
}

/** A plain-text log function (the gateway's `log` option) writing to `logger` at `level` (default info). */
export function lineLogger(logger: GatewayLogger): GatewayLog {
  return (line, level = 'info') => logger[level](line);
}
