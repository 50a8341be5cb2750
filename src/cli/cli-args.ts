/**
 * Argument parsing shared by the `discograph` commands: node's parseArgs with strict checking,
 * so an unknown option is an error that names it, and the settings flags map onto
 * GatewayConfig overrides (the highest precedence).
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { GatewayConfig, LoadConfigOptions } from '../server/config.js';

/** A command-line mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  'database-url': { type: 'string' },
  config: { type: 'string' },
  'cache-dir': { type: 'string' },
  schema: { type: 'string', multiple: true },
  'include-tables': { type: 'string', multiple: true },
  'exclude-tables': { type: 'string', multiple: true },
  'hide-columns': { type: 'string', multiple: true },
  'log-level': { type: 'string' },
  'log-format': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** Help text for the common options. */
export const COMMON_HELP = `Options for every command:
  --database-url URL   postgres://, mysql:// or mongodb:// (default: $DATABASE_URL; none: the embedded demo)
  --config FILE        JSON config file (default: $DISCOGRAPH_CONFIG or ./discograph.config.json)
  --cache-dir DIR      schema cache directory (default: ./schema-cache)
  --schema NAME        schema (PostgreSQL) or database (MySQL) to discover; repeatable
  --include-tables P   table patterns to keep (\`*\` wildcard, \`schema.table\` or \`table\`); repeatable or a comma list
  --exclude-tables P   table patterns to leave out; repeatable or a comma list
  --hide-columns P     \`table.column\` patterns to hide (\`*.password_hash\`); repeatable or a comma list
  --log-level LEVEL    trace, debug, info, warn, error, fatal or silent (default: info)
  --log-format FORMAT  json, pretty or auto (default: pretty on a terminal outside production, else JSON)
  -h, --help           show this help

Precedence: flags, then environment variables, then the config file, then defaults.`;

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `args` against the command's options; unknown options and stray arguments (past the
 * `positionals` the command takes, none by default) are UsageErrors.
 */
export function parseCommandArgs(
  args: string[],
  options: OptionsConfig,
  accepted: { positionals?: number } = {},
): { values: Record<string, unknown>; positionals: string[] } {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: (accepted.positionals ?? 0) > 0,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  if (parsed.positionals.length > (accepted.positionals ?? 0)) {
    throw new UsageError(`unexpected argument "${parsed.positionals[accepted.positionals ?? 0]}"`);
  }
  return parsed;
}

/** The items of a repeatable flag whose values may be comma lists; undefined when not given. */
function listFlag(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return (value as string[])
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter(Boolean);
}

/** How each settings flag is spelled, by the setting it sets (for the one-line error of a wrong value). */
export const FLAG_NAMES: Readonly<Record<string, string>> = {
  databaseUrl: '--database-url',
  cacheDir: '--cache-dir',
  schemas: '--schema',
  includeTables: '--include-tables',
  excludeTables: '--exclude-tables',
  hideColumns: '--hide-columns',
  port: '--port',
  host: '--host',
  graphiql: '--no-graphiql',
  hooks: '--hooks',
  shutdownTimeoutMs: '--shutdown-timeout-ms',
  'logging.level': '--log-level',
  'logging.format': '--log-format',
};

/**
 * Turns the common flags into config overrides, as the user wrote them: `loadConfig` checks them
 * with the configuration's schema (`--port abc` is one line naming `--port`, exit code 2).
 */
export function overridesFromFlags(values: Record<string, unknown>): Partial<GatewayConfig> {
  const overrides: Partial<GatewayConfig> = {};
  if (typeof values['database-url'] === 'string') overrides.databaseUrl = values['database-url'];
  if (typeof values['cache-dir'] === 'string') overrides.cacheDir = values['cache-dir'];
  if (Array.isArray(values.schema)) overrides.schemas = values.schema as string[];
  // Text, read by the schema as a whole number (a flag is text, as an environment variable is).
  if (typeof values.port === 'string') overrides.port = values.port as unknown as number;
  if (typeof values.host === 'string') overrides.host = values.host;
  if (typeof values['shutdown-timeout-ms'] === 'string') {
    overrides.shutdownTimeoutMs = values['shutdown-timeout-ms'] as unknown as number;
  }
  const includeTables = listFlag(values['include-tables']);
  if (includeTables) overrides.includeTables = includeTables;
  const excludeTables = listFlag(values['exclude-tables']);
  if (excludeTables) overrides.excludeTables = excludeTables;
  const hideColumns = listFlag(values['hide-columns']);
  if (hideColumns) overrides.hideColumns = hideColumns;
  const logging: Record<string, unknown> = {};
  if (typeof values['log-level'] === 'string') logging.level = values['log-level'];
  if (typeof values['log-format'] === 'string') logging.format = values['log-format'];
  // Checked by the logging settings' schema in loadConfig (a wrong level is one line, exit code 2).
  if (Object.keys(logging).length > 0) overrides.logging = logging as unknown as GatewayConfig['logging'];
  if (values['no-graphiql'] === true) overrides.graphiql = false;
  if (Array.isArray(values.hooks)) overrides.hooks = values.hooks as string[];
  return overrides;
}

/** The options of `loadConfig` the flags give: the overrides, how the flags are spelled, `--config`. */
export function loadOptionsFromFlags(values: Record<string, unknown>): LoadConfigOptions {
  return {
    overrides: overridesFromFlags(values),
    flagNames: FLAG_NAMES,
    ...(typeof values.config === 'string' ? { configFile: values.config } : {}),
  };
}
