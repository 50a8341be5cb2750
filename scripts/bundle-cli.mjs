#!/usr/bin/env node
// Bundles the `discograph` command (dist/cli/main.js, as tsc wrote it) with its dependencies into
// dist/cli/main.js plus lazily loaded chunks in dist/cli/chunks/. Run by `npm run build` (and
// `prepare`) after tsc. Usage: node scripts/bundle-cli.mjs [DIST_DIR] (default: dist/ of the repository).
//
// Why: a start of the CLI otherwise loads ~250 separate modules (dist/ and node_modules: graphql,
// @graphql-tools, pg) before it can answer; resolving, reading and compiling them one by one was
// about a sixth of a start (issue 7). One file for what a start needs, and chunks for what it
// loads later (graphql-jit, yoga, GraphiQL, the MySQL connector), cut that by about two thirds.
//
// What stays as it was: dist/ keeps every other file tsc wrote, so `import 'discograph'`
// (dist/index.js) is unbundled and shares node_modules with the program that imports it. Function
// and class names are kept (`keepNames`), as some code reads them. The source map maps every
// frame to its original file (dist/... or node_modules/...): bench/profile.mjs uses it to
// attribute profile samples to their packages.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cliDir = path.join(path.resolve(process.argv[2] ?? path.join(repoRoot, 'dist')), 'cli');
const entry = path.join(cliDir, 'main.js');
if (!existsSync(entry)) {
  console.error(`bundle-cli: ${entry} is missing; run tsc -p tsconfig.build.json first`);
  process.exit(1);
}
rmSync(path.join(cliDir, 'chunks'), { recursive: true, force: true });

/**
 * pg picks its socket functions when it is loaded, asking whether it runs in a Cloudflare Worker:
 * on Node 20, which has no `navigator`, by constructing a `Response` — and the first `Response`
 * loads undici, 17 ms of a cached wide1000 start before the first answer. The bundle runs on Node
 * only, so it takes Node's functions without asking. A pg whose stream.js no longer has that
 * test fails the build here, so that this is looked at again.
 */
const nodeStreamsForPg = {
  name: 'pg-node-streams',
  setup(bundle) {
    bundle.onLoad({ filter: /[\\/]node_modules[\\/]pg[\\/]lib[\\/]stream\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const test = 'if (isCloudflareRuntime()) {';
      if (!source.includes(test)) {
        throw new Error(`bundle-cli: ${args.path} no longer contains "${test}"; review the pg-node-streams plugin`);
      }
      return { contents: source.replace(test, 'if (false) {'), loader: 'js' };
    });
  },
};

await build({
  entryPoints: [entry],
  outdir: cliDir,
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  keepNames: true,
  // pg's optional native binding is only required when asked for (pg.native). The OpenTelemetry
  // SDK is loaded from node_modules only when OTEL_* variables turn tracing on (bundled, its
  // ESM/CommonJS re-exports lose their names).
  external: [
    'pg-native',
    '@opentelemetry/sdk-trace-base',
    '@opentelemetry/resources',
    '@opentelemetry/exporter-trace-otlp-http',
  ],
  plugins: [nodeStreamsForPg],
  // graphql-jit's JSON serializer compiler (and ajv under it): imported, never called (see the stub).
  alias: { 'fast-json-stringify': path.join(repoRoot, 'scripts', 'bundle-stubs', 'fast-json-stringify.mjs') },
  // Bundled CommonJS packages (graphql, pg) call require() for Node's built-in modules.
  banner: {
    js: "import { createRequire as __discographCreateRequire } from 'node:module'; const require = __discographCreateRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
});

/**
 * Closures made per request. `keepNames` makes esbuild follow each named function with
 * `__name(fn, "name")`, which calls `Object.defineProperty(fn, "name", …)`: for a named arrow
 * (`const send = (context) => …`, anonymous once wrapped) and for a function declaration alike.
 * Redefining a function's native `name` makes V8 turn the accessor into a data property and migrate
 * the function's map: ~3,900 instructions and 0.2 µs each, and the request path made 6 such closures
 * per request (8 with request logs and metrics) — 5 % of a Q4 request under callgrind. The name
 * needs setting only when bundling renamed the binding (`Foo` → `Foo2`); a function declaration
 * (or a class) already has its own. So the helper defines the name only when it differs, and code
 * on the request path makes its closures as function declarations (which then cost nothing extra)
 * or passes arrows straight as arguments (which esbuild does not name). A bundle whose helper no
 * longer reads as expected fails the build, so that this is looked at again.
 */
function nameOnlyWhenRenamed(dir) {
  const helper = /^var __name = \(target, value\) => __defProp\(target, "name", \{ value, configurable: true \}\);$/m;
  const cheaper =
    'var __name = (target, value) => target.name === value ? target : __defProp(target, "name", { value, configurable: true });';
  const files = [path.join(dir, 'main.js'), ...readdirSync(path.join(dir, 'chunks')).map((name) => path.join(dir, 'chunks', name))];
  let replaced = 0;
  for (const file of files.filter((name) => name.endsWith('.js'))) {
    const source = readFileSync(file, 'utf8');
    if (!helper.test(source)) continue;
    writeFileSync(file, source.replace(helper, cheaper));
    replaced += 1;
  }
  if (replaced !== 1) {
    throw new Error(`bundle-cli: expected esbuild's __name helper in exactly one output file, found it in ${replaced}; review nameOnlyWhenRenamed`);
  }
}

nameOnlyWhenRenamed(cliDir);
