/**
 * The gateway's HTTP server: GraphQL at `/graphql` — the common JSON requests answered by the
 * fast path straight on node:http, everything else (GraphiQL for browsers, the rest of GraphQL
 * over HTTP) by graphql-yoga, both through one request pipeline (hooks, operation cache with
 * graphql-jit, per-request context) —
 * `/healthz` (the process is up), `/readyz` (database reachable and schema built), and a graceful
 * close (stop accepting, let in-flight requests finish, then close).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, Server as NetServer } from 'node:net';
import type { GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DEFAULT_HTTP_SECURITY_CONFIG, type HttpSecurityConfig } from './config/http-security-config.js';
import type { MetricsConfig } from './config/observability-config.js';
import {
  answerWithYoga,
  createGraphQLFastPath,
  type GraphQLFastPath,
  type GraphQLRouteCounts,
} from './graphql-fast-path.js';
import { createHttpGuard } from './http/http-guard.js';
import { cutOffLine, InFlightRequests, type ShutdownReport } from './http/in-flight-requests.js';
import { PortUnavailableError } from './http/listen-error.js';
import type { GatewayLog } from './observability/gateway-logger.js';
import type { GatewayMetrics } from './observability/gateway-metrics.js';
import { type InternalErrorLog, lineInternalErrorLog } from './observability/internal-errors.js';
import { serveMetrics } from './observability/metrics-endpoint.js';
import type { GatewayHooks, GatewayRequest, RequestState } from './pipeline/gateway-hooks.js';
import { NoIntrospection } from './pipeline/introspection-rule.js';
import type { OperationCache, OperationPlannerFunction } from './pipeline/operation-cache.js';
import type { PipelineLimits } from './pipeline/pipeline-limits.js';
import { type PipelineSchema, RequestPipeline } from './pipeline/request-pipeline.js';
import type { TrustedDocumentStore } from './trusted-documents/trusted-document-store.js';
import { type LazyYoga, lazyYoga } from './yoga-server.js';

/** What `/readyz` reports. */
export interface Readiness {
  ready: boolean;
  /** Why not ready: logged, and answered only with the `readinessDetails` setting (it may name hosts). */
  reason?: string;
  /** The code a request would get now (`DATABASE_UNAVAILABLE`), always answered. */
  code?: string;
}

/** What `/readyz` answers when not ready, unless `readinessDetails` is set. */
const NOT_READY_REASON = 'database unreachable';

/** The code `/readyz` answers when the check fails without one of its own. */
const NOT_READY_CODE = 'DATABASE_UNAVAILABLE';

/** The HTTP security the server applies (production mode already decided). */
export interface HttpServerSecurity
  extends Pick<
    HttpSecurityConfig,
    | 'production'
    | 'csrfPrevention'
    | 'csrfHeaders'
    | 'allowedHosts'
    | 'cors'
    | 'readinessDetails'
    | 'operationCacheBytes'
    | 'maxResponseBytes'
  > {
  /** Answer `__schema`/`__type` (false: refused by a validation rule, `INTROSPECTION_DISABLED`). */
  introspection: boolean;
  /** Development error details (yoga's `originalError`, with its stack) in answers. */
  errorDetails: boolean;
}

/** The security of a server created without settings: the secure defaults outside production. */
export const DEFAULT_HTTP_SERVER_SECURITY: HttpServerSecurity = {
  ...DEFAULT_HTTP_SECURITY_CONFIG,
  introspection: true,
  errorDetails: false,
};

/** How long idle connections stay open once in-flight requests are done, when the server closes. */
const IDLE_LINGER_MS = 300;

/** Resolves after `ms` (without keeping the process up). */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)).unref());
}

/** How long after listen the server preloads graphql-jit and yoga (if no request loaded them first). */
const PRELOAD_DELAY_MS = 500;

/** Options of `createHttpGateway`. */
export interface HttpGatewayOptions {
  schema: GraphQLSchema;
  /** Builds the per-request GraphQL context (fresh DataLoaders for every request) from the request's state. */
  context: (state: RequestState, request: GatewayRequest) => Record<string, unknown>;
  /** The pipeline's extension points (identity, validation rules, context, results); the fast path stays on. */
  hooks?: readonly GatewayHooks[];
  /** Plans each operation once when it is prepared (the GraphQL layer's operation planner). */
  planner?: OperationPlannerFunction;
  /** The query limits, applied once per document and operation when it is prepared. */
  limits?: PipelineLimits;
  /** Picks the schema of a request (per role) once its caller is known; throws to refuse it. */
  schemaFor?: (state: RequestState) => PipelineSchema;
  /** The allow-list of documents and requests by hash (undefined: any document). */
  trustedDocuments?: TrustedDocumentStore;
  /** The query GraphiQL opens with; `false` turns GraphiQL off. */
  graphiql: { defaultQuery: string; title?: string } | false;
  maxRequestBodyBytes: number;
  readiness: () => Promise<Readiness>;
  /**
   * Plugins of yoga itself, for HTTP-level concerns of the requests yoga answers; they turn the
   * fast path off (the pipeline's `hooks` are the extension points that do not).
   */
  plugins?: Plugin[];
  /** Compile operations with graphql-jit (default true). */
  jit?: boolean;
  /** Answer common JSON requests without yoga's HTTP adapter (default true). */
  fastPath?: boolean;
  /** Called with a one-line message per notable event (at `level`, default info). */
  log?: GatewayLog;
  /** Where masked internal errors are reported with their correlation id (default: `log`). */
  logError?: InternalErrorLog;
  /** Prometheus metrics served at `/metrics` to the readers `metricsAccess` allows (none: 404). */
  metrics?: GatewayMetrics;
  /** Who may read `/metrics` (default: loopback addresses only). */
  metricsAccess?: Pick<MetricsConfig, 'access' | 'token'>;
  /** CSRF, CORS, Host allow-list, introspection, error details, memory safeguards (default: `DEFAULT_HTTP_SERVER_SECURITY`). */
  security?: Partial<HttpServerSecurity>;
}

/** A gateway HTTP server that is not listening yet. */
export interface HttpGateway {
  server: Server;
  /** The yoga server behind the fast path, imported and created on first use (or preloaded after listen). */
  yoga: LazyYoga;
  /** The request pipeline both paths run through. */
  pipeline: RequestPipeline;
  /** Parsed, validated and compiled operations, shared by the fast path and yoga. */
  operations: OperationCache;
  /** Whether the fast path answers the common requests (false: yoga answers everything). */
  fastPath: boolean;
  /** How many GraphQL endpoint requests the fast path and yoga answered. */
  requestCounts: GraphQLRouteCounts;
  /**
   * Loads now what the first requests do not need (graphql-jit, yoga, the root types' fields), as
   * the server does by itself shortly after listen; resolves once it is loaded (the same promise
   * for every caller). Loading runs on the event loop: a caller that times requests (a test of a
   * timeout) waits for it, so that the time it measures is not the server's own warm-up.
   */
  preload(): Promise<void>;
  /** Starts listening; resolves to the bound port. */
  listen(port: number, host: string): Promise<number>;
  /**
   * Stops accepting, waits for in-flight requests (up to `timeoutMs`, the drain timeout:
   * `shutdownTimeoutMs`), then closes every socket; resolves to the requests that were cut off
   * (logged at warn).
   */
  close(timeoutMs: number): Promise<ShutdownReport>;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** What a GraphQL request that arrives while the server closes is answered: it was not run. */
const SHUTTING_DOWN_ANSWER = JSON.stringify({
  errors: [
    {
      message:
        'The gateway is shutting down: this request was not run. Send it again (another replica, or this one once restarted, will answer it).',
      extensions: { code: 'SHUTTING_DOWN' },
    },
  ],
});

/** Answers 503 SHUTTING_DOWN and closes the connection (see `SHUTTING_DOWN_ANSWER`). */
function refuseWhileClosing(response: ServerResponse): void {
  response.writeHead(503, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(SHUTTING_DOWN_ANSWER),
    'retry-after': '1',
    connection: 'close',
  });
  response.end(SHUTTING_DOWN_ANSWER);
}

/** The GraphQL endpoint handler when yoga answers every request. */
function yogaOnly(yoga: LazyYoga): GraphQLFastPath {
  const counts: GraphQLRouteCounts = { fast: 0, yoga: 0 };
  return {
    counts,
    handle(request, response) {
      counts.yoga += 1;
      answerWithYoga(yoga, request, response);
    },
  };
}

/** Creates the HTTP server around a GraphQL schema. */
export function createHttpGateway(options: HttpGatewayOptions): HttpGateway {
  const security: HttpServerSecurity = { ...DEFAULT_HTTP_SERVER_SECURITY, ...options.security };
  const pipeline = new RequestPipeline({
    schema: options.schema,
    jit: options.jit ?? true,
    hooks: options.hooks,
    context: options.context,
    ...(options.planner ? { planner: options.planner } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    validationRules: security.introspection ? [] : [NoIntrospection],
    operationCacheBytes: security.operationCacheBytes,
    ...(options.schemaFor ? { schemaFor: options.schemaFor } : {}),
    ...(options.trustedDocuments ? { trustedDocuments: options.trustedDocuments } : {}),
    log: options.log,
  });
  const { operations } = pipeline;
  const logError = options.logError ?? lineInternalErrorLog(options.log);
  const yoga = lazyYoga({
    schema: options.schema,
    graphiql: options.graphiql,
    maxRequestBodyBytes: options.maxRequestBodyBytes,
    pipeline,
    plugins: options.plugins,
    errorDetails: security.errorDetails,
    production: security.production,
    maxResponseBytes: security.maxResponseBytes,
    log: options.log,
    logError,
  });
  const fastPath = (options.fastPath ?? true) && !options.plugins?.length;
  const graphql: GraphQLFastPath = fastPath
    ? createGraphQLFastPath({
        yoga,
        pipeline,
        maxRequestBodyBytes: options.maxRequestBodyBytes,
        maxResponseBytes: security.maxResponseBytes,
        errorDetails: security.errorDetails,
        endpoint: '/graphql',
        log: options.log,
        logError,
      })
    : yogaOnly(yoga);
  const guard = createHttpGuard(security);
  const readiness = readinessReporter(options.readiness, security.readinessDetails, options.log);
  let preloadTimer: NodeJS.Timeout | undefined;
  let preloading: Promise<void> | undefined;
  // What the first requests do not need is loaded once the server has settled: graphql-jit
  // (operations run on the executor until then), yoga for the less common requests, and the
  // fields of the root types (defined on first use: on a 1,000-table schema the Query type alone
  // has 4,000 fields, ~0.1 s that the first data query would otherwise pay).
  const preload = (): Promise<void> => {
    preloading ??= operations
      .loadJit()
      .then(() => yoga())
      .then(() => defineRootFields(options.schema))
      .catch((error: unknown) => options.log?.(`preloading failed: ${(error as Error).message}`, 'warn'));
    return preloading;
  };
  /** The GraphQL requests under way. */
  const inFlight = new InFlightRequests();
  let closing = false;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? '/';
    // Probes may add a query string (`/healthz?probe=1`): the path alone decides.
    const queryAt = url.indexOf('?');
    const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
    if (pathname === '/healthz') return sendJson(response, 200, { status: 'ok' });
    if (pathname === '/readyz') {
      void readiness().then((answer) =>
        sendJson(
          response,
          answer.ready && !closing ? 200 : 503,
          closing ? { ready: false, reason: 'shutting down' } : answer,
        ),
      );
      return;
    }
    if (url === '/metrics' && options.metrics !== undefined) {
      return serveMetrics(request, response, options.metrics, options.metricsAccess ?? { access: 'local' });
    }
    if (url === '/') {
      response.writeHead(302, { location: '/graphql' });
      response.end();
      return;
    }
    if (!guard(request, response)) return;
    // Once closing, a request that arrives (on a kept-alive connection) is not run: the client
    // learns so and may send it again elsewhere; the ones under way are finished.
    if (closing) return refuseWhileClosing(response);
    inFlight.add(response);
    graphql.handle(request, response);
  });
  server.keepAliveTimeout = 5_000;
  inFlight.follow(server);

  return {
    server,
    yoga,
    pipeline,
    operations,
    fastPath,
    requestCounts: graphql.counts,
    preload,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        const fail = (error: NodeJS.ErrnoException) => reject(new PortUnavailableError(port, host, error));
        server.once('error', fail);
        server.listen(port, host, () => {
          server.off('error', fail);
          resolve((server.address() as AddressInfo).port);
          preloadTimer = setTimeout(() => void preload(), PRELOAD_DELAY_MS).unref();
        });
      });
    },
    async close(timeoutMs) {
      closing = true;
      clearTimeout(preloadTimer);
      // The answers under way close their connection once sent, so that no client sends another
      // request on it (which could meet the socket closing, and never learn whether it ran).
      for (const response of inFlight.responses()) {
        if (!response.headersSent) response.setHeader('connection', 'close');
      }
      // Stop accepting connections, but keep the open ones for now: node's `server.close()` would
      // also drop the idle kept-alive ones at once, and a request already on its way on one would
      // break without an answer (its client could not know whether it ran). Here it is answered
      // 503 SHUTTING_DOWN (not run) and its connection closed; the rest are closed after the drain.
      const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
      const deadline = performance.now() + timeoutMs;
      if (inFlight.size > 0) {
        options.log?.(`waiting for ${inFlight.size} in-flight request(s)`);
        await Promise.race([inFlight.drain(), delay(timeoutMs)]);
      }
      // A client may be sending on an idle connection right now (its request would meet a closing
      // socket): idle connections stay a little longer, any request on them answered 503.
      await Promise.race([closed, delay(Math.min(IDLE_LINGER_MS, deadline - performance.now()))]);
      // What still runs now is cut off with its connection: said in the log, and to the caller.
      const cutOff = inFlight.cutOff();
      if (cutOff.length > 0) options.log?.(cutOffLine(cutOff, timeoutMs), 'warn');
      server.closeAllConnections();
      await closed;
      return { cutOff };
    },
  };
}

/**
 * `/readyz`'s check: a failure's reason (which may name the database host and port) goes to the
 * log, once per distinct reason, and the answer says only that the database is not reachable —
 * unless `details` is set.
 */
function readinessReporter(
  check: () => Promise<Readiness>,
  details: boolean,
  log: GatewayLog | undefined,
): () => Promise<Readiness> {
  let lastLogged: string | undefined;
  const report = (reason: string, code = NOT_READY_CODE): Readiness => {
    if (reason !== lastLogged) log?.(`readiness: not ready: ${reason}`, 'warn');
    lastLogged = reason;
    return { ready: false, reason: details ? reason : NOT_READY_REASON, code };
  };
  return () =>
    check().then(
      (readiness) => {
        if (readiness.ready) {
          lastLogged = undefined;
          return readiness;
        }
        return report(readiness.reason ?? NOT_READY_REASON, readiness.code);
      },
      (error: unknown) => report(error instanceof Error ? error.message : String(error)),
    );
}

/** Defines the fields of the schema's root types now (graphql-js defines a type's fields on first use). */
function defineRootFields(schema: GraphQLSchema): void {
  schema.getQueryType()?.getFields();
  schema.getMutationType()?.getFields();
}
