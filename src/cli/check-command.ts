/**
 * `discograph check`: compares the live database with the schema cache and exits non-zero when
 * the drift would break existing clients — for CI pipelines.
 */
import { SchemaCacheSourceMismatchError, sameCacheSource } from '../cache/cache-source.js';
import { readSchemaCache } from '../cache/schema-cache.js';
import { diffModelDefinitions, formatSchemaChanges } from '../cache/schema-diff.js';
import { loadConfig } from '../server/config.js';
import { discoverGatewayModels } from '../server/gateway-discovery.js';
import { openGatewaySource } from '../server/gateway-source.js';
import { COMMON_HELP, loadOptionsFromFlags, parseCommandArgs } from './cli-args.js';
import type { CommandIo } from './command-io.js';

/** Exit code of `check` when the database has breaking changes against the cache. */
export const BREAKING_DRIFT_EXIT_CODE = 3;

/** Usage of `discograph check`. */
export const CHECK_HELP = `Usage: discograph check [options]

Discovers the database and compares it with the schema cache. Prints every change (models,
fields and relations added or removed, type changes) and marks the ones that break existing
clients.

Exit codes: 0 no breaking change; ${BREAKING_DRIFT_EXIT_CODE} breaking changes; 1 an error (database
unreachable, no cache); 2 a usage mistake.

${COMMON_HELP}`;

/** Runs `discograph check`. */
export async function checkCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(args, {});
  if (values.help) {
    io.out(CHECK_HELP);
    return 0;
  }
  const config = loadConfig(loadOptionsFromFlags(values));
  const cached = readSchemaCache(config.cacheDir);
  const source = await openGatewaySource(config, { log: io.err });
  try {
    if (!sameCacheSource(cached.manifest.source, source.cacheSource)) {
      throw new SchemaCacheSourceMismatchError(config.cacheDir, cached.manifest.source, source.cacheSource);
    }
    const discovery = await discoverGatewayModels(source, config);
    const changes = diffModelDefinitions(cached.definitions, discovery.definitions);
    io.out(formatSchemaChanges(changes));
    return changes.some((change) => change.breaking) ? BREAKING_DRIFT_EXIT_CODE : 0;
  } finally {
    await source.close();
  }
}
