/**
 * The gateway: configured database (or embedded demo) → discovery (or the schema cache) →
 * models → GraphQL schema → graphql-yoga over node:http. Used by `discograph serve`, and by the
 * other commands for the parts they need.
 */
import type { Tracer } from '@opentelemetry/api';
import type { GraphQLSchema } from 'graphql';
import {
  describeCacheSource,
  isDemoSource,
  type SchemaCacheSource,
  SchemaCacheSourceMismatchError,
  sameCacheSource,
} from '../cache/cache-source.js';
import { runnableCommand } from '../cache/discover-advice.js';
import {
  hasSchemaCache,
  readSchemaCache,
  readSchemaCacheSource,
  schemaCacheMatches,
} from '../cache/schema-cache.js';
import { diffModelDefinitions, formatSchemaChanges } from '../cache/schema-diff.js';
import { buildGraphQLSchemaWithNames, createGraphQLContext, printSortedSchema } from '../graphql/index.js';
import { OperationLimits } from '../graphql/limits/operation-limits.js';
import { deferredModelClasses, type GraphQLModelClass } from '../graphql/model-class.js';
import { fromDefinedModels } from '../graphql/model-source.js';
import type { OperationPlanner } from '../graphql/plan/operation-plan.js';
import type { ModelClass } from '../juggler/dao/model-class.js';
import { jsonProperties } from '../juggler/discovery/index.js';
import type { ModelDefinition } from '../juggler/model-definition.js';
import { setUpGatewayAccess } from './access/gateway-access.js';
import { ANONYMOUS_ROLE } from './access/request-role.js';
import { RoleSchemas } from './access/role-schemas.js';
import { createJwtAuthentication, usesDatabaseSession } from './auth/jwt-authentication.js';
import { loadVerificationKey } from './auth/jwt-keys.js';
import { effectiveHttpSecurity } from './config/http-security-config.js';
import { queryLimitsOf } from './config/limits-config.js';
import type { GatewayConfig } from './config.js';
import { countRelations, type DiscoveryPhase, discoverGatewayModels } from './gateway-discovery.js';
import { checkReadiness } from './gateway-readiness.js';
import { type GatewaySource, openGatewaySource } from './gateway-source.js';
import { readRowEstimates } from './gateway-statistics.js';
import { exampleQuery } from './graphiql-example.js';
import type { ShutdownReport } from './http/in-flight-requests.js';
import { createHttpGateway, type HttpGateway } from './http-server.js';
import { applyModelSelection } from './model-selection.js';
import { type GatewayLog, type GatewayLogger, lineLogger } from './observability/gateway-logger.js';
import { GatewayMetrics } from './observability/gateway-metrics.js';
import {
  type InternalErrorLog,
  lineInternalErrorLog,
  loggerInternalErrorLog,
} from './observability/internal-errors.js';
import { observabilityHooks } from './observability/observability-hooks.js';
import { startTracing } from './observability/tracing.js';
import type { GatewayHooks, RequestState } from './pipeline/gateway-hooks.js';
import { loadHookModules } from './pipeline/hook-modules.js';
import { selectsOnlyMetaFields } from './pipeline/introspection-rule.js';
import { createRateLimiter } from './rate-limit/rate-limit-hook.js';
import { loadTrustedDocuments } from './trusted-documents/read-trusted-documents.js';

export type { GatewayLog } from './observability/gateway-logger.js';

/** Options of `buildGatewaySchema`. */
export interface BuildGatewaySchemaOptions {
  /** Receives internal errors the resolvers mask, with the correlation id the client gets. */
  errorLogger?: InternalErrorLog;
}

/** The schema the gateway serves, and what it came from. */
export interface GatewaySchema {
  schema: GraphQLSchema;
  /** Sorted SDL, as saved in `schema-cache/schema.graphql` (printed on first read: serving never needs it). */
  readonly sdl: string;
  /** The definitions served (after the configuration's selection). */
  definitions: ModelDefinition[];
  /** The model classes by name: each built when first read (`Object.keys` builds none). */
  models: Record<string, unknown>;
  /** What the resolvers use: a stand-in per model that builds its class when a query first uses it. */
  modelClasses: ReadonlyMap<string, GraphQLModelClass>;
  /** Plans operations of the schema (made on first use). */
  readonly planner: OperationPlanner;
  /** The schema of each configured role (built on a role's first request); undefined without `roles`. */
  roles?: RoleSchemas;
  /** The `table.column`s hidden because they look like secrets (`exposeSecretColumns` shows them). */
  secretColumns: string[];
}

/**
 * Defines the models and builds the GraphQL schema from definitions, applying the configured
 * selection. A model's class is built when a query first uses it (a start from a 1,000-table
 * cache builds none); a definition or relation that cannot be built still fails here.
 */
export function buildGatewaySchema(
  source: GatewaySource,
  discovered: readonly ModelDefinition[],
  config: GatewayConfig,
  options: BuildGatewaySchemaOptions = {},
): GatewaySchema {
  const logger = options.errorLogger;
  const secretColumns: string[] = [];
  const definitions = applyModelSelection([...discovered], config, {
    onSecretColumn: (column) => secretColumns.push(column),
  });
  // Classes are built when a query first uses them; relations are checked now, from the definitions.
  const { models, outlines } = source.dataSource.defineModelsLazily(definitions);
  const modelClasses = deferredModelClasses(models);
  const access = setUpGatewayAccess(
    config,
    definitions,
    fromDefinedModels(outlines, definitions),
    (name) => models[name] as ModelClass,
  );
  const { defaultPageSize, maxPageSize } = config.limits;
  const pageSizes = { default: defaultPageSize, max: maxPageSize };
  // `mutation @atomic` needs transactions across statements: the SQL databases have them.
  const atomicMutations = source.kind === 'postgresql' || source.kind === 'mysql';
  const build = buildGraphQLSchemaWithNames(modelClasses, {
    sources: access.sources,
    pageSizes,
    atomicMutations,
    ...(logger ? { logger } : {}),
  });
  const { schema } = build;
  const rules = access.rules;
  let sdl: string | undefined;
  return {
    schema,
    get planner() {
      return build.planner;
    },
    get sdl() {
      sdl ??= printSortedSchema(schema);
      return sdl;
    },
    ...(rules
      ? {
          roles: new RoleSchemas(rules, (role) => {
            const sources = access.sourcesFor(role);
            if (sources.length === 0) return undefined;
            const roleBuild = buildGraphQLSchemaWithNames(modelClasses, {
              sources,
              pageSizes,
              atomicMutations,
              ...(logger ? { logger } : {}),
            });
            return {
              schema: roleBuild.schema,
              planner: (document, operation) => roleBuild.planner.plan(document, operation),
            };
          }),
        }
      : {}),
    secretColumns,
    definitions,
    models,
    modelClasses,
  };
}

/** Where the definitions come from: discovery (with its timings) or the cache. */
export interface LoadedDefinitions {
  definitions: ModelDefinition[];
  origin: 'discovery' | 'cache';
  summary: string;
  discovery?: Awaited<ReturnType<typeof discoverGatewayModels>>;
}

/** Options of `loadDefinitions`. */
export interface LoadDefinitionsOptions {
  fromCache?: boolean;
  log?: GatewayLog;
  /** Told when a discovery phase begins, for progress on a terminal (src/cli/discovery-progress.ts). */
  onPhase?: DiscoveryPhase;
  /**
   * After discovery, compare with the schema cache and log the differences (default true).
   * `startGateway` does it with `reportSchemaCacheDrift` once it is serving instead.
   */
  checkCache?: boolean;
}

/** Discovers the database, or reads the schema cache with `fromCache` (no catalog query at all). */
export async function loadDefinitions(
  source: GatewaySource,
  config: GatewayConfig,
  options: LoadDefinitionsOptions,
): Promise<LoadedDefinitions> {
  if (options.fromCache) {
    const cache = readSchemaCache(config.cacheDir, { sdl: false });
    if (!sameCacheSource(cache.manifest.source, source.cacheSource)) {
      throw new SchemaCacheSourceMismatchError(config.cacheDir, cache.manifest.source, source.cacheSource);
    }
    return {
      definitions: cache.definitions,
      origin: 'cache',
      summary: `from the schema cache in ${config.cacheDir} (discovered ${cache.manifest.discoveredAt}; discovery skipped)`,
    };
  }
  const discovery = await discoverGatewayModels(source, config, options.onPhase);
  // One line per phase (tables read, models built; `discover` adds the cache written).
  options.log?.(
    `discovery: tables read: ${discovery.snapshot.tables.length} tables and views of ${discovery.owners.join(', ')} in ${discovery.snapshot.statementCount} statements, ${Math.round(discovery.catalogMs)} ms`,
  );
  options.log?.(
    `discovery: models built: ${discovery.definitions.length} model definitions in ${Math.round(discovery.buildMs)} ms`,
  );
  for (const row of jsonProperties(discovery.definitions)) {
    options.log?.(`discovery: ${row.model}.${row.path} is JSON: ${row.reason}`);
  }
  if (options.checkCache !== false) {
    reportSchemaCacheDrift(config, source.cacheSource, discovery.definitions, options.log);
  }
  return {
    definitions: discovery.definitions,
    origin: 'discovery',
    summary: `by discovery of ${describeCacheSource(source.cacheSource)}`,
    discovery,
  };
}

/**
 * Logs how the discovered `definitions` differ from the schema cache in `config.cacheDir`, if
 * there is one made from the same database (`source`): a cache of another database is not
 * compared. Comparing file texts is cheap; only a cache that differs is read and diffed.
 */
export function reportSchemaCacheDrift(
  config: Pick<GatewayConfig, 'cacheDir'>,
  source: SchemaCacheSource,
  definitions: readonly ModelDefinition[],
  log?: GatewayLog,
): void {
  if (!hasSchemaCache(config.cacheDir) || schemaCacheMatches(config.cacheDir, definitions)) return;
  const cached = readSchemaCache(config.cacheDir, { sdl: false });
  if (!sameCacheSource(cached.manifest.source, source)) {
    log?.(
      `the schema cache in ${config.cacheDir} was made from ${describeCacheSource(cached.manifest.source)}, not this database: not compared; run \`${runnableCommand('discover')}\` to write this database's cache`,
    );
    return;
  }
  const changes = diffModelDefinitions(cached.definitions, [...definitions]);
  if (changes.length > 0) {
    log?.(
      `the database differs from the schema cache in ${config.cacheDir}: ${formatSchemaChanges(changes)}`,
    );
    log?.(`run \`${runnableCommand('discover')}\` to update the cache`);
  }
}

/**
 * How long after it starts serving a gateway compares what it discovered with the schema cache
 * (reading and comparing 1,000 model files takes tens of milliseconds the first answers need not wait for).
 */
const CACHE_DRIFT_CHECK_DELAY_MS = 500;

/**
 * GraphiQL's options, its example query written when first read (when yoga is set up after the
 * server listens, or for the first browser) rather than before the first answer.
 */
function lazyGraphiQL(schemaOf: () => GraphQLSchema | undefined): { readonly defaultQuery: string } {
  let defaultQuery: string | undefined;
  return {
    get defaultQuery() {
      if (defaultQuery === undefined) {
        const schema = schemaOf();
        defaultQuery = schema ? exampleQuery(schema) : '{ __typename }';
      }
      return defaultQuery;
    },
  };
}

/**
 * The schema GraphiQL's example query is written over: the anonymous role's with role rules (the
 * page is served before anyone is identified; none when that role gets nothing), else the schema.
 */
function graphiqlSchema(built: GatewaySchema): GraphQLSchema | undefined {
  if (!built.roles) return built.schema;
  try {
    return built.roles.forRole(ANONYMOUS_ROLE).schema;
  } catch {
    return undefined;
  }
}

/**
 * Whether a start serves the embedded demo from its committed schema cache (`schema-cache/demo/`)
 * instead of discovering it: no database configured, the cache there is the demo's, and no
 * setting changes what discovery would read. The demo database is the same on every machine.
 */
function demoServedFromCache(config: GatewayConfig, options: StartGatewayOptions): boolean {
  if (config.databaseUrl || options.fromCache || options.onSource) return false;
  if (config.schemas.length > 0 || config.includeTables.length > 0 || config.excludeTables.length > 0)
    return false;
  if (!hasSchemaCache(config.cacheDir)) return false;
  return isDemoSource(readSchemaCacheSource(config.cacheDir));
}

/** A running gateway. */
export interface RunningGateway {
  url: string;
  http: HttpGateway;
  source: GatewaySource;
  schema: GatewaySchema;
  /** The query limits it applies (with the row estimates read at start). */
  limits: OperationLimits;
  /**
   * Graceful stop: stop accepting, finish in-flight requests (for at most `shutdownTimeoutMs`;
   * the ones still running are cut off and named in the report), close the pool and the demo database.
   */
  stop(): Promise<ShutdownReport>;
}

/** Options of `startGateway`. */
export interface StartGatewayOptions {
  fromCache?: boolean;
  /** Plain-text progress lines (default: the `logger`'s, at info). */
  log?: GatewayLog;
  /**
   * The structured logger: one line per request (`logging.requests`) and internal errors with
   * their correlation id go to it.
   */
  logger?: GatewayLogger;
  /** The tracer of request spans (default: the exporter the `OTEL_*` variables configure, or none). */
  tracer?: Tracer;
  /** Told when a discovery phase begins, for progress on a terminal. */
  onPhase?: DiscoveryPhase;
  /** Called once the data source is open, before discovery (tests observe statements here). */
  onSource?: (source: GatewaySource) => void;
  /** Extension points of the request pipeline (identity, validation rules, context, results). */
  hooks?: readonly GatewayHooks[];
}

/** Starts the gateway with the configuration; resolves once it listens. */
export async function startGateway(
  config: GatewayConfig,
  options: StartGatewayOptions = {},
): Promise<RunningGateway> {
  const { logger } = options;
  const log = options.log ?? (logger ? lineLogger(logger) : () => {});
  const logError = logger ? loggerInternalErrorLog(logger) : lineInternalErrorLog(log);
  const started = performance.now();
  const hooks = [...(await loadHookModules(config.hooks)), ...(options.hooks ?? [])];
  const metrics = config.metrics.enabled ? new GatewayMetrics() : undefined;
  // A key that cannot be read stops the start before anything is opened.
  const { jwt } = config.auth;
  const key = jwt ? loadVerificationKey(jwt) : undefined;
  // So do operation files that cannot be read.
  const trusted = config.trustedDocuments;
  const trustedDocuments = trusted.enabled ? loadTrustedDocuments(trusted) : undefined;
  // Last, so that the caller the hooks before it identify is what requests are counted against.
  const rateLimiter = await createRateLimiter(config.rateLimit, { log });
  if (rateLimiter) hooks.push(rateLimiter.hooks);
  // The embedded demo with its committed cache: serve at once from the cache while PGlite opens.
  const demoFromCache = demoServedFromCache(config, options);
  const fromCache = options.fromCache || demoFromCache;
  // Your database from the cache: nothing needs it to start; a replica listens (not ready) while it is down.
  const connectLater = options.fromCache === true && config.databaseUrl !== undefined;
  const source = await openGatewaySource(config, {
    log,
    openInBackground: demoFromCache,
    ...(connectLater ? { connect: false } : {}),
  }).catch(async (error: unknown) => {
    await rateLimiter?.close();
    throw error;
  });
  const tracing = options.tracer ? undefined : await startTracing();
  const tracer = options.tracer ?? tracing?.tracer;
  try {
    options.onSource?.(source);
    if (!connectLater && !source.opened) log(`connected to ${source.redactedUrl}`);
    // Opened in the background: not ready until it answers, and operations that read it wait for
    // it (the first one connects) rather than failing to connect while PGlite starts; the schema's
    // own fields (GraphiQL's schema fetch) are answered at once.
    let databaseOpened = source.opened === undefined;
    if (source.opened) {
      const opened = source.opened;
      void opened.then(
        () => {
          databaseOpened = true;
        },
        () => {},
      );
      hooks.unshift({
        name: 'database-opening',
        beforeExecute: ({ operation }) =>
          databaseOpened || selectsOnlyMetaFields(operation.operation) ? undefined : opened,
      });
    }
    if (jwt && key) {
      const databaseSession = usesDatabaseSession(config.auth, source);
      // Identity first: every other hook sees the caller.
      hooks.unshift(createJwtAuthentication({ auth: { ...config.auth, jwt }, databaseSession, key }));
      log(
        `authentication: JWT (${key.algorithms.join(', ')}) verified with ${key.description}; requests without a token ${config.auth.anonymous === 'allow' ? `run as "${config.auth.anonymousRole}"` : 'are refused'}${databaseSession ? `; each request's statements run with its claims${config.auth.setRole ? ' and role' : ''} (a mutation's in one transaction)` : ''}`,
      );
    }
    if (trustedDocuments) {
      log(
        `trusted documents: ${trustedDocuments.size} from ${[trusted.folder, trusted.manifest].filter(Boolean).join(' and ')}; requests by hash accepted; ${trusted.allowArbitrary ? 'other documents run too' : 'other documents refused (DOCUMENT_NOT_TRUSTED)'}`,
      );
    }
    const loaded = await loadDefinitions(source, config, {
      fromCache,
      log,
      checkCache: false,
      ...(options.onPhase ? { onPhase: options.onPhase } : {}),
    });
    // After the cache was read: a cache that is missing or another database's stops the start
    // before any connection is opened (one still connecting would keep the process alive).
    if (connectLater) connectInBackground(source, log);
    const schemaStarted = performance.now();
    const built = buildGatewaySchema(source, loaded.definitions, config, { errorLogger: logError });
    if (metrics) {
      metrics.recordPhase('schema', performance.now() - schemaStarted);
      if (loaded.discovery) {
        metrics.recordPhase('catalog', loaded.discovery.catalogMs);
        metrics.recordPhase('models', loaded.discovery.buildMs);
      }
      metrics.watchPool(() => source.dataSource.connector?.poolStatistics?.());
    }
    if (metrics || tracer || (logger && config.logging.requests)) {
      // First: the request's duration and spans include identification.
      hooks.unshift(
        observabilityHooks({
          ...(logger && config.logging.requests ? { logger } : {}),
          ...(metrics ? { metrics } : {}),
          ...(tracer ? { tracer } : {}),
          dbSystem: source.kind,
        }),
      );
    }
    if (tracing) log('tracing: spans exported as the OTEL_* environment variables configure');
    if (built.secretColumns.length > 0) {
      log(
        `hid ${built.secretColumns.length} column(s) that look like secrets: ${built.secretColumns.join(', ')} (set exposeSecretColumns to serve them)`,
      );
    }
    const roles = built.roles;
    // A start from the cache sends no catalog statement: its costs count full pages.
    const estimates = fromCache
      ? new Map<string, number>()
      : await readRowEstimates(source, built.definitions, log);
    const limits = new OperationLimits(queryLimitsOf(config.limits), () => estimates);
    const effective = effectiveHttpSecurity(config);
    const http = createHttpGateway({
      schema: built.schema,
      // Every juggler call of the request gets the request's state (its caller) as `options.request`.
      context: (state) => {
        const context = createGraphQLContext();
        context.options = { request: state };
        return context;
      },
      hooks,
      planner: (document, operation) => built.planner.plan(document, operation),
      limits,
      ...(roles ? { schemaFor: (state: RequestState) => roles.forRequest(state) } : {}),
      ...(trustedDocuments ? { trustedDocuments } : {}),
      graphiql: effective.graphiql ? lazyGraphiQL(() => graphiqlSchema(built)) : false,
      maxRequestBodyBytes: config.maxRequestBodyBytes,
      jit: config.jit,
      fastPath: config.httpFastPath,
      security: {
        production: config.production,
        introspection: effective.introspection,
        errorDetails: effective.errorDetails,
        csrfPrevention: config.csrfPrevention,
        csrfHeaders: config.csrfHeaders,
        allowedHosts: config.allowedHosts,
        cors: config.cors,
        readinessDetails: config.readinessDetails,
        operationCacheBytes: config.operationCacheBytes,
        maxResponseBytes: config.maxResponseBytes,
      },
      readiness: async () => {
        if (!databaseOpened) return { ready: false, reason: 'the embedded demo database is still opening' };
        return checkReadiness(source, config.database.connectTimeoutMs);
      },
      log,
      logError,
      ...(metrics ? { metrics, metricsAccess: config.metrics } : {}),
    });
    const port = await http.listen(config.port, config.host);
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const url = `http://${host}:${port}/graphql`;
    if (config.production) {
      log(
        `production mode: introspection ${effective.introspection ? 'on' : 'off'}, GraphiQL ${effective.graphiql ? 'on' : 'off'}`,
      );
    }
    log(
      `discograph: ${built.definitions.length} models, ${countRelations(built.definitions)} relations ${loaded.summary}; ready in ${Math.round(performance.now() - started)} ms; GraphQL at ${url}`,
    );
    const driftCheck =
      loaded.origin === 'discovery'
        ? setTimeout(() => {
            try {
              reportSchemaCacheDrift(config, source.cacheSource, loaded.definitions, log);
            } catch (error) {
              log(
                `could not compare with the schema cache in ${config.cacheDir}: ${(error as Error).message}`,
              );
            }
          }, CACHE_DRIFT_CHECK_DELAY_MS).unref()
        : undefined;
    let stopping: Promise<ShutdownReport> | undefined;
    return {
      url,
      http,
      source,
      schema: built,
      limits,
      stop() {
        clearTimeout(driftCheck);
        stopping ??= http
          .close(config.shutdownTimeoutMs)
          .then((report) =>
            Promise.all([source.close(), rateLimiter?.close(), tracing?.shutdown()]).then(() => report),
          );
        return stopping;
      },
    };
  } catch (error) {
    await Promise.all([source.close(), rateLimiter?.close(), tracing?.shutdown()]);
    throw error;
  }
}

/**
 * Connects a source opened without connecting (`serve --from-cache`): logged when it answers;
 * when it does not, the gateway serves anyway — `/readyz` answers 503 and requests
 * `DATABASE_UNAVAILABLE` until the database answers (the pool retries on every use).
 */
function connectInBackground(source: GatewaySource, log: GatewayLog): void {
  source.dataSource.ready().then(
    () => log(`connected to ${source.redactedUrl}`),
    (error: unknown) =>
      log(
        `the database does not answer yet (${(error as Error).message}); serving from the schema cache, not ready until it does`,
      ),
  );
}
