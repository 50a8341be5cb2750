/**
 * The gateway's top-level settings (the database, where it listens, what it discovers and
 * serves, the HTTP engine) as a zod schema, used for the config file, environment variables and
 * flags alike; config-file-schema.ts joins it with the other areas' schemas into one. A value of the wrong type or out of range is one line naming the setting, the
 * value and what is expected.
 *
 * @example
 * // discograph.config.json: { "hideColumns": "*.email" }
 * // → config file: "hideColumns" is "*.email"; expected a list (JSON array)
 */
import { z } from 'zod';
import { envBoolean, envInteger, envList } from './config-schema.js';

/** Renames applied to discovered models without editing generated files. */
export interface RenameConfig {
  /** Discovered model name → new name (`{ "InvoiceLine": "OrderLine" }`). */
  models?: Record<string, string>;
  /** `Model.relation` → new relation name (`{ "Employee.reportsToEmployee": "manager" }`). */
  relations?: Record<string, string>;
}

const COLUMN_PATTERN = z
  .string()
  .regex(/^[^.\s]+(\.[^.\s]+)+$/, { error: 'a list of "table.column" patterns (`*` wildcard)' });

/** The URL schemes of the databases Discograph connects to (config.ts maps them to connectors). */
const DATABASE_SCHEMES = ['postgres:', 'postgresql:', 'mysql:', 'mariadb:', 'mongodb:', 'mongodb+srv:'];

/** A database URL: one `new URL` can read, of a scheme Discograph connects to. */
const DATABASE_URL = z.string().superRefine((value, context) => {
  let scheme: string;
  try {
    scheme = new URL(value).protocol;
  } catch {
    context.addIssue({
      code: 'custom',
      message:
        'a URL such as postgres://user:password@host:5432/database, mysql://user@host:3306/database or mongodb://host:27017/database',
    });
    return;
  }
  if (!DATABASE_SCHEMES.includes(scheme)) {
    context.addIssue({
      code: 'custom',
      message: `a postgres://, mysql:// or mongodb:// URL (the scheme "${scheme.replace(/:$/, '')}" is not supported)`,
    });
  }
});

/** The top-level settings this file owns, every key optional (only what a source sets). */
export const GATEWAY_SETTINGS_SCHEMA = z.object({
  databaseUrl: DATABASE_URL.optional(),
  databaseReadUrls: envList(DATABASE_URL).optional(),
  port: envInteger(0, 65535).optional(),
  host: z.string().min(1).optional(),
  schemas: envList().optional(),
  includeTables: envList().optional(),
  excludeTables: envList().optional(),
  hideColumns: envList(COLUMN_PATTERN).optional(),
  rename: z
    .object({
      models: z.record(z.string(), z.string().min(1)).optional(),
      relations: z.record(z.string(), z.string().min(1)).optional(),
    })
    .strict()
    .optional(),
  cacheDir: z.string().min(1).optional(),
  graphiql: envBoolean().optional(),
  maxRequestBodyBytes: envInteger(1, 1_000_000_000).optional(),
  poolSize: envInteger(1, 1000).optional(),
  shutdownTimeoutMs: envInteger(0, 3_600_000).optional(),
  jit: envBoolean().optional(),
  httpFastPath: envBoolean().optional(),
  hooks: envList().optional(),
});

/** The settings of `GATEWAY_SETTINGS_SCHEMA`. */
export type GatewaySettings = z.infer<typeof GATEWAY_SETTINGS_SCHEMA>;

/** Each setting's environment variable. */
export const GATEWAY_SETTINGS_ENV: Readonly<Partial<Record<keyof GatewaySettings, string>>> = {
  databaseUrl: 'DATABASE_URL',
  databaseReadUrls: 'DATABASE_READ_URLS',
  port: 'PORT',
  host: 'HOST',
  schemas: 'DISCOGRAPH_SCHEMAS',
  includeTables: 'DISCOGRAPH_INCLUDE_TABLES',
  excludeTables: 'DISCOGRAPH_EXCLUDE_TABLES',
  hideColumns: 'DISCOGRAPH_HIDE_COLUMNS',
  cacheDir: 'DISCOGRAPH_CACHE_DIR',
  graphiql: 'DISCOGRAPH_GRAPHIQL',
  maxRequestBodyBytes: 'DISCOGRAPH_MAX_BODY_BYTES',
  poolSize: 'DISCOGRAPH_POOL_SIZE',
  shutdownTimeoutMs: 'DISCOGRAPH_SHUTDOWN_TIMEOUT_MS',
  jit: 'DISCOGRAPH_JIT',
  httpFastPath: 'DISCOGRAPH_HTTP_FAST_PATH',
  hooks: 'DISCOGRAPH_HOOKS',
};
