/**
 * `ConfigError`, the error of a configuration value that cannot be used. Kept apart from
 * config.ts so that each area's settings file (src/server/config/*-config.ts) can throw it while
 * config.ts imports those files, without an import cycle.
 */
import { DiscographError } from '../../juggler/errors.js';

/** A configuration value that cannot be used. */
export class ConfigError extends DiscographError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INVALID_CONFIGURATION', message, { details, statusCode: 500 });
  }
}
