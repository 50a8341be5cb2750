#!/usr/bin/env node
// Model-building benchmark: the time, CPU and heap that `dataSource.buildModelsFrom(definitions)`
// takes on the model definitions of a schema cache (by default the 1,000-table `wide1000`, as
// `discograph discover` writes it), then reading every model's resolved relations (what the
// GraphQL layer does right after). Each run is a fresh Node process, so the figures are those of
// a cold start (`discograph serve --from-cache`), not of a warmed-up JIT.
//
// Times are medians (and the fastest run: on a shared machine, the one least disturbed).
//
// Usage: npm run build && node bench/discovery/models-wide.mjs [--cache /tmp/wide1000-cache]
//          [--url postgres://postgres@127.0.0.1:5432/wide1000] [--runs 9] [--json]
//        A CPU profile of one run: node --cpu-prof bench/discovery/models-wide.mjs --once
// Heap: `allocated` is heapUsed after minus before, measured in a second process whose young
// generation is large enough that no collection runs in between (so it counts every byte
// allocated); `retained` is heapUsed after a full collection, minus the same before. Times come
// from the first process, with Node's default heap settings (collections included).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && index + 1 < args.length ? args[index + 1] : fallback;
};
const cacheDir = option('cache', '/tmp/wide1000-cache');
const url = option('url', 'postgres://postgres@127.0.0.1:5432/wide1000');
const runs = Number(option('runs', 9));
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, not ${runs}`);

async function importCompiled(relative) {
  const file = path.join(repoRoot, 'dist', relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return import(pathToFileURL(file).href);
}

const mb = (bytes) => bytes / 1024 / 1024;

/** One measured build in this process; prints one JSON line. */
async function once() {
  const { readSchemaCache } = await importCompiled('cache/schema-cache.js');
  const { DataSource } = await importCompiled('juggler/datasource.js');
  const { definitions } = readSchemaCache(cacheDir, { sdl: false });
  const dataSource = new DataSource('postgresql', { url, max: 1 });
  dataSource.on('error', () => {});
  await dataSource.ready();
  globalThis.gc?.();
  const collections = [];
  const observer = new PerformanceObserver((list) => collections.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const heapBefore = process.memoryUsage().heapUsed;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const models = dataSource.buildModelsFrom(definitions);
  const built = performance.now();
  let relationCount = 0;
  for (const Model of Object.values(models)) relationCount += Object.values(Model.relations).length;
  const resolved = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  const heapAfter = process.memoryUsage().heapUsed;
  await new Promise((resolve) => setTimeout(resolve, 20));
  observer.disconnect();
  const gcMs = collections
    .filter((entry) => entry.startTime >= start && entry.startTime < resolved)
    .reduce((sum, entry) => sum + entry.duration, 0);
  globalThis.gc?.();
  const heapRetained = process.memoryUsage().heapUsed;
  await dataSource.disconnect();
  console.log(
    JSON.stringify({
      models: Object.keys(models).length,
      relations: relationCount,
      buildMs: built - start,
      relationsMs: resolved - built,
      gcMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      allocatedMb: mb(heapAfter - heapBefore),
      retainedMb: mb(heapRetained - heapBefore),
    }),
  );
}

function median(values) {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main() {
  const script = fileURLToPath(import.meta.url);
  const results = [];
  const measure = (flags) => {
    const output = execFileSync(
      process.execPath,
      [...flags, script, '--once', '--cache', cacheDir, '--url', url],
      { encoding: 'utf8' },
    );
    return JSON.parse(output.trim().split('\n').pop());
  };
  for (let run = 0; run < runs; run += 1) {
    const timed = measure(['--expose-gc']);
    const heap = measure(['--expose-gc', '--min-semi-space-size=128', '--max-semi-space-size=128']);
    results.push({ ...timed, allocatedMb: heap.allocatedMb });
  }
  const of = (key) => results.map((result) => result[key]);
  const summary = {
    cache: cacheDir,
    runs,
    models: results[0].models,
    relations: results[0].relations,
    buildMs: median(of('buildMs')),
    buildMinMs: Math.min(...of('buildMs')),
    relationsMs: median(of('relationsMs')),
    relationsMinMs: Math.min(...of('relationsMs')),
    gcMs: median(of('gcMs')),
    cpuMs: median(of('cpuMs')),
    allocatedMb: median(of('allocatedMb')),
    retainedMb: median(of('retainedMb')),
  };
  if (args.includes('--json')) {
    console.log(JSON.stringify(summary));
    return;
  }
  const fixed = (value) => value.toFixed(1);
  console.log(
    `${summary.models} models, ${summary.relations} relations from ${cacheDir}, median of ${runs} cold runs:`,
  );
  console.log(`  buildModelsFrom        ${fixed(summary.buildMs)} ms (fastest ${fixed(summary.buildMinMs)})`);
  console.log(
    `  read all relations     ${fixed(summary.relationsMs)} ms (fastest ${fixed(summary.relationsMinMs)})`,
  );
  console.log(`  of which in GC pauses  ${fixed(summary.gcMs)} ms`);
  console.log(`  process CPU (both)     ${fixed(summary.cpuMs)} ms (all threads: GC and compilers too)`);
  console.log(`  heap allocated (both)  ${fixed(summary.allocatedMb)} MB`);
  console.log(`  heap retained (both)   ${fixed(summary.retainedMb)} MB`);
}

if (args.includes('--once')) await once();
else await main();
