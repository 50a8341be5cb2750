/**
 * The common GraphQL request answered straight on node:http: `POST /graphql` with a JSON body
 * (and `GET /graphql?query=…`), read with the size limit, and run through the request pipeline
 * (hooks, prepared operation, context, execution: the same pipeline yoga's requests run through)
 * and written with one `JSON.stringify` — no WHATWG Request, Response, Headers or URL objects on
 * the way. A request by hash (trusted documents) runs the trusted document's text; one the
 * pipeline's `queryText` refuses is answered here with that coded error.
 *
 * Anything else goes to yoga unchanged, and so do the requests the fast path would answer
 * differently from it: GraphiQL, other methods and content types,
 * streaming Accept types, bodies over the limit by their Content-Length, malformed JSON or
 * parameters, syntax and validation errors, unknown operations, subscriptions, mutations over
 * GET. Those requests are not executed before yoga sees them (a body already read is replayed,
 * with the state the `onRequest` hooks already made, so they never run twice for one request).
 * What the fast path does execute gets yoga's error masking (`maskError`) and, whenever there are
 * errors, yoga's own result processor for the status code and body. CORS, CSRF and the Host
 * allow-list are decided before either path sees a request (http/http-guard.ts). A body that is
 * not valid UTF-8 is refused (400); an answer larger than `maxResponseBytes` (or than V8 can make
 * a string of) is replaced by a RESPONSE_TOO_LARGE error, never left to crash the process.
 */
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ExecutionResult, GraphQLError } from 'graphql';
import { RequestCancellation } from '../juggler/connector/request-cancellation.js';
import { pairExactNumbers } from '../juggler/types/json-number.js';
import { withExactJson } from './exact-json-answers.js';
import { replayToYoga, sendFetchResponse } from './fetch-response.js';
import { type JsonMediaType, negotiateJsonMediaType } from './json-media-type.js';
import {
  correlatedMaskError,
  describeInternalError,
  type InternalErrorLog,
  lineInternalErrorLog,
} from './observability/internal-errors.js';
import type { GatewayRequest, RequestState } from './pipeline/gateway-hooks.js';
import { fromNodeRequest } from './pipeline/gateway-request.js';
import { isPromiseLike, type OperationOutcome } from './pipeline/operation-cache.js';
import { asGraphQLError } from './pipeline/request-errors.js';
import type { RequestPipeline } from './pipeline/request-pipeline.js';
import { BODY_TOO_LARGE, readRequestBody } from './read-request-body.js';
import { invalidUtf8, requestTooLarge } from './request-body-checks.js';
import { responseTooLarge, stringifyWithin } from './response-too-large.js';
import { handedOver } from './yoga-pipeline-plugin.js';
import type { LazyYoga } from './yoga-server.js';

/** Options of `createGraphQLFastPath`. */
export interface GraphQLFastPathOptions {
  /** The yoga server the other requests go to (imported on first use). */
  yoga: LazyYoga;
  /** The request pipeline (hooks, prepared operations, context, execution). */
  pipeline: RequestPipeline;
  maxRequestBodyBytes: number;
  /** Largest answer body in bytes; a larger one is replaced by a RESPONSE_TOO_LARGE error (default 256 MiB). */
  maxResponseBytes?: number;
  /** Development error details (`originalError` with its stack) in answers (default false). */
  errorDetails?: boolean;
  /** The GraphQL endpoint path (`/graphql`). */
  endpoint: string;
  /** Where notable events are reported (an answer refused for its size, a failure to answer). */
  log?: (line: string, level?: 'warn' | 'error') => void;
  /** Where masked internal errors are reported with their correlation id (default: `log`). */
  logError?: InternalErrorLog;
}

/** Handles one HTTP request for the GraphQL endpoint (fast, or through yoga). */
export type GraphQLRequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** How many GraphQL endpoint requests each path answered (for tests and diagnostics). */
export interface GraphQLRouteCounts {
  fast: number;
  yoga: number;
}

/** The GraphQL endpoint handler and its counters. */
export interface GraphQLFastPath {
  handle: GraphQLRequestHandler;
  counts: GraphQLRouteCounts;
}

/** The GraphQL over HTTP parameters of one request. */
interface GraphQLParams {
  query: string;
  operationName: string | null | undefined;
  variables: Record<string, unknown> | undefined;
}

/** What a refused request's report names of its parameters: the operation name and query sent. */
interface SentParams {
  query?: string | undefined;
  operationName?: string | null | undefined;
}

/** The operation name and query text of raw parameters, where they are strings. */
function sentOf(raw: unknown): { params: SentParams } | undefined {
  if (!isPlainObject(raw)) return undefined;
  const { query, operationName } = raw;
  return {
    params: {
      query: typeof query === 'string' ? query : undefined,
      operationName: typeof operationName === 'string' ? operationName : undefined,
    },
  };
}

const MASKED_MESSAGE = 'Unexpected error.';
const KNOWN_PARAMS = new Set(['query', 'variables', 'operationName', 'extensions']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The parameters when they are exactly what the fast path handles, with the query text the
 * pipeline's `queryText` gives (a trusted document's, for a request by hash), or the error refusing
 * the document; undefined leaves them to yoga's checks. `documentId` is a parameter only with
 * trusted documents on.
 */
function fastParams(raw: unknown, pipeline: RequestPipeline): GraphQLParams | GraphQLError | undefined {
  if (!isPlainObject(raw)) return undefined;
  const byId = pipeline.trustedDocuments !== undefined;
  for (const key in raw) {
    if (raw[key] != null && !KNOWN_PARAMS.has(key) && !(byId && key === 'documentId')) return undefined;
  }
  const { operationName, variables, extensions } = raw;
  if (operationName != null && typeof operationName !== 'string') return undefined;
  if (variables != null && !isPlainObject(variables)) return undefined;
  if (extensions != null && !isPlainObject(extensions)) return undefined;
  const query = pipeline.queryText({ query: raw.query, extensions, documentId: raw.documentId });
  if (query === undefined || typeof query !== 'string') return query;
  return { query, operationName, variables: variables ?? undefined };
}

const JSON_TYPE = 'application/json';

/** Whether the first media type of a Content-Type is `application/json` (parameters allowed), without splitting it. */
function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined || !contentType.startsWith(JSON_TYPE)) return false;
  const next = contentType.charAt(JSON_TYPE.length);
  return next === '' || next === ';' || next === ',';
}

function hasAsyncIterator(value: object): value is AsyncIterable<unknown> {
  return Symbol.asyncIterator in value;
}

/** How the fast path words and writes answers. */
interface AnswerOptions {
  yoga: LazyYoga;
  maxResponseBytes: number;
  errorDetails: boolean;
  log: ((line: string, level?: 'warn' | 'error') => void) | undefined;
  logError: InternalErrorLog;
}

/**
 * Writes an execution result as yoga would, with one stringify for the error-free case; resolves to
 * the errors the answer carried, as the client received them (internal ones masked, each with its
 * correlation id).
 */
async function sendResult(
  response: ServerResponse,
  result: ExecutionResult | AsyncIterable<ExecutionResult>,
  mediaType: JsonMediaType,
  answer: AnswerOptions,
): Promise<readonly GraphQLError[] | undefined> {
  if (!hasAsyncIterator(result) && !result.errors?.length && result.extensions === undefined) {
    const written = stringifyWithin(result, answer.maxResponseBytes);
    if (!written) {
      answer.log?.(
        `an answer was refused: larger than maxResponseBytes (${answer.maxResponseBytes} bytes)`,
        'warn',
      );
      return sendResult(response, { errors: [responseTooLarge(answer.maxResponseBytes)] }, mediaType, answer);
    }
    response.writeHead(200, {
      'content-type': `${mediaType}; charset=utf-8`,
      'content-length': written.bytes,
    });
    response.end(written.text);
    return undefined;
  }
  // The client hung up (its request was cancelled): nobody reads an answer, none is worded.
  if (response.destroyed) return hasAsyncIterator(result) ? undefined : result.errors;
  // Results with errors (and streams) are rare: yoga words them, loaded on first need.
  const [{ maskError, processRegularResult }, { fetchAPI }] = await Promise.all([
    import('graphql-yoga'),
    answer.yoga(),
  ]);
  const correlated = correlatedMaskError(maskError, answer.logError);
  const mask = (error: GraphQLError): GraphQLError =>
    correlated(error, MASKED_MESSAGE, answer.errorDetails) as GraphQLError;
  const masked = hasAsyncIterator(result) ? result : { ...result, errors: result.errors?.map(mask) };
  let processed: Response;
  let sent = hasAsyncIterator(masked) ? undefined : masked.errors;
  try {
    // biome-ignore lint/suspicious/noExplicitAny: yoga's processor takes its own wide result union.
    processed = await processRegularResult(withExactJson(masked) as any, fetchAPI, mediaType);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    answer.log?.('an answer with errors was refused: larger than V8 can hold in one string', 'warn');
    const tooLarge = { errors: [responseTooLarge(answer.maxResponseBytes)] };
    sent = tooLarge.errors;
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    processed = await processRegularResult(tooLarge as any, fetchAPI, mediaType);
  }
  await sendFetchResponse(response, processed);
  return sent;
}

/** The response's request cancellation, read by `cancelIfUnanswered` (one listener per request, no closure). */
const CANCELLATION = Symbol('discograph.cancellation');

type CancellableResponse = ServerResponse & { [CANCELLATION]?: RequestCancellation };

/** A response closed before its answer was written: the client is gone, its request is cancelled. */
function cancelIfUnanswered(this: CancellableResponse): void {
  if (!this.writableFinished) this[CANCELLATION]?.cancel();
}

/**
 * A cancellation for the request `response` answers, cancelled when the response closes before
 * its answer is written (the client disconnected).
 */
function cancelOnClose(response: ServerResponse): RequestCancellation {
  const cancellation = new RequestCancellation();
  (response as CancellableResponse)[CANCELLATION] = cancellation;
  response.on('close', cancelIfUnanswered);
  return cancellation;
}

/** Hands `request` to yoga (loading it first if needed); a failed load drops the connection. */
export function answerWithYoga(yoga: LazyYoga, request: IncomingMessage, response: ServerResponse): void {
  yoga().then(
    (server) => server.requestListener(request, response),
    (error: unknown) => response.destroy(error instanceof Error ? error : undefined),
  );
}

/** Creates the handler of the GraphQL endpoint: the fast path, falling back to `yoga.requestListener`. */
export function createGraphQLFastPath(options: GraphQLFastPathOptions): GraphQLFastPath {
  const { yoga, pipeline, endpoint } = options;
  const limit = options.maxRequestBodyBytes;
  const answer: AnswerOptions = {
    yoga,
    maxResponseBytes: options.maxResponseBytes ?? 256 * 1024 * 1024,
    errorDetails: options.errorDetails ?? false,
    log: options.log,
    logError: options.logError ?? lineInternalErrorLog(options.log),
  };
  const counts: GraphQLRouteCounts = { fast: 0, yoga: 0 };
  const toYoga: GraphQLRequestHandler = (request, response) => {
    counts.yoga += 1;
    answerWithYoga(yoga, request, response);
  };

  /**
   * Answers `error`; resolves once the answer is written (or the connection dropped) to the errors
   * the client received (`error` masked when internal, with its correlation id).
   */
  const fail = (
    response: ServerResponse,
    mediaType: JsonMediaType,
    error: unknown,
  ): Promise<readonly GraphQLError[]> => {
    const failure = asGraphQLError(error);
    if (response.headersSent) {
      response.destroy(error instanceof Error ? error : undefined);
      return Promise.resolve([failure]);
    }
    return sendResult(response, { errors: [failure] }, mediaType, answer).then(
      (sent) => sent ?? [failure],
      (cause: unknown) => {
        answer.log?.(describeInternalError(cause), 'error');
        response.destroy();
        return [failure];
      },
    );
  };

  /**
   * Answers a request refused before any operation ran (its body, its parameters, an `onRequest`
   * hook, or its context failing: `sent.state` is then the state `begin` made) with `error`, and
   * reports it to the pipeline's `onRefused` hooks once answered, with the status and the errors
   * sent (an internal one masked, with the correlation id the client received).
   */
  const refuse = (
    request: IncomingMessage,
    response: ServerResponse,
    mediaType: JsonMediaType,
    error: unknown,
    sent?: { params?: SentParams; request?: GatewayRequest; state?: RequestState },
  ): void => {
    counts.fast += 1;
    const answered = fail(response, mediaType, error);
    if (!pipeline.reportsRefusals) return;
    void answered.then((errors) =>
      pipeline.refused({
        request: sent?.request ?? fromNodeRequest(request),
        operationName: sent?.params?.operationName ?? undefined,
        query: sent?.params?.query,
        errors,
        status: response.statusCode,
        ...(sent?.state ? { state: sent.state } : {}),
      }),
    );
  };

  /** Hands a request the pipeline began (its `onRequest` hooks ran) to yoga, with its state. */
  const handOver = (
    begun: { request: GatewayRequest; state: RequestState },
    request: IncomingMessage,
    response: ServerResponse,
    mediaType: JsonMediaType,
    body: Buffer | undefined,
  ) => {
    handedOver.set(request, begun);
    if (!body) return toYoga(request, response);
    counts.yoga += 1;
    yoga()
      .then((server) => replayToYoga(server, request, response, body))
      .catch((error: unknown) => fail(response, mediaType, error));
  };

  /** Runs the pipeline after `begin`: prepare, context, execute; or hands the request to yoga. */
  const run = (
    params: GraphQLParams,
    begun: { request: GatewayRequest; state: RequestState },
    request: IncomingMessage,
    response: ServerResponse,
    mediaType: JsonMediaType,
    body: Buffer | undefined,
  ): void => {
    const prepared = pipeline.prepare(params.query, params.operationName, begun.state);
    const answeredByYoga =
      typeof prepared === 'string' ||
      prepared.kind === 'subscription' ||
      (prepared.kind === 'mutation' && begun.request.method !== 'POST');
    if (answeredByYoga) {
      handOver(begun, request, response, mediaType, body);
      return;
    }
    const operation = prepared;
    // Function declarations, not named arrows: see "Closures made per request" in
    // scripts/bundle-cli.mjs. Counted here, or by `refuse` when the context fails.
    function send(context: Record<string, unknown>): void {
      counts.fast += 1;
      const outcome: OperationOutcome = pipeline.execute(
        operation,
        context,
        params.variables,
        begun.request,
        begun.state,
      );
      if (isPromiseLike(outcome)) {
        outcome.then(
          (result) => sendResult(response, result, mediaType, answer),
          (error: unknown) => fail(response, mediaType, error),
        );
      } else {
        void sendResult(response, outcome, mediaType, answer).catch((error: unknown) =>
          fail(response, mediaType, error),
        );
      }
    }
    // A context that fails (an onContext hook, say) leaves the operation unrun: a refusal.
    function contextFailed(error: unknown): void {
      refuse(request, response, mediaType, error, { params, request: begun.request, state: begun.state });
    }
    try {
      const context = pipeline.createContext(begun.request, begun.state);
      if (isPromiseLike(context)) {
        context.then(send, contextFailed);
      } else {
        send(context);
      }
    } catch (error) {
      contextFailed(error);
    }
  };

  /** Runs the pipeline for `params`, from `begin` (the `onRequest` hooks) on. */
  const execute = (
    params: GraphQLParams,
    request: IncomingMessage,
    response: ServerResponse,
    mediaType: JsonMediaType,
    body?: Buffer,
  ): void => {
    const gatewayRequest = fromNodeRequest(request);
    const cancellation = cancelOnClose(response);
    let state: RequestState | Promise<RequestState>;
    try {
      state = pipeline.begin(gatewayRequest, cancellation);
    } catch (error) {
      refuse(request, response, mediaType, error, { params, request: gatewayRequest });
      return;
    }
    if (isPromiseLike<RequestState>(state)) {
      state.then(
        (settled) =>
          run(params, { request: gatewayRequest, state: settled }, request, response, mediaType, body),
        (error: unknown) => refuse(request, response, mediaType, error, { params, request: gatewayRequest }),
      );
    } else {
      run(params, { request: gatewayRequest, state }, request, response, mediaType, body);
    }
  };

  const handlePost = (request: IncomingMessage, response: ServerResponse, mediaType: JsonMediaType) => {
    readRequestBody(request, limit).then(
      (body) => {
        if (body === BODY_TOO_LARGE) return refuse(request, response, mediaType, requestTooLarge(limit));
        if (!isUtf8(body)) return refuse(request, response, mediaType, invalidUtf8());
        let raw: unknown;
        try {
          const text = body.toString('utf8');
          raw = pairExactNumbers(JSON.parse(text), text);
        } catch {
          raw = undefined;
        }
        const params = raw === undefined ? undefined : fastParams(raw, pipeline);
        if (params instanceof GraphQLError) return refuse(request, response, mediaType, params, sentOf(raw));
        if (params) return execute(params, request, response, mediaType, body);
        counts.yoga += 1;
        yoga()
          .then((server) => replayToYoga(server, request, response, body))
          .catch((error: unknown) => fail(response, mediaType, error));
      },
      (error: unknown) => response.destroy(error instanceof Error ? error : undefined),
    );
  };

  const handleGet = (
    request: IncomingMessage,
    response: ServerResponse,
    mediaType: JsonMediaType,
    url: string,
  ) => {
    const search = new URLSearchParams(url.slice(url.indexOf('?') + 1));
    let raw: Record<string, unknown>;
    try {
      const variables = search.get('variables');
      const extensions = search.get('extensions');
      raw = {
        query: search.get('query') || undefined,
        operationName: search.get('operationName') || undefined,
        variables: variables ? pairExactNumbers(JSON.parse(variables), variables) : undefined,
        extensions: extensions ? JSON.parse(extensions) : undefined,
        ...(pipeline.trustedDocuments ? { documentId: search.get('documentId') || undefined } : {}),
      };
    } catch {
      return toYoga(request, response);
    }
    const params = fastParams(raw, pipeline);
    if (params instanceof GraphQLError) return refuse(request, response, mediaType, params, sentOf(raw));
    if (!params) return toYoga(request, response);
    execute(params, request, response, mediaType);
  };

  const handle: GraphQLRequestHandler = (request, response) => {
    const { headers, method } = request;
    const url = request.url ?? '/';
    const mediaType = negotiateJsonMediaType(headers.accept);
    if (mediaType === undefined) return toYoga(request, response);
    if (method === 'POST' && url === endpoint && isJsonContentType(headers['content-type'])) {
      const declared = headers['content-length'];
      if (declared === undefined ? headers['transfer-encoding'] === undefined : !/^\d+$/.test(declared))
        return toYoga(request, response);
      if (declared !== undefined && Number(declared) > limit) return toYoga(request, response);
      return handlePost(request, response, mediaType);
    }
    if (method === 'GET' && url.startsWith(`${endpoint}?`) && !headers.accept?.includes('text/html')) {
      return handleGet(request, response, mediaType, url);
    }
    toYoga(request, response);
  };
  return { handle, counts };
}
