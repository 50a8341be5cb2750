/**
 * The seeded demo database as a data-directory archive (PGlite's `dumpDataDir`, a gzipped tar),
 * made by the build (`scripts/build-demo-data.mjs`) so that a first start unpacks it instead of
 * initialising a cluster and running the demo's SQL, which took most of a first start. It lives
 * in the package's `dist/demo/`, named after the demo's version; without it (a checkout not built
 * yet) the demo is created as before.
 *
 * @example
 * demoDataArchivePath(); // '/app/dist/demo/demo-data-v1.tar.gz' once built, else undefined
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDiscographPackage } from '../../cache/discover-advice.js';
import { DEMO_SCHEMA_VERSION } from './demo-schema.js';

/** The archive's file name for this version of the demo. */
export const DEMO_DATA_ARCHIVE_NAME = `demo-data-v${DEMO_SCHEMA_VERSION}.tar.gz`;

/** The folder of Discograph's package.json above `from` (src/, dist/ or the bundled CLI's chunks). */
function packageRootAbove(from: string): string | undefined {
  for (let folder = from; ; folder = path.dirname(folder)) {
    if (isDiscographPackage(folder)) return folder;
    if (path.dirname(folder) === folder) return undefined;
  }
}

/** The build's demo archive, or undefined when this package has none (not built). */
export function demoDataArchivePath(): string | undefined {
  const root = packageRootAbove(path.dirname(fileURLToPath(import.meta.url)));
  if (root === undefined) return undefined;
  const archive = path.join(root, 'dist', 'demo', DEMO_DATA_ARCHIVE_NAME);
  return existsSync(archive) ? archive : undefined;
}
