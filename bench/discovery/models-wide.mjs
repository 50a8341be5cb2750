#!/usr/bin/env node
// Model-building benchmark: the time, CPU and heap that `dataSource.buildModelsFrom(definitions)`
// takes on the model definitions of a schema cache (by default the 1,000-table `wide1000`, as
// `discograph discover` writes it), then reading every model's resolved relations (what the
// GraphQL layer does right after). Each run is a fresh Node process, so the figures are those of
// a cold start (`discograph serve --from-cache`), not of a warmed-up JIT. The same is measured for
// `dataSource.defineModelsLazily(definitions)` (what the gateway does: classes built when first
// used, every relation resolved at once from the definitions), reading the relations of its
// outlines; `--variant eager` or `--variant lazy` measures one of them only.
//
// Times are medians (and the fastest run: on a shared machine, the one least disturbed).
//
// Usage: npm run build && node bench/discovery/models-wide.mjs [--cache /tmp/wide1000-cache]
//          [--url postgres://postgres@127.0.0.1:5432/wide1000] [--runs 9] [--json]
//          [--variant eager|lazy|both]
//        A CPU profile of one run: node --cpu-prof bench/discovery/models-wide.mjs --once [--variant lazy]
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
const variant = option('variant', 'both');
if (!['eager', 'lazy', 'both'].includes(variant)) throw new Error(`--variant must be eager, lazy or both`);
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
  // By factory, not by name: the juggler registers no connector itself.
  const { connectorFactory } = await importCompiled('connectors/postgresql/index.js');
  const { definitions } = readSchemaCache(cacheDir, { sdl: false });
  const dataSource = new DataSource(connectorFactory, { url, max: 1 });
  dataSource.on('error', () => {});
  await dataSource.ready();
  globalThis.gc?.();
  const collections = [];
  const observer = new PerformanceObserver((list) => collections.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const heapBefore = process.memoryUsage().heapUsed;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  let relationCount = 0;
  let modelCount;
  let built;
  if (variant === 'lazy') {
    const { models, outlines } = dataSource.defineModelsLazily(definitions);
    built = performance.now();
    for (const outline of outlines) relationCount += Object.values(outline.relations).length;
    modelCount = Object.keys(models).length;
  } else {
    const models = dataSource.buildModelsFrom(definitions);
    built = performance.now();
    for (const Model of Object.values(models)) relationCount += Object.values(Model.relations).length;
    modelCount = Object.keys(models).length;
  }
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
      models: modelCount,
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

/** Medians (and fastest runs) of `runs` cold runs of one variant. */
function measureVariant(script, name) {
  const results = [];
  const measure = (flags) => {
    const output = execFileSync(
      process.execPath,
      [...flags, script, '--once', '--cache', cacheDir, '--url', url, '--variant', name],
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
  return {
    variant: name,
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
}

async function main() {
  const script = fileURLToPath(import.meta.url);
  const variants = variant === 'both' ? ['eager', 'lazy'] : [variant];
  const summaries = variants.map((name) => measureVariant(script, name));
  if (args.includes('--json')) {
    console.log(JSON.stringify(summaries.length === 1 ? summaries[0] : summaries));
    return;
  }
  const fixed = (value) => value.toFixed(1);
  const steps = {
    eager: ['buildModelsFrom', 'read all relations'],
    lazy: ['defineModelsLazily', 'read outline relations'],
  };
  for (const summary of summaries) {
    const [build, relations] = steps[summary.variant];
    console.log(
      `${summary.variant}: ${summary.models} models, ${summary.relations} relations from ${cacheDir}, median of ${runs} cold runs:`,
    );
    console.log(`  ${build.padEnd(22)} ${fixed(summary.buildMs)} ms (fastest ${fixed(summary.buildMinMs)})`);
    console.log(
      `  ${relations.padEnd(22)} ${fixed(summary.relationsMs)} ms (fastest ${fixed(summary.relationsMinMs)})`,
    );
    console.log(`  of which in GC pauses  ${fixed(summary.gcMs)} ms`);
    console.log(`  process CPU (both)     ${fixed(summary.cpuMs)} ms (all threads: GC and compilers too)`);
    console.log(`  heap allocated (both)  ${fixed(summary.allocatedMb)} MB`);
    console.log(`  heap retained (both)   ${fixed(summary.retainedMb)} MB`);
  }
}

if (args.includes('--once')) await once();
else await main();
