/**
 * Test helper: SQL of the shared synthetic wide schema (make-wide-schema.mjs), for tests that
 * need many tables.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Where the shared datasets live (DISCOGRAPH_SHARED_DIR, else ../shared beside the repository). */
export function sharedDir(): string {
  return process.env.DISCOGRAPH_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');
}

/** The PostgreSQL SQL of a wide schema with `tables` tables (deterministic for a given seed). */
export function wideSchemaSql(tables: number, seed = 1): string {
  const script = path.join(sharedDir(), 'datasets', 'synthetic', 'make-wide-schema.mjs');
  return execFileSync(
    process.execPath,
    [script, '--tables', String(tables), '--dialect', 'postgres', '--seed', String(seed)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 },
  );
}
