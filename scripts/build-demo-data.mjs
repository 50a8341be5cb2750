// Writes the seeded demo database as a PGlite data-directory archive to
// dist/demo/demo-data-v<version>.tar.gz (src/server/embedded/demo-data-archive.ts), so that the
// gateway's first start on the demo unpacks it (about a second) instead of initialising a cluster
// and running the demo's SQL (several seconds). Run by `npm run build` (and `prepare`) after tsc;
// skipped when the archive of this version exists already. Usage: node scripts/build-demo-data.mjs
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(repoRoot, 'dist');
const { DEMO_MARKER, DEMO_SCHEMA_SQL } = await import(path.join(dist, 'server/embedded/demo-schema.js'));
const { DEMO_DATA_ARCHIVE_NAME } = await import(path.join(dist, 'server/embedded/demo-data-archive.js'));

const target = path.join(dist, 'demo', DEMO_DATA_ARCHIVE_NAME);
if (existsSync(target)) {
  console.log(`demo data: ${path.relative(repoRoot, target)} is up to date`);
} else {
  const started = performance.now();
  const db = new PGlite();
  await db.exec(DEMO_SCHEMA_SQL);
  await db.exec(`comment on schema public is '${DEMO_MARKER}'`);
  await db.exec('checkpoint');
  const archive = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
  await db.close();
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(`${target}.tmp`, archive);
  renameSync(`${target}.tmp`, target);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`demo data: wrote ${path.relative(repoRoot, target)} (${(archive.length / 1e6).toFixed(1)} MB, ${seconds} s)`);
}
