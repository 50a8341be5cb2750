/**
 * The schema cache directory (`schema-cache/`): what discovery produced, kept so a replica can
 * start without discovery and so schema changes show up as clean diffs in review.
 *
 *   manifest.json          source, database, time, discovery options, catalog hash, model list
 *   models/<Model>.json    one LoopBack model definition per model, in the form LoopBack loads
 *                          (`common/models/<model>.json`, see juggler/discovery/loopback-model-json.ts)
 *   schema.graphql         the SDL snapshot client code generation reads
 *
 * Everything is written deterministically: the same catalog gives byte-identical files.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fromLoopBackModelJson, toLoopBackModelJson } from '../juggler/discovery/loopback-model-json.js';
import { DiscographError } from '../juggler/errors.js';
import type { ModelDefinition } from '../juggler/model-definition.js';
import type { SchemaCacheSource } from './cache-source.js';
import { runnableCommand } from './discover-advice.js';

/**
 * Bumped when the layout or file formats change incompatibly. 2: model files in LoopBack's form
 * (exact types in each property's `discograph` block); format 1 (Discograph's own form) is still read.
 */
export const SCHEMA_CACHE_FORMAT_VERSION = 2;
const READABLE_FORMAT_VERSIONS = new Set([1, SCHEMA_CACHE_FORMAT_VERSION]);

/** `manifest.json`. */
export interface SchemaCacheManifest {
  formatVersion: number;
  source: SchemaCacheSource;
  /** ISO time of the discovery that produced this catalog (kept while the catalog is unchanged). */
  discoveredAt: string;
  options: Record<string, unknown>;
  /** sha256 of the discovered catalog: equal hashes mean nothing changed. */
  catalogHash: string;
  models: string[];
}

/** What a cache directory holds. */
export interface SchemaCacheContents {
  manifest: SchemaCacheManifest;
  definitions: ModelDefinition[];
  sdl?: string;
}

/** JSON with object keys in a stable order (arrays keep theirs), for hashing. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Hash of model definitions (or a catalog): equal inputs give equal hashes. */
export function hashCatalog(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('hex');
}

function writeIfChanged(file: string, content: string): void {
  if (existsSync(file) && readFileSync(file, 'utf8') === content) return;
  writeFileSync(file, content);
}

function cacheMissing(dir: string, file: string): DiscographError {
  return new DiscographError(
    'SCHEMA_CACHE_MISSING',
    `No schema cache at ${path.join(dir, file)}; run \`${runnableCommand('discover')}\` to write it`,
    { details: { dir, file }, statusCode: 500 },
  );
}

/** Options of `writeSchemaCache`. */
export interface WriteSchemaCacheOptions {
  source: SchemaCacheManifest['source'];
  options: Record<string, unknown>;
  definitions: ModelDefinition[];
  sdl?: string;
  /** Defaults to a hash of the definitions. */
  catalogHash?: string;
  now?: Date;
}

/** Writes the cache; files whose content is unchanged are not touched, stale model files are removed. */
export function writeSchemaCache(dir: string, input: WriteSchemaCacheOptions): SchemaCacheManifest {
  const modelsDir = path.join(dir, 'models');
  mkdirSync(modelsDir, { recursive: true });
  const definitions = [...input.definitions].sort((a, b) => a.name.localeCompare(b.name));
  const catalogHash = input.catalogHash ?? hashCatalog(definitions);
  const previous = existsSync(path.join(dir, 'manifest.json')) ? readManifest(dir) : undefined;
  const manifest: SchemaCacheManifest = {
    formatVersion: SCHEMA_CACHE_FORMAT_VERSION,
    source: input.source,
    discoveredAt:
      previous?.catalogHash === catalogHash ? previous.discoveredAt : (input.now ?? new Date()).toISOString(),
    options: input.options,
    catalogHash,
    models: definitions.map((definition) => definition.name),
  };
  const wanted = new Set(definitions.map((definition) => `${definition.name}.json`));
  for (const file of readdirSync(modelsDir)) {
    if (file.endsWith('.json') && !wanted.has(file)) rmSync(path.join(modelsDir, file));
  }
  for (const definition of definitions) {
    writeIfChanged(path.join(modelsDir, `${definition.name}.json`), definitionText(definition));
  }
  if (input.sdl !== undefined)
    writeIfChanged(path.join(dir, 'schema.graphql'), input.sdl.endsWith('\n') ? input.sdl : `${input.sdl}\n`);
  writeIfChanged(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function readManifest(dir: string): SchemaCacheManifest {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) throw cacheMissing(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as SchemaCacheManifest;
  if (!READABLE_FORMAT_VERSIONS.has(manifest.formatVersion)) {
    throw new DiscographError(
      'SCHEMA_CACHE_MISSING',
      `The schema cache in ${dir} has format ${manifest.formatVersion}, this version reads ${SCHEMA_CACHE_FORMAT_VERSION}; run \`${runnableCommand('discover')}\` again`,
      { details: { dir } },
    );
  }
  return manifest;
}

/** The database the cache in `dir` was made from (its manifest's `source`). */
export function readSchemaCacheSource(dir: string): SchemaCacheManifest['source'] {
  return readManifest(dir).source;
}

/** Whether `dir` holds a schema cache. */
export function hasSchemaCache(dir: string): boolean {
  return existsSync(path.join(dir, 'manifest.json'));
}

/** Options of `readSchemaCache`. */
export interface ReadSchemaCacheOptions {
  /** Read `schema.graphql` too (default true); serving does not need it. */
  sdl?: boolean;
}

/** Reads the cache, failing with SCHEMA_CACHE_MISSING (naming the file) when it is incomplete. */
export function readSchemaCache(dir: string, options: ReadSchemaCacheOptions = {}): SchemaCacheContents {
  const manifest = readManifest(dir);
  const definitions = manifest.models.map((name) => {
    const file = path.join('models', `${name}.json`);
    const text = readIfExists(path.join(dir, file));
    if (text === undefined) throw cacheMissing(dir, file);
    return fromLoopBackModelJson(JSON.parse(text) as ModelDefinition);
  });
  const sdl = options.sdl === false ? undefined : readIfExists(path.join(dir, 'schema.graphql'));
  return { manifest, definitions, ...(sdl !== undefined ? { sdl } : {}) };
}

/** The text `writeSchemaCache` writes for one model definition: LoopBack's form of it. */
function definitionText(definition: ModelDefinition): string {
  return `${JSON.stringify(toLoopBackModelJson(definition), null, 2)}\n`;
}

/**
 * Whether the cache in `dir` holds exactly `definitions` (the same models, byte-identical files):
 * a cheaper question than reading and diffing it, so a start with discovery only pays for the
 * diff when something changed.
 */
export function schemaCacheMatches(dir: string, definitions: readonly ModelDefinition[]): boolean {
  const manifest = readManifest(dir);
  if (manifest.models.length !== definitions.length) return false;
  const names = new Set(manifest.models);
  return definitions.every(
    (definition) =>
      names.has(definition.name) &&
      readIfExists(path.join(dir, 'models', `${definition.name}.json`)) === definitionText(definition),
  );
}

/** A file's text, or undefined when it does not exist (one system call instead of two). */
function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
