#!/usr/bin/env node
// Schema building benchmark on a wide schema cache (what `discograph serve --from-cache` does
// between reading the cache and serving): models and their sources (`defineModelsLazily`: classes
// built on first use, relations resolved from the definitions; `fromDefinedModels`), then the schema
// (`buildGraphQLSchemaWithNames`: names, resolver maps, types, assembly), then a first query on
// one model (which defines the Query fields and that model's type). Every run is a fresh process
// (a start is cold: no JIT, no memoised names), so runs are independent; medians are reported:
// wall time, and CPU time of the process (compiler and GC threads included; with
// --single-threaded they work on the main thread, which makes CPU times steadier on a busy
// machine). GC time is what the `gc` performance entries report inside each step; `heap` is
// the heap used after the build (after a full GC: what the schema keeps). With --alloc, one
// more process estimates the bytes allocated per step with V8's sampling heap profiler
// (collected objects included; slower, so not timed).
//
// The cache: node bench/discovery/pg-wide.mjs --tables 1000 --runs 1, then
//   node dist/cli/main.js discover --database-url postgres://postgres@127.0.0.1:5432/wide1000 --cache-dir /tmp/wide1000-cache
// (bench/startup.mjs writes the same cache).
//
// Usage: npm run build && node bench/discovery/schema-wide.mjs [options]
//   --cache /tmp/wide1000-cache    the schema cache to build from
//   --runs 9                       cold runs (processes); medians are reported
//   --single-threaded              run node with --single-threaded
//   --alloc                        also estimate allocated bytes per step (one more process)
//   --dist DIR                     the compiled code to measure (default dist/)
//   --baseline DIR                 also measure this build, runs taking turns: a copy of an older
//                                  dist/ where it finds node_modules (e.g. a folder holding it and
//                                  a node_modules link)
//   --json                         the summary as JSON
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, parseFlags, usageOf } from '../lib/util.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const STEPS = ['sources', 'schema', 'firstQuery'];

/** The compiled code measured: dist/ of this repository, or a copy given with --dist (before/after). */
let distDir = path.join(repoRoot, 'dist');

async function importCompiled(relative) {
  const file = path.join(distDir, relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return import(pathToFileURL(file).href);
}

/** Estimated bytes allocated by `run()` (sampling heap profiler, collected objects included). */
async function allocatedBytes(session, run) {
  const post = (method, params) =>
    new Promise((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  const value = run();
  const { profile } = await post('HeapProfiler.stopSampling');
  let bytes = 0;
  for (const sample of profile.samples) bytes += sample.size;
  return { value, bytes };
}

/** One cold build in this process; prints its figures as JSON. */
async function child(cacheDir, alloc) {
  const { readSchemaCache } = await importCompiled('cache/schema-cache.js');
  const { DataSource } = await importCompiled('juggler/datasource.js');
  // By factory, not by name: the juggler registers no connector itself (any dist/ accepts a factory).
  const { connectorFactory: memoryFactory } = await importCompiled('connectors/memory/index.js');
  const { fromDefinedModels } = await importCompiled('graphql/model-source.js');
  const { deferredModelClasses } = await importCompiled('graphql/model-class.js');
  const { buildGraphQLSchemaWithNames, createGraphQLContext } = await importCompiled('graphql/index.js');
  const { graphql } = await import('graphql');
  const { definitions } = readSchemaCache(cacheDir, { sdl: false });
  const dataSource = new DataSource(memoryFactory);
  // As the gateway builds them: classes built on first use where this build has that (an older
  // --baseline build every class at once, outside the timed steps, as it did then).
  const lazy = typeof dataSource.defineModelsLazily === 'function';
  const models = lazy ? undefined : dataSource.buildModelsFrom(definitions);

  const gcEntries = [];
  const observer = new PerformanceObserver((list) => gcEntries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const steps = {};
  let session;
  if (alloc) {
    const inspector = await import('node:inspector');
    session = new inspector.Session();
    session.connect();
  }
  const step = async (name, run) => {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const { value, bytes } = session ? await allocatedBytes(session, run) : { value: await run() };
    const cpu = process.cpuUsage(cpuStart);
    const end = performance.now();
    steps[name] = {
      start,
      end,
      ms: end - start,
      cpuMs: (cpu.user + cpu.system) / 1000,
      ...(bytes !== undefined ? { allocMB: bytes / 2 ** 20 } : {}),
    };
    return value;
  };

  let modelClasses = models;
  const sources = await step('sources', () => {
    if (!lazy) return fromDefinedModels(Object.values(models), definitions);
    const defined = dataSource.defineModelsLazily(definitions);
    modelClasses = deferredModelClasses(defined.models);
    return fromDefinedModels(defined.outlines, definitions);
  });
  const build = await step('schema', () => buildGraphQLSchemaWithNames(modelClasses, { sources }));
  const { schema, names } = build;
  const [model] = [...names.models.values()].sort((a, b) => (a.type < b.type ? -1 : 1));
  const [field] = model.fields.values();
  const result = await step('firstQuery', () =>
    graphql({
      schema,
      source: `{ ${model.list}(limit: 1) { ${field} } }`,
      contextValue: createGraphQLContext(modelClasses),
    }),
  );
  if (result.errors) throw new Error(`first query failed: ${result.errors[0].message}`);
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  for (const figures of Object.values(steps)) {
    figures.gcMs = gcEntries
      .filter((entry) => entry.startTime >= figures.start && entry.startTime < figures.end)
      .reduce((sum, entry) => sum + entry.duration, 0);
    delete figures.start;
    delete figures.end;
  }
  globalThis.gc?.();
  // The schema (and the models) stay referenced until here, so the heap holds what a server keeps.
  const heapMB = schema && modelClasses ? process.memoryUsage().heapUsed / 2 ** 20 : 0;
  process.stdout.write(
    JSON.stringify({ steps, heapMB, models: names.models.size, collisions: names.collisions.length }),
  );
}

const opts = parseFlags(
  process.argv.slice(2),
  {
    cache: '/tmp/wide1000-cache',
    dist: '',
    baseline: '',
    runs: 9,
    singleThreaded: false,
    alloc: false,
    json: false,
    child: false,
  },
  usageOf(fileURLToPath(import.meta.url)),
);
if (opts.dist) distDir = path.resolve(opts.dist);

/** Runs one cold build of `dist` in a new process and returns its figures. */
function spawnRun(dist, alloc) {
  const args = [
    '--expose-gc',
    ...(opts.singleThreaded ? ['--single-threaded'] : []),
    fileURLToPath(import.meta.url),
    '--child',
    '--cache',
    opts.cache,
    '--dist',
    dist,
  ];
  const output = execFileSync(process.execPath, alloc ? [...args, '--alloc'] : args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output);
}

/** Medians over `runs` (and the allocation estimate of `allocRun`) per step. */
function summarise(runs, allocRun) {
  const summary = { models: runs[0].models, collisions: runs[0].collisions, steps: {} };
  for (const name of STEPS) {
    const of = (key) => median(runs.map((run) => run.steps[name][key]));
    summary.steps[name] = {
      ms: of('ms'),
      cpuMs: of('cpuMs'),
      gcMs: of('gcMs'),
      ...(allocRun ? { allocMB: allocRun.steps[name].allocMB } : {}),
    };
  }
  summary.buildMs = median(runs.map((run) => run.steps.sources.ms + run.steps.schema.ms));
  summary.buildCpuMs = median(runs.map((run) => run.steps.sources.cpuMs + run.steps.schema.cpuMs));
  summary.heapMB = median(runs.map((run) => run.heapMB));
  return summary;
}

function printSummary(label, summary) {
  console.log(`${label}: ${summary.models} models, ${summary.collisions} name collisions`);
  for (const [name, figures] of Object.entries(summary.steps)) {
    const alloc = figures.allocMB !== undefined ? `, ~${figures.allocMB.toFixed(1)} MB allocated` : '';
    console.log(
      `  ${name.padEnd(11)} ${figures.ms.toFixed(1).padStart(7)} ms (CPU ${figures.cpuMs.toFixed(1)} ms, GC ${figures.gcMs.toFixed(1)} ms)${alloc}`,
    );
  }
  console.log(
    `  sources + schema ${summary.buildMs.toFixed(1)} ms (CPU ${summary.buildCpuMs.toFixed(1)} ms); heap after build ${summary.heapMB.toFixed(1)} MB`,
  );
}

if (opts.child) {
  await child(opts.cache, opts.alloc);
} else {
  // With --baseline, the two builds take turns, so that both see the same load on the machine.
  const variants = [
    ...(opts.baseline
      ? [{ label: `baseline ${path.resolve(opts.baseline)}`, dist: path.resolve(opts.baseline) }]
      : []),
    { label: `measured ${distDir}`, dist: distDir },
  ];
  const runs = variants.map(() => []);
  for (let i = 0; i < opts.runs; i += 1) {
    for (const [index, variant] of variants.entries()) runs[index].push(spawnRun(variant.dist, false));
  }
  const summaries = variants.map((variant, index) =>
    summarise(runs[index], opts.alloc ? spawnRun(variant.dist, true) : undefined),
  );
  if (opts.json) {
    console.log(JSON.stringify(Object.fromEntries(variants.map((v, i) => [v.label, summaries[i]])), null, 2));
  } else {
    console.log(`${opts.cache}, median of ${opts.runs} cold runs each`);
    for (const [index, variant] of variants.entries()) printSummary(variant.label, summaries[index]);
  }
}
