/**
 * `discograph serve`: discovers the database (or reads the schema cache with --from-cache) and
 * serves GraphQL until SIGTERM/SIGINT, then shuts down gracefully.
 */
import { loadConfig } from '../server/config.js';
import { startGateway } from '../server/gateway.js';
import type { ShutdownReport } from '../server/http/in-flight-requests.js';
import { lineLogger } from '../server/observability/gateway-logger.js';
import { COMMON_HELP, loadOptionsFromFlags, parseCommandArgs } from './cli-args.js';
import type { CommandIo } from './command-io.js';
import { createCommandLogger, createCommandProgress } from './command-logger.js';

/** The exit code of a `serve` whose graceful shutdown cut off requests still running at the drain timeout. */
export const CUT_OFF_EXIT_CODE = 3;

/** Usage of `discograph serve`. */
export const SERVE_HELP = `Usage: discograph serve [options]

Discovers the database (discoverAndBuildModels with associations) and serves it as GraphQL at
/graphql, with GraphiQL for browsers, /healthz and /readyz. With no database configured it serves
an embedded demo database. Stops gracefully on SIGTERM or SIGINT.

Options:
  --port N             port to listen on (default: $PORT or 4000)
  --host HOST          address to bind (default: $HOST or 127.0.0.1; 0.0.0.0 in containers)
  --from-cache         start from the schema cache without running discovery (fast start for replicas)
  --no-graphiql        do not serve GraphiQL
  --hooks FILE         an ES module whose default export is pipeline hooks (GatewayHooks or a
                       list of them): identity, validation rules, context, results; repeatable
  --shutdown-timeout-ms N
                       how long a shutdown waits for the requests under way (default:
                       $DISCOGRAPH_SHUTDOWN_TIMEOUT_MS or 10000); the ones still running then
                       are cut off and logged

Exit codes: 0 stopped after every request finished; ${CUT_OFF_EXIT_CODE} stopped, cutting off requests
still running at the drain timeout; 2 a configuration error; 1 any other error.

${COMMON_HELP}`;

/** Runs `discograph serve`; resolves when the server has stopped. */
export async function serveCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    'from-cache': { type: 'boolean' },
    'no-graphiql': { type: 'boolean' },
    hooks: { type: 'string', multiple: true },
    'shutdown-timeout-ms': { type: 'string' },
  });
  if (values.help) {
    io.out(SERVE_HELP);
    return 0;
  }
  const config = loadConfig(loadOptionsFromFlags(values));
  const fromCache = values['from-cache'] === true;
  const logger = await createCommandLogger(config, io);
  const progress = createCommandProgress(config, io);
  try {
    if (fromCache) logger.info(`serving from the schema cache in ${config.cacheDir}: discovery is skipped`);
    const gateway = await startGateway(config, {
      fromCache,
      logger,
      log: progress.around(lineLogger(logger)),
      onPhase: progress.phase,
    }).finally(progress.stop);
    const report = await new Promise<ShutdownReport | undefined>((resolve) => {
      const stop = (signal: string) => {
        logger.info(
          `${signal} received: finishing in-flight requests (for at most ${config.shutdownTimeoutMs} ms), then closing`,
        );
        gateway.stop().then(resolve, () => resolve(undefined));
      };
      io.onSignal('SIGTERM', () => stop('SIGTERM'));
      io.onSignal('SIGINT', () => stop('SIGINT'));
    });
    const cutOff = report?.cutOff.length ?? 0;
    if (cutOff === 0) {
      logger.info('discograph stopped');
      return 0;
    }
    logger.warn(
      `discograph stopped, cutting off ${cutOff} request${cutOff === 1 ? '' : 's'} at the drain timeout (exit code ${CUT_OFF_EXIT_CODE})`,
    );
    return CUT_OFF_EXIT_CODE;
  } finally {
    logger.flush();
  }
}
