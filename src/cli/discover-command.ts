/**
 * `discograph discover`: discovers the database and writes the schema cache — one LoopBack model
 * definition per model, the manifest, the catalog snapshot (for the `...Sync` discovery calls)
 * and the SDL snapshot.
 */
import { describeCacheSource, sameCacheSource } from '../cache/cache-source.js';
import {
  hashCatalog,
  hasSchemaCache,
  readSchemaCacheSource,
  writeSchemaCache,
} from '../cache/schema-cache.js';
import { saveCatalogSnapshot } from '../juggler/discovery/index.js';
import { loadConfig, parseDatabaseUrl } from '../server/config.js';
import { buildGatewaySchema, loadDefinitions } from '../server/gateway.js';
import { openGatewaySource } from '../server/gateway-source.js';
import { lineLogger } from '../server/observability/gateway-logger.js';
import { COMMON_HELP, loadOptionsFromFlags, parseCommandArgs } from './cli-args.js';
import type { CommandIo } from './command-io.js';
import { createCommandLogger, createCommandProgress } from './command-logger.js';

/** Usage of `discograph discover`. */
export const DISCOVER_HELP = `Usage: discograph discover [options]

Discovers the database and writes its schema cache directory (by default the database's own
folder: schema-cache/demo/ for the embedded demo, schema-cache/<connector>-<database>/ for yours):
models/<Model>.json (LoopBack model definitions), manifest.json, catalog.<connector>.json and
schema.graphql. Files that did not change are left untouched, so the cache diffs cleanly in git.

${COMMON_HELP}`;

/** Runs `discograph discover`. */
export async function discoverCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(args, {});
  if (values.help) {
    io.out(DISCOVER_HELP);
    return 0;
  }
  const config = loadConfig(loadOptionsFromFlags(values));
  const logger = await createCommandLogger(config, io);
  // On a terminal a status line shows the phase under way; each phase ends with a log line.
  const progress = createCommandProgress(config, io);
  const log = progress.around(lineLogger(logger));
  const target = config.databaseUrl
    ? parseDatabaseUrl(config.databaseUrl).redacted
    : 'the embedded demo database';
  log(`discovery: connecting to ${target}`);
  progress.phase(`discovery: connecting to ${target}`);
  const source = await openGatewaySource(config, { log }).catch((error: unknown) => {
    progress.stop();
    throw error;
  });
  try {
    const loaded = await loadDefinitions(source, config, { log, onPhase: progress.phase });
    const discovery = loaded.discovery;
    if (!discovery) throw new Error('discovery did not run');
    progress.phase(`discovery: building the GraphQL schema of ${loaded.definitions.length} models`);
    const schemaStarted = performance.now();
    const built = buildGatewaySchema(source, loaded.definitions, config);
    log(
      `discovery: schema built: ${built.sdl.length} characters of SDL in ${Math.round(performance.now() - schemaStarted)} ms`,
    );
    progress.phase(`discovery: writing the cache: ${loaded.definitions.length} model definitions`);
    const { statementCount: _ignored, ...catalog } = discovery.snapshot;
    const previous = hasSchemaCache(config.cacheDir) ? readSchemaCacheSource(config.cacheDir) : undefined;
    const manifest = writeSchemaCache(config.cacheDir, {
      source: source.demo
        ? source.cacheSource
        : { ...source.cacheSource, host: source.host, port: source.port },
      options: {
        schemas: discovery.owners,
        includeTables: config.includeTables,
        excludeTables: config.excludeTables,
        hideColumns: config.hideColumns,
        rename: config.rename,
      },
      definitions: loaded.definitions,
      sdl: built.sdl,
      catalogHash: hashCatalog(catalog),
    });
    if (previous && !sameCacheSource(previous, source.cacheSource)) {
      log(`replaced the schema cache of ${describeCacheSource(previous)} in ${config.cacheDir}`, 'warn');
    }
    await saveCatalogSnapshot(config.cacheDir, discovery.snapshot);
    log(
      `discovery: cache written: ${manifest.models.length} model definitions, the catalog snapshot and schema.graphql to ${config.cacheDir}`,
    );
    return 0;
  } finally {
    progress.stop();
    await source.close();
    logger.flush();
  }
}
