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

/** A list of strings; from the environment a comma list (`a,b`) (in a file: a JSON array). */
export function envList(item: ZodType<string> = z.string().min(1)): ZodType<string[]> {
  return z.preprocess(
    (value) =>
      readingText && typeof value === 'string'
        ? value
            .split(',')
            .map((part) => part.trim())
            .filter(Boolean)
        : value,
    z.array(item),
  );
}

function describeExpected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'array') return 'a list (JSON array)';
      if (issue.expected === 'boolean') return 'true or false (a JSON boolean, not a string)';
      if (issue.expected === 'number') return 'a number';
      if (issue.expected === 'object') return 'an object';
      return `a ${issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return `text of at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return `at least ${issue.minimum} items`;
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
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
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
    return new ConfigError(`${origin}: unknown setting "${key}"`, { key, origin });
  }
  const key = join(issue.path);
  const named = names[key] ?? key;
  const value = valueAt(input, issue.path);
  const expected = ZOD_WORDING.test(issue.message) ? describeExpected(issue) : issue.message;
  return new ConfigError(`${origin}: "${named}" is ${show(value)}; expected ${expected}`, {
    key: named,
    value,
    origin,
  });
}

/** Parses `input` with `schema`, throwing the one-line `ConfigError` of the first problem. */
export function parseSetting<T>(
  schema: ZodType<T>,
  input: unknown,
  origin: ConfigOrigin,
  prefix: string,
  names?: Readonly<Record<string, string>>,
): T {
  readingText = origin === 'environment';
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
}

/**
 * A section's settings (`logging`, `metrics`, …): its defaults, then the config file's object,
 * the environment variables `variables` names (setting → variable), then flags; each checked by
 * the section's strict object schema (whose fields are optional: only what a source sets).
 */
export function readSection<T extends object>(
  name: string,
  schema: z.ZodObject,
  variables: Readonly<Partial<Record<keyof T & string, string>>>,
  defaults: T,
  sources: SectionSources,
): T {
  const fromFile = sources.file === undefined ? {} : parseSetting(schema, sources.file, 'config file', name);
  const rawEnv: Record<string, string> = {};
  const names: Record<string, string> = {};
  for (const [setting, variable] of Object.entries(variables) as [string, string][]) {
    const text = sources.env[variable];
    if (text === undefined || text === '') continue;
    rawEnv[setting] = text;
    names[`${name}.${setting}`] = variable;
  }
  const fromEnv = parseSetting(schema, rawEnv, 'environment', name, names);
  const fromFlags = sources.flags === undefined ? {} : parseSetting(schema, sources.flags, 'flag', name);
  return { ...defaults, ...definedOnly(fromFile), ...definedOnly(fromEnv), ...definedOnly(fromFlags) } as T;
}

function definedOnly(values: unknown): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values as Record<string, unknown>).filter(([, value]) => value !== undefined),
  );
}
