/**
 * The whole configuration as one zod schema: the top-level settings of every area (the gateway's,
 * HTTP security, roles, columns) and the sections (`limits`, `database`, `mongodb`, `rateLimit`, `auth`,
 * `trustedDocuments`, `logging`, `metrics`), strict at every level, so that a config file or a
 * set of flags is checked in one pass and an unknown key anywhere is named. Environment variables
 * are read per area with the same schemas (see `readSection`).
 *
 * @example
 * parseSetting(CONFIG_SCHEMA, { rateLimit: { burst: 0 } }, 'config file', '');
 * // ConfigError: config file: "rateLimit.burst" is 0; expected a whole number from 1 to 1000000
 */
import { z } from 'zod';
import { AUTH_ENV, AUTH_SCHEMA } from './auth-config.js';
import { COLUMNS_ENV, COLUMNS_SCHEMA } from './columns-config.js';
import { DATABASE_ENV, DATABASE_SCHEMA } from './database-config.js';
import { GATEWAY_SETTINGS_ENV, GATEWAY_SETTINGS_SCHEMA } from './gateway-settings-config.js';
import { HTTP_SECURITY_ENV, HTTP_SECURITY_SCHEMA } from './http-security-config.js';
import { LIMITS_ENV, LIMITS_SCHEMA } from './limits-config.js';
import { MONGODB_ENV, MONGODB_SCHEMA } from './mongodb-config.js';
import { LOGGING_ENV, LOGGING_SCHEMA, METRICS_ENV, METRICS_SCHEMA } from './observability-config.js';
import { RATE_LIMIT_ENV, RATE_LIMIT_SCHEMA } from './rate-limit-config.js';
import { ROLES_ENV, ROLES_SCHEMA } from './roles-config.js';
import { TRUSTED_DOCUMENTS_ENV, TRUSTED_DOCUMENTS_SCHEMA } from './trusted-documents-config.js';

/** The settings at the top level of the config file, every key optional. */
export const TOP_LEVEL_SCHEMA = z
  .object({
    ...GATEWAY_SETTINGS_SCHEMA.shape,
    ...HTTP_SECURITY_SCHEMA.shape,
    ...ROLES_SCHEMA.shape,
    ...COLUMNS_SCHEMA.shape,
  })
  .strict();

/** The environment variable of each top-level setting (`cors.origins` → `DISCOGRAPH_CORS_ORIGINS`). */
export const TOP_LEVEL_ENV: Readonly<Record<string, string>> = {
  ...(GATEWAY_SETTINGS_ENV as Record<string, string>),
  ...HTTP_SECURITY_ENV,
  ...ROLES_ENV,
  ...COLUMNS_ENV,
};

/** The sections: settings grouped under one key, each with a file of its own. */
export const SECTION_SCHEMAS = {
  limits: LIMITS_SCHEMA,
  database: DATABASE_SCHEMA,
  mongodb: MONGODB_SCHEMA,
  rateLimit: RATE_LIMIT_SCHEMA,
  auth: AUTH_SCHEMA,
  trustedDocuments: TRUSTED_DOCUMENTS_SCHEMA,
  logging: LOGGING_SCHEMA,
  metrics: METRICS_SCHEMA,
} as const;

/** Each section's environment variables, by setting path within the section. */
export const SECTION_ENV: Readonly<Record<keyof typeof SECTION_SCHEMAS, Readonly<Record<string, string>>>> = {
  limits: LIMITS_ENV,
  database: DATABASE_ENV,
  mongodb: MONGODB_ENV as Readonly<Record<string, string>>,
  rateLimit: RATE_LIMIT_ENV,
  auth: AUTH_ENV,
  trustedDocuments: TRUSTED_DOCUMENTS_ENV,
  logging: LOGGING_ENV,
  metrics: METRICS_ENV,
};

/** A section's name. */
export type SectionName = keyof typeof SECTION_SCHEMAS;

/** Every setting of the configuration, as the config file (or the flags) give it. */
export const CONFIG_SCHEMA = TOP_LEVEL_SCHEMA.extend({
  limits: LIMITS_SCHEMA.optional(),
  database: DATABASE_SCHEMA.optional(),
  mongodb: MONGODB_SCHEMA.optional(),
  rateLimit: RATE_LIMIT_SCHEMA.optional(),
  auth: AUTH_SCHEMA.optional(),
  trustedDocuments: TRUSTED_DOCUMENTS_SCHEMA.optional(),
  logging: LOGGING_SCHEMA.optional(),
  metrics: METRICS_SCHEMA.optional(),
}).strict();

/** The top-level settings of a config file or flags object, without its sections. */
export function topLevelOf(
  settings: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (settings === undefined) return undefined;
  return Object.fromEntries(Object.entries(settings).filter(([key]) => !Object.hasOwn(SECTION_SCHEMAS, key)));
}
