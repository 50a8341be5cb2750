/**
 * The `logging` and `metrics` settings: the level and format of the logs, whether every request
 * gets a log line, and who may read `/metrics`. (Tracing has no setting of its own: the standard
 * `OTEL_*` variables turn it on, see server/observability/tracing.ts.)
 *
 * @example
 * // discograph.config.json
 * { "logging": { "level": "debug", "format": "json" }, "metrics": { "access": "any" } }
 */
import { z } from 'zod';
import { envBoolean, readSection, type SectionSources } from './config-schema.js';

/** Pino's levels, quietest last. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** A log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The `logging` settings. */
export interface LoggingConfig {
  /** The least severe level written. */
  level: LogLevel;
  /** `json` (one object per line), `pretty` (for people), `auto`: pretty on a terminal outside production. */
  format: 'auto' | 'json' | 'pretty';
  /** One log line per GraphQL request (operation, document hash, duration, statements, rows, status). */
  requests: boolean;
}

/** The `metrics` settings. */
export interface MetricsConfig {
  /** Serve Prometheus metrics at `/metrics`. */
  enabled: boolean;
  /** Who may read `/metrics` without the token: `local` (loopback addresses only) or `any`. */
  access: 'local' | 'any';
  /** A bearer token that lets any address read `/metrics` (`Authorization: Bearer <token>`). */
  token?: string;
}

/** Defaults of the `logging` settings. */
export const DEFAULT_LOGGING_CONFIG: LoggingConfig = { level: 'info', format: 'auto', requests: true };

/** Defaults of the `metrics` settings. */
export const DEFAULT_METRICS_CONFIG: MetricsConfig = { enabled: true, access: 'local' };

/** The `logging` object of the config file (and its environment variables), every key optional. */
export const LOGGING_SCHEMA = z
  .object({
    level: z.enum(LOG_LEVELS).optional(),
    format: z.enum(['auto', 'json', 'pretty']).optional(),
    requests: envBoolean().optional(),
  })
  .strict();

/** The `metrics` object of the config file (and its environment variables), every key optional. */
export const METRICS_SCHEMA = z
  .object({
    enabled: envBoolean().optional(),
    access: z.enum(['local', 'any']).optional(),
    token: z.string().min(16).optional(),
  })
  .strict();

/** Each `logging` setting's environment variable. */
export const LOGGING_ENV = {
  level: 'DISCOGRAPH_LOG_LEVEL',
  format: 'DISCOGRAPH_LOG_FORMAT',
  requests: 'DISCOGRAPH_LOG_REQUESTS',
} as const;

/** Each `metrics` setting's environment variable. */
export const METRICS_ENV = {
  enabled: 'DISCOGRAPH_METRICS',
  access: 'DISCOGRAPH_METRICS_ACCESS',
  token: 'DISCOGRAPH_METRICS_TOKEN',
} as const;

/** The `logging` settings: defaults, then the config file, environment variables and flags. */
export function readLoggingConfig(sources: SectionSources): LoggingConfig {
  return readSection('logging', LOGGING_SCHEMA, LOGGING_ENV, DEFAULT_LOGGING_CONFIG, sources);
}

/** The `metrics` settings: defaults, then the config file, environment variables and flags. */
export function readMetricsConfig(sources: SectionSources): MetricsConfig {
  return readSection('metrics', METRICS_SCHEMA, METRICS_ENV, DEFAULT_METRICS_CONFIG, sources);
}
