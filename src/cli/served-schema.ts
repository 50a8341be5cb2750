/**
 * The schema the gateway would serve, for commands that read it without serving (`export-schema`,
 * `plan`): the configuration from the flags, the database (or, with `--from-cache`, the schema
 * cache alone), the definitions and the GraphQL schema; the connection is closed afterwards.
 */
import type { GatewayConfig } from '../server/config.js';
import { loadConfig } from '../server/config.js';
import { buildGatewaySchema, type GatewaySchema, loadDefinitions } from '../server/gateway.js';
import { type GatewaySource, openGatewaySource } from '../server/gateway-source.js';
import { loadOptionsFromFlags } from './cli-args.js';
import type { CommandIo } from './command-io.js';

/** What a command gets to work with. */
export interface ServedSchema {
  config: GatewayConfig;
  source: GatewaySource;
  built: GatewaySchema;
  /** Built from the schema cache: the database was not connected. */
  fromCache: boolean;
}

/** Builds the served schema from the command's flags, calls `use` with it, then closes the source. */
export async function withServedSchema<T>(
  values: Record<string, unknown>,
  io: CommandIo,
  use: (served: ServedSchema) => Promise<T>,
): Promise<T> {
  const config = loadConfig(loadOptionsFromFlags(values));
  const fromCache = values['from-cache'] === true;
  const source = await openGatewaySource(config, { log: io.err, connect: !fromCache });
  try {
    const loaded = await loadDefinitions(source, config, { fromCache, log: io.err });
    const built = buildGatewaySchema(source, loaded.definitions, config);
    return await use({ config, source, built, fromCache });
  } finally {
    await source.close();
  }
}
