/**
 * Which database a schema cache belongs to. Each database gets a folder of its own under
 * `schema-cache/` (`demo/` for the embedded demo, `postgresql-chinook/`, `mysql-Chinook/`), and
 * the manifest records the source, so a cache is never compared with, or served for, another
 * database.
 */
import path from 'node:path';
import { DiscographError } from '../juggler/errors.js';
import { runnableCommand } from './discover-advice.js';

/** The folder, under the working directory, that holds one folder per database. */
export const SCHEMA_CACHE_ROOT = 'schema-cache';

/** The folder of the embedded demo database's cache. */
export const DEMO_CACHE_FOLDER = 'demo';

/** The name the manifest gives the embedded demo database. */
export const DEMO_DATABASE_NAME = 'embedded demo';

/** What a schema cache was discovered from (the manifest's `source`). */
export interface SchemaCacheSource {
  connector: string;
  database: string;
  host?: string;
  port?: number;
}

/** The source of the embedded demo database. */
export const DEMO_CACHE_SOURCE: SchemaCacheSource = { connector: 'postgresql', database: DEMO_DATABASE_NAME };

/**
 * The folder name of a database's cache: `demo` for the embedded demo (no source), else
 * `<connector>-<database>` with anything but letters, digits, `.`, `_` and `-` replaced.
 *
 * @example schemaCacheFolderName({ connector: 'postgresql', database: 'chinook' }) // 'postgresql-chinook'
 */
export function schemaCacheFolderName(source: SchemaCacheSource | undefined): string {
  if (!source || isDemoSource(source)) return DEMO_CACHE_FOLDER;
  const database = source.database.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_') || 'default';
  return `${source.connector}-${database}`;
}

/** The default cache directory of a source: `<cwd>/schema-cache/<folder>`. */
export function defaultSchemaCacheDir(source: SchemaCacheSource | undefined, cwd: string): string {
  return path.resolve(cwd, SCHEMA_CACHE_ROOT, schemaCacheFolderName(source));
}

/** Whether a source is the embedded demo database. */
export function isDemoSource(source: SchemaCacheSource): boolean {
  return source.database === DEMO_DATABASE_NAME;
}

/**
 * Whether a cache made from `cached` belongs to `current`: the same connector and database name.
 * Host and port may differ (a cache discovered in CI serves the production host).
 */
export function sameCacheSource(cached: SchemaCacheSource, current: SchemaCacheSource): boolean {
  return cached.connector === current.connector && cached.database === current.database;
}

/** A source in words, for messages: `the embedded demo database`, `postgresql database "chinook"`. */
export function describeCacheSource(source: SchemaCacheSource): string {
  return isDemoSource(source)
    ? 'the embedded demo database'
    : `${source.connector} database "${source.database}"`;
}

/** A cache that belongs to another database than the one configured. */
export class SchemaCacheSourceMismatchError extends DiscographError {
  constructor(dir: string, cached: SchemaCacheSource, current: SchemaCacheSource) {
    super(
      'SCHEMA_CACHE_SOURCE_MISMATCH',
      `The schema cache in ${dir} was made from ${describeCacheSource(cached)}, not from ${describeCacheSource(current)}; run \`${runnableCommand('discover')}\` with this database to write its own cache, or point --cache-dir at that database's cache`,
      { details: { dir, cachedSource: cached, configuredSource: current } },
    );
    this.name = 'SchemaCacheSourceMismatchError';
  }
}
