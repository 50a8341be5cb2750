/**
 * graphql-yoga, loaded only when a request needs it: the fast path answers the common requests
 * without it, so the gateway starts without loading yoga, envelop and whatwg-node (and GraphiQL's
 * 9 MB renderer is loaded only when GraphiQL is first served). The first request handed to yoga
 * (or the background preload after listen) imports and creates it once; every later one reuses it.
 */

import type { GraphQLSchema } from 'graphql';
import type { Plugin, YogaServerInstance } from 'graphql-yoga';
import {
  correlatedMaskError,
  describeInternalError,
  type InternalErrorLog,
  lineInternalErrorLog,
} from './observability/internal-errors.js';
import type { RequestPipeline } from './pipeline/request-pipeline.js';

/** The yoga server the gateway falls back to. */
export type GatewayYoga = YogaServerInstance<Record<string, unknown>, Record<string, unknown>>;

/** Resolves to the gateway's yoga server, importing and creating it on the first call. */
export type LazyYoga = () => Promise<GatewayYoga>;

/** What yoga is created with. */
export interface GatewayYogaOptions {
  schema: GraphQLSchema;
  graphiql: { defaultQuery: string; title?: string } | false;
  maxRequestBodyBytes: number;
  /** The request pipeline yoga's requests run through (hooks, caches, context, execution). */
  pipeline: RequestPipeline;
  /** Plugins of yoga itself (HTTP-level concerns only: the pipeline's hooks are the extension points). */
  plugins?: Plugin[];
  /** Development error details (`originalError` with its stack) in answers. */
  errorDetails?: boolean;
  /** Production mode: no `originalError` in any answer. */
  production?: boolean;
  /** Largest answer body in bytes; a larger one is replaced by a RESPONSE_TOO_LARGE error. */
  maxResponseBytes?: number;
  /** Where yoga's own failures are reported (one line with message and code, then the stack). */
  log?: (line: string, level?: 'error') => void;
  /** Where masked internal errors are reported with their correlation id (default: `log`). */
  logError?: InternalErrorLog;
}

/** A yoga cache that keeps nothing: syntax errors are cheap to make again, and keyed by client text. */
const NO_CACHE = { get: () => undefined, set: () => {} };

export { describeInternalError } from './observability/internal-errors.js';

/**
 * GraphiQL's `visiblePlugin` prop (passed through by yoga's page to GraphiQL, not in yoga's option
 * types): the title of the Explorer plugin that `@graphql-yoga/render-graphiql` registers.
 */
const GRAPHIQL_EXPLORER_OPEN = { visiblePlugin: 'GraphiQL Explorer' } as Record<string, unknown>;

/** The GraphiQL page renderer, imported when GraphiQL is first served and then reused. */
let graphiqlRenderer: Promise<typeof import('@graphql-yoga/render-graphiql').renderGraphiQL> | undefined;

async function createGatewayYoga(options: GatewayYogaOptions): Promise<GatewayYoga> {
  const [
    { createYoga, maskError },
    { useRequestBodyChecks },
    { yogaPipeline },
    { useAnswerPolicy },
    { useResponseSizeLimit },
    { useExactJsonAnswers },
  ] = await Promise.all([
    import('graphql-yoga'),
    import('./request-body-checks.js'),
    import('./yoga-pipeline-plugin.js'),
    import('./yoga-answer-policy.js'),
    import('./yoga-response-size.js'),
    import('./exact-json-answers.js'),
  ]);
  const log = options.log;
  const reportError = (...args: unknown[]) => {
    for (const arg of args) log?.(describeInternalError(arg), 'error');
  };
  const { operations } = options.pipeline;
  const pipeline = yogaPipeline(options.pipeline);
  return createYoga<Record<string, unknown>>({
    schema: options.schema,
    graphqlEndpoint: '/graphql',
    context: pipeline.context,
    graphiql:
      options.graphiql === false
        ? false
        : { defaultQuery: options.graphiql.defaultQuery, title: options.graphiql.title ?? 'Discograph' },
    // GraphiQL with its scripts inlined: it works without reaching a CDN (offline, locked-down networks).
    // Its bundle carries the GraphiQL Explorer plugin (a query builder: tick fields and arguments),
    // opened beside the editor on a first visit (GraphiQL remembers what the user opens after).
    renderGraphiQL: async (graphiqlOptions) => {
      graphiqlRenderer ??= import('@graphql-yoga/render-graphiql').then((module) => module.renderGraphiQL);
      return (await graphiqlRenderer)({ ...graphiqlOptions, ...GRAPHIQL_EXPLORER_OPEN });
    },
    landingPage: false,
    // The limit is enforced by useRequestSizeLimit without piping every body through a stream.
    maxRequestBodySize: false,
    // One document per query text for yoga and the fast path, so compiled operations are shared
    // (bounded by bytes); syntax errors are not kept (their texts would be an unbounded key).
    parserAndValidationCache: { documentCache: operations.documentCache, errorCache: NO_CACHE },
    // CORS headers and preflights are answered before yoga, from the allow-list (http/http-guard.ts).
    cors: false,
    maskedErrors: {
      isDev: options.errorDetails ?? false,
      maskError: correlatedMaskError(maskError, options.logError ?? lineInternalErrorLog(log)),
    },
    plugins: [
      useRequestBodyChecks(options.maxRequestBodyBytes),
      useAnswerPolicy(options.production ?? false),
      ...(options.maxResponseBytes !== undefined
        ? [useResponseSizeLimit(options.maxResponseBytes, options.log)]
        : []),
      pipeline.plugin,
      ...(options.plugins ?? []),
      // Last, so that every result another plugin set is written with exact JSON numbers.
      useExactJsonAnswers(),
    ],
    logging: { debug: () => {}, info: () => {}, warn: () => {}, error: reportError },
  });
}

/** A memoised loader of the gateway's yoga server (nothing is imported until it is first called). */
export function lazyYoga(options: GatewayYogaOptions): LazyYoga {
  let yoga: Promise<GatewayYoga> | undefined;
  return () => {
    yoga ??= createGatewayYoga(options);
    return yoga;
  };
}
