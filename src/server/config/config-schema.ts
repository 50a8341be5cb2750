/**
 * What every settings file (`*-config.ts`) uses to describe its settings with zod, once for the
 * config file, environment variables and flags alike: environment values (text) are read by the
 * setting's own schema (`envBoolean`, `envInteger`, `envList`), and any failure becomes one line
 * that names the setting, the value and what is expected (`configErrorOf`), thrown as a
 * `ConfigError` (the CLI prints it and exits with 2).
 *
 * @example
 * readSection('metrics', METRICS_SCHEMA, METRICS_ENV, { file: { access: 'all' }, env: {} });
 * // ConfigError: config file: "metrics.access" is "all"; expected one of "local", "any"
 */
import { type ZodType, z } from 'zod';
import { ConfigError } from './config-error.js';

/** Where a value came from, for the error line (`config file discograph.config.json`, `environment`, `flag`). */
export type ConfigOrigin = string;

/**
 * Whether text is being read as the setting's value (environment variables: `"false"`, `"10"`);
 * in a config file a boolean or a number written as a string is a wrong type, never converted.
 */
let readingText = false;

/** Whether the value being read is text from the environment or a flag (for a setting's own preprocessing). */
export function isReadingText(): boolean {
  return readingText;
}

const TRUE_TEXT = /^(1|true|yes|on)$/i;
const FALSE_TEXT = /^(0|false|no|off)$/i;

/** A boolean; from the environment `true/false`, `1/0`, `yes/no`, `on/off` (in a file: JSON `true`/`false` only). */
export function envBoolean(): ZodType<boolean> {
  return z.preprocess((value) => {
    if (!readingText || typeof value !== 'string') return value;
    if (TRUE_TEXT.test(value)) return true;
    if (FALSE_TEXT.test(value)) return false;
    return value;
  }, z.boolean());
}

/** A whole number from `min` to `max`; from the environment its decimal text (in a file: a JSON number). */
export function envInteger(min: number, max: number): ZodType<number> {
  const error = `a whole number from ${min} to ${max}`;
  return z.preprocess(
    (value) =>
      readingText && typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value,
    z.number({ error }).int({ error }).min(min, { error }).max(max, { error }),
  );
}

/** zod's own wording of an issue (replaced by `describeExpected`); a schema's custom message is kept. */
const ZOD_WORDING = /^(Invalid|Too (small|big)|Unrecognized)/;

/** A list of strings (at least `min`); from the environment a comma list (`a,b`) (in a file: a JSON array). */
export function envList(item: ZodType<string> = z.string().min(1), min = 0): ZodType<string[]> {
  return z.preprocess(
    (value) =>
      readingText && typeof value === 'string'
        ? value
            .split(',')
            .map((part) => part.trim())
            .filter(Boolean)
        : value,
    min > 0 ? z.array(item).min(min) : z.array(item),
  );
}

function describeExpected(issue: z.core.$ZodIssue, asText: boolean): string {
  switch (issue.code) {
    case 'invalid_key': {
      const inner = issue.issues[0];
      return inner && !ZOD_WORDING.test(inner.message) ? inner.message : 'another key';
    }
    case 'invalid_type':
      if (issue.expected === 'array') return 'a list (JSON array)';
      if (issue.expected === 'boolean') {
        return asText
          ? 'true or false (or 1/0, yes/no, on/off)'
          : 'true or false (a JSON boolean, not a string)';
      }
      if (issue.expected === 'number') return 'a number';
      if (issue.expected === 'object') return 'an object';
      return `a ${issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') {
        return issue.minimum === 1 ? 'non-empty text' : `text of at least ${issue.minimum} characters`;
      }
      if (issue.origin === 'array') return `at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
      return `a number ${issue.inclusive ? '≥' : '>'} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `text of at most ${issue.maximum} characters`;
      return `a number ${issue.inclusive ? '≤' : '<'} ${issue.maximum}`;
    case 'invalid_value':
      return `one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'unrecognized_keys':
      return 'no such setting';
    default:
      return issue.message;
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    // An item of a comma list from the environment or a flag: the list is still its text here.
    if (typeof value === 'string' && /^\d+$/.test(String(key))) {
      value = value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
    }
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Settings whose value is never repeated in an error (`auth.jwt.secret`, `metrics.token`). */
const SECRET_KEY = /(secret|token|password)$/i;

/** A value as an error shows it: JSON, shortened, with a URL's password replaced by `***`. */
function show(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = (JSON.stringify(value) ?? String(value)).replace(/(\/\/[^:/@\s"]*:)[^@/\s"]*@/g, '$1***@');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The setting in `names` that holds `key` (itself or a parent), and the rest of the path below it. */
function holderOf(
  key: string,
  names: Readonly<Record<string, string>>,
): { name: string; rest: string } | undefined {
  if (names[key] !== undefined) return { name: names[key], rest: '' };
  for (const [setting, name] of Object.entries(names)) {
    if (key.startsWith(`${setting}.`)) return { name, rest: key.slice(setting.length + 1) };
  }
  return undefined;
}

/**
 * How the user wrote the setting at `key`: its own name in `names` (an environment variable, a
 * flag), or the name of the setting holding it with the rest of the path (`"DISCOGRAPH_ROLES"
 * (at viewer.Invoice.read)`, `"DISCOGRAPH_CORS_ORIGINS" (item 2)`), else the key itself.
 */
function nameOf(key: string, names: Readonly<Record<string, string>>): string {
  const holder = holderOf(key, names);
  if (!holder) return `"${key}"`;
  if (holder.rest === '') return `"${holder.name}"`;
  return /^\d+$/.test(holder.rest)
    ? `"${holder.name}" (item ${Number(holder.rest) + 1})`
    : `"${holder.name}" (at ${holder.rest})`;
}

/**
 * The one-line error of a setting that cannot be used, whatever checked it: `"cors.credentials"
 * is true; expected false with the origin "*"`. A secret's value is never shown.
 */
export function settingError(
  origin: ConfigOrigin | undefined,
  key: string,
  value: unknown,
  expected: string,
  named = `"${key}"`,
): ConfigError {
  const shown = SECRET_KEY.test(key) && value !== undefined ? '(hidden)' : show(value);
  return new ConfigError(`${origin ? `${origin}: ` : ''}${named} is ${shown}; expected ${expected}`, {
    key,
    ...(SECRET_KEY.test(key) ? {} : { value }),
    ...(origin ? { origin } : {}),
  });
}

/**
 * The one-line error of the first issue zod found in `input` (read under `prefix`, e.g.
 * `database`): `config file: "database.acquireTimeoutMs" is -5; expected a number ≥ 0`.
 * `names` maps a setting path to how its origin names it (an environment variable).
 */
export function configErrorOf(
  error: z.ZodError,
  input: unknown,
  origin: ConfigOrigin,
  prefix: string,
  names: Readonly<Record<string, string>> = {},
): ConfigError {
  const issue = error.issues[0] as z.core.$ZodIssue;
  const join = (path: readonly PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join('.');
  if (issue.code === 'unrecognized_keys') {
    const key = join([...issue.path, issue.keys[0] as string]);
    const holder = holderOf(key, names);
    const shown = holder ? `"${holder.rest}" in "${holder.name}"` : `"${key}"`;
    return new ConfigError(`${origin}: unknown setting ${shown}`, { key, origin });
  }
  // A value of its own variable or flag is text (`off`); one inside a JSON variable is JSON.
  const asText = origin !== 'config file' && names[join(issue.path)] !== undefined;
  const expected = ZOD_WORDING.test(issue.message) ? describeExpected(issue, asText) : issue.message;
  if (issue.code === 'invalid_key') {
    // The key itself is wrong (`hiddenColumnValues: {"email": …}`): show the key, not its value.
    const parent = join(issue.path.slice(0, -1));
    const badKey = issue.path[issue.path.length - 1];
    return settingError(
      origin,
      parent,
      String(badKey),
      `a key that is ${expected}`,
      `a key of ${nameOf(parent, names)}`,
    );
  }
  const key = join(issue.path);
  return settingError(origin, key, valueAt(input, issue.path), expected, nameOf(key, names));
}

/** Parses `input` with `schema`, throwing the one-line `ConfigError` of the first problem. */
export function parseSetting<T>(
  schema: ZodType<T>,
  input: unknown,
  origin: ConfigOrigin,
  prefix: string,
  names?: Readonly<Record<string, string>>,
): T {
  // Environment variables and flags are text: `"10"` is read as 10, `"off"` as false.
  readingText = origin === 'environment' || origin === 'flag';
  let parsed: ReturnType<ZodType<T>['safeParse']>;
  try {
    parsed = schema.safeParse(input);
  } finally {
    readingText = false;
  }
  if (!parsed.success) throw configErrorOf(parsed.error, input, origin, prefix, names);
  return parsed.data;
}

/** Where a section of settings comes from, lowest precedence first after the defaults. */
export interface SectionSources {
  file?: unknown;
  env: NodeJS.ProcessEnv;
  flags?: unknown;
  /** How the flags are spelled, by setting path (`{ port: '--port', 'logging.level': '--log-level' }`). */
  flagNames?: Readonly<Record<string, string>>;
}

/** Options of `readSection`. */
export interface SectionOptions {
  /** Variables that hold JSON (`DISCOGRAPH_ROLES`): parsed before the schema reads the value. */
  json?: readonly string[];
  /** Settings whose objects are merged key by key across sources (`jwt`, `cors`), not replaced. */
  merged?: readonly string[];
}

/** Sets `value` at a dotted `path` of `target`, creating the objects on the way. */
function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = target;
  for (const key of keys.slice(0, -1)) {
    at[key] ??= {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys[keys.length - 1] as string] = value;
}

/**
 * The settings the environment sets, as the section's object (`{ jwt: { secret: … } }`), with
 * the variable naming each setting path (for the error line).
 */
function environmentSettings(
  name: string,
  variables: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv,
  json: readonly string[],
): { raw: Record<string, unknown>; names: Record<string, string> } {
  const raw: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  for (const [setting, variable] of Object.entries(variables)) {
    const text = env[variable];
    if (text === undefined || text === '') continue;
    const key = [name, setting].filter(Boolean).join('.');
    let value: unknown = text;
    if (json.includes(variable)) {
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new ConfigError(
          `environment: "${variable}" is not JSON (${(error as Error).message}); expected a JSON object`,
          { key: variable, origin: 'environment' },
        );
      }
    }
    setAt(raw, setting, value);
    names[key] = variable;
  }
  return { raw, names };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `base` with the settings of `over` that are set; the `merged` objects key by key. */
function mergeSettings(
  base: Record<string, unknown>,
  over: unknown,
  merged: readonly string[],
): Record<string, unknown> {
  const result = { ...base };
  for (const [key, value] of Object.entries(over as Record<string, unknown>)) {
    if (value === undefined) continue;
    const previous = result[key];
    result[key] =
      merged.includes(key) && isPlainObject(previous) && isPlainObject(value)
        ? mergeSettings(previous, value, [])
        : value;
  }
  return result;
}

/**
 * A section's settings (`logging`, `auth`, … or the top level, `name` ''): its defaults, then the
 * config file's object, the environment variables `variables` names (setting path → variable,
 * `'jwt.secret': 'DISCOGRAPH_JWT_SECRET'`), then flags; each source checked by the section's
 * strict object schema (whose fields are optional: only what a source sets).
 */
export function readSection<T extends object>(
  name: string,
  schema: ZodType,
  variables: Readonly<Record<string, string>>,
  defaults: T,
  sources: SectionSources,
  options: SectionOptions = {},
): T {
  const fromFile = sources.file === undefined ? {} : parseSetting(schema, sources.file, 'config file', name);
  const env = environmentSettings(name, variables, sources.env, options.json ?? []);
  const fromEnv = parseSetting(schema, env.raw, 'environment', name, env.names);
  const fromFlags =
    sources.flags === undefined ? {} : parseSetting(schema, sources.flags, 'flag', name, sources.flagNames);
  const merged = options.merged ?? [];
  let settings = defaults as Record<string, unknown>;
  for (const source of [fromFile, fromEnv, fromFlags]) settings = mergeSettings(settings, source, merged);
  return settings as T;
}
