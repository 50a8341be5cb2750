/**
 * The `cacheDir` setting: where the schema cache of the configured database is kept. Set
 * (`--cache-dir`, `DISCOGRAPH_CACHE_DIR`, `cacheDir` in the file), it is that folder; not set, it
 * is the database's own folder under `./schema-cache/` (`demo/` for the embedded demo,
 * `postgresql-chinook/` for `postgres://…/chinook`), so serving your own database never compares
 * it with the demo's cache.
 */
import path from 'node:path';
import { defaultSchemaCacheDir, type SchemaCacheSource } from '../../cache/cache-source.js';

/** Options of `resolveCacheDir`. */
export interface ResolveCacheDirOptions {
  /** The folder the flags, environment or file name, if any (highest precedence first). */
  explicit: string | undefined;
  /** The configured database (undefined: the embedded demo). */
  source: SchemaCacheSource | undefined;
  cwd: string;
}

/** The absolute cache folder of the configuration. */
export function resolveCacheDir(options: ResolveCacheDirOptions): string {
  return options.explicit
    ? path.resolve(options.cwd, options.explicit)
    : defaultSchemaCacheDir(options.source, options.cwd);
}
