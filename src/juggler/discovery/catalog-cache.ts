/**
 * The catalog snapshot kept in `schema-cache/catalog.<connector>.json`: written after discovery
 * (`discograph discover`), read by the `...Sync` discovery calls. Written with sorted keys and a
 * trailing newline, so the same catalog gives the same bytes and schema changes diff cleanly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DiscographError, InvalidArgumentError } from '../errors.js';
import { compareText } from './catalog-assembly.js';
import type { CatalogSnapshot } from './discovery-types.js';

/** The command that writes the schema cache, named in errors. */
const WRITE_COMMAND = 'npx discograph discover';

function assertConnectorName(connectorName: string): void {
  if (!/^[a-z][a-z0-9_-]*$/.test(connectorName)) {
    throw new InvalidArgumentError(
      `Connector name ${JSON.stringify(connectorName)} cannot name a cache file; expected lower-case letters, digits, '-' or '_'`,
      { connectorName },
    );
  }
}

/** The file a connector's snapshot is kept in: `<cacheDir>/catalog.<connector>.json`. */
export function catalogSnapshotPath(cacheDir: string, connectorName: string): string {
  assertConnectorName(connectorName);
  return path.join(cacheDir, `catalog.${connectorName}.json`);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareText(a, b));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/** The snapshot as the cache file holds it: keys sorted, two-space indent, trailing newline. */
export function serializeCatalogSnapshot(snapshot: CatalogSnapshot): string {
  return `${JSON.stringify(sortKeys(snapshot), null, 2)}\n`;
}

/**
 * Writes the snapshot to `<cacheDir>/catalog.<connector>.json` (through a temporary file, so a
 * reader never sees half a file) and resolves to the file's path.
 */
export async function saveCatalogSnapshot(cacheDir: string, snapshot: CatalogSnapshot): Promise<string> {
  const file = catalogSnapshotPath(cacheDir, snapshot.connector);
  await mkdir(cacheDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, serializeCatalogSnapshot(snapshot), 'utf8');
  await rename(temporary, file);
  return file;
}

function unusable(file: string, problem: string, cause?: unknown): DiscographError {
  return new DiscographError(
    'SCHEMA_CACHE_MISSING',
    `${problem}: ${file}. Run \`${WRITE_COMMAND}\` to write it, or use the asynchronous discovery calls, which read the database.`,
    { details: { file, command: WRITE_COMMAND }, cause },
  );
}

function isSnapshot(value: unknown, connectorName: string): value is CatalogSnapshot {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Partial<CatalogSnapshot>;
  return (
    candidate.connector === connectorName &&
    typeof candidate.database === 'string' &&
    Array.isArray(candidate.owners) &&
    Array.isArray(candidate.tables) &&
    typeof candidate.statementCount === 'number'
  );
}

/**
 * Reads `<cacheDir>/catalog.<connector>.json`. A missing or unreadable file fails with
 * SCHEMA_CACHE_MISSING naming the file and the command that writes it.
 */
export function loadCatalogSnapshotSync(cacheDir: string, connectorName: string): CatalogSnapshot {
  const file = catalogSnapshotPath(cacheDir, connectorName);
  if (!existsSync(file)) throw unusable(file, 'No catalog snapshot in the schema cache');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw unusable(file, 'The catalog snapshot in the schema cache is not valid JSON', error);
  }
  if (!isSnapshot(parsed, connectorName)) {
    throw unusable(file, `The schema cache file is not a ${connectorName} catalog snapshot`);
  }
  return parsed;
}
