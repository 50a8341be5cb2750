/**
 * The `trustedDocuments` settings: an optional allow-list of operations (trusted documents, also
 * called persisted queries), built at start from the `.graphql` files codegen reads
 * (`examples/operations/`, see codegen.ts) and/or a `persisted-documents.json` manifest
 * (`{ "<sha256>": "<document text>" }`, what `discograph trusted-documents` prints and GraphQL
 * Codegen's client preset writes). Clients may then send a document's hash instead of its text.
 *
 * Off by default (every document is accepted, as before). Enabled, a request naming an unknown hash
 * is refused with PERSISTED_QUERY_NOT_FOUND and, unless `allowArbitrary`, a request whose full text
 * is not a trusted document is refused with DOCUMENT_NOT_TRUSTED before it is parsed.
 *
 * @example
 * // discograph.config.json
 * { "trustedDocuments": { "enabled": true, "folder": "client/operations", "allowArbitrary": false } }
 * // or DISCOGRAPH_TRUSTED_DOCUMENTS=on DISCOGRAPH_TRUSTED_DOCUMENTS_FOLDER=client/operations
 */
import path from 'node:path';
import { ConfigError } from './config-error.js';

/** The `trustedDocuments` settings. */
export interface TrustedDocumentsConfig {
  /** Whether the allow-list is in force (and requests by hash are understood). */
  enabled: boolean;
  /**
   * The folder whose `.graphql` files (subfolders included) hold the trusted operations; each
   * operation with the fragments it uses is one document. Skipped when it does not exist and a
   * `manifest` is given.
   */
  folder: string;
  /** A `persisted-documents.json` file (`{ "<hash>": "<document text>" }`) whose documents are trusted too. */
  manifest?: string;
  /** Also run documents sent as full text that are not in the list (requests by hash still work). */
  allowArbitrary: boolean;
}

/** Defaults of the `trustedDocuments` settings. */
export const DEFAULT_TRUSTED_DOCUMENTS_CONFIG: TrustedDocumentsConfig = {
  enabled: false,
  folder: 'examples/operations',
  allowArbitrary: false,
};

const KEYS = new Set(['enabled', 'folder', 'manifest', 'allowArbitrary']);

function fail(name: string, expected: string, value: unknown): never {
  throw new ConfigError(`${name} must be ${expected}, not ${JSON.stringify(value)}`, { name, value });
}

function parseBoolean(name: string, text: string): boolean {
  if (/^(1|true|yes|on)$/i.test(text)) return true;
  if (/^(0|false|no|off)$/i.test(text)) return false;
  return fail(name, 'true or false', text);
}

function checkPath(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') fail(name, 'a non-empty path', value);
  return value;
}

/** Checks a `trustedDocuments` object from the config file; only the keys it sets. */
export function checkTrustedDocumentsSettings(value: unknown): Partial<TrustedDocumentsConfig> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail('trustedDocuments', 'an object', value);
  }
  const checked: Partial<TrustedDocumentsConfig> = {};
  for (const [key, setting] of Object.entries(value as Record<string, unknown>)) {
    const name = `trustedDocuments.${key}`;
    if (!KEYS.has(key)) {
      throw new ConfigError(`Unknown setting "${name}"; known: ${[...KEYS].join(', ')}`, { name });
    }
    if (setting === undefined) continue;
    if (key === 'enabled' || key === 'allowArbitrary') {
      if (typeof setting !== 'boolean') fail(name, 'true or false', setting);
      checked[key] = setting;
    } else if (key === 'folder') {
      checked.folder = checkPath(name, setting);
    } else {
      checked.manifest = checkPath(name, setting);
    }
  }
  return checked;
}

/** The `trustedDocuments` settings set by environment variables. */
export function trustedDocumentsFromEnvironment(env: NodeJS.ProcessEnv): Partial<TrustedDocumentsConfig> {
  const fromEnv: Partial<TrustedDocumentsConfig> = {};
  const read = (name: string): string | undefined => (env[name] === '' ? undefined : env[name]);
  const enabled = read('DISCOGRAPH_TRUSTED_DOCUMENTS');
  if (enabled !== undefined) fromEnv.enabled = parseBoolean('DISCOGRAPH_TRUSTED_DOCUMENTS', enabled);
  const folder = read('DISCOGRAPH_TRUSTED_DOCUMENTS_FOLDER');
  if (folder !== undefined) fromEnv.folder = folder;
  const manifest = read('DISCOGRAPH_TRUSTED_DOCUMENTS_MANIFEST');
  if (manifest !== undefined) fromEnv.manifest = manifest;
  const arbitrary = read('DISCOGRAPH_TRUSTED_DOCUMENTS_ALLOW_ARBITRARY');
  if (arbitrary !== undefined) {
    fromEnv.allowArbitrary = parseBoolean('DISCOGRAPH_TRUSTED_DOCUMENTS_ALLOW_ARBITRARY', arbitrary);
  }
  return fromEnv;
}

/** Where the `trustedDocuments` settings come from, lowest precedence first after the defaults. */
export interface TrustedDocumentsSources {
  file?: unknown;
  env: NodeJS.ProcessEnv;
  /** Relative paths are resolved from here. */
  cwd: string;
}

/**
 * The `trustedDocuments` settings: defaults, then the config file and environment variables, each
 * checked; `folder` and `manifest` resolved from `cwd`.
 */
export function readTrustedDocumentsConfig(sources: TrustedDocumentsSources): TrustedDocumentsConfig {
  const config: TrustedDocumentsConfig = {
    ...DEFAULT_TRUSTED_DOCUMENTS_CONFIG,
    ...checkTrustedDocumentsSettings(sources.file),
    ...trustedDocumentsFromEnvironment(sources.env),
  };
  config.folder = path.resolve(sources.cwd, config.folder);
  if (config.manifest !== undefined) config.manifest = path.resolve(sources.cwd, config.manifest);
  return config;
}
