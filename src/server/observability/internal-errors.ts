/**
 * Internal errors, logged once with the correlation id the client receives: an error the
 * resolvers' boundary masks (graphql/errors.ts) already carries one; an error masked later by
 * yoga's `maskError` (a hook or the context failing, on either HTTP path) gets one here, in its
 * message and `extensions.correlationId`, and is logged with it.
 *
 * @example
 * // answer: {"errors":[{"message":"Unexpected error; quote 0c6e… when reporting it.",
 * //          "extensions":{"code":"INTERNAL_SERVER_ERROR","correlationId":"0c6e…"}}]}
 * // log:    {"level":50,"msg":"internal error","correlationId":"0c6e…","err":{"type":"Error",…}}
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { GatewayLogger } from './gateway-logger.js';

/** Receives an internal error with the correlation id its client received. */
export type InternalErrorLog = (error: unknown, correlationId: string) => void;

/** yoga's `maskError` (what `maskedErrors.maskError` receives). */
export type MaskError = (error: unknown, message: string, isDev?: boolean) => Error;

/** The one line (then the stack) an internal error is written with in a plain-text log. */
export function describeInternalError(error: unknown): string {
  if (!(error instanceof Error)) return `internal error: ${String(error)}`;
  const code =
    (error as { code?: unknown }).code ?? (error as { extensions?: { code?: unknown } }).extensions?.code;
  const first = `internal error: ${error.name}: ${error.message}${code !== undefined ? ` (code ${String(code)})` : ''}`;
  const stack = error.stack?.split('\n').slice(1).join('\n');
  return stack ? `${first}\n${stack}` : first;
}

/** Logs internal errors as one machine-readable `internal error` entry of `logger` (level error). */
export function loggerInternalErrorLog(logger: GatewayLogger): InternalErrorLog {
  return (error, correlationId) => logger.error({ err: error, correlationId }, 'internal error');
}

/** Logs internal errors to a plain-text log function: the correlation id, then the error and its stack. */
export function lineInternalErrorLog(
  log: ((line: string, level?: 'error') => void) | undefined,
): InternalErrorLog {
  return (error, correlationId) =>
    log?.(`${describeInternalError(error)}\ncorrelation id: ${correlationId}`, 'error');
}

/**
 * `maskError` with a correlation id: what `mask` replaces (an internal error) is logged once with
 * a new id, which the masked error carries in its message and `extensions.correlationId`.
 */
export function correlatedMaskError(mask: MaskError, logError: InternalErrorLog): MaskError {
  return (error, message, isDev) => {
    const masked = mask(error, message, isDev);
    if (masked === error || !(masked instanceof GraphQLError)) return masked;
    const correlationId = randomUUID();
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    logError(original, correlationId);
    return new GraphQLError(`Unexpected error; quote ${correlationId} when reporting it.`, {
      nodes: masked.nodes,
      path: masked.path,
      extensions: { ...masked.extensions, code: 'INTERNAL_SERVER_ERROR', correlationId },
    });
  };
}
