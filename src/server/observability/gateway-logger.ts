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

/** Whether `auto` means pretty output. */
function wantsPretty(config: LoggingConfig, options: GatewayLoggerOptions): boolean {
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

/** Creates the logger `config` describes (pino-pretty is loaded only for pretty output). */
export async function createGatewayLogger(
  config: LoggingConfig,
  options: GatewayLoggerOptions,
): Promise<GatewayLogger> {
  // Standard error, written asynchronously (a slow reader never blocks a request); `logger.flush()`
  // and pino's exit handling write what is pending.
  let destination = options.destination ?? pino.destination({ dest: 2, sync: false });
  if (wantsPretty(config, options)) {
    const { default: pretty } = await import('pino-pretty');
    destination = pretty({
      destination: options.destination ?? 2,
      sync: true,
      colorize: options.destination === undefined && process.stderr.isTTY === true,
      translateTime: 'HH:MM:ss.l',
      ignore: 'pid,hostname',
    });
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

/** A plain-text log function (the gateway's `log` option) writing to `logger` at `level` (default info). */
export function lineLogger(logger: GatewayLogger): GatewayLog {
  return (line, level = 'info') => logger[level](line);
}
