/**
 * The gateway's top-level settings (the database, where it listens, what it discovers and
 * serves, the HTTP engine) as one zod schema, used for the config file, environment variables
 * and flags alike; the settings with a file of their own (`limits`, `database`, `auth`, …) are
 * checked there. A value of the wrong type or out of range is one line naming the setting, the
 * value and what is expected.
 *
 * @example
 * // discograph.config.json: { "hideColumns": "*.email" }
 * // → config file: "hideColumns" is "*.email"; expected a list (JSON array)
 */
import { z } from 'zod';
import { envBoolean, envInteger, envList, parseSetting } from './config-schema.js';

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

/** The top-level settings this file owns, every key optional (only what a source sets). */
export const GATEWAY_SETTINGS_SCHEMA = z.object({
  databaseUrl: z.string().min(1).optional(),
  databaseReadUrls: envList().optional(),
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
  jit: 'DISCOGRAPH_JIT',
  httpFastPath: 'DISCOGRAPH_HTTP_FAST_PATH',
  hooks: 'DISCOGRAPH_HOOKS',
};

/**
 * Checks the top-level settings of a config file object: those this file owns with their
 * schema, every other key against `otherKeys` (the settings other files own and check); an
 * unknown key is an error naming it.
 */
export function checkFileSettings(
  file: Record<string, unknown>,
  otherKeys: readonly string[],
): GatewaySettings {
  const others = Object.fromEntries(otherKeys.map((key) => [key, z.unknown().optional()]));
  const schema = GATEWAY_SETTINGS_SCHEMA.extend(others).strict();
  return parseSetting(schema, file, 'config file', '') as GatewaySettings;
}

/** The top-level settings set by environment variables (`PORT`, `DISCOGRAPH_HIDE_COLUMNS`, …). */
export function gatewaySettingsFromEnvironment(env: NodeJS.ProcessEnv): GatewaySettings {
  const raw: Record<string, string> = {};
  const names: Record<string, string> = {};
  for (const [setting, variable] of Object.entries(GATEWAY_SETTINGS_ENV) as [string, string][]) {
    const text = env[variable];
    if (text === undefined || text === '') continue;
    raw[setting] = text;
    names[setting] = variable;
  }
  const parsed = parseSetting(GATEWAY_SETTINGS_SCHEMA, raw, 'environment', '', names);
  return Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined));
}

/** Checks the top-level settings given as flags. */
export function checkFlagSettings(flags: Record<string, unknown>): void {
  const owned = Object.fromEntries(
    Object.entries(flags).filter(([key]) => Object.hasOwn(GATEWAY_SETTINGS_SCHEMA.shape, key)),
  );
  parseSetting(GATEWAY_SETTINGS_SCHEMA, owned, 'flag', '');
}
